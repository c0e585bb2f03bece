//! Moving cards: WIP rules, the optimistic move, and its confirmation or revert.

use super::msg::Effect;
use super::nav;
use super::state::{PendingMove, Popup, State};
use crate::config::WipPolicy;
use crate::domain::IssueKey;
use crate::sync::Request;

/// H/L: the selected card to the previous (-1) or next (+1) column.
pub fn shift(state: &mut State, delta: isize) -> Vec<Effect> {
    let Some(card) = state.selected_card() else {
        return Vec::new();
    };
    let key = card.key.clone();
    let target = state.selection.column.checked_add_signed(delta);
    match target.filter(|t| *t < state.columns().len()) {
        Some(to) => request(state, &key, to),
        None => Vec::new(),
    }
}

/// Applies the WIP policy, then asks, refuses or moves.
pub fn request(state: &mut State, key: &IssueKey, to: usize) -> Vec<Effect> {
    if state.read_only {
        state.sync.note = Some("Read-only: moving cards is turned off".into());
        return Vec::new();
    }
    if state.pending.contains_key(key) {
        state.sync.note = Some(format!("{key} is still moving; wait for Jira"));
        return Vec::new();
    }
    let Some(board) = &state.board else {
        return Vec::new();
    };
    if let Some(max) = board.full_at(to) {
        let column = &board.columns[to];
        let count = board.count(to);
        match state.wip_policy {
            WipPolicy::Block => {
                state.sync.last_error = Some(format!(
                    "{} is at its WIP limit ({count}/{max}); wip_policy = \"block\" refuses the move",
                    column.name
                ));
                return Vec::new();
            }
            WipPolicy::Warn => {
                let message = format!(
                    "{} is at its WIP limit ({count}/{max}). Move anyway? y/N",
                    column.name
                );
                state.popup = Some(Popup::ConfirmWip {
                    key: key.clone(),
                    to,
                    message,
                });
                return Vec::new();
            }
        }
    }
    start(state, key, to)
}

/// The optimistic move: the card shows in `to` at once, marked pending.
pub fn start(state: &mut State, key: &IssueKey, to: usize) -> Vec<Effect> {
    let Some(board) = state.board.as_mut() else {
        return Vec::new();
    };
    let Some(column) = board.columns.get(to).cloned() else {
        return Vec::new();
    };
    let Some(status) = column.statuses.first().cloned() else {
        state.sync.last_error = Some(format!("{} has no Jira status mapped to it", column.name));
        return Vec::new();
    };
    let Some(issue) = board.issues.iter_mut().find(|i| &i.key == key) else {
        return Vec::new();
    };
    let pending = PendingMove {
        from: std::mem::replace(&mut issue.status, status),
        from_name: std::mem::replace(&mut issue.status_name, column.name.clone()),
        to,
    };
    state.pending.insert(key.clone(), pending);
    state.sync.note = Some(format!("Moving {key} to {}…", column.name));
    nav::reselect(state, Some(key));
    vec![Effect::Sync(Request::MoveCard {
        key: key.clone(),
        to: column,
    })]
}

/// Jira agreed: the card stays; reload to learn its real status within the column.
pub fn confirmed(state: &mut State, key: &IssueKey) -> Vec<Effect> {
    let Some(pending) = state.pending.remove(key) else {
        return Vec::new();
    };
    let column = state
        .columns()
        .get(pending.to)
        .map_or("", |c| c.name.as_str());
    state.sync.note = Some(format!("Moved {key} to {column}"));
    if state.sync.running {
        return Vec::new();
    }
    state.sync.running = true;
    vec![Effect::Sync(Request::FetchBoard)]
}

/// Jira refused: the card goes back, and Jira's reason is shown.
pub fn failed(state: &mut State, key: &IssueKey, error: String) {
    let Some(pending) = state.pending.remove(key) else {
        return;
    };
    if let Some(issue) = state
        .board
        .as_mut()
        .and_then(|b| b.issues.iter_mut().find(|i| &i.key == key))
    {
        issue.status = pending.from;
        issue.status_name = pending.from_name;
    }
    state.sync.note = None;
    state.sync.last_error = Some(format!("Could not move {key}: {error}"));
    nav::reselect(state, Some(key));
}

/// A reload that raced a pending move must not undo it on screen.
pub fn reapply_pending(state: &mut State) {
    let Some(board) = state.board.as_mut() else {
        return;
    };
    for (key, pending) in state.pending.iter_mut() {
        let Some(column) = board.columns.get(pending.to) else {
            continue;
        };
        if let Some(issue) = board.issues.iter_mut().find(|i| &i.key == key)
            && !column.holds(&issue.status)
            && let Some(status) = column.statuses.first()
        {
            pending.from = std::mem::replace(&mut issue.status, status.clone());
            pending.from_name = std::mem::replace(&mut issue.status_name, column.name.clone());
        }
    }
}
