//! The status bar (sync state, last error or note; read-only and pending moves on the right)
//! and the filter input line.

use super::Ctx;
use super::text::{age, put, put_right, tail, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let bar = theme.status_bar;
    buf.set_style(area, bar);

    let mut right = area;
    right.width = right.width.saturating_sub(1);
    if state.read_only {
        let x = put_right(buf, right, area.y, "read-only", bar.patch(theme.warning));
        right.width = x.saturating_sub(right.x + 2);
    }
    if !state.pending.is_empty() {
        let text = format!("⟳ {} pending", state.pending.len());
        let x = put_right(buf, right, area.y, &text, bar.patch(theme.pending));
        right.width = x.saturating_sub(right.x + 2);
    }
    let end = right.right();

    let mut x = area.x + 1;
    let room = |x: u16| usize::from(end.saturating_sub(x));
    if state.sync.running {
        x += put(
            buf,
            x,
            area.y,
            "⟳ syncing…",
            room(x),
            bar.patch(theme.pending),
        ) + 2;
    }
    let synced_ago = state
        .sync
        .last_synced
        .map(|at| match age(at, ctx.now).as_str() {
            "now" => "just now".to_string(),
            ago => format!("{ago} ago"),
        });
    // With no board yet the error fills the screen; saying it twice adds nothing.
    let error = state
        .sync
        .last_error
        .as_ref()
        .filter(|_| state.board.is_some());
    if let Some(error) = error {
        // The error is cut, never the note that the board is old: both matter, that one more.
        let stale = match (&state.board, &synced_ago) {
            (Some(_), Some(ago)) => format!(" · showing data from {ago}"),
            _ => String::new(),
        };
        let error_room = room(x).saturating_sub(width(&stale));
        x += put(
            buf,
            x,
            area.y,
            &format!("⚠ {error}"),
            error_room,
            bar.patch(theme.error),
        );
        put(buf, x, area.y, &stale, room(x), bar.patch(theme.warning));
        return;
    }
    if !state.sync.running {
        let synced = synced_ago.map_or("not synced yet".to_string(), |ago| format!("synced {ago}"));
        x += put(buf, x, area.y, &synced, room(x), bar.patch(theme.muted)) + 2;
    }
    if let Some(note) = &state.sync.note {
        put(buf, x, area.y, note, room(x), bar.patch(theme.text));
    }
}

/// `/ login█` while the filter is being typed; the end stays in view as it grows.
pub fn draw_filter(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let x = area.x + put(buf, area.x, area.y, "/ ", 2, theme.filter);
    let room = usize::from(area.right().saturating_sub(x + 1));
    let x = x + put(
        buf,
        x,
        area.y,
        tail(&ctx.state.filter, room),
        room,
        theme.text,
    );
    put(buf, x, area.y, "█", 1, theme.text);
}
