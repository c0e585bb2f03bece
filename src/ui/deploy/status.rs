//! The status bar of the deploy screen: syncing, then the one message that matters most
//! (an error, a note, a backend that failed to sync and how old its data is, or when it last
//! synced); deployments under way and read-only on the right.

use crate::domain::deploy::DeployState;
use crate::ui::Ctx;
use crate::ui::status_bar::{Failed, StatusBar};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    let view = &state.deploy;
    let mut bar = StatusBar::new(buf, area, theme, ctx.now);
    crate::ui::rate::flag(&mut bar, ctx);
    if state.read_only {
        bar.flag("read-only", theme.warning);
    }
    // A deployment held for a reviewer is not deploying: it is said apart.
    let active = view.watching.values().filter(|(_, d)| d.state.is_active());
    let waiting = active
        .clone()
        .filter(|(_, d)| d.state == DeployState::Waiting)
        .count();
    let moving = view.inflight.len() + active.count() - waiting;
    if waiting > 0 {
        bar.flag(&format!("⏸ {waiting} waiting for review"), theme.warning);
    }
    if moving > 0 {
        bar.flag(&format!("⟳ {moving} deploying"), theme.pending);
    }
    if view.is_loading() {
        bar.busy("⟳ syncing…");
    }
    if !view.reviewing.is_empty() {
        bar.busy("⟳ sending review…");
    }
    let failed = view
        .backends
        .iter()
        .find_map(|b| Failed::of(&b.name, b.last_error.as_deref(), b.last_synced));
    let (error, note) = (view.error.as_deref(), view.note.as_deref());
    if bar.message(error, note, failed, "data") || view.is_loading() || view.backends.is_empty() {
        return;
    }
    // The stalest backend says how fresh the screen is.
    bar.synced(view.backends.iter().map(|b| b.last_synced).min().flatten());
}
