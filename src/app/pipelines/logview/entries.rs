//! What the viewer shows, one entry at a time: a log line, or a folded group as one line; in
//! filter mode only matching lines. Every step is a lookup near the entry it starts from, so
//! drawing a window never walks the whole log.

use super::groups::Groups;
use super::search::SearchState;
use crate::logs::{LineKind, LogBuffer, LogLine};

/// An entry is named by the number of its line (a folded group by its first line's).
pub enum Entry<'a> {
    Line(&'a LogLine),
    /// A folded group: its first line and how many lines it hides.
    Fold {
        line: &'a LogLine,
        lines: u64,
    },
}

pub struct Entries<'a> {
    buffer: &'a LogBuffer,
    groups: &'a Groups,
    /// Filter mode: only these lines, unfolded.
    only: Option<&'a SearchState>,
}

impl<'a> Entries<'a> {
    pub fn new(buffer: &'a LogBuffer, groups: &'a Groups, only: Option<&'a SearchState>) -> Self {
        Self {
            buffer,
            groups,
            only,
        }
    }

    /// The line with absolute number `n`, while it is held.
    pub fn line(&self, n: u64) -> Option<&'a LogLine> {
        let first = self.buffer.get(0)?.number;
        let index = usize::try_from(n.checked_sub(first)?).ok()?;
        self.buffer.get(index)
    }

    fn bounds(&self) -> Option<(u64, u64)> {
        let first = self.buffer.get(0)?.number;
        let last = self.buffer.get(self.buffer.len().checked_sub(1)?)?.number;
        Some((first, last))
    }

    /// The entry showing line `n`: itself, its folded group, or None for a hidden
    /// `##[endgroup]`.
    fn shown_as(&self, n: u64) -> Option<u64> {
        if let Some(start) = self.groups.folded_at(n) {
            return Some(start);
        }
        let line = self.line(n)?;
        (!matches!(line.kind, LineKind::GroupEnd)).then_some(n)
    }

    fn seek_forward(&self, from: u64) -> Option<u64> {
        if let Some(search) = self.only {
            return search.at_or_after(from);
        }
        let (first, last) = self.bounds()?;
        (from.max(first)..=last).find_map(|n| self.shown_as(n))
    }

    fn seek_back(&self, from: u64) -> Option<u64> {
        if let Some(search) = self.only {
            return search.at_or_before(from);
        }
        let (first, last) = self.bounds()?;
        if from < first {
            return None;
        }
        (first..=from.min(last))
            .rev()
            .find_map(|n| self.shown_as(n))
    }

    pub fn first(&self) -> Option<u64> {
        self.seek_forward(0)
    }

    pub fn last(&self) -> Option<u64> {
        self.seek_back(u64::MAX)
    }

    pub fn next(&self, entry: u64) -> Option<u64> {
        let after = match self.fold_end(entry) {
            Some(end) => end?,
            None => entry,
        };
        self.seek_forward(after.checked_add(1)?)
    }

    pub fn prev(&self, entry: u64) -> Option<u64> {
        self.seek_back(entry.checked_sub(1)?)
    }

    /// The entry showing line `n`, else the nearest one after it, else before it.
    pub fn canonical(&self, n: u64) -> Option<u64> {
        let shown = if self.only.is_some() {
            None
        } else {
            self.line(n).and_then(|_| self.shown_as(n))
        };
        shown
            .or_else(|| self.seek_forward(n))
            .or_else(|| self.seek_back(n))
    }

    /// For a folded group: Some(its last line), Some(None) while it is still open.
    fn fold_end(&self, entry: u64) -> Option<Option<u64>> {
        if self.only.is_some() {
            return None;
        }
        let span = self.groups.get(entry).filter(|s| s.folded())?;
        Some(span.end)
    }

    pub fn entry(&self, entry: u64) -> Option<Entry<'a>> {
        let line = self.line(entry)?;
        if self.fold_end(entry).is_some() {
            let last = self.bounds().map_or(entry, |(_, last)| last);
            let lines = self.groups.inner_lines(entry, last);
            return Some(Entry::Fold { line, lines });
        }
        Some(Entry::Line(line))
    }
}
