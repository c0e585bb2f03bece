//! Pipeline runs, their jobs and steps, and log chunks read by offset.

use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Skipped,
    Unknown,
}

impl RunStatus {
    pub fn is_active(self) -> bool {
        matches!(self, Self::Queued | Self::Running)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    pub name: String,
    pub status: RunStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Job {
    pub id: String,
    pub name: String,
    pub status: RunStatus,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    pub id: String,
    pub service: Option<String>,
    pub name: String,
    pub branch: Option<String>,
    pub revision: Option<String>,
    pub status: RunStatus,
    pub created_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub url: Option<String>,
    pub jobs: Vec<Job>,
}

/// Log bytes from `offset` to what exists now. Raw: the viewer sanitises when it parses.
#[derive(Clone, Debug, PartialEq)]
pub struct LogChunk {
    pub offset: u64,
    pub bytes: Vec<u8>,
    /// Total bytes the server has so far.
    pub size: Option<u64>,
    /// The job ended and nothing more will come.
    pub complete: bool,
    /// Why nothing can be read yet, in the provider's words (GitHub serves a job's log only
    /// once the job ends); shown instead of "following".
    pub waiting: Option<String>,
}

impl LogChunk {
    /// Where the next read starts: `offset += body length` reads every byte exactly once.
    pub fn next_offset(&self) -> u64 {
        self.offset + self.bytes.len() as u64
    }
}

/// How a log tail stands, for the viewer's "following" / "complete" label.
#[derive(Clone, Debug, PartialEq)]
pub enum TailState {
    Following,
    /// The connection dropped; resuming from the last offset.
    Reconnecting {
        attempt: u32,
        error: String,
    },
    /// Nothing can be read yet, and the provider says why ("the log arrives when the job
    /// ends"); the tail keeps polling.
    Waiting {
        note: String,
    },
    /// The job ended and every byte arrived.
    Complete,
    Failed {
        error: String,
    },
}

/// What a confirmed pipeline-run control does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunAction {
    /// Runs the failed jobs of a finished run again.
    RerunFailed,
    /// Stops a queued or running run.
    Cancel,
}
