//! Pure `update` tests of the pipelines screen's run controls: re-running failed jobs and
//! cancelling a run are offered only where they apply, asked with a y/N naming the run,
//! refused when read-only, sent, and followed to the backend's answer; and the open run keeps
//! being polled under a log that waits for its job, slower for a backend that counts requests.

#[path = "app_pipelines/support.rs"]
mod support;

use chrono::Duration;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::pipelines::{RunConfirm, available};
use shipdeck::app::{Action, Effect, Msg, Popup, State, update};
use shipdeck::domain::pipeline::{RunAction, TailState};
use shipdeck::sync::{Request, SyncEvent};
use support::*;

/// The run list with the backend able to re-run and cancel; `r-2` (failed) is selected.
fn controlled() -> State {
    let mut state = listed(100);
    state.pipelines.backends[0].controls_runs = true;
    state.deploy.backends = vec![BackendView::new("sandbox", false)];
    select(&mut state, "r-2");
    state
}

fn select(state: &mut State, run_id: &str) {
    let view = &state.pipelines;
    let row = view
        .rows()
        .iter()
        .position(|r| view.run_at(*r).is_some_and(|run| run.id == run_id))
        .unwrap();
    state.pipelines.selected = row;
}

fn question(state: &State) -> &RunConfirm {
    match &state.popup {
        Some(Popup::ConfirmRun(ask)) => ask,
        other => panic!("no run question: {other:?}"),
    }
}

#[test]
fn rerun_is_offered_for_a_failed_run_and_cancel_for_a_running_one() {
    let mut state = controlled();
    assert!(available(&state, RunAction::RerunFailed));
    assert!(!available(&state, RunAction::Cancel));
    assert!(act(&mut state, Action::CancelRun).is_empty());
    assert_eq!(state.popup, None);
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("run r-2 has ended: nothing to cancel")
    );

    select(&mut state, "r-3");
    assert!(available(&state, RunAction::Cancel));
    assert!(!available(&state, RunAction::RerunFailed));
    act(&mut state, Action::RerunFailed);
    assert_eq!(state.popup, None);
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("run r-3 is still going: nothing to re-run yet")
    );
    act(&mut state, Action::CancelRun);
    assert_eq!(
        question(&state).message,
        "Cancel run r-3 'Build and deploy r-3' on main? y/N"
    );
}

#[test]
fn a_backend_that_cannot_control_runs_offers_nothing() {
    let mut state = controlled();
    state.pipelines.backends[0].controls_runs = false;
    assert!(!available(&state, RunAction::RerunFailed));
    act(&mut state, Action::RerunFailed);
    assert_eq!(state.popup, None);
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("sandbox cannot re-run or cancel runs")
    );
}

#[test]
fn confirming_a_rerun_sends_it_and_the_answer_shows() {
    let mut state = controlled();
    assert!(act(&mut state, Action::RerunFailed).is_empty());
    // The failed test job and the cancelled deploy job run again.
    assert_eq!(
        question(&state).message,
        "Re-run the 2 failed jobs of run r-2 'Build and deploy r-2' on main? y/N"
    );
    // Other keys leave the question open.
    assert!(act(&mut state, Action::Down).is_empty());
    assert!(state.popup.is_some());
    assert_eq!(
        act(&mut state, Action::Confirm),
        vec![Effect::Sync(Request::RunAction {
            backend: 0,
            run_id: "r-2".into(),
            action: RunAction::RerunFailed,
        })]
    );
    assert_eq!(state.popup, None);
    assert!(state.pipelines.acting.contains_key(&(0, "r-2".to_string())));
    // While it is on its way, it is not offered again.
    assert!(!available(&state, RunAction::RerunFailed));

    let done = SyncEvent::RunActionDone {
        backend: 0,
        run_id: "r-2".into(),
        action: RunAction::RerunFailed,
    };
    update(&mut state, Msg::Sync(done), now());
    assert!(state.pipelines.acting.is_empty());
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("Run r-2: the failed jobs run again")
    );
}

#[test]
fn a_refused_cancel_shows_the_backends_words() {
    let mut state = controlled();
    select(&mut state, "r-3");
    act(&mut state, Action::CancelRun);
    act(&mut state, Action::Confirm);
    let failed = SyncEvent::RunActionFailed {
        backend: 0,
        run_id: "r-3".into(),
        action: RunAction::Cancel,
        error: "Cannot cancel a workflow run that is completed. (409)".into(),
    };
    update(&mut state, Msg::Sync(failed), now());
    assert!(state.pipelines.acting.is_empty());
    assert_eq!(
        state.pipelines.error.as_deref(),
        Some("Could not cancel run r-3: Cannot cancel a workflow run that is completed. (409)")
    );
}

#[test]
fn saying_no_sends_nothing() {
    let mut state = controlled();
    act(&mut state, Action::RerunFailed);
    assert!(act(&mut state, Action::Deny).is_empty());
    assert_eq!(state.popup, None);
    assert!(state.pipelines.acting.is_empty());
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("Run r-2: nothing sent")
    );
    act(&mut state, Action::RerunFailed);
    assert!(act(&mut state, Action::Close).is_empty());
    assert_eq!(state.popup, None);
}

#[test]
fn read_only_refuses_and_says_why() {
    let mut state = controlled();
    state.read_only = true;
    assert!(!available(&state, RunAction::RerunFailed));
    assert!(act(&mut state, Action::RerunFailed).is_empty());
    assert_eq!(state.popup, None);
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("shipdeck runs read-only (--read-only): re-run and cancel are off")
    );

    let mut state = controlled();
    state.deploy.backends[0].read_only = true;
    act(&mut state, Action::RerunFailed);
    assert_eq!(state.popup, None);
    assert_eq!(
        state.pipelines.note.as_deref(),
        Some("backend sandbox is read_only in the config: re-run and cancel are off")
    );
}

#[test]
fn the_open_runs_tree_acts_on_that_run() {
    let mut state = controlled();
    select(&mut state, "r-3");
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: running_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    // The list's selection moved away; the tree still names its own run.
    state.pipelines.selected = 0;
    act(&mut state, Action::CancelRun);
    assert_eq!(question(&state).run_id, "r-3");
}

/// The viewer on the running run's `deploy` job of a backend whose requests count (or not).
fn viewing_running(counted: bool) -> State {
    let mut state = controlled();
    state.pipelines.backends[0].counted = counted;
    select(&mut state, "r-3");
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: running_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    act(&mut state, Action::Down);
    act(&mut state, Action::Down);
    act(&mut state, Action::Down);
    let effects = act(&mut state, Action::Open);
    assert!(
        matches!(&effects[..], [Effect::Sync(Request::TailLog { job_id, .. })] if job_id == "j-2"),
        "{effects:?}"
    );
    state
}

fn tail_of_deploy(state: &mut State, tail: TailState) {
    let event = SyncEvent::TailChanged {
        run_id: "r-3".into(),
        job_id: "j-2".into(),
        tail,
    };
    update(state, Msg::Sync(event), now());
}

#[test]
fn a_log_that_waits_for_its_job_keeps_the_run_polled_every_5s_where_requests_count() {
    let mut state = viewing_running(true);
    // Following a log polls nothing else.
    tail_of_deploy(&mut state, TailState::Following);
    assert_eq!(state.pipelines.poll_due, None);
    tail_of_deploy(
        &mut state,
        TailState::Waiting {
            note: "the log arrives when the job ends".into(),
        },
    );
    assert_eq!(state.pipelines.poll_due, Some(now() + Duration::seconds(5)));
    assert!(update(&mut state, Msg::Tick, now() + Duration::seconds(4)).is_empty());
    assert_eq!(
        update(&mut state, Msg::Tick, now() + Duration::seconds(5)),
        vec![Effect::Sync(Request::FetchRun {
            backend: 0,
            run_id: "r-3".into()
        })]
    );
}

#[test]
fn a_backend_that_does_not_count_requests_keeps_its_2s_poll() {
    let mut state = viewing_running(false);
    tail_of_deploy(
        &mut state,
        TailState::Waiting {
            note: "the log arrives when the job ends".into(),
        },
    );
    assert_eq!(state.pipelines.poll_due, Some(now() + Duration::seconds(2)));
}
