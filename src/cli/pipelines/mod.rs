//! The pipeline verbs: `print pipelines` and `logs`.
//!
//! Exit status of `logs`: 0 the job succeeded, 1 it failed, was cancelled, is still running
//! without `--follow`, or could not be read; 2 usage (an unknown backend, run or job).

mod find;
mod logs;
mod out;
mod table;

pub use logs::logs;
pub use table::print_pipelines;

use crate::cli::{Stop, say_waiting};
use crate::domain::pipeline::RunStatus;
use crate::providers::CiProvider;
use crate::setup::DeployHandle;
use std::sync::Arc;

/// The backends that serve pipeline runs, with their names.
fn pipelines(deploys: &[DeployHandle]) -> Vec<(&str, Arc<dyn CiProvider>)> {
    deploys
        .iter()
        .filter_map(|h| h.ci.clone().map(|ci| (h.name.as_str(), ci)))
        .collect()
}

/// A status as a symbol and a word, readable without colour.
pub fn status_label(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Queued => "◌ queued",
        RunStatus::Running => "● running",
        RunStatus::Succeeded => "✔ succeeded",
        RunStatus::Failed => "✖ failed",
        RunStatus::Cancelled => "⊘ cancelled",
        RunStatus::Skipped => "↷ skipped",
        RunStatus::Unknown => "? unknown",
    }
}

/// The status's word, as the JSON output and messages use it.
pub fn status_word(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Queued => "queued",
        RunStatus::Running => "running",
        RunStatus::Succeeded => "succeeded",
        RunStatus::Failed => "failed",
        RunStatus::Cancelled => "cancelled",
        RunStatus::Skipped => "skipped",
        RunStatus::Unknown => "unknown",
    }
}
