//! What the audit log holds: the actions it records, how they ended, and the records readers
//! see once a start is merged with its outcomes.

use crate::domain::deploy::{DeploymentId, IdempotencyKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Promote,
    Rollback,
    Cancel,
    /// The failed jobs of a pipeline run started again; `to` names the run.
    RerunFailed,
    /// A pipeline run stopped; `to` names the run.
    CancelRun,
    /// A deployment waiting for reviewers let through.
    Approve,
    /// A deployment waiting for reviewers turned down.
    Reject,
}

impl AuditAction {
    /// The word in the file and in `shipdeck audit`; new actions only add words, so files
    /// written by older versions read as before.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Promote => "promote",
            Self::Rollback => "rollback",
            Self::Cancel => "cancel",
            Self::RerunFailed => "rerun_failed",
            Self::CancelRun => "cancel_run",
            Self::Approve => "approve",
            Self::Reject => "reject",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditResult {
    /// The backend took the request; the deployment has not finished.
    Accepted,
    Succeeded,
    Failed,
    Cancelled,
    /// The backend answered and did nothing (locked, conflict, invalid...).
    Refused,
    /// Retries ran out, or the wait was abandoned: it may or may not have happened.
    Unknown,
}

impl AuditResult {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Refused => "refused",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for AuditResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is written before the request goes out.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEntry {
    pub time: DateTime<Utc>,
    /// The OS user running shipdeck (see `os_user`).
    pub user: String,
    /// Who the backend knows the user as, when it says.
    pub backend_user: Option<String>,
    pub backend: String,
    pub service: String,
    pub action: AuditAction,
    pub from: Option<String>,
    pub to: Option<String>,
    pub revision: Option<String>,
    pub idempotency_key: IdempotencyKey,
}

/// How an action ended, or how far it got.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditOutcome {
    pub time: DateTime<Utc>,
    pub result: AuditResult,
    pub deployment_id: Option<DeploymentId>,
    pub message: Option<String>,
}

/// One action as readers see it: its start and every outcome logged since, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRecord {
    pub entry: AuditEntry,
    pub outcomes: Vec<AuditOutcome>,
}

impl AuditRecord {
    /// The latest word on the action; `None` while (or if) nothing came back.
    pub fn result(&self) -> Option<AuditResult> {
        self.outcomes.last().map(|o| o.result)
    }

    /// The deployment the backend made, once any outcome named it.
    pub fn deployment_id(&self) -> Option<&DeploymentId> {
        self.outcomes
            .iter()
            .rev()
            .find_map(|o| o.deployment_id.as_ref())
    }

    pub fn message(&self) -> Option<&str> {
        self.outcomes
            .iter()
            .rev()
            .find_map(|o| o.message.as_deref())
    }
}
