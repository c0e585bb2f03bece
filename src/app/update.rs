//! The pure heart of the app: no I/O, no clock (time comes in as `now`).

use super::action::Action;
use super::msg::{Effect, Msg};
use super::state::{Popup, Screen, State};
use super::{deploy, moves, nav, pipelines, sprint};
use crate::sync::{Request, SyncEvent};
use chrono::{DateTime, TimeDelta, Utc};

/// The first effects: load what is configured and learn who "me" is.
pub fn init(state: &mut State) -> Vec<Effect> {
    if !state.has_tracker {
        state.screen = Screen::Deploy;
    }
    let mut effects = Vec::new();
    if state.has_tracker {
        state.sync.running = true;
        effects.push(Effect::Sync(Request::FetchBoard));
        effects.push(Effect::Sync(Request::FetchMyself));
    }
    effects.extend(deploy::refresh(state));
    if state.screen == Screen::Standup {
        effects.extend(sprint::standup::begin(state));
    }
    effects
}

pub fn update(state: &mut State, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
    // Rate news comes with many answers and reschedules nothing; it is drawn only when it
    // changes what the status bar says.
    let msg = match msg {
        Msg::Sync(SyncEvent::BudgetChanged(budget)) => {
            let before = state.rate.lowest(now).cloned();
            state.rate.budget_changed(budget);
            state.dirty |= state.rate.lowest(now) != before.as_ref();
            return Vec::new();
        }
        Msg::Sync(SyncEvent::Waiting { retry_after }) => {
            state.rate.waiting(retry_after, now);
            state.dirty = true;
            return Vec::new();
        }
        msg => msg,
    };
    if msg != Msg::Tick {
        state.dirty = true;
    }
    let effects = match msg {
        Msg::Action(action) => on_action(state, action, now),
        Msg::Input(c) => {
            on_input(state, Some(c));
            Vec::new()
        }
        Msg::Backspace => {
            on_input(state, None);
            Vec::new()
        }
        Msg::Resize { width, height } => {
            state.viewport = (width, height);
            Vec::new()
        }
        Msg::Sync(event) => on_sync(state, event, now),
        Msg::Tick => on_tick(state, now),
    };
    pipelines::schedule(state, now);
    effects
}

/// A typed character (None: backspace) for whichever text input has focus.
fn on_input(state: &mut State, c: Option<char>) {
    if state.filter_editing {
        let key = nav::selected_key(state);
        match c {
            Some(c) => state.filter.push(c),
            None => {
                state.filter.pop();
            }
        }
        nav::reselect(state, key.as_ref());
    } else if state.log_search_active() {
        pipelines::on_input(state, c);
    } else {
        deploy::on_input(state, c);
    }
}

fn on_action(state: &mut State, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    // q and Ctrl+C leave from anywhere; while typing, the loop turns `q` into text.
    if action == Action::Quit {
        return vec![Effect::Quit];
    }
    if state.filter_editing {
        match action {
            Action::Open | Action::Confirm => state.filter_editing = false,
            Action::Close => {
                let key = nav::selected_key(state);
                state.filter.clear();
                state.filter_editing = false;
                nav::reselect(state, key.as_ref());
            }
            _ => {}
        }
        return Vec::new();
    }
    if let Some(popup) = state.popup.take() {
        return on_popup(state, popup, action);
    }
    let typing = state.text_input_active();
    match action {
        Action::Help if !typing => state.popup = Some(Popup::Help),
        Action::ScreenBoard if !typing => state.screen = Screen::Board,
        Action::ScreenDeploy if !typing => {
            state.screen = Screen::Deploy;
            let never_loaded = state
                .deploy
                .backends
                .iter()
                .all(|b| b.last_synced.is_none());
            if never_loaded {
                return deploy::refresh(state);
            }
        }
        Action::ScreenSprint if !typing => return sprint::open(state),
        Action::ScreenStandup if !typing => return sprint::standup::open(state, now),
        Action::ScreenPipelines if !typing => {
            state.screen = Screen::Pipelines;
            if !state.pipelines.ever_asked() {
                return pipelines::refresh(state);
            }
        }
        Action::Refresh if !typing => return refresh(state),
        _ if state.screen == Screen::Pipelines => return pipelines::on_action(state, action),
        _ if state.screen == Screen::Deploy => return deploy::on_action(state, action),
        _ if state.screen == Screen::Sprint => return sprint::on_action(state, action),
        _ if state.screen == Screen::Standup => {
            return sprint::standup::on_action(state, action, now);
        }
        _ => return on_board(state, action),
    }
    Vec::new()
}

fn on_board(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Close => {
            let key = nav::selected_key(state);
            state.filter.clear();
            state.sync.note = None;
            nav::reselect(state, key.as_ref());
        }
        Action::Left | Action::Right | Action::Up | Action::Down => nav::step(state, action),
        Action::Top | Action::Bottom | Action::PageUp | Action::PageDown => {
            nav::jump(state, action)
        }
        Action::MoveLeft => return moves::shift(state, -1),
        Action::MoveRight => return moves::shift(state, 1),
        Action::Open => {
            if let Some(card) = state.selected_card() {
                state.popup = Some(Popup::Detail(card.key.clone()));
            }
        }
        Action::Filter => state.filter_editing = true,
        Action::ToggleMine => return toggle_mine(state),
        Action::ToggleSwimlanes => {
            let key = nav::selected_key(state);
            state.swimlanes = !state.swimlanes;
            nav::reselect(state, key.as_ref());
        }
        _ => {}
    }
    Vec::new()
}

fn on_popup(state: &mut State, popup: Popup, action: Action) -> Vec<Effect> {
    match (popup, action) {
        (Popup::ConfirmWip { key, to, .. }, Action::Confirm) => moves::start(state, &key, to),
        (Popup::ConfirmWip { key, .. }, Action::Deny | Action::Close) => {
            state.sync.note = Some(format!("Left {key} where it was"));
            Vec::new()
        }
        (Popup::ConfirmRun(confirm), action) => pipelines::on_confirm(state, confirm, action),
        (Popup::Help, Action::Help | Action::Close) => Vec::new(),
        (Popup::Detail(_), Action::Open | Action::Close) => Vec::new(),
        // Anything else leaves the popup open.
        (popup, _) => {
            state.popup = Some(popup);
            Vec::new()
        }
    }
}

fn toggle_mine(state: &mut State) -> Vec<Effect> {
    if state.me.is_none() {
        state.sync.note = Some("Still asking Jira who you are; try again in a moment".into());
        return vec![Effect::Sync(Request::FetchMyself)];
    }
    let key = nav::selected_key(state);
    state.only_mine = !state.only_mine;
    nav::reselect(state, key.as_ref());
    Vec::new()
}

/// Refreshes everything configured that is not already being fetched.
fn refresh(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    if state.has_tracker && !state.sync.running {
        state.sync.running = true;
        effects.push(Effect::Sync(Request::FetchBoard));
    }
    effects.extend(deploy::refresh(state));
    effects.extend(sprint::refresh(state));
    // Runs are read once the screen was visited, then kept fresh with the rest.
    if state.pipelines.ever_asked() || state.screen == Screen::Pipelines {
        effects.extend(pipelines::refresh(state));
    }
    if !effects.is_empty() {
        state.next_refresh = None;
    }
    effects
}

fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    if state.screen == Screen::Standup {
        sprint::standup::on_tick(state, now);
    }
    if state.rate.expire(now) {
        state.dirty = true;
    }
    let mut effects = pipelines::on_tick(state, now);
    if state.next_refresh.is_some_and(|due| due <= now) {
        state.dirty = true;
        effects.extend(refresh(state));
    }
    effects
}

/// The next refresh is due one period after the last fetch of anything finished.
fn schedule(state: &mut State, now: DateTime<Utc>) {
    if !state.syncing() {
        // Checked: a period that overflows the calendar means no refresh, not a panic.
        state.next_refresh = TimeDelta::from_std(state.refresh_every)
            .ok()
            .and_then(|every| now.checked_add_signed(every));
    }
}

fn on_sync(state: &mut State, event: SyncEvent, now: DateTime<Utc>) -> Vec<Effect> {
    let effects = match event {
        SyncEvent::SyncStarted => {
            state.sync.running = true;
            Vec::new()
        }
        SyncEvent::BoardArriving { board, arrival } => {
            // Only a first load shows pages early: a refresh keeps the whole board it has.
            if state.board.is_none() || state.sync.arriving.is_some() {
                let key = nav::selected_key(state);
                state.board = Some(board);
                state.sync.arriving = Some(arrival);
                moves::reapply_pending(state);
                nav::reselect(state, key.as_ref());
            }
            Vec::new()
        }
        SyncEvent::BoardLoaded { board, at } => {
            let key = nav::selected_key(state);
            state.board = Some(board);
            state.sync.arriving = None;
            moves::reapply_pending(state);
            state.sync.running = false;
            state.sync.last_synced = Some(at);
            state.sync.last_error = None;
            nav::reselect(state, key.as_ref());
            Vec::new()
        }
        SyncEvent::MyselfLoaded(person) => {
            state.me = Some(person);
            Vec::new()
        }
        SyncEvent::CardMoved { key } => moves::confirmed(state, &key),
        SyncEvent::MoveFailed { key, error } => {
            moves::failed(state, &key, error);
            Vec::new()
        }
        SyncEvent::SyncFailed { error } => {
            state.sync.running = false;
            // Half a board would pass for the whole one: without its last pages, show none.
            if state.sync.arriving.take().is_some() {
                state.board = None;
            }
            state.sync.last_error = Some(error);
            Vec::new()
        }
        event @ (SyncEvent::SprintsLoaded { .. }
        | SyncEvent::SprintLoaded { .. }
        | SyncEvent::SprintFailed { .. }) => sprint::on_sync(state, event, now),
        event if pipelines::handles(&event) => pipelines::on_sync(state, event),
        other => deploy::on_sync(state, other, now),
    };
    schedule(state, now);
    effects
}
