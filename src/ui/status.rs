//! The status bar (sync state, last error or note; read-only and pending moves on the right)
//! and the filter input line.

use super::Ctx;
use super::status_bar::StatusBar;
use super::text::{put, tail};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let mut bar = StatusBar::new(buf, area, theme, ctx.now);
    super::rate::flag(&mut bar, ctx);
    if state.read_only {
        bar.flag("read-only", theme.warning);
    }
    if !state.pending.is_empty() {
        bar.flag(&format!("⟳ {} pending", state.pending.len()), theme.pending);
    }
    match state.sync.arriving {
        Some(arrival) => bar.busy(&format!("⟳ {}", arrival.describe())),
        None if state.sync.running => bar.busy("⟳ syncing…"),
        None => {}
    }
    let synced = state.sync.last_synced;
    // With no board yet the error fills the screen; saying it twice adds nothing.
    if let Some(error) = state
        .sync
        .last_error
        .as_ref()
        .filter(|_| state.board.is_some())
    {
        bar.error(error, synced.map(|at| ("data", at)));
        return;
    }
    if !state.sync.running {
        bar.synced(synced);
    }
    if let Some(note) = &state.sync.note {
        bar.note(note);
    } else if let Some(cut) = state.board.as_ref().and_then(|b| b.cut) {
        bar.warning(&cut.describe());
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
