//! Search in the log viewer: `/` with recall, `n`/`N` with wrap and the count, filter mode
//! surviving the wrap and timestamp toggles, new lines searched as they come, and positions
//! kept right when old lines are dropped.

use crate::support::*;
use shipdeck::app::{Action, Msg, update};

/// Lines 1..=`count`, those in `hits` saying MATCH.
fn lines_with(from: usize, count: usize, hits: &[usize]) -> String {
    (from..from + count)
        .map(|n| {
            if hits.contains(&n) {
                format!("line {n} MATCH here\n")
            } else {
                format!("line {n}\n")
            }
        })
        .collect()
}

fn position(state: &shipdeck::app::State) -> (Option<usize>, usize) {
    let search = viewer(state).search.as_ref().expect("a search");
    (search.position(), search.count())
}

#[test]
fn n_and_shift_n_walk_the_matches_with_wrap_and_a_count() {
    let mut state = viewing(1000);
    feed(&mut state, &lines_with(1, 20, &[3, 8, 15]));
    search(&mut state, "match");
    // While following, the nearest match is the last one.
    assert_eq!(position(&state), (Some(3), 3));
    assert_eq!(cursor_text(&state), "line 15 MATCH here");
    assert!(!viewer(&state).follow);
    act(&mut state, Action::SearchNext);
    assert_eq!(position(&state), (Some(1), 3), "n wraps to the first");
    act(&mut state, Action::SearchNext);
    assert_eq!(cursor_text(&state), "line 8 MATCH here");
    act(&mut state, Action::SearchPrev);
    act(&mut state, Action::SearchPrev);
    assert_eq!(position(&state), (Some(3), 3), "N wraps to the last");
}

#[test]
fn slash_offers_the_last_search_again() {
    let mut state = viewing(1000);
    feed(&mut state, &lines_with(1, 5, &[2]));
    search(&mut state, "MATCH");
    act(&mut state, Action::Filter);
    assert_eq!(viewer(&state).input.as_deref(), Some("MATCH"));
    assert!(state.text_input_active());
    // Printable keys are text while typing, `q` too.
    update(&mut state, Msg::Input('q'), now());
    update(&mut state, Msg::Backspace, now());
    assert_eq!(viewer(&state).input.as_deref(), Some("MATCH"));
    act(&mut state, Action::Close);
    assert_eq!(viewer(&state).input, None);
    assert_eq!(viewer(&state).search.as_ref().unwrap().needle, "MATCH");
}

#[test]
fn the_filter_survives_wrap_and_timestamp_toggles() {
    let mut state = viewing(1000);
    feed(&mut state, &lines_with(1, 20, &[3, 8, 15]));
    search(&mut state, "match");
    act(&mut state, Action::ToggleFilterMode);
    let only = [
        "line 3 MATCH here",
        "line 8 MATCH here",
        "line 15 MATCH here",
    ];
    assert_eq!(shown(&state), only);
    act(&mut state, Action::ToggleWrap);
    act(&mut state, Action::ToggleTimestamps);
    assert!(!viewer(&state).wrap && viewer(&state).timestamps);
    assert!(viewer(&state).filter);
    assert_eq!(shown(&state), only);
    assert_eq!(position(&state), (Some(3), 3));
    act(&mut state, Action::ToggleFilterMode);
    assert_eq!(shown(&state).len(), 20);
}

#[test]
fn new_lines_are_searched_as_they_arrive() {
    let mut state = viewing(1000);
    feed(&mut state, &lines_with(1, 10, &[4]));
    search(&mut state, "match");
    act(&mut state, Action::ToggleFilterMode);
    feed(&mut state, &lines_with(11, 10, &[12, 20]));
    assert_eq!(position(&state), (Some(1), 3));
    assert_eq!(
        shown(&state),
        [
            "line 4 MATCH here",
            "line 12 MATCH here",
            "line 20 MATCH here"
        ]
    );
}

#[test]
fn dropped_lines_leave_the_search_right() {
    let mut state = viewing(10);
    feed(&mut state, &lines_with(1, 10, &[2, 5, 9]));
    search(&mut state, "match");
    act(&mut state, Action::SearchNext);
    act(&mut state, Action::SearchNext);
    assert_eq!(cursor_text(&state), "line 5 MATCH here");
    // Lines 1-6 go; 12 is new.
    feed(&mut state, &lines_with(11, 6, &[12]));
    let search = viewer(&state).search.as_ref().unwrap();
    let matched: Vec<u64> = search.matches.iter().copied().collect();
    assert_eq!(matched, [9, 12]);
    assert_eq!(
        position(&state),
        (Some(1), 2),
        "the current match moved to the oldest left"
    );
    act(&mut state, Action::SearchNext);
    assert_eq!(cursor_text(&state), "line 12 MATCH here");
}

#[test]
fn filter_needs_a_search_and_an_empty_search_clears_both() {
    let mut state = viewing(1000);
    feed(&mut state, &lines_with(1, 5, &[2]));
    act(&mut state, Action::ToggleFilterMode);
    assert!(!viewer(&state).filter);
    assert!(
        state
            .pipelines
            .note
            .as_deref()
            .unwrap()
            .contains("search first")
    );
    search(&mut state, "match");
    act(&mut state, Action::ToggleFilterMode);
    assert!(viewer(&state).filter);
    search(&mut state, "");
    assert!(viewer(&state).search.is_none() && !viewer(&state).filter);
    assert_eq!(
        viewer(&state).recall,
        "match",
        "the recall keeps the last real search"
    );
}

#[test]
fn a_search_with_no_match_says_so() {
    let mut state = viewing(1000);
    feed(&mut state, &lines_with(1, 5, &[]));
    search(&mut state, "nothing");
    assert_eq!(position(&state), (None, 0));
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("No line matches “nothing”")
    );
    assert!(viewer(&state).follow, "nothing to jump to: still following");
}
