//! Keys of the sprint screen and what it asks the network for.

use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::{Screen, State};
use crate::sync::Request;

/// Opens the sprint screen; the first visit reads the board's sprints.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.screen = Screen::Sprint;
    fetch(state)
}

/// What the sprint screens still need: the list first, then the shown sprint if it was never
/// read (a sprint already on screen is only read again by a refresh).
pub(super) fn fetch(state: &mut State) -> Vec<Effect> {
    let view = &mut state.sprint;
    if !state.has_tracker || view.is_loading() {
        return Vec::new();
    }
    if !view.listed {
        view.list_loading = true;
        return vec![Effect::Sync(Request::FetchSprints)];
    }
    match view.shown {
        Some(id) if !view.loaded.contains_key(&id) => {
            view.loading = Some(id);
            vec![Effect::Sync(Request::FetchSprint { id })]
        }
        _ => Vec::new(),
    }
}

/// The background refresh: the list and the shown sprint, only while a sprint screen is open
/// (reading a sprint's changelogs is the heaviest request shipdeck makes).
pub fn refresh(state: &mut State) -> Vec<Effect> {
    let view = &mut state.sprint;
    let open = matches!(state.screen, Screen::Sprint | Screen::Standup);
    if !open || !state.has_tracker || view.is_loading() {
        return Vec::new();
    }
    view.list_loading = true;
    let mut effects = vec![Effect::Sync(Request::FetchSprints)];
    if let Some(id) = view.shown {
        view.loading = Some(id);
        effects.push(Effect::Sync(Request::FetchSprint { id }));
    }
    effects
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let view = &mut state.sprint;
    match action {
        Action::ToggleBurnup => view.burnup = !view.burnup,
        Action::PrevSprint => return step(state, -1),
        Action::NextSprint => return step(state, 1),
        Action::Close => view.error = None,
        _ => {}
    }
    Vec::new()
}

/// `[` / `]`: the sprint before or after the shown one. A sprint read before shows at once
/// and is read again; the request for one no longer shown is replaced by the engine.
fn step(state: &mut State, by: isize) -> Vec<Effect> {
    let view = &mut state.sprint;
    let Some(at) = view.position() else {
        return Vec::new();
    };
    let Some(next) = at
        .checked_add_signed(by)
        .and_then(|i| view.sprints.get(i))
        .map(|s| s.id)
    else {
        return Vec::new();
    };
    view.shown = Some(next);
    view.error = None;
    view.loading = Some(next);
    vec![Effect::Sync(Request::FetchSprint { id: next })]
}
