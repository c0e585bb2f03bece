//! New bytes of the log: parsed into the buffer, then only the new lines are learnt by the
//! folds and the search, and positions on dropped lines move to the oldest line left. The work
//! is proportional to the bytes, never to the log.

use super::LogViewer;

impl LogViewer {
    pub fn push_bytes(&mut self, bytes: &[u8]) {
        let before = self.buffer.total();
        self.buffer.push_bytes(bytes);
        self.learn(before);
    }

    /// The job ended: a last line without a newline becomes a line.
    pub fn finish(&mut self) {
        let before = self.buffer.total();
        self.buffer.finish();
        self.learn(before);
    }

    /// Teaches the folds and the search the lines pushed since `total` was `before`.
    fn learn(&mut self, before: u64) {
        let added = self.buffer.total().saturating_sub(before);
        let held = self.buffer.len();
        let fresh = usize::try_from(added).map_or(held, |a| a.min(held));
        for index in held - fresh..held {
            let Some(line) = self.buffer.get(index) else {
                continue;
            };
            self.groups.ingest(line);
            if let Some(search) = self.search.as_mut() {
                search.ingest(line);
            }
        }
        if self.buffer.dropped() > 0 {
            self.evict();
        }
    }

    /// Forgets what referred to dropped lines.
    fn evict(&mut self) {
        let Some(first) = self.buffer.get(0).map(|l| l.number) else {
            return;
        };
        self.groups.evict(first);
        if let Some(search) = self.search.as_mut() {
            search.evict(first);
        }
        if !self.follow && (self.top < first || self.cursor < first) {
            let entries = self.entries();
            let oldest = entries.first();
            let (top, cursor) = (self.top, self.cursor);
            self.top = if top < first { oldest.unwrap_or(first) } else { top };
            self.cursor = if cursor < first { oldest.unwrap_or(first) } else { cursor };
        }
    }
}
