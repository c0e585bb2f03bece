//! New bytes of the log: parsed into the buffer, then only the new lines are learnt by the
//! folds and the search, and positions on dropped lines move to the oldest line left. The work
//! is proportional to the bytes, never to the log.

use super::LogViewer;
use crate::logs::BufferMark;

impl LogViewer {
    pub fn push_bytes(&mut self, bytes: &[u8]) {
        let since = (self.buffer.mark(), self.buffer.total());
        self.buffer.push_bytes(bytes);
        self.learn(since);
    }

    /// The job ended: a last line without a newline becomes a line.
    pub fn finish(&mut self) {
        let since = (self.buffer.mark(), self.buffer.total());
        self.buffer.finish();
        self.learn(since);
    }

    /// Teaches the folds and the search the lines completed since the buffer stood at
    /// `since` (its mark and its total then).
    fn learn(&mut self, (mark, total): (BufferMark, u64)) {
        let first = self.buffer.first_number();
        let fresh = (total + 1).max(first)..=self.buffer.total();
        for number in fresh {
            let index = usize::try_from(number - first).unwrap_or(usize::MAX);
            if let Some(line) = self.buffer.get(index) {
                self.groups.ingest(line);
            }
        }
        if let Some(search) = self.search.as_mut() {
            search.catch_up(&self.buffer, mark);
        }
        if self.buffer.dropped() > 0 {
            self.evict();
        }
    }

    /// Forgets what referred to dropped lines.
    fn evict(&mut self) {
        let first = self.buffer.first_number();
        self.groups.evict(first);
        if let Some(search) = self.search.as_mut() {
            search.evict(first);
        }
        if !self.follow && (self.top < first || self.cursor < first) {
            let entries = self.entries();
            let oldest = entries.first();
            let (top, cursor) = (self.top, self.cursor);
            self.top = if top < first {
                oldest.unwrap_or(first)
            } else {
                top
            };
            self.cursor = if cursor < first {
                oldest.unwrap_or(first)
            } else {
                cursor
            };
        }
    }
}
