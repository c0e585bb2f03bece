//! The status bar of the deploy screen: syncing, then the one message that matters most
//! (an error, a note, a backend that failed to sync and how old its data is, or when it last
//! synced); deployments under way and read-only on the right.

use super::look::ago;
use crate::ui::Ctx;
use crate::ui::text::{put, put_right, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let view = &state.deploy;
    let bar = theme.status_bar;
    buf.set_style(area, bar);

    let mut right = area;
    right.width = right.width.saturating_sub(1);
    if state.read_only {
        let x = put_right(buf, right, area.y, "read-only", bar.patch(theme.warning));
        right.width = x.saturating_sub(right.x + 2);
    }
    let moving = view.inflight.len()
        + view
            .watching
            .values()
            .filter(|(_, d)| d.state.is_active())
            .count();
    if moving > 0 {
        let text = format!("⟳ {moving} deploying");
        let x = put_right(buf, right, area.y, &text, bar.patch(theme.pending));
        right.width = x.saturating_sub(right.x + 2);
    }
    let end = right.right();
    let room = |x: u16| usize::from(end.saturating_sub(x));

    let mut x = area.x + 1;
    if view.is_loading() {
        let syncing = bar.patch(theme.pending);
        x += put(buf, x, area.y, "⟳ syncing…", room(x), syncing) + 2;
    }
    if let Some(error) = &view.error {
        put(
            buf,
            x,
            area.y,
            &format!("⚠ {error}"),
            room(x),
            bar.patch(theme.error),
        );
        return;
    }
    if let Some(note) = &view.note {
        put(buf, x, area.y, note, room(x), bar.patch(theme.text));
        return;
    }
    if let Some(backend) = view.backends.iter().find(|b| b.last_error.is_some()) {
        let error = backend.last_error.as_deref().unwrap_or_default();
        // The error is cut, never how old the data on screen is.
        let stale = backend
            .last_synced
            .map(|at| format!(" · showing data from {}", ago(at, ctx.now)))
            .unwrap_or_default();
        let error_room = room(x).saturating_sub(width(&stale));
        let text = format!("⚠ {}: {error}", backend.name);
        x += put(buf, x, area.y, &text, error_room, bar.patch(theme.error));
        put(buf, x, area.y, &stale, room(x), bar.patch(theme.warning));
        return;
    }
    if view.is_loading() || view.backends.is_empty() {
        return;
    }
    // The stalest backend says how fresh the screen is.
    let oldest = view.backends.iter().map(|b| b.last_synced).min().flatten();
    let synced = oldest.map_or("not synced yet".to_string(), |at| {
        format!("synced {}", ago(at, ctx.now))
    });
    put(buf, x, area.y, &synced, room(x), bar.patch(theme.muted));
}
