//! Pure `update` tests: feed messages, check the state and the exact effects.

#[path = "app_update/arrival.rs"]
mod arrival;

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use shipdeck::app::{Action, Effect, Msg, Popup, State, init, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::{Board, BoardKind, Column, Issue, IssueKey, Person, StatusId};
use shipdeck::sync::{Request, SyncEvent};
use std::time::Duration;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn person(id: &str, name: &str) -> Person {
    Person {
        id: id.into(),
        display_name: name.into(),
    }
}

fn issue(key: &str, status: &str, who: Option<Person>) -> Issue {
    Issue {
        key: IssueKey(key.into()),
        summary: format!("Summary of {key}"),
        status: StatusId(status.into()),
        status_name: status.into(),
        assignee: who,
        points: Some(3.0),
        labels: vec![],
        description: String::new(),
        sprint: None,
        url: format!("http://jira/browse/{key}"),
        status_since: None,
    }
}

fn column(name: &str, statuses: &[&str], max: Option<u32>) -> Column {
    Column {
        name: name.into(),
        statuses: statuses.iter().map(|s| StatusId((*s).into())).collect(),
        min: None,
        max,
    }
}

/// To Do [1, 2] | In Progress [3] max 2 (full) | Done [4].
fn board() -> Board {
    let ana = Some(person("a", "Ana Kowalski"));
    let bo = Some(person("b", "Bo Chen"));
    Board {
        cut: None,
        id: 42,
        name: "Team".into(),
        kind: BoardKind::Scrum,
        columns: vec![
            column("To Do", &["1", "2"], None),
            column("In Progress", &["3"], Some(2)),
            column("Done", &["4"], None),
        ],
        issues: vec![
            issue("T-1", "1", ana.clone()),
            issue("T-2", "2", bo.clone()),
            issue("T-3", "1", None),
            issue("T-4", "3", ana.clone()),
            issue("T-5", "3", bo),
            issue("T-6", "4", ana),
        ],
        sprint: None,
    }
}

fn loaded(policy: WipPolicy) -> State {
    let mut state = State::new(policy, Duration::from_secs(60));
    init(&mut state);
    update(
        &mut state,
        Msg::Sync(SyncEvent::BoardLoaded {
            board: board(),
            at: now(),
        }),
        now(),
    );
    state
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action), now())
}

fn column_of(state: &State, key: &str) -> usize {
    let board = state.board.as_ref().unwrap();
    let issue = board.issues.iter().find(|i| i.key.0 == key).unwrap();
    board.column_of(issue).unwrap()
}

#[test]
fn init_fetches_board_and_myself() {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    assert_eq!(
        init(&mut state),
        vec![
            Effect::Sync(Request::FetchBoard),
            Effect::Sync(Request::FetchMyself)
        ]
    );
    assert!(state.sync.running);
}

#[test]
fn move_right_is_optimistic_and_pending() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Right);
    act(&mut state, Action::Right); // Done column
    act(&mut state, Action::Left); // back to In Progress: T-4
    assert_eq!(state.selected_card().unwrap().key.0, "T-4");
    let effects = act(&mut state, Action::MoveRight);
    let done = state.board.as_ref().unwrap().columns[2].clone();
    assert_eq!(
        effects,
        vec![Effect::Sync(Request::MoveCard {
            key: IssueKey("T-4".into()),
            to: done
        })]
    );
    assert_eq!(column_of(&state, "T-4"), 2);
    assert!(state.pending.contains_key(&IssueKey("T-4".into())));
    // The cursor follows the card.
    assert_eq!(state.selected_card().unwrap().key.0, "T-4");
    // A second move of the same card waits for Jira.
    assert!(act(&mut state, Action::MoveRight).is_empty());
}

#[test]
fn confirmed_move_clears_pending_and_reloads() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Right);
    act(&mut state, Action::MoveRight);
    let effects = update(
        &mut state,
        Msg::Sync(SyncEvent::CardMoved {
            key: IssueKey("T-4".into()),
        }),
        now(),
    );
    assert_eq!(effects, vec![Effect::Sync(Request::FetchBoard)]);
    assert!(state.pending.is_empty());
    assert_eq!(state.sync.note.as_deref(), Some("Moved T-4 to Done"));
}

#[test]
fn refused_move_reverts_and_shows_jiras_reason() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Right);
    act(&mut state, Action::MoveRight);
    assert_eq!(column_of(&state, "T-4"), 2);
    let error = "Assign the issue before starting work.".to_string();
    update(
        &mut state,
        Msg::Sync(SyncEvent::MoveFailed {
            key: IssueKey("T-4".into()),
            error,
        }),
        now(),
    );
    assert_eq!(column_of(&state, "T-4"), 1);
    let issue = state.issue(&IssueKey("T-4".into())).unwrap();
    assert_eq!(issue.status, StatusId("3".into()));
    assert!(state.pending.is_empty());
    assert_eq!(
        state.sync.last_error.as_deref(),
        Some("Could not move T-4: Assign the issue before starting work.")
    );
}

#[test]
fn moving_into_a_full_column_asks_first() {
    let mut state = loaded(WipPolicy::Warn);
    let effects = act(&mut state, Action::MoveRight); // T-1 into In Progress (2/2)
    assert!(effects.is_empty());
    let Some(Popup::ConfirmWip { message, to, .. }) = &state.popup else {
        panic!("expected the WIP confirmation, got {:?}", state.popup);
    };
    assert_eq!(
        message,
        "In Progress is at its WIP limit (2/2). Move anyway? y/N"
    );
    assert_eq!(*to, 1);
    // Keys other than y/n/esc leave it open and do nothing.
    assert!(act(&mut state, Action::MoveRight).is_empty());
    assert!(state.popup.is_some());
    let effects = act(&mut state, Action::Confirm);
    assert_eq!(effects.len(), 1);
    assert!(matches!(&effects[0], Effect::Sync(Request::MoveCard { key, .. }) if key.0 == "T-1"));
    assert_eq!(column_of(&state, "T-1"), 1);
    assert!(state.popup.is_none());
}

#[test]
fn declining_the_wip_confirmation_moves_nothing() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::MoveRight);
    assert!(act(&mut state, Action::Deny).is_empty());
    assert!(state.popup.is_none());
    assert_eq!(column_of(&state, "T-1"), 0);
    assert!(state.pending.is_empty());
}

#[test]
fn block_policy_refuses_a_full_column() {
    let mut state = loaded(WipPolicy::Block);
    assert!(act(&mut state, Action::MoveRight).is_empty());
    assert!(state.popup.is_none());
    assert_eq!(column_of(&state, "T-1"), 0);
    assert!(
        state
            .sync
            .last_error
            .as_deref()
            .unwrap()
            .contains("WIP limit (2/2)")
    );
}

#[test]
fn read_only_moves_nothing() {
    let mut state = loaded(WipPolicy::Warn);
    state.read_only = true;
    act(&mut state, Action::Right);
    assert!(act(&mut state, Action::MoveRight).is_empty());
    assert!(state.sync.note.as_deref().unwrap().contains("Read-only"));
}

#[test]
fn edges_of_the_board_do_nothing() {
    let mut state = loaded(WipPolicy::Warn);
    assert!(act(&mut state, Action::MoveLeft).is_empty());
    act(&mut state, Action::Right);
    act(&mut state, Action::Right);
    act(&mut state, Action::Right);
    assert_eq!(state.selection.column, 2);
    assert!(act(&mut state, Action::MoveRight).is_empty());
}

#[test]
fn filter_narrows_cards_and_keeps_the_cursor_on_its_card() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Down);
    assert_eq!(state.selected_card().unwrap().key.0, "T-2");
    act(&mut state, Action::Filter);
    assert!(state.filter_editing);
    // While typing, letters are text, not actions.
    for c in "bo".chars() {
        update(&mut state, Msg::Input(c), now());
    }
    let keys: Vec<_> = state
        .visible_cards(0)
        .iter()
        .map(|i| i.key.0.clone())
        .collect();
    assert_eq!(keys, ["T-2"]);
    assert_eq!(state.selected_card().unwrap().key.0, "T-2");
    act(&mut state, Action::Open); // Enter applies
    assert!(!state.filter_editing);
    assert_eq!(state.filter, "bo");
    act(&mut state, Action::Close); // Esc clears
    assert_eq!(state.filter, "");
    assert_eq!(state.visible_cards(0).len(), 3);
    assert_eq!(state.selected_card().unwrap().key.0, "T-2");
}

#[test]
fn filter_matches_key_and_assignee_case_insensitively() {
    let mut state = loaded(WipPolicy::Warn);
    state.filter = "KOWAL".into();
    let keys: Vec<_> = state
        .visible_cards(1)
        .iter()
        .map(|i| i.key.0.clone())
        .collect();
    assert_eq!(keys, ["T-4"]);
    state.filter = "t-3".into();
    assert_eq!(state.visible_cards(0).len(), 1);
}

#[test]
fn only_mine_needs_myself_then_filters() {
    let mut state = loaded(WipPolicy::Warn);
    assert_eq!(
        act(&mut state, Action::ToggleMine),
        vec![Effect::Sync(Request::FetchMyself)]
    );
    assert!(!state.only_mine);
    update(
        &mut state,
        Msg::Sync(SyncEvent::MyselfLoaded(person("b", "Bo Chen"))),
        now(),
    );
    act(&mut state, Action::ToggleMine);
    assert!(state.only_mine);
    let keys: Vec<_> = (0..3)
        .flat_map(|c| {
            state
                .visible_cards(c)
                .into_iter()
                .map(|i| i.key.0.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(keys, ["T-2", "T-5"]);
}

#[test]
fn swimlanes_group_by_assignee_with_unassigned_last() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::ToggleSwimlanes);
    let keys: Vec<_> = state
        .visible_cards(0)
        .iter()
        .map(|i| i.key.0.clone())
        .collect();
    assert_eq!(keys, ["T-1", "T-2", "T-3"]);
    state.board.as_mut().unwrap().issues.swap(0, 1);
    let keys: Vec<_> = state
        .visible_cards(0)
        .iter()
        .map(|i| i.key.0.clone())
        .collect();
    assert_eq!(
        keys,
        ["T-1", "T-2", "T-3"],
        "Ana before Bo before unassigned"
    );
}

#[test]
fn refresh_is_scheduled_after_each_load_and_single_flight() {
    let mut state = loaded(WipPolicy::Warn);
    assert_eq!(state.next_deadline(), Some(now() + Span::seconds(60)));
    assert!(update(&mut state, Msg::Tick, now() + Span::seconds(59)).is_empty());
    let effects = update(&mut state, Msg::Tick, now() + Span::seconds(60));
    assert_eq!(effects, vec![Effect::Sync(Request::FetchBoard)]);
    assert!(state.sync.running);
    assert_eq!(state.next_deadline(), None, "no timer while a sync runs");
    assert!(
        act(&mut state, Action::Refresh).is_empty(),
        "r while syncing sends nothing more"
    );
    let later = now() + Span::seconds(61);
    update(
        &mut state,
        Msg::Sync(SyncEvent::SyncFailed {
            error: "cannot reach jira".into(),
        }),
        later,
    );
    assert_eq!(state.next_deadline(), Some(later + Span::seconds(60)));
    assert_eq!(
        act(&mut state, Action::Refresh),
        vec![Effect::Sync(Request::FetchBoard)]
    );
}

#[test]
fn a_failed_sync_keeps_the_last_board() {
    let mut state = loaded(WipPolicy::Warn);
    update(
        &mut state,
        Msg::Sync(SyncEvent::SyncFailed {
            error: "cannot reach jira.example".into(),
        }),
        now(),
    );
    assert_eq!(state.board.as_ref().unwrap().issues.len(), 6);
    assert_eq!(
        state.sync.last_error.as_deref(),
        Some("cannot reach jira.example")
    );
    assert_eq!(state.sync.last_synced, Some(now()));
    update(
        &mut state,
        Msg::Sync(SyncEvent::BoardLoaded {
            board: board(),
            at: now(),
        }),
        now(),
    );
    assert_eq!(state.sync.last_error, None);
}

#[test]
fn a_reload_during_a_move_keeps_the_card_where_the_user_put_it() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Right);
    act(&mut state, Action::MoveRight);
    update(
        &mut state,
        Msg::Sync(SyncEvent::BoardLoaded {
            board: board(),
            at: now(),
        }),
        now(),
    );
    assert_eq!(column_of(&state, "T-4"), 2);
    update(
        &mut state,
        Msg::Sync(SyncEvent::MoveFailed {
            key: IssueKey("T-4".into()),
            error: "no".into(),
        }),
        now(),
    );
    assert_eq!(column_of(&state, "T-4"), 1);
}

#[test]
fn popups_open_and_close_and_quit_always_quits() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Open);
    assert_eq!(state.popup, Some(Popup::Detail(IssueKey("T-1".into()))));
    act(&mut state, Action::Down);
    assert!(
        state.popup.is_some(),
        "navigation does not close the detail"
    );
    act(&mut state, Action::Close);
    assert_eq!(state.popup, None);
    act(&mut state, Action::Help);
    assert_eq!(state.popup, Some(Popup::Help));
    assert_eq!(act(&mut state, Action::Quit), vec![Effect::Quit]);
    act(&mut state, Action::Close);
    act(&mut state, Action::Filter);
    assert!(state.filter_editing);
    assert_eq!(
        act(&mut state, Action::Quit),
        vec![Effect::Quit],
        "Ctrl+C while typing"
    );
}

#[test]
fn navigation_clamps_to_the_visible_cards() {
    let mut state = loaded(WipPolicy::Warn);
    act(&mut state, Action::Bottom);
    assert_eq!(state.selected_card().unwrap().key.0, "T-3");
    act(&mut state, Action::Right);
    assert_eq!(state.selection.row, 1);
    assert_eq!(state.selected_card().unwrap().key.0, "T-5");
    act(&mut state, Action::Top);
    assert_eq!(state.selected_card().unwrap().key.0, "T-4");
}
