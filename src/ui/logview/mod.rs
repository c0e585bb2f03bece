//! The log viewer: a title line (run, job, follow state, toggles), a note when old lines were
//! dropped, the log window, and the search line. Only the entries of the window are read, so a
//! frame costs the same for a hundred lines as for a million.

mod bars;
mod colour;
mod line;
mod waiting;

use crate::app::pipelines::logview::{Entry, LogViewer, Page};
use crate::domain::pipeline::TailState;
use crate::ui::Ctx;
use crate::ui::text::put;
use line::{Look, Row};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, viewer: &LogViewer, ctx: &Ctx) {
    if area.height < 2 || area.width < 4 {
        return;
    }
    let page = Page::inside(area.width, area.height, viewer);
    let mut top = area.y;
    bars::title(buf, Rect { height: 1, ..area }, viewer, ctx);
    top += 1;
    if viewer.buffer.dropped() > 0 {
        bars::dropped(buf, Rect::new(area.x, top, area.width, 1), viewer, ctx);
        top += 1;
    }
    let window_area = Rect::new(area.x, top, area.width, page.rows as u16);
    if viewer.has_search_line() {
        bars::search(
            buf,
            Rect::new(area.x, window_area.bottom(), area.width, 1),
            viewer,
            ctx,
        );
    }
    window(buf, window_area, viewer, page, ctx);
}

fn window(buf: &mut Buffer, area: Rect, viewer: &LogViewer, page: Page, ctx: &Ctx) {
    let look = Look::new(viewer, ctx);
    let entries = viewer.entries();
    let window = viewer.window(page);
    let cursor = entries.canonical(viewer.cursor).filter(|_| !viewer.follow);
    let mut y = area.y;
    let mut skip = window.skip;
    let mut at = window.top;
    let bottom = area.bottom().saturating_sub(window.partial as u16);
    while let (Some(e), true) = (at, y < bottom) {
        let Some(entry) = entries.entry(e) else { break };
        let row = Row {
            x: area.x,
            y,
            rows: usize::from(bottom - y),
            skip,
            cursor: cursor == Some(e),
        };
        y += match entry {
            Entry::Line(line) => look.line(buf, row, line, page) as u16,
            Entry::Fold { line, lines } => look.fold(buf, row, line, lines, page) as u16,
        };
        skip = 0;
        at = entries.next(e);
    }
    if let Some(partial) = viewer.partial_shown().filter(|_| window.partial > 0) {
        let row = Row {
            x: area.x,
            y: bottom,
            rows: window.partial,
            skip: 0,
            cursor: false,
        };
        look.line(buf, row, partial, page);
    } else if let (None, Some(TailState::Waiting { note })) = (window.top, &viewer.tail) {
        waiting::draw(buf, area, viewer, note, ctx);
    } else if window.top.is_none() {
        put(
            buf,
            area.x + 2,
            area.y,
            &empty(viewer),
            page.cols,
            ctx.theme.muted,
        );
    }
}

/// What an empty window says.
fn empty(viewer: &LogViewer) -> String {
    match (&viewer.search, viewer.filter) {
        (Some(search), true) => format!("no line matches “{}”", search.needle),
        _ => match viewer.tail {
            Some(TailState::Complete) => "(no output)".to_string(),
            Some(TailState::Failed { .. }) => "(nothing read)".to_string(),
            _ => "waiting for output…".to_string(),
        },
    }
}
