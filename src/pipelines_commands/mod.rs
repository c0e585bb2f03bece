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

use crate::domain::pipeline::RunStatus;
use crate::providers::CiProvider;
use crate::setup::DeployHandle;
use std::process::ExitCode;
use std::sync::Arc;

/// Why a verb stopped short, for the exit status.
#[derive(Debug)]
pub enum Stop {
    /// Exit 1.
    Failed(String),
    /// Exit 2.
    Usage(String),
}

impl Stop {
    fn exit(self) -> ExitCode {
        let (message, code) = match self {
            Stop::Failed(m) => (m, 1),
            Stop::Usage(m) => (m, 2),
        };
        eprintln!("shipdeck: {message}");
        ExitCode::from(code)
    }
}

/// The backends that serve pipeline runs, with their names.
fn pipelines(deploys: &[DeployHandle]) -> Vec<(&str, Arc<dyn CiProvider>)> {
    deploys
        .iter()
        .filter_map(|h| h.ci.clone().map(|ci| (h.name.as_str(), ci)))
        .collect()
}

fn say_waiting(wait: std::time::Duration) {
    eprintln!(
        "shipdeck: rate limited; waiting {}s as the server asks",
        wait.as_secs()
    );
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
