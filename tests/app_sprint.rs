//! Pure `update` tests of the sprint screen and standup mode: the sprint switcher, the burnup
//! toggle, loading and failures that keep what was read, and the standup's countdown driven
//! by an injected clock.

#[path = "app_sprint/data.rs"]
mod data;
#[path = "app_sprint/standup.rs"]
mod standup;

use chrono::{DateTime, TimeDelta, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use data::{ACTIVE, CLOSED, FUTURE, now, sprints};
use shipdeck::app::action::KeyContext;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::sprint::SprintView;
use shipdeck::app::{Action, Effect, Msg, Screen, State, update};
use shipdeck::config::{StandupConfig, WipPolicy};
use shipdeck::domain::sprint::SprintRules;
use shipdeck::sync::{Request, SyncEvent};
use std::time::Duration;

fn state() -> State {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    state.sprint = SprintView::new(SprintRules::default(), StandupConfig::default());
    state
}

fn act(state: &mut State, action: Action, at: DateTime<Utc>) -> Vec<Effect> {
    update(state, Msg::Action(action), at)
}

fn event(state: &mut State, event: SyncEvent, at: DateTime<Utc>) -> Vec<Effect> {
    update(state, Msg::Sync(event), at)
}

fn fetch(id: u64) -> Vec<Effect> {
    vec![Effect::Sync(Request::FetchSprint { id })]
}

fn loaded(id: u64) -> SyncEvent {
    SyncEvent::SprintLoaded {
        data: Box::new(data::data(id)),
    }
}

fn secs(n: i64) -> DateTime<Utc> {
    now() + TimeDelta::seconds(n)
}

/// The sprint screen with the list and the active sprint read.
fn on_sprint_screen() -> State {
    let mut state = state();
    assert_eq!(
        act(&mut state, Action::ScreenSprint, now()),
        vec![Effect::Sync(Request::FetchSprints)]
    );
    let listed = SyncEvent::SprintsLoaded { sprints: sprints() };
    assert_eq!(event(&mut state, listed, now()), fetch(ACTIVE));
    event(&mut state, loaded(ACTIVE), now());
    state
}

#[test]
fn the_list_comes_in_time_order_and_the_active_sprint_is_shown() {
    let state = on_sprint_screen();
    let view = &state.sprint;
    let ids: Vec<u64> = view.sprints.iter().map(|s| s.id).collect();
    assert_eq!(ids, [CLOSED, ACTIVE, FUTURE]);
    assert_eq!(view.shown, Some(ACTIVE));
    assert_eq!(view.loading, None);
    let report = &view.shown_loaded().unwrap().report;
    assert_eq!(report.name, "Sprint 14");
    assert!(!state.syncing());
}

#[test]
fn brackets_switch_sprints_and_a_sprint_read_before_shows_at_once() {
    let mut state = on_sprint_screen();
    assert_eq!(act(&mut state, Action::NextSprint, now()), fetch(FUTURE));
    assert_eq!(state.sprint.shown, Some(FUTURE));
    assert!(state.sprint.shown_loaded().is_none());
    // Nothing after the future sprint.
    assert_eq!(act(&mut state, Action::NextSprint, now()), vec![]);
    assert_eq!(act(&mut state, Action::PrevSprint, now()), fetch(ACTIVE));
    // Read before: on screen while it is read again.
    assert_eq!(state.sprint.shown_loaded().unwrap().data.sprint.id, ACTIVE);
    assert_eq!(act(&mut state, Action::PrevSprint, now()), fetch(CLOSED));
    assert_eq!(act(&mut state, Action::PrevSprint, now()), vec![]);
    assert_eq!(state.sprint.shown, Some(CLOSED));
    assert_eq!(state.sprint.loading, Some(CLOSED));
}

#[test]
fn a_sprint_that_arrives_after_the_user_moved_on_is_kept_but_not_shown() {
    let mut state = on_sprint_screen();
    act(&mut state, Action::NextSprint, now());
    act(&mut state, Action::PrevSprint, now());
    act(&mut state, Action::PrevSprint, now());
    event(&mut state, loaded(FUTURE), now());
    assert_eq!(state.sprint.shown, Some(CLOSED));
    assert_eq!(state.sprint.loading, Some(CLOSED));
    assert!(state.sprint.loaded.contains_key(&FUTURE));
    // A failure of a sprint no longer asked for says nothing.
    let failed = SyncEvent::SprintFailed {
        sprint: Some(FUTURE),
        error: "Jira did not answer".into(),
    };
    event(&mut state, failed, now());
    assert_eq!(state.sprint.error, None);
}

#[test]
fn b_toggles_the_burnup_on_the_sprint_screen_only() {
    let mut state = on_sprint_screen();
    act(&mut state, Action::ToggleBurnup, now());
    assert!(state.sprint.burnup);
    act(&mut state, Action::ToggleBurnup, now());
    assert!(!state.sprint.burnup);
    let keymap = Keymap::default();
    let b = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE);
    assert_eq!(
        keymap.action(&b, KeyContext::Sprint),
        Some(Action::ToggleBurnup)
    );
    assert_eq!(
        keymap.action(&b, KeyContext::Deploy),
        Some(Action::GoToIssue)
    );
    assert_eq!(keymap.action(&b, KeyContext::Board), None);
}

#[test]
fn a_failed_refresh_keeps_the_figures_on_screen() {
    let mut state = on_sprint_screen();
    let before = state.sprint.shown_loaded().unwrap().clone();
    let effects = act(&mut state, Action::Refresh, secs(300));
    assert!(effects.contains(&Effect::Sync(Request::FetchSprints)));
    assert!(effects.contains(&Effect::Sync(Request::FetchSprint { id: ACTIVE })));
    assert!(state.syncing());
    let failed = SyncEvent::SprintFailed {
        sprint: Some(ACTIVE),
        error: "Jira answered 503".into(),
    };
    event(&mut state, failed, secs(301));
    assert_eq!(state.sprint.error.as_deref(), Some("Jira answered 503"));
    assert_eq!(state.sprint.shown_loaded(), Some(&before));
    assert_eq!(state.sprint.loading, None);
    // The next read clears the error.
    act(&mut state, Action::Refresh, secs(302));
    event(&mut state, loaded(ACTIVE), secs(303));
    assert_eq!(state.sprint.error, None);
    assert_eq!(state.sprint.shown_loaded().unwrap().at, secs(303));
}

#[test]
fn a_failed_list_is_reported_and_retried_by_refresh() {
    let mut state = state();
    act(&mut state, Action::ScreenSprint, now());
    let failed = SyncEvent::SprintFailed {
        sprint: None,
        error: "Jira rejected the token (401)".into(),
    };
    event(&mut state, failed, now());
    assert!(!state.sprint.is_loading());
    assert!(state.sprint.error.is_some());
    let effects = act(&mut state, Action::Refresh, now());
    assert!(effects.contains(&Effect::Sync(Request::FetchSprints)));
}

#[test]
fn the_background_refresh_reads_the_sprint_only_while_a_sprint_screen_is_open() {
    let mut state = on_sprint_screen();
    act(&mut state, Action::ScreenBoard, now());
    let effects = act(&mut state, Action::Refresh, now());
    assert!(!effects.iter().any(|e| matches!(
        e,
        Effect::Sync(Request::FetchSprint { .. } | Request::FetchSprints)
    )));
}

#[test]
fn without_a_tracker_nothing_is_asked() {
    let mut state = state();
    state.has_tracker = false;
    assert_eq!(act(&mut state, Action::ScreenSprint, now()), vec![]);
    assert_eq!(state.screen, Screen::Sprint);
}
