//! The status bar of the pipelines screen: syncing, then the one message that matters most (an
//! error, a note such as where a log was saved, a backend that failed and how old its runs
//! are, or when the runs were read).

use super::look::ago;
use crate::ui::Ctx;
use crate::ui::text::{put, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let view = &state.pipelines;
    let bar = theme.status_bar;
    buf.set_style(area, bar);
    let end = area.right().saturating_sub(1);
    let room = |x: u16| usize::from(end.saturating_sub(x));
    let ago = |at| ago(at, ctx.now);

    let mut x = area.x + 1;
    if view.is_loading() {
        x += put(
            buf,
            x,
            area.y,
            "⟳ syncing…",
            room(x),
            bar.patch(theme.pending),
        ) + 2;
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
        // The error is cut, never how old the runs on screen are.
        let stale = backend
            .last_synced
            .map(|at| format!(" · showing runs from {}", ago(at)))
            .unwrap_or_default();
        let text = format!("⚠ {}: {error}", backend.name);
        let error_room = room(x).saturating_sub(width(&stale));
        x += put(buf, x, area.y, &text, error_room, bar.patch(theme.error));
        put(buf, x, area.y, &stale, room(x), bar.patch(theme.warning));
        return;
    }
    if view.is_loading() || !view.has_ci() {
        return;
    }
    let oldest = view
        .backends
        .iter()
        .filter(|b| b.ci)
        .map(|b| b.last_synced)
        .min()
        .flatten();
    let synced = oldest.map_or("not synced yet".to_string(), |at| {
        format!("synced {}", ago(at))
    });
    put(buf, x, area.y, &synced, room(x), bar.patch(theme.muted));
}
