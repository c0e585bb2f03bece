//! Runs, jobs and steps for the pipelines tests, and the screen reached the way a user gets
//! there: `3`, a run opened, a job's log opened and fed. Shared by `app_pipelines` and
//! `ui_pipelines`, each of which uses only part of it.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use shipdeck::app::connect;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::pipelines::RunsBackend;
use shipdeck::app::pipelines::logview::{Entry, LogViewer};
use shipdeck::app::{Action, Effect, Msg, State, update};
use shipdeck::config::{LogsConfig, WipPolicy};
use shipdeck::domain::pipeline::TailState;
use shipdeck::domain::pipeline::{Job, Run, RunStatus, Step};
use shipdeck::sync::SyncEvent;
use std::path::PathBuf;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// A step that started `started_ago` seconds before `now()` and, once it ended, took `took`.
pub fn step(name: &str, status: RunStatus, started_ago: Option<i64>, took: i64) -> Step {
    let started_at = started_ago.map(|s| now() - Duration::seconds(s));
    Step {
        name: name.into(),
        status,
        started_at,
        finished_at: started_at
            .filter(|_| !status.is_active())
            .map(|t| t + Duration::seconds(took)),
    }
}

pub fn job(id: &str, name: &str, status: RunStatus, steps: Vec<Step>) -> Job {
    Job {
        id: id.into(),
        name: name.into(),
        status,
        steps,
    }
}

pub fn run(id: &str, status: RunStatus, minutes_ago: i64, jobs: Vec<Job>) -> Run {
    Run {
        id: id.into(),
        service: Some("payments".into()),
        name: format!("Build and deploy {id}"),
        branch: Some("main".into()),
        revision: Some("9f0e1d2c33aa".into()),
        status,
        created_at: Some(now() - Duration::minutes(minutes_ago)),
        finished_at: (!status.is_active()).then(|| now() - Duration::minutes(minutes_ago - 3)),
        url: Some(format!("https://ci.example/runs/{id}")),
        jobs,
    }
}

/// A failed run of three minutes, 30 to 27 minutes ago: build succeeded, test failed at its
/// second step, deploy cancelled. Every step lies inside the run.
pub fn failed_run() -> Run {
    use RunStatus::*;
    run(
        "r-2",
        Failed,
        30,
        vec![
            job(
                "j-1",
                "build",
                Succeeded,
                vec![
                    step("Checkout", Succeeded, Some(1795), 20),
                    step("Compile", Succeeded, Some(1775), 70),
                ],
            ),
            job(
                "j-2",
                "test",
                Failed,
                vec![
                    step("Unit tests", Succeeded, Some(1700), 40),
                    step("Integration tests", Failed, Some(1660), 35),
                ],
            ),
            job(
                "j-3",
                "deploy",
                Cancelled,
                vec![step("Rollout", Cancelled, None, 0)],
            ),
        ],
    )
}

pub fn running_run() -> Run {
    use RunStatus::*;
    run(
        "r-3",
        Running,
        2,
        vec![
            job(
                "j-1",
                "build",
                Succeeded,
                vec![step("Compile", Succeeded, Some(115), 50)],
            ),
            job(
                "j-2",
                "deploy",
                Running,
                vec![step("Rollout", Running, Some(60), 0)],
            ),
        ],
    )
}

pub fn logs_config(max_lines: usize) -> LogsConfig {
    LogsConfig {
        max_lines,
        ..LogsConfig::default()
    }
}

/// The pipelines screen with one backend's runs loaded (`3`, then the answer).
pub fn listed(max_lines: usize) -> State {
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
    state.viewport = (100, 30);
    // As the app connects a backend with pipelines: it is a deploy backend too.
    let backend = connect::Backend {
        deploys: BackendView::new("sandbox", false),
        runs: RunsBackend::new("sandbox", true),
    };
    connect::backends(
        &mut state,
        vec![backend],
        logs_config(max_lines),
        Some(PathBuf::from("/state/shipdeck/logs")),
    );
    act(&mut state, Action::ScreenPipelines);
    let loaded = SyncEvent::RunsLoaded {
        backend: 0,
        runs: vec![failed_run(), running_run()],
        at: now(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    state
}

/// The viewer on the failed run's `test` job, nothing read yet.
pub fn viewing(max_lines: usize) -> State {
    let mut state = listed(max_lines);
    let row = state
        .pipelines
        .rows()
        .iter()
        .position(|r| {
            state
                .pipelines
                .run_at(*r)
                .is_some_and(|run| run.id == "r-2")
        })
        .unwrap();
    state.pipelines.selected = row;
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: failed_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    act(&mut state, Action::Open);
    assert!(state.pipelines.viewer.is_some(), "no viewer opened");
    state
}

pub fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action), now())
}

pub fn feed(state: &mut State, bytes: &str) {
    let event = SyncEvent::LogBytes {
        run_id: "r-2".into(),
        job_id: "j-2".into(),
        bytes: bytes.as_bytes().to_vec(),
    };
    update(state, Msg::Sync(event), now());
}

pub fn tail(state: &mut State, tail: TailState) {
    let event = SyncEvent::TailChanged {
        run_id: "r-2".into(),
        job_id: "j-2".into(),
        tail,
    };
    update(state, Msg::Sync(event), now());
}

/// Types `text` into the search and presses Enter.
pub fn search(state: &mut State, text: &str) {
    act(state, Action::Filter);
    let typed = state
        .pipelines
        .viewer
        .as_ref()
        .and_then(|v| v.input.clone());
    for _ in typed.unwrap_or_default().chars() {
        update(state, Msg::Backspace, now());
    }
    for c in text.chars() {
        update(state, Msg::Input(c), now());
    }
    act(state, Action::Open);
}

pub fn viewer(state: &State) -> &LogViewer {
    state.pipelines.viewer.as_ref().expect("the viewer is open")
}

/// Every entry as shown: lines by text, folded groups as `▸ title (N)`.
pub fn shown(state: &State) -> Vec<String> {
    let entries = viewer(state).entries();
    let mut out = Vec::new();
    let mut at = entries.first();
    while let Some(n) = at {
        out.push(match entries.entry(n) {
            Some(Entry::Line(line)) => line.text.clone(),
            Some(Entry::Fold { line, lines }) => format!("▸ {} ({lines})", line.text),
            None => break,
        });
        at = entries.next(n);
    }
    out
}

/// The text of the cursor's line.
pub fn cursor_text(state: &State) -> String {
    let viewer = viewer(state);
    let entries = viewer.entries();
    entries
        .line(viewer.cursor)
        .map(|l| l.text.clone())
        .unwrap_or_default()
}

/// `count` numbered lines, `line 1` … `line count`.
pub fn numbered(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|n| format!("line {n}\n"))
        .collect()
}
