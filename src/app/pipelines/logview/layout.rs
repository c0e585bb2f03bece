//! How much log fits: shared by `update` (paging, keeping the cursor in view) and the drawing,
//! so both agree on every row.

use super::LogViewer;
use crate::app::state::State;
use unicode_width::UnicodeWidthChar;

/// Cells before a line's text: an error or warning mark and a space.
pub const GUTTER: usize = 2;
/// "09:00:01 " when timestamps are on.
pub const STAMP: usize = 9;
/// The app's header, status bar and footer around every screen.
const CHROME: u16 = 3;

/// The log's text area: cells per row for a line's text, and rows for lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub cols: usize,
    pub rows: usize,
}

impl Page {
    /// The page inside a viewer body of `width` x `height` cells (its title line, the dropped
    /// lines note and the search line taken off).
    pub fn inside(width: u16, height: u16, viewer: &LogViewer) -> Page {
        let extra =
            1 + u16::from(viewer.buffer.dropped() > 0) + u16::from(viewer.has_search_line());
        let stamp = if viewer.timestamps { STAMP } else { 0 };
        Page {
            cols: usize::from(width).saturating_sub(GUTTER + stamp).max(1),
            rows: usize::from(height.saturating_sub(extra)).max(1),
        }
    }

    /// The page at the terminal size the state knows.
    pub fn of(state: &State, viewer: &LogViewer) -> Page {
        Page::at(state.viewport, state.banner.is_some(), viewer)
    }

    /// The page on a terminal of `(width, height)`, with or without the demo banner.
    pub fn at((width, height): (u16, u16), banner: bool, viewer: &LogViewer) -> Page {
        let chrome = CHROME + u16::from(banner);
        Page::inside(width, height.saturating_sub(chrome), viewer)
    }

    /// Rows a line of `text` takes: one without wrap, else cut into rows of `cols` cells.
    pub fn rows_for(self, text: &str, wrap: bool) -> usize {
        if wrap { rows_of(text, self.cols) } else { 1 }
    }
}

/// Rows `text` takes when cut every `cols` cells; a wide character that does not fit at the
/// end of a row starts the next. ASCII, the common case, is a division.
pub fn rows_of(text: &str, cols: usize) -> usize {
    let cols = cols.max(1);
    if text.is_ascii() {
        return text.len().div_ceil(cols).max(1);
    }
    let (mut rows, mut used) = (1, 0);
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cols {
            rows += 1;
            used = 0;
        }
        used += w;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::rows_of;

    #[test]
    fn rows_count_cells_and_never_split_a_wide_character() {
        assert_eq!(rows_of("", 10), 1);
        assert_eq!(rows_of("abcdefghij", 10), 1);
        assert_eq!(rows_of("abcdefghijk", 10), 2);
        // Five 2-cell characters in 9 columns: four fit, the fifth starts row two.
        assert_eq!(rows_of("修复登录重", 9), 2);
        assert_eq!(rows_of("修复登录", 8), 1);
        // Zero-width marks take no room.
        assert_eq!(rows_of("e\u{301}e\u{301}", 2), 1);
    }
}
