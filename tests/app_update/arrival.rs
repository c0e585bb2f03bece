//! A big board's first load shows its early pages; a refresh never swaps the whole board on
//! screen for part of one.

use super::*;
use shipdeck::domain::Arrival;

fn part(n: usize) -> Board {
    let mut board = board();
    board.issues.truncate(n);
    board
}

fn arriving(state: &mut State, n: usize, expected: Option<u64>) {
    let arrival = Arrival {
        loaded: n,
        expected,
    };
    let event = SyncEvent::BoardArriving {
        board: part(n),
        arrival,
    };
    assert!(update(state, Msg::Sync(event), now()).is_empty());
}

#[test]
fn a_first_load_shows_its_pages_as_they_arrive_then_the_whole_board() {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    init(&mut state);
    arriving(&mut state, 2, Some(6));
    assert_eq!(state.board.as_ref().unwrap().issues.len(), 2);
    assert_eq!(state.selected_card().unwrap().key.0, "T-1");
    assert_eq!(
        state.sync.arriving.map(|a| a.describe()).as_deref(),
        Some("loading… 2 of 6 cards")
    );
    assert!(state.sync.running);
    arriving(&mut state, 4, Some(6));
    assert_eq!(state.board.as_ref().unwrap().issues.len(), 4);

    let loaded = SyncEvent::BoardLoaded {
        board: board(),
        at: now(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    assert_eq!(state.board.as_ref().unwrap().issues.len(), 6);
    assert_eq!(state.sync.arriving, None);
    assert!(!state.sync.running);
}

#[test]
fn a_refresh_keeps_the_whole_board_while_pages_arrive() {
    let mut state = loaded(WipPolicy::Warn);
    update(&mut state, Msg::Sync(SyncEvent::SyncStarted), now());
    arriving(&mut state, 2, Some(6));
    assert_eq!(state.board.as_ref().unwrap().issues.len(), 6);
    assert_eq!(state.sync.arriving, None);
}

#[test]
fn a_first_load_that_fails_half_way_shows_no_half_board() {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    init(&mut state);
    arriving(&mut state, 2, None);
    let failed = SyncEvent::SyncFailed {
        error: "Jira did not answer".into(),
    };
    update(&mut state, Msg::Sync(failed), now());
    assert!(state.board.is_none());
    assert_eq!(state.sync.arriving, None);
    assert_eq!(
        state.sync.last_error.as_deref(),
        Some("Jira did not answer")
    );
}
