//! A session's backends into the state. Each `[[deploy]]` or `[[github]]` table is one backend
//! of the deploy screen and one of the pipelines screen, at the same index; they are set from
//! one list so the two screens always agree on what exists (a pipelines screen offering
//! deploys that have no tab is a state the app never reaches).

use super::State;
use super::deploy::BackendView;
use super::pipelines::{PipelinesView, RunsBackend};
use crate::config::LogsConfig;
use std::path::PathBuf;

/// One backend as both screens see it.
pub struct Backend {
    pub deploys: BackendView,
    pub runs: RunsBackend,
}

pub fn backends(
    state: &mut State,
    backends: Vec<Backend>,
    logs: LogsConfig,
    save_dir: Option<PathBuf>,
) {
    let (deploys, runs) = backends.into_iter().map(|b| (b.deploys, b.runs)).unzip();
    state.deploy.backends = deploys;
    state.pipelines = PipelinesView::new(runs, logs, save_dir);
}
