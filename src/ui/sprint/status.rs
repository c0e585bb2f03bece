//! The sprint screen's status bar (reading, the last error with how old the data on screen
//! is, or when it was read) and its footer hints.

use crate::app::Action;
use crate::ui::Ctx;
use crate::ui::footer::{Hint, group, hint, quit};
use crate::ui::status_bar::StatusBar;
use crate::ui::text::ago;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let view = &ctx.state.sprint;
    let mut bar = StatusBar::new(buf, area, ctx.theme, ctx.now);
    crate::ui::rate::flag(&mut bar, ctx);
    if view.is_loading() {
        bar.busy("⟳ reading…");
    }
    let read_at = view.shown_loaded().map(|l| l.at);
    // With nothing read yet the error fills the screen; saying it twice adds nothing.
    if let Some(error) = view.error.as_ref().filter(|_| read_at.is_some()) {
        bar.error(error, read_at.map(|at| ("data", at)));
        return;
    }
    if let Some(at) = read_at.filter(|_| !view.is_loading()) {
        bar.muted(&format!("read {}", ago(at, ctx.now)));
    }
}

pub fn hints(ctx: &Ctx) -> Vec<Hint> {
    let view = &ctx.state.sprint;
    let key = |action: Action, label: &str, drop_rank: u8| hint(ctx, action, label, drop_rank);
    let mut hints = Vec::new();
    if view.sprints.len() > 1 {
        let moves = [Action::PrevSprint, Action::NextSprint];
        hints.push(group(ctx, &moves, "sprint", 1));
    }
    if view.shown_loaded().is_some() {
        let chart = if view.burnup { "burndown" } else { "burnup" };
        hints.push(key(Action::ToggleBurnup, chart, 2));
    }
    hints.extend([
        key(Action::ScreenStandup, "standup", 3),
        key(Action::Refresh, "refresh", 4),
        key(Action::ScreenBoard, "board", 2),
        key(Action::Help, "help", 0),
        quit(ctx),
    ]);
    hints
}
