//! `##[group]` … `##[endgroup]` spans, learnt line by line as the log arrives, so folding is
//! a map lookup when drawing instead of a scan of the log.

use crate::logs::{LineKind, LogLine};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The last line of the group (its `##[endgroup]` when it has one); None while open.
    pub end: Option<u64>,
    /// The group closed on an `##[endgroup]` line (rather than at the next group).
    pub marker: bool,
    /// The user folded (false) or unfolded (true) it; None follows the default.
    pub choice: Option<bool>,
}

impl Span {
    /// A group still being written is shown unfolded, so following a job shows its running
    /// step; a finished group folds unless the user unfolded it.
    pub fn folded(&self) -> bool {
        !self.choice.unwrap_or(self.end.is_none())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    /// By the number of the group's first line.
    spans: BTreeMap<u64, Span>,
    open: Option<u64>,
}

impl Groups {
    /// Learns from one new line. Groups do not nest in CI logs: a new group closes the open
    /// one at the line before it.
    pub fn ingest(&mut self, line: &LogLine) {
        let n = line.number;
        match line.kind {
            LineKind::GroupStart { .. } => {
                self.close(n.saturating_sub(1), false);
                self.spans.insert(
                    n,
                    Span {
                        end: None,
                        marker: false,
                        choice: None,
                    },
                );
                self.open = Some(n);
            }
            LineKind::GroupEnd => self.close(n, true),
            _ => {}
        }
    }

    fn close(&mut self, end: u64, marker: bool) {
        if let Some(span) = self.open.take().and_then(|s| self.spans.get_mut(&s)) {
            span.end = Some(end);
            span.marker = marker;
        }
    }

    /// Forgets groups whose first line was dropped: their lines show unfolded.
    pub fn evict(&mut self, first: u64) {
        self.spans = self.spans.split_off(&first);
        if self.open.is_some_and(|s| s < first) {
            self.open = None;
        }
    }

    pub fn get(&self, start: u64) -> Option<&Span> {
        self.spans.get(&start)
    }

    /// The group `n` belongs to (its first line, its span).
    pub fn containing(&self, n: u64) -> Option<(u64, &Span)> {
        let (&start, span) = self.spans.range(..=n).next_back()?;
        span.end.is_none_or(|end| n <= end).then_some((start, span))
    }

    /// The folded group hiding line `n`, if any (a folded group's first line is its summary,
    /// so it counts as hidden here too).
    pub fn folded_at(&self, n: u64) -> Option<u64> {
        self.containing(n)
            .filter(|(_, span)| span.folded())
            .map(|(start, _)| start)
    }

    /// Lines inside a group, its marker lines left out; `last` is the log's last line number.
    pub fn inner_lines(&self, start: u64, last: u64) -> u64 {
        match self.spans.get(&start) {
            Some(Span {
                end: Some(end),
                marker,
                ..
            }) => (end - start).saturating_sub(u64::from(*marker)),
            Some(Span { end: None, .. }) => last.saturating_sub(start),
            None => 0,
        }
    }

    /// Folds or unfolds the group starting at `start`; false when there is none.
    pub fn toggle(&mut self, start: u64) -> bool {
        match self.spans.get_mut(&start) {
            Some(span) => {
                span.choice = Some(span.folded());
                true
            }
            None => false,
        }
    }

    /// Unfolds the group hiding `n` (a search match or an error inside it).
    pub fn reveal(&mut self, n: u64) {
        if let Some(start) = self.folded_at(n).filter(|&s| s != n)
            && let Some(span) = self.spans.get_mut(&start)
        {
            span.choice = Some(true);
        }
    }
}
