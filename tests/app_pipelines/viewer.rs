//! The log viewer's `update`: following and pausing, the tail's labels, errors, folds, the
//! line cap, saving and opening.

use crate::support::*;
use shipdeck::app::{Action, Effect, Msg, update};
use shipdeck::domain::pipeline::TailState;
use shipdeck::sync::{Request, SyncEvent};
use std::path::PathBuf;

#[test]
fn scrolling_up_pauses_and_the_end_key_follows_again() {
    let mut state = viewing(1000);
    feed(&mut state, &numbered(1, 100));
    tail(&mut state, TailState::Following);
    assert!(viewer(&state).follow);
    assert_eq!(viewer(&state).label(), "following");
    // Down at the end changes nothing.
    act(&mut state, Action::Down);
    assert!(viewer(&state).follow);

    act(&mut state, Action::Up);
    assert!(!viewer(&state).follow);
    assert_eq!(viewer(&state).label(), "paused");
    assert_eq!(cursor_text(&state), "line 99");
    // New lines do not move a paused view.
    feed(&mut state, &numbered(101, 50));
    assert_eq!(cursor_text(&state), "line 99");

    act(&mut state, Action::Bottom);
    assert!(viewer(&state).follow);
    // 100x30: 27 rows under the app's chrome, one for the title: a page is 26 rows.
    act(&mut state, Action::PageUp);
    assert_eq!(cursor_text(&state), "line 125");
    act(&mut state, Action::PageDown);
    assert_eq!(cursor_text(&state), "line 150");
    assert!(!viewer(&state).follow, "only the end key follows again");
    act(&mut state, Action::Top);
    assert_eq!(cursor_text(&state), "line 1");
    assert_eq!(viewer(&state).top, viewer(&state).cursor);
}

#[test]
fn the_tails_state_shows_in_the_label() {
    let mut state = viewing(1000);
    assert_eq!(viewer(&state).label(), "connecting…");
    tail(&mut state, TailState::Following);
    assert_eq!(viewer(&state).label(), "following");
    let dropped = TailState::Reconnecting {
        attempt: 2,
        error: "connection reset".into(),
    };
    tail(&mut state, dropped);
    assert_eq!(viewer(&state).label(), "reconnecting (2)");
    let gone = TailState::Failed {
        error: "the log of j-2 is gone (404)".into(),
    };
    tail(&mut state, gone);
    assert_eq!(
        viewer(&state).label(),
        "⚠ failed: the log of j-2 is gone (404)"
    );
    feed(&mut state, "done\nno newline at the end");
    tail(&mut state, TailState::Complete);
    assert_eq!(viewer(&state).label(), "complete");
    assert_eq!(shown(&state), ["done", "no newline at the end"]);
}

#[test]
fn e_and_shift_e_walk_the_error_lines() {
    let mut state = viewing(1000);
    feed(
        &mut state,
        "ok 1\n##[error]boom\nok 3\ntests FAILED\nok 5\n",
    );
    act(&mut state, Action::NextError);
    assert_eq!(cursor_text(&state), "boom");
    assert!(!viewer(&state).follow);
    act(&mut state, Action::NextError);
    assert_eq!(cursor_text(&state), "tests FAILED");
    act(&mut state, Action::NextError);
    assert_eq!(cursor_text(&state), "tests FAILED");
    assert_eq!(state.pipelines.note.as_deref(), Some("No error line below"));
    act(&mut state, Action::PrevError);
    assert_eq!(cursor_text(&state), "boom");
    assert_eq!(
        state.pipelines.note, None,
        "the next key replaces the message"
    );
    act(&mut state, Action::PrevError);
    assert_eq!(state.pipelines.note.as_deref(), Some("No error line above"));
    // From the end, `E` finds the last error.
    act(&mut state, Action::Bottom);
    act(&mut state, Action::PrevError);
    assert_eq!(cursor_text(&state), "tests FAILED");
}

#[test]
fn finished_groups_fold_and_enter_unfolds_them() {
    let mut state = viewing(1000);
    feed(
        &mut state,
        "##[group]Install\nnpm ci\nadded 312 packages\n##[endgroup]\nafter\n##[group]Test\nrunning\n",
    );
    // The group still being written stays open, so following shows its output.
    assert_eq!(shown(&state), ["▸ Install (2)", "after", "Test", "running"]);
    act(&mut state, Action::Top);
    assert_eq!(cursor_text(&state), "Install");
    act(&mut state, Action::Open);
    assert_eq!(
        shown(&state),
        [
            "Install",
            "npm ci",
            "added 312 packages",
            "after",
            "Test",
            "running"
        ]
    );
    act(&mut state, Action::Open);
    assert_eq!(shown(&state)[0], "▸ Install (2)");
    feed(&mut state, "ok\n##[endgroup]\n");
    assert_eq!(shown(&state), ["▸ Install (2)", "after", "▸ Test (2)"]);
    // Moving down from a fold steps over everything inside it.
    act(&mut state, Action::Down);
    assert_eq!(cursor_text(&state), "after");
}

#[test]
fn old_lines_drop_at_the_cap_and_positions_move_to_the_oldest_left() {
    let mut state = viewing(10);
    feed(&mut state, &numbered(1, 10));
    act(&mut state, Action::Top);
    assert_eq!(cursor_text(&state), "line 1");
    feed(&mut state, &numbered(11, 15));
    assert_eq!(viewer(&state).buffer.dropped(), 15);
    assert_eq!(shown(&state).first().map(String::as_str), Some("line 16"));
    assert_eq!(cursor_text(&state), "line 16");
}

#[test]
fn s_saves_the_whole_log_under_the_state_directory() {
    let mut state = viewing(1000);
    let path = PathBuf::from("/state/shipdeck/logs/r-2-j-2.log");
    assert_eq!(
        act(&mut state, Action::SaveLog),
        vec![Effect::Sync(Request::SaveLog {
            backend: 0,
            run_id: "r-2".into(),
            job_id: "j-2".into(),
            path: path.clone(),
        })]
    );
    let saved = SyncEvent::LogSaved {
        path: path.clone(),
        bytes: 1234,
    };
    update(&mut state, Msg::Sync(saved), now());
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("Saved to /state/shipdeck/logs/r-2-j-2.log (1234 bytes)")
    );
    let failed = SyncEvent::SaveFailed {
        error: "disk full".into(),
    };
    update(&mut state, Msg::Sync(failed), now());
    assert_eq!(
        state.pipelines.error.as_deref(),
        Some("Could not save the log: disk full")
    );
}

#[test]
fn ids_from_the_server_cannot_climb_out_of_the_log_directory() {
    let mut state = viewing(1000);
    if let Some(viewer) = state.pipelines.viewer.as_mut() {
        viewer.source.run_id = "../../etc".into();
        viewer.source.job_id = "a/b".into();
    }
    let effects = act(&mut state, Action::SaveLog);
    let Some(Effect::Sync(Request::SaveLog { path, .. })) = effects.first() else {
        panic!("no save: {effects:?}");
    };
    assert_eq!(
        path,
        &PathBuf::from("/state/shipdeck/logs/______etc-a_b.log")
    );
}

#[test]
fn o_opens_the_runs_page() {
    let mut state = viewing(1000);
    assert_eq!(
        act(&mut state, Action::OpenUrl),
        vec![Effect::OpenUrl("https://ci.example/runs/r-2".into())]
    );
}

#[test]
fn bytes_of_another_job_are_old_news() {
    let mut state = viewing(1000);
    let other = SyncEvent::LogBytes {
        run_id: "r-2".into(),
        job_id: "j-1".into(),
        bytes: b"from the build job\n".to_vec(),
    };
    update(&mut state, Msg::Sync(other), now());
    assert!(viewer(&state).buffer.is_empty());
}
