//! The footer's key hints on the pipelines screen, from the keymap, for whatever has the keys:
//! the search being typed, the log viewer, a run's tree, or the run list.

use crate::app::Action;
use crate::app::pipelines::available;
use crate::domain::pipeline::RunAction;
use crate::ui::Ctx;
use crate::ui::footer::{Hint, group, hint, quit};

pub fn hints(ctx: &Ctx) -> Vec<Hint> {
    let view = &ctx.state.pipelines;
    let key = |action: Action, label: &str, drop_rank: u8| hint(ctx, action, label, drop_rank);
    let two =
        |a: Action, b: Action, label: &str, drop_rank: u8| group(ctx, &[a, b], label, drop_rank);
    if let Some(viewer) = &view.viewer {
        if viewer.input.is_some() {
            return vec![
                key(Action::Open, "search", 0),
                key(Action::Close, "cancel", 0),
                quit(ctx),
            ];
        }
        let mut hints = vec![
            two(Action::Up, Action::Down, "scroll", 6),
            two(Action::Top, Action::Bottom, "top/follow", 3),
            key(Action::Filter, "search", 1),
        ];
        if viewer.search.is_some() {
            hints.push(two(Action::SearchNext, Action::SearchPrev, "match", 2));
            let filter = if viewer.filter {
                "all lines"
            } else {
                "only matches"
            };
            hints.push(key(Action::ToggleFilterMode, filter, 2));
        }
        hints.extend([
            two(Action::NextError, Action::PrevError, "error", 2),
            key(Action::ToggleWrap, "wrap", 5),
            key(Action::ToggleTimestamps, "time", 5),
            key(Action::SaveLog, "save", 4),
            key(Action::OpenUrl, "open", 7),
            key(Action::Close, "close", 0),
            key(Action::Help, "help", 0),
            quit(ctx),
        ]);
        return hints;
    }
    let mut hints = vec![two(Action::Up, Action::Down, "select", 4)];
    if view.run.is_some() {
        hints.extend([key(Action::Open, "log", 1), key(Action::Close, "back", 1)]);
    } else {
        hints.push(key(Action::Open, "jobs", 1));
    }
    // Only what applies to the run at hand, and nothing that would be refused read-only.
    if available(ctx.state, RunAction::RerunFailed) {
        hints.push(key(Action::RerunFailed, "re-run failed", 2));
    }
    if available(ctx.state, RunAction::Cancel) {
        hints.push(key(Action::CancelRun, "cancel run", 2));
    }
    hints.extend([
        key(Action::Refresh, "refresh", 5),
        key(Action::ScreenBoard, "board", 3),
        key(Action::ScreenDeploy, "deploys", 3),
        key(Action::Help, "help", 0),
        quit(ctx),
    ]);
    hints
}
