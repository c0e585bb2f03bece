//! Services, environments and deployments: the model every deploy backend maps onto.

pub mod plan;
#[cfg(test)]
mod plan_tests;

use super::issue::IssueKey;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct DeploymentId(pub String);

impl fmt::Display for DeploymentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One per confirmed user action; re-sent on every retry so the server deploys once.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct IdempotencyKey(pub String);

impl IdempotencyKey {
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    Healthy,
    Degraded,
    Down,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeployState {
    Queued,
    /// Held until a reviewer approves it (GitHub environments with required reviewers).
    Waiting,
    InProgress,
    Succeeded,
    Failed,
    Cancelled,
    /// A state this version of shipdeck does not know; shown, never a crash.
    Unknown,
}

impl DeployState {
    /// Still moving: queued or in progress.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Queued | Self::Waiting | Self::InProgress)
    }
}

/// The word for a state everywhere it is shown: the protocol's own, one token for tables.
pub fn state_name(state: DeployState) -> &'static str {
    match state {
        DeployState::Queued => "queued",
        DeployState::Waiting => "waiting",
        DeployState::InProgress => "in_progress",
        DeployState::Succeeded => "succeeded",
        DeployState::Failed => "failed",
        DeployState::Cancelled => "cancelled",
        DeployState::Unknown => "unknown",
    }
}

pub fn health_name(health: Health) -> &'static str {
    match health {
        Health::Healthy => "healthy",
        Health::Degraded => "degraded",
        Health::Down => "down",
        Health::Unknown => "unknown",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeployKind {
    Deploy,
    Promote,
    Rollback,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub sha: String,
    pub title: String,
    pub issue_keys: Vec<IssueKey>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deployment {
    pub id: DeploymentId,
    pub service: String,
    pub environment: String,
    pub revision: String,
    pub version: Option<String>,
    pub kind: DeployKind,
    pub state: DeployState,
    pub from_environment: Option<String>,
    pub rollback_of: Option<DeploymentId>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub by: Option<String>,
    pub reason: Option<String>,
    /// The pipeline run doing the work; its log is the deploy log.
    pub run_id: Option<String>,
    pub changes: Vec<Change>,
}

impl Deployment {
    /// "1.8.0" when there is a version, else the first 7 characters of the revision.
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) if !v.is_empty() => v.clone(),
            _ => self.revision.chars().take(7).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lock {
    pub by: String,
    pub reason: String,
    pub until: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Environment {
    pub name: String,
    pub protected: bool,
    /// The backend's own protection rules in words ("2 reviewers: ana, bo", "wait 10 min").
    pub protection: Vec<String>,
    pub health: Health,
    pub lock: Option<Lock>,
    /// The deployment serving now (may itself be in flight).
    pub current: Option<Deployment>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Service {
    pub name: String,
    pub repo: Option<String>,
    /// In promotion order: dev -> staging -> prod.
    pub environments: Vec<Environment>,
}

/// Promote what `from` runs (or `revision`) into `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct PromoteRequest {
    pub service: String,
    pub from: String,
    pub to: String,
    pub revision: Option<String>,
    pub reason: Option<String>,
}

/// Redeploy an earlier successful deployment of `environment` (default: the newest succeeded
/// one before the current).
#[derive(Clone, Debug, PartialEq)]
pub struct RollbackRequest {
    pub service: String,
    pub environment: String,
    pub to_deployment: Option<DeploymentId>,
    pub reason: Option<String>,
}
