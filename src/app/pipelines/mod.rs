//! The pipelines screen's state: recent runs per backend, one run opened as a tree of jobs and
//! steps, and the log viewer on a job (`logview`).

mod control;
mod events;
pub mod logview;
mod timing;
mod tree;
mod update;

pub use control::{RunConfirm, available, offered, on_confirm, target_run};
pub use events::{handles, on_sync};
pub use logview::LogViewer;
pub use timing::{on_tick, schedule};
pub use tree::{TreeRow, first_failed_row, rows as tree_rows};
pub use update::{on_action, on_input, open_run_log, refresh};

use crate::config::LogsConfig;
use crate::domain::pipeline::Run;
use crate::domain::pipeline::RunAction;
use crate::providers::CiProvider;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One deploy backend's recent runs.
#[derive(Clone, Debug, PartialEq)]
pub struct RunsBackend {
    pub name: String,
    /// The backend serves pipeline runs; others are never asked.
    pub ci: bool,
    /// Its runs can be re-run and cancelled from here (`CiProvider::controls_runs`).
    pub controls_runs: bool,
    /// Every request counts against a budget (the provider sets its own log pace, as GitHub
    /// does): an open run is polled more slowly.
    pub counted: bool,
    /// Newest first.
    pub runs: Vec<Run>,
    pub loading: bool,
    pub last_synced: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

impl RunsBackend {
    pub fn new(name: impl Into<String>, ci: bool) -> Self {
        Self {
            name: name.into(),
            ci,
            controls_runs: false,
            counted: false,
            runs: Vec::new(),
            loading: false,
            last_synced: None,
            last_error: None,
        }
    }
}

impl RunsBackend {
    /// A backend as its pipeline provider (if any) describes itself.
    pub fn of(name: impl Into<String>, ci: Option<&dyn CiProvider>) -> Self {
        let mut backend = Self::new(name, ci.is_some());
        backend.controls_runs = ci.is_some_and(|c| c.controls_runs());
        backend.counted = ci.is_some_and(|c| c.log_poll().is_some());
        backend
    }
}

/// A run opened as a tree; `run` is None until it is read.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenRun {
    pub backend: usize,
    pub run_id: String,
    pub run: Option<Run>,
    /// The selected row of the tree (see `tree_rows`).
    pub selected: usize,
    /// Not read yet (a fresh open); `in_flight` is any read under way, polls included.
    pub loading: bool,
    pub in_flight: bool,
    pub error: Option<String>,
    /// Opened from a deployment's `v`: show the log of its most telling job once read.
    pub log_on_load: bool,
}

impl OpenRun {
    pub fn new(backend: usize, run_id: impl Into<String>) -> Self {
        Self {
            backend,
            run_id: run_id.into(),
            run: None,
            selected: 0,
            loading: true,
            in_flight: false,
            error: None,
            log_on_load: false,
        }
    }
}

/// A row of the run list: a backend and a run of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunRef {
    pub backend: usize,
    pub run: usize,
}

#[derive(Clone, Debug)]
pub struct PipelinesView {
    pub backends: Vec<RunsBackend>,
    /// Selected row of the run list (flattened over backends).
    pub selected: usize,
    pub run: Option<OpenRun>,
    pub viewer: Option<LogViewer>,
    /// The viewer's line cap and error patterns.
    pub logs: LogsConfig,
    /// Where `s` saves logs (`<state dir>/shipdeck/logs`); None when the system has no such
    /// directory.
    pub save_dir: Option<PathBuf>,
    pub note: Option<String>,
    pub error: Option<String>,
    /// Re-runs and cancels sent and not yet answered, by (backend, run id).
    pub acting: BTreeMap<(usize, String), RunAction>,
    /// When the open run is asked for again while it is active.
    pub poll_due: Option<DateTime<Utc>>,
    /// When a live duration on screen next changes (whole seconds).
    pub clock_due: Option<DateTime<Utc>>,
}

impl Default for PipelinesView {
    fn default() -> Self {
        Self::new(Vec::new(), LogsConfig::default(), None)
    }
}

impl PipelinesView {
    pub fn new(backends: Vec<RunsBackend>, logs: LogsConfig, save_dir: Option<PathBuf>) -> Self {
        Self {
            backends,
            selected: 0,
            run: None,
            viewer: None,
            logs,
            save_dir,
            note: None,
            error: None,
            acting: BTreeMap::new(),
            poll_due: None,
            clock_due: None,
        }
    }

    pub fn rows(&self) -> Vec<RunRef> {
        self.backends
            .iter()
            .enumerate()
            .flat_map(|(b, view)| (0..view.runs.len()).map(move |r| RunRef { backend: b, run: r }))
            .collect()
    }

    pub fn run_at(&self, row: RunRef) -> Option<&Run> {
        self.backends.get(row.backend)?.runs.get(row.run)
    }

    pub fn selected_run(&self) -> Option<(RunRef, &Run)> {
        let row = *self.rows().get(self.selected)?;
        Some((row, self.run_at(row)?))
    }

    pub fn is_loading(&self) -> bool {
        self.backends.iter().any(|b| b.loading)
    }

    /// Runs were asked for at least once (the screen was visited).
    pub fn ever_asked(&self) -> bool {
        self.backends
            .iter()
            .any(|b| b.loading || b.last_synced.is_some() || b.last_error.is_some())
    }

    pub fn has_ci(&self) -> bool {
        self.backends.iter().any(|b| b.ci)
    }
}

/// Where saved logs go: the XDG state directory (`~/.local/state/shipdeck/logs`), or the local
/// data directory where the system has no state directory.
pub fn default_save_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "shipdeck")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(dir.join("logs"))
}
