//! The footer's key hints on the deploy screen, from the keymap, for whatever has the keys:
//! a plan, the history, or the matrix. The verbs are left out when read-only.

use crate::app::Action;
use crate::app::deploy::{Plan, review_offered};
use crate::ui::Ctx;
use crate::ui::footer::{Hint, bound_keys, hint, quit};
use crate::ui::text::width;

pub fn hints(ctx: &Ctx) -> Vec<Hint> {
    let view = &ctx.state.deploy;
    let key = |action: Action, label: &str, drop_rank: u8| hint(ctx, action, label, drop_rank);
    if let Some(plan) = &view.plan {
        return plan_hints(plan, ctx);
    }
    let read_only = read_only(ctx);
    let answered = view
        .backends
        .iter()
        .any(|b| b.last_synced.is_some() || b.last_error.is_some());
    if !answered {
        // Nothing to select yet: only the ways out, and a retry when there is a backend.
        let mut hints = Vec::new();
        if !view.backends.is_empty() {
            hints.push(key(Action::Refresh, "refresh", 1));
        }
        hints.extend([
            key(Action::ScreenBoard, "board", 0),
            key(Action::Help, "help", 0),
            quit(ctx),
        ]);
        return hints;
    }
    if view.history.is_some() {
        let mut hints = vec![arrows(ctx, &[Action::Up, Action::Down], "row", 3)];
        if !read_only {
            hints.push(key(Action::Open, "roll back to this", 1));
        }
        hints.extend(reviews(ctx));
        hints.extend([
            key(Action::GoToIssue, "issue on board", 2),
            key(Action::ViewLog, "log", 2),
            key(Action::Close, "close", 0),
            quit(ctx),
        ]);
        return hints;
    }
    let moves = [Action::Left, Action::Right, Action::Up, Action::Down];
    let mut hints = vec![
        arrows(ctx, &moves, "select", 4),
        key(Action::Open, "history", 1),
    ];
    if read_only {
        hints.push(Hint::note("read-only"));
    } else {
        hints.extend(reviews(ctx));
        hints.extend([
            key(Action::Promote, "promote into", 1),
            key(Action::Rollback, "roll back", 1),
            key(Action::Cancel, "cancel", 2),
        ]);
    }
    hints.extend([
        key(Action::ViewLog, "log", 3),
        key(Action::Refresh, "refresh", 5),
        key(Action::ScreenBoard, "board", 2),
        key(Action::Help, "help", 0),
        quit(ctx),
    ]);
    hints
}

/// `a approve  x reject` while the selected cell waits for review.
fn reviews(ctx: &Ctx) -> Vec<Hint> {
    if !review_offered(ctx.state) {
        return Vec::new();
    }
    vec![
        hint(ctx, Action::Approve, "approve", 1),
        hint(ctx, Action::Reject, "reject", 1),
    ]
}

/// The whole app or the selected cell's backend is read-only: no promote, rollback, cancel.
fn read_only(ctx: &Ctx) -> bool {
    let view = &ctx.state.deploy;
    ctx.state.read_only
        || view
            .selected_row()
            .and_then(|row| view.backends.get(row.backend))
            .is_some_and(|b| b.read_only)
}

fn plan_hints(plan: &Plan, ctx: &Ctx) -> Vec<Hint> {
    let key = |action: Action, label: &str| hint(ctx, action, label, 0);
    let mut hints = if !plan.outline.blockers.is_empty() {
        vec![key(Action::Close, "close")]
    } else if plan.loading {
        vec![key(Action::Close, "cancel")]
    } else if plan.needs_typing() {
        vec![
            Hint::note("type the name"),
            key(Action::Open, "confirm"),
            key(Action::Close, "cancel"),
        ]
    } else {
        vec![key(Action::Confirm, "confirm"), key(Action::Deny, "cancel")]
    };
    hints.push(quit(ctx));
    hints
}

/// Several moves as one hint: "←→↑↓ select", or "h/l/k/j select" when a key is wider than
/// one cell. Unbound moves are left out.
fn arrows(ctx: &Ctx, actions: &[Action], label: &str, drop_rank: u8) -> Hint {
    let keys = bound_keys(ctx, actions);
    let separator = if keys.iter().all(|k| width(k) == 1) {
        ""
    } else {
        "/"
    };
    Hint::new(keys.join(separator), label, drop_rank)
}
