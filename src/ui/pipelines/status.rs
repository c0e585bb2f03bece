//! The status bar of the pipelines screen: syncing and re-runs or cancels on their way, then the one message that matters most (an
//! error, a note such as where a log was saved, a backend that failed and how old its runs
//! are, or when the runs were read).

use crate::domain::pipeline::RunAction;
use crate::ui::Ctx;
use crate::ui::status_bar::{Failed, StatusBar};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let view = &ctx.state.pipelines;
    let mut bar = StatusBar::new(buf, area, ctx.theme, ctx.now);
    crate::ui::rate::flag(&mut bar, ctx);
    if view.is_loading() {
        bar.busy("⟳ syncing…");
    }
    for ((_, run_id), action) in &view.acting {
        bar.busy(&match action {
            RunAction::RerunFailed => format!("⟳ re-running run {run_id}…"),
            RunAction::Cancel => format!("⟳ cancelling run {run_id}…"),
        });
    }
    let failed = view
        .backends
        .iter()
        .find_map(|b| Failed::of(&b.name, b.last_error.as_deref(), b.last_synced));
    let (error, note) = (view.error.as_deref(), view.note.as_deref());
    if bar.message(error, note, failed, "runs") || view.is_loading() || !view.has_ci() {
        return;
    }
    let ci = view.backends.iter().filter(|b| b.ci);
    bar.synced(ci.map(|b| b.last_synced).min().flatten());
}
