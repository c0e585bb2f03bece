//! Pure `update` tests of the pipelines screen: the run list, a run's tree, timers, and the
//! deploy screen's `v` (in `deploy_v`); the log viewer's own tests are in `viewer` and
//! `search`.

#[path = "app_pipelines/deploy_v.rs"]
mod deploy_v;
#[path = "app_pipelines/search.rs"]
mod search_tests;
#[path = "app_pipelines/support.rs"]
mod support;
#[path = "app_pipelines/viewer.rs"]
mod viewer_tests;

use chrono::Duration;
use shipdeck::app::action::KeyContext;
use shipdeck::app::pipelines::{TreeRow, tree_rows};
use shipdeck::app::{Action, Effect, Msg, Screen, update};
use shipdeck::domain::pipeline::RunStatus;
use shipdeck::sync::{Request, SyncEvent};
use support::*;

#[test]
fn the_screen_asks_for_runs_once_and_lists_them_newest_first() {
    let mut state = shipdeck::app::State::new(
        shipdeck::config::WipPolicy::Warn,
        std::time::Duration::from_secs(60),
    );
    state.pipelines = listed(100).pipelines.clone();
    state.pipelines.backends[0].runs.clear();
    state.pipelines.backends[0].last_synced = None;
    assert_eq!(
        act(&mut state, Action::ScreenPipelines),
        vec![Effect::Sync(Request::FetchRuns)]
    );
    assert_eq!(state.screen, Screen::Pipelines);
    assert_eq!(state.key_context(), KeyContext::Pipelines);
    assert!(state.pipelines.is_loading());
    // Coming back while the answer is out asks nothing more.
    act(&mut state, Action::ScreenBoard);
    assert!(act(&mut state, Action::ScreenPipelines).is_empty());

    let older = run("r-1", RunStatus::Succeeded, 300, vec![]);
    let loaded = SyncEvent::RunsLoaded {
        backend: 0,
        runs: vec![older, running_run(), failed_run()],
        at: now(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    let ids: Vec<&str> = state.pipelines.backends[0]
        .runs
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["r-3", "r-2", "r-1"]);
    assert!(!state.pipelines.is_loading());
}

#[test]
fn the_selection_stays_on_its_run_across_a_reload() {
    let mut state = listed(100);
    act(&mut state, Action::Down);
    let (_, picked) = state.pipelines.selected_run().unwrap();
    assert_eq!(picked.id, "r-2");
    let newer = run("r-9", RunStatus::Queued, 0, vec![]);
    let loaded = SyncEvent::RunsLoaded {
        backend: 0,
        runs: vec![newer, running_run(), failed_run()],
        at: now(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    assert_eq!(state.pipelines.selected_run().unwrap().1.id, "r-2");
}

#[test]
fn opening_a_run_reads_it_and_preselects_the_first_failed_step() {
    let mut state = listed(100);
    act(&mut state, Action::Down);
    assert_eq!(
        act(&mut state, Action::Open),
        vec![Effect::Sync(Request::FetchRun {
            backend: 0,
            run_id: "r-2".into()
        })]
    );
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: failed_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    let open = state.pipelines.run.as_ref().unwrap();
    let rows = tree_rows(open.run.as_ref().unwrap());
    assert_eq!(rows[open.selected], TreeRow::Step { job: 1, step: 1 });
    // Esc goes back to the list.
    act(&mut state, Action::Close);
    assert!(state.pipelines.run.is_none());
}

#[test]
fn enter_on_a_job_tails_its_log_from_the_start_and_esc_stops_it() {
    let mut state = listed(100);
    act(&mut state, Action::Down);
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: failed_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    // From the failed step up to its job's row.
    act(&mut state, Action::Up);
    act(&mut state, Action::Up);
    let open = state.pipelines.run.as_ref().unwrap();
    assert_eq!(
        tree_rows(open.run.as_ref().unwrap())[open.selected],
        TreeRow::Job(1)
    );
    assert_eq!(
        act(&mut state, Action::Open),
        vec![Effect::Sync(Request::TailLog {
            backend: 0,
            run_id: "r-2".into(),
            job_id: "j-2".into(),
            offset: 0
        })]
    );
    assert_eq!(state.key_context(), KeyContext::Log);
    assert_eq!(viewer(&state).source.job_name, "test");
    assert_eq!(
        act(&mut state, Action::Close),
        vec![Effect::Sync(Request::StopTail)]
    );
    assert!(state.pipelines.viewer.is_none());
    assert!(state.pipelines.run.is_some(), "back on the run's tree");
}

#[test]
fn an_open_active_run_is_polled_and_its_clock_ticks_but_not_under_the_viewer() {
    let mut state = listed(100);
    // The list shows a running run's live duration: a 1 s clock, nothing polled.
    assert_eq!(
        state.pipelines.clock_due,
        Some(now() + Duration::seconds(1))
    );
    assert_eq!(state.pipelines.poll_due, None);
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: running_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    assert_eq!(state.pipelines.poll_due, Some(now() + Duration::seconds(2)));
    assert_eq!(state.next_deadline(), Some(now() + Duration::seconds(1)));
    let later = now() + Duration::seconds(2);
    assert_eq!(
        update(&mut state, Msg::Tick, later),
        vec![Effect::Sync(Request::FetchRun {
            backend: 0,
            run_id: "r-3".into()
        })]
    );
    // While that read is out, no second one is asked for.
    assert!(update(&mut state, Msg::Tick, later + Duration::seconds(3)).is_empty());

    act(&mut state, Action::Open);
    assert!(state.pipelines.viewer.is_some());
    assert_eq!(
        (state.pipelines.clock_due, state.pipelines.poll_due),
        (None, None),
        "following a log wakes nothing but the refresh timer"
    );
}

#[test]
fn a_finished_run_is_not_polled() {
    let mut state = listed(100);
    act(&mut state, Action::Down);
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: failed_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    assert_eq!(
        (state.pipelines.clock_due, state.pipelines.poll_due),
        (None, None)
    );
}

#[test]
fn a_failed_read_of_the_open_run_shows_on_it_not_on_the_list() {
    let mut state = listed(100);
    act(&mut state, Action::Open);
    let failed = SyncEvent::RunsFailed {
        backend: 0,
        error: "cannot load pipeline run r-3: timed out".into(),
    };
    update(&mut state, Msg::Sync(failed), now());
    let open = state.pipelines.run.as_ref().unwrap();
    assert_eq!(
        open.error.as_deref(),
        Some("cannot load pipeline run r-3: timed out")
    );
    assert!(!open.in_flight);
    assert_eq!(state.pipelines.backends[0].last_error, None);
    // The run is still running: it is asked for again.
    assert_eq!(state.pipelines.poll_due, Some(now() + Duration::seconds(2)));
}
