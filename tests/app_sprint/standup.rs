//! Standup mode: the countdown driven by an injected clock, pause, next and back, the team
//! page, and refreshes that keep the speaker.

use super::data::{ACTIVE, now, sprints};
use super::{act, event, fetch, loaded, secs, state};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shipdeck::app::action::KeyContext;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::{Action, Effect, Msg, Screen, State, update};
use shipdeck::config::StandupOrder;
use shipdeck::sync::{Request, SyncEvent};

/// Standup mode on the active sprint, its pages read at `now()`.
fn standing() -> State {
    let mut state = state();
    state.sprint.settings.order = StandupOrder::Config;
    assert_eq!(
        act(&mut state, Action::ScreenStandup, now()),
        vec![Effect::Sync(Request::FetchSprints)]
    );
    let listed = SyncEvent::SprintsLoaded { sprints: sprints() };
    assert_eq!(event(&mut state, listed, now()), fetch(ACTIVE));
    event(&mut state, loaded(ACTIVE), now());
    state
}

fn speaker(state: &State) -> Option<String> {
    let standup = state.sprint.standup.as_ref()?;
    standup.person().map(|p| p.display_name.clone())
}

fn tick(state: &mut State, at: DateTime<Utc>) {
    update(state, Msg::Tick, at);
}

#[test]
fn standup_starts_when_the_sprint_is_read_and_moves_on_after_90_seconds() {
    let mut state = standing();
    let standup = state.sprint.standup.as_ref().unwrap();
    let names: Vec<&str> = standup
        .order
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Ana Kowalski", "Bo Li", "Chen Wei", "Dana Ortiz", "王芳"]
    );
    assert_eq!(speaker(&state).as_deref(), Some("Ana Kowalski"));
    assert_eq!(state.next_deadline(), Some(secs(1)));
    tick(&mut state, secs(1));
    assert_eq!(state.next_deadline(), Some(secs(2)));
    tick(&mut state, secs(89));
    assert_eq!(speaker(&state).as_deref(), Some("Ana Kowalski"));
    let countdown = state.sprint.standup.as_ref().unwrap().countdown.clone();
    assert_eq!(countdown.unwrap().seconds_left(secs(89)), 1);
    tick(&mut state, secs(90));
    assert_eq!(speaker(&state).as_deref(), Some("Bo Li"));
    // The next page starts when it is shown.
    let countdown = state.sprint.standup.as_ref().unwrap().countdown.clone();
    assert_eq!(countdown.unwrap().seconds_left(secs(90)), 90);
    assert_eq!(state.next_deadline(), Some(secs(91)));
}

#[test]
fn a_late_tick_moves_one_person_not_several() {
    let mut state = standing();
    tick(&mut state, secs(600));
    assert_eq!(speaker(&state).as_deref(), Some("Bo Li"));
}

#[test]
fn pause_stops_the_countdown_and_the_tick() {
    let mut state = standing();
    act(&mut state, Action::PauseStandup, secs(30));
    assert_eq!(state.sprint.standup.as_ref().unwrap().tick_due, None);
    assert_eq!(state.next_deadline(), state.next_refresh);
    tick(&mut state, secs(500));
    assert_eq!(speaker(&state).as_deref(), Some("Ana Kowalski"));
    act(&mut state, Action::PauseStandup, secs(500));
    let countdown = state.sprint.standup.as_ref().unwrap().countdown.clone();
    assert_eq!(countdown.unwrap().seconds_left(secs(500)), 60);
    assert_eq!(state.next_deadline(), Some(secs(501)));
    tick(&mut state, secs(559));
    assert_eq!(speaker(&state).as_deref(), Some("Ana Kowalski"));
    tick(&mut state, secs(560));
    assert_eq!(speaker(&state).as_deref(), Some("Bo Li"));
}

#[test]
fn right_and_left_move_between_people_and_the_team_page_comes_last() {
    let mut state = standing();
    act(&mut state, Action::PrevPerson, secs(5));
    assert_eq!(speaker(&state).as_deref(), Some("Ana Kowalski"));
    act(&mut state, Action::NextPerson, secs(10));
    assert_eq!(speaker(&state).as_deref(), Some("Bo Li"));
    // A fresh countdown for each person.
    let countdown = state.sprint.standup.as_ref().unwrap().countdown.clone();
    assert_eq!(countdown.unwrap().seconds_left(secs(10)), 90);
    for _ in 0..3 {
        act(&mut state, Action::NextPerson, secs(20));
    }
    assert_eq!(speaker(&state).as_deref(), Some("王芳"));
    act(&mut state, Action::NextPerson, secs(30));
    let standup = state.sprint.standup.as_ref().unwrap();
    assert!(standup.on_team_page());
    assert_eq!(speaker(&state), None);
    // The team page has no countdown: the loop sleeps.
    assert_eq!(state.next_deadline(), Some(state.next_refresh.unwrap()));
    act(&mut state, Action::NextPerson, secs(40));
    assert!(state.sprint.standup.as_ref().unwrap().on_team_page());
    act(&mut state, Action::PrevPerson, secs(50));
    assert_eq!(speaker(&state).as_deref(), Some("王芳"));
    assert_eq!(state.next_deadline(), Some(secs(51)));
}

#[test]
fn the_last_persons_time_up_opens_the_team_page() {
    let mut state = standing();
    for _ in 0..4 {
        act(&mut state, Action::NextPerson, now());
    }
    tick(&mut state, secs(90));
    assert!(state.sprint.standup.as_ref().unwrap().on_team_page());
}

#[test]
fn leaving_standup_stops_its_tick_and_esc_goes_back() {
    let mut state = standing();
    act(&mut state, Action::Close, secs(3));
    assert_eq!(state.screen, Screen::Board);
    assert_eq!(state.next_deadline(), state.next_refresh);
    // Coming back resumes the standup where it was.
    act(&mut state, Action::ScreenStandup, secs(4));
    assert_eq!(speaker(&state).as_deref(), Some("Ana Kowalski"));
    assert!(state.next_deadline().is_some_and(|d| d <= secs(5)));
}

#[test]
fn a_background_refresh_keeps_the_speaker_and_the_clock() {
    let mut state = standing();
    act(&mut state, Action::NextPerson, secs(10));
    act(&mut state, Action::Refresh, secs(40));
    event(
        &mut state,
        SyncEvent::SprintsLoaded { sprints: sprints() },
        secs(41),
    );
    event(&mut state, loaded(ACTIVE), secs(42));
    assert_eq!(speaker(&state).as_deref(), Some("Bo Li"));
    let countdown = state.sprint.standup.as_ref().unwrap().countdown.clone();
    assert_eq!(countdown.unwrap().seconds_left(secs(42)), 58);
}

#[test]
fn the_random_order_is_the_days_and_config_people_without_cards_still_speak() {
    let mut a = standing();
    a.sprint.standup = None;
    a.sprint.settings.order = StandupOrder::Random;
    a.sprint.settings.people = vec!["Marcus Bell".into()];
    act(&mut a, Action::ScreenStandup, now());
    let mut b = a.clone();
    b.sprint.standup = None;
    act(&mut b, Action::ScreenStandup, secs(3600));
    let order = |s: &State| s.sprint.standup.as_ref().unwrap().order.clone();
    assert_eq!(order(&a), order(&b));
    assert_eq!(order(&a).len(), 6);
    assert!(order(&a).iter().any(|p| p.display_name == "Marcus Bell"));
}

#[test]
fn standup_keys_are_its_own() {
    let keymap = Keymap::default();
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let at = |code| keymap.action(&key(code), KeyContext::Standup);
    assert_eq!(at(KeyCode::Char(' ')), Some(Action::NextPerson));
    assert_eq!(at(KeyCode::Right), Some(Action::NextPerson));
    assert_eq!(at(KeyCode::Left), Some(Action::PrevPerson));
    assert_eq!(at(KeyCode::Char('p')), Some(Action::PauseStandup));
    assert_eq!(at(KeyCode::Char('q')), Some(Action::Quit));
    // Elsewhere the same keys keep their meaning.
    let p = key(KeyCode::Char('p'));
    assert_eq!(keymap.action(&p, KeyContext::Deploy), Some(Action::Promote));
    assert_eq!(
        keymap.action(&key(KeyCode::Right), KeyContext::Board),
        Some(Action::Right)
    );
}

#[test]
fn the_app_can_start_in_standup_mode() {
    let mut state = state();
    state.screen = Screen::Standup;
    let effects = shipdeck::app::init(&mut state);
    assert!(effects.contains(&Effect::Sync(Request::FetchSprints)));
    assert!(effects.contains(&Effect::Sync(Request::FetchBoard)));
    assert!(state.sprint.standup.is_some());
    assert_eq!(state.next_deadline(), None);
}
