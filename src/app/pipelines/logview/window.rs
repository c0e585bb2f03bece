//! Which entries are on screen: the end while following, else from `top` with the cursor kept
//! in view. Only the entries of one page are looked at.

use super::entries::{Entries, Entry};
use super::{LogViewer, Page};
use crate::logs::LineKind;

/// Draw from entry `top`, leaving out the first `skip` rows of it (a line taller than the
/// page shows its end while following); `partial` rows of the line being written go last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub top: Option<u64>,
    pub skip: usize,
    pub partial: usize,
}

impl LogViewer {
    /// Rows an entry takes: group headers and folds one, lines as wrapped.
    pub fn height(&self, entries: &Entries, entry: u64, page: Page) -> usize {
        match entries.entry(entry) {
            Some(Entry::Line(line)) if !matches!(line.kind, LineKind::GroupStart { .. }) => {
                page.rows_for(&line.text, self.wrap)
            }
            _ => 1,
        }
    }

    pub fn window(&self, page: Page) -> Window {
        let entries = self.entries();
        if self.follow {
            let partial = self
                .partial_shown()
                .map_or(0, |p| page.rows_for(&p.text, self.wrap).min(page.rows));
            let room = page.rows - partial;
            let (top, skip) = match entries.last().filter(|_| room > 0) {
                Some(last) => self.ending_at(&entries, last, Page { rows: room, ..page }, true),
                None => (None, 0),
            };
            return Window { top, skip, partial };
        }
        let (top, cursor) = (entries.canonical(self.top), entries.canonical(self.cursor));
        let top = match (top, cursor) {
            (Some(top), Some(cursor)) if cursor < top => Some(cursor),
            (Some(top), Some(cursor)) if !self.fits(&entries, top, cursor, page) => {
                self.ending_at(&entries, cursor, page, false).0
            }
            (top, cursor) => top.or(cursor),
        };
        // Never scrolled past the end: the last page is full when the log is long enough.
        let last_page = entries
            .last()
            .and_then(|last| self.ending_at(&entries, last, page, false).0);
        let top = match (top, last_page) {
            (Some(top), Some(floor)) if floor < top => Some(floor),
            (top, _) => top,
        };
        Window {
            top,
            skip: 0,
            partial: 0,
        }
    }

    /// The top of a page whose last entry is `last`. An entry taller than the page shows its
    /// end when `tail` (following), else its start.
    fn ending_at(
        &self,
        entries: &Entries,
        last: u64,
        page: Page,
        tail: bool,
    ) -> (Option<u64>, usize) {
        let rows = page.rows;
        let mut used = self.height(entries, last, page);
        if used >= rows {
            let skip = if tail { used - rows } else { 0 };
            return (Some(last), skip);
        }
        let mut top = last;
        while let Some(prev) = entries.prev(top) {
            let h = self.height(entries, prev, page);
            if used + h > rows {
                break;
            }
            used += h;
            top = prev;
        }
        (Some(top), 0)
    }

    /// Entries `top` through `cursor` fit on one page.
    fn fits(&self, entries: &Entries, top: u64, cursor: u64, page: Page) -> bool {
        let mut used = 0;
        let mut at = Some(top);
        while let Some(e) = at {
            used += self.height(entries, e, page);
            if used > page.rows {
                return false;
            }
            if e >= cursor {
                return true;
            }
            at = entries.next(e);
        }
        true
    }
}
