//! Cursor movement over the visible cards.

use super::action::Action;
use super::state::State;
use crate::domain::IssueKey;

pub fn selected_key(state: &State) -> Option<IssueKey> {
    state.selected_card().map(|c| c.key.clone())
}

/// Puts the cursor back on `key` after the visible cards changed (filter, lanes, reload,
/// a move); when the card is gone, keeps the column and clamps the row.
pub fn reselect(state: &mut State, key: Option<&IssueKey>) {
    let columns = state.columns().len();
    if let Some(key) = key {
        for column in 0..columns {
            if let Some(row) = state
                .visible_cards(column)
                .iter()
                .position(|c| &c.key == key)
            {
                state.selection.column = column;
                state.selection.row = row;
                return;
            }
        }
    }
    clamp(state);
}

pub fn clamp(state: &mut State) {
    let columns = state.columns().len();
    state.selection.column = state.selection.column.min(columns.saturating_sub(1));
    let rows = state.visible_cards(state.selection.column).len();
    state.selection.row = state.selection.row.min(rows.saturating_sub(1));
}

pub fn step(state: &mut State, action: Action) {
    let sel = &mut state.selection;
    match action {
        Action::Left => sel.column = sel.column.saturating_sub(1),
        Action::Right => sel.column += 1,
        Action::Up => sel.row = sel.row.saturating_sub(1),
        Action::Down => sel.row += 1,
        _ => {}
    }
    clamp(state);
}

pub fn jump(state: &mut State, action: Action) {
    let page = crate::ui::cards_per_page(state.viewport.1).max(1);
    let sel = &mut state.selection;
    match action {
        Action::Top => sel.row = 0,
        Action::Bottom => sel.row = usize::MAX,
        Action::PageUp => sel.row = sel.row.saturating_sub(page),
        Action::PageDown => sel.row = sel.row.saturating_add(page),
        _ => {}
    }
    clamp(state);
}

/// Selects `key` on the board, clearing the filter and "only mine" when they hide it.
pub fn reveal(state: &mut State, key: &IssueKey) {
    let visible =
        (0..state.columns().len()).any(|c| state.visible_cards(c).iter().any(|i| &i.key == key));
    if !visible {
        state.filter.clear();
        state.only_mine = false;
    }
    reselect(state, Some(key));
}
