//! One log entry on screen: the gutter (cursor or error mark), the timestamp when shown, then
//! the text with the log's own colours, search matches over them, wrapped or cut.

use super::colour::style_of;
use crate::app::pipelines::logview::{GUTTER, LogViewer, Page, STAMP};
use crate::logs::{LineKind, LogLine, match_ranges};
use crate::ui::text::put;
use crate::ui::{Ctx, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// Where an entry goes: its first row, the rows left, rows of it scrolled off the top, and
/// whether it is the cursor's.
pub struct Row {
    pub x: u16,
    pub y: u16,
    pub rows: usize,
    pub skip: usize,
    pub cursor: bool,
}

/// What every entry of one frame is drawn with.
pub struct Look<'a> {
    theme: &'a Theme,
    /// The theme has colours; without them (NO_COLOR) the log's colours are dropped too.
    colour: bool,
    wrap: bool,
    timestamps: bool,
    needle: Option<&'a str>,
    current: Option<u64>,
    width: u16,
}

impl<'a> Look<'a> {
    pub fn new(viewer: &'a LogViewer, ctx: &'a Ctx) -> Self {
        Self {
            theme: ctx.theme,
            colour: ctx.theme.has_colour(),
            wrap: viewer.wrap,
            timestamps: viewer.timestamps,
            needle: viewer.search.as_ref().map(|s| s.needle.as_str()),
            current: viewer.search.as_ref().and_then(|s| s.current),
            width: ctx.state.viewport.0,
        }
    }

    /// The text's first column.
    fn text_x(&self, x: u16) -> u16 {
        x + (GUTTER + if self.timestamps { STAMP } else { 0 }) as u16
    }

    /// Cursor background and mark, error mark, timestamp: what precedes the text.
    fn lead(&self, buf: &mut Buffer, row: &Row, line: &LogLine, height: usize) {
        let theme = self.theme;
        if row.cursor {
            let width = buf.area.right().saturating_sub(row.x).min(self.width);
            let rows = height.min(row.rows) as u16;
            buf.set_style(Rect::new(row.x, row.y, width, rows), theme.log_cursor);
        }
        if row.skip > 0 {
            return;
        }
        let (mark, style) = match line.kind {
            _ if row.cursor => ("▸", theme.border_focus),
            LineKind::Error => ("✖", theme.error),
            LineKind::Warning => ("▲", theme.warning),
            _ => ("", theme.text),
        };
        put(buf, row.x, row.y, mark, 1, style);
        if let (true, Some(at)) = (self.timestamps, line.timestamp) {
            let stamp = at.format("%H:%M:%S").to_string();
            put(
                buf,
                row.x + GUTTER as u16,
                row.y,
                &stamp,
                STAMP - 1,
                theme.muted,
            );
        }
    }

    /// A folded group: `▸ title (N lines)` on one row.
    pub fn fold(
        &self,
        buf: &mut Buffer,
        row: Row,
        line: &LogLine,
        lines: u64,
        page: Page,
    ) -> usize {
        self.lead(buf, &row, line, 1);
        let x = self.text_x(row.x);
        let title = title(line);
        let count = format!(" ({lines} {})", if lines == 1 { "line" } else { "lines" });
        let used = put(
            buf,
            x,
            row.y,
            &format!("▸ {title}"),
            page.cols,
            self.theme.title,
        );
        put(
            buf,
            x + used,
            row.y,
            &count,
            page.cols.saturating_sub(usize::from(used)),
            self.theme.muted,
        );
        1
    }

    /// A line, wrapped or cut; returns the rows it took.
    pub fn line(&self, buf: &mut Buffer, row: Row, line: &LogLine, page: Page) -> usize {
        if let LineKind::GroupStart { .. } = line.kind {
            self.lead(buf, &row, line, 1);
            let header = format!("▾ {}", title(line));
            put(
                buf,
                self.text_x(row.x),
                row.y,
                &header,
                page.cols,
                self.theme.title,
            );
            return 1;
        }
        let height = page.rows_for(&line.text, self.wrap);
        self.lead(buf, &row, line, height);
        let matches = self
            .needle
            .map(|n| match_ranges(&line.text, n))
            .unwrap_or_default();
        let hit = if self.current == Some(line.number) {
            self.theme.search_current
        } else {
            self.theme.search_match
        };
        let base = self.theme.text;
        let x0 = self.text_x(row.x);
        let (mut col, mut r) = (0usize, 0usize);
        let (mut run, mut found) = (0, 0);
        let mut symbol = [0u8; 4];
        for (i, c) in line.text.char_indices() {
            let w = c.width().unwrap_or(0);
            if w == 0 {
                continue;
            }
            if col + w > page.cols {
                if !self.wrap {
                    let x = x0 + page.cols.saturating_sub(1) as u16;
                    put(buf, x, row.y, "…", 1, self.theme.muted);
                    break;
                }
                r += 1;
                col = 0;
            }
            if r >= row.skip + row.rows {
                break;
            }
            if r >= row.skip {
                while line.runs.get(run).is_some_and(|s| s.end as usize <= i) {
                    run += 1;
                }
                while matches.get(found).is_some_and(|m| m.1 <= i) {
                    found += 1;
                }
                let mut style = base;
                if let Some(s) = line.runs.get(run).filter(|s| s.start as usize <= i) {
                    style = style.patch(style_of(&s.style, self.colour));
                }
                if matches.get(found).is_some_and(|m| m.0 <= i) {
                    style = style.patch(hit);
                }
                let (x, y) = (x0 + col as u16, row.y + (r - row.skip) as u16);
                set(buf, x, y, c.encode_utf8(&mut symbol), w, style);
            }
            col += w;
        }
        height.saturating_sub(row.skip).min(row.rows)
    }
}

/// A cell, and the cell a wide character covers, as ratatui's own strings do it.
fn set(buf: &mut Buffer, x: u16, y: u16, symbol: &str, width: usize, style: Style) {
    let area = buf.area;
    if x >= area.right() || y >= area.bottom() {
        return;
    }
    buf[(x, y)].set_symbol(symbol).set_style(style);
    if width == 2 && x + 1 < area.right() {
        buf[(x + 1, y)].reset();
    }
}

/// A group's title: from its marker, else its text.
fn title(line: &LogLine) -> &str {
    match &line.kind {
        LineKind::GroupStart { title } if !title.is_empty() => title,
        _ => &line.text,
    }
}
