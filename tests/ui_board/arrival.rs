//! The status bar while a big board's pages arrive, and when a board is cut short.

use super::fixture::{draw, screen, state};
use shipdeck::domain::{Arrival, Cut};

fn status_line(text: &str) -> &str {
    text.lines().rev().nth(1).unwrap()
}

#[test]
fn a_board_arriving_says_how_far_it_has_come() {
    let mut state = state();
    state.sync.running = true;
    state.sync.arriving = Some(Arrival {
        loaded: 1_600,
        expected: Some(5_000),
    });
    let text = screen(&draw(&state, 120, 40));
    let line = status_line(&text);
    assert!(line.contains("⟳ loading… 1,600 of 5,000 cards"), "{line}");
    assert!(!line.contains("syncing"), "{line}");
}

#[test]
fn a_cut_board_says_how_many_it_shows_and_how_to_narrow_it() {
    let mut state = state();
    let board = state.board.as_mut().unwrap();
    board.cut = Some(Cut {
        shown: 10_000,
        total: Some(14_200),
    });
    let text = screen(&draw(&state, 120, 40));
    let line = status_line(&text);
    assert!(
        line.contains("⚠ showing 10,000 of 14,200 cards; narrow the board with `jql` in [jira]"),
        "{line}"
    );
    let narrow = screen(&draw(&state, 80, 24));
    assert!(status_line(&narrow).contains("⚠ showing 10,000 of 14,200 cards"));
}
