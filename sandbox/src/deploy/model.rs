//! The deploy backend's world as the wire shows it: services with their environments and
//! releases, deployments, and the pipeline runs doing the work (with their logs).

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    Healthy,
    Degraded,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Deploy,
    Promote,
    Rollback,
}

impl Kind {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Deploy => "deploy",
            Self::Promote => "promote",
            Self::Rollback => "rollback",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Queued,
    InProgress,
    Succeeded,
    Failed,
    Cancelled,
}

impl State {
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Succeeded | Self::Failed | Self::Cancelled)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::InProgress => "in_progress",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }
}

/// Runs, jobs and steps use CI words (`running`), deployments deploy words (`in_progress`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

impl Status {
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Succeeded | Self::Failed | Self::Cancelled)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Lock {
    pub by: String,
    pub reason: String,
    pub until: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct Environment {
    pub name: String,
    pub protected: bool,
    pub health: Health,
    pub lock: Option<Lock>,
    /// Index into `World::deployments` of the newest succeeded deployment.
    pub current: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub sha: String,
    pub title: String,
    pub issue_keys: Vec<String>,
}

/// A version cut from main: its revision is the sha of its last commit.
#[derive(Clone, Debug)]
pub struct Release {
    pub version: String,
    pub branch: String,
    pub revision: String,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub name: String,
    pub repo: String,
    /// In promotion order: dev -> staging -> prod.
    pub environments: Vec<Environment>,
    /// Oldest first.
    pub releases: Vec<Release>,
}

impl Service {
    pub fn environment(&self, name: &str) -> Option<usize> {
        self.environments.iter().position(|e| e.name == name)
    }

    pub fn release_of(&self, revision: &str) -> Option<usize> {
        self.releases.iter().position(|r| r.revision == revision)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Deployment {
    pub id: String,
    pub service: String,
    pub environment: String,
    pub revision: String,
    pub version: Option<String>,
    pub kind: Kind,
    pub state: State,
    pub from_environment: Option<String>,
    pub rollback_of: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub by: Option<String>,
    pub reason: Option<String>,
    pub run_id: Option<String>,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub name: String,
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Job {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub steps: Vec<Step>,
    /// Append-only; served by byte offset, never in the run's JSON.
    #[serde(skip)]
    pub log: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Run {
    pub id: String,
    pub service: String,
    pub name: String,
    pub branch: String,
    pub revision: String,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub url: String,
    pub jobs: Vec<Job>,
}

impl Run {
    pub fn job(&self, id: &str) -> Option<&Job> {
        self.jobs.iter().find(|j| j.id == id)
    }
}

/// Everything the server knows. Deployments and runs only ever grow, in creation order, so an
/// index is a stable handle and "newest first" is the reverse of the vector.
#[derive(Debug, Default)]
pub struct World {
    pub services: Vec<Service>,
    pub deployments: Vec<Deployment>,
    /// One per deployment, at the same index.
    pub runs: Vec<Run>,
    /// Runs no deployment made (the firehose demo); listed and served like the others.
    pub demo_runs: Vec<Run>,
    /// Idempotency-Key -> (the request it was first used for, the deployment it made).
    pub keys: HashMap<String, (String, usize)>,
    /// Revisions whose rollout fails wherever they go.
    pub bad_revisions: HashSet<String>,
}

impl World {
    pub fn service(&self, name: &str) -> Option<usize> {
        self.services.iter().position(|s| s.name == name)
    }

    pub fn deployment(&self, id: &str) -> Option<usize> {
        self.deployments.iter().position(|d| d.id == id)
    }

    pub fn run(&self, id: &str) -> Option<usize> {
        self.runs.iter().position(|r| r.id == id)
    }

    /// Ids are opaque to clients; these shapes just read well in a demo.
    pub fn next_ids(&self) -> (String, String) {
        let deployment = format!("d-{}", 1001 + self.deployments.len());
        let run = format!("r-{}", 301 + self.runs.len());
        (deployment, run)
    }
}
