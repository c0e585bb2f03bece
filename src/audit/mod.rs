//! The append-only audit log of dangerous actions: who promoted, rolled back or cancelled
//! what, re-ran or cancelled which pipeline run, approved or rejected which waiting
//! deployment, where, when, and how it ended.
//!
//! A JSONL file never rewritten: the start of an action and each of its outcomes are separate
//! lines sharing the idempotency key, and readers merge them. Two shipdecks may append at
//! once (O_APPEND keeps whole lines whole) and a crash can lose at most the line being written.

mod line;
mod since;

pub use since::parse_since;

use crate::domain::deploy::{DeploymentId, IdempotencyKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::OpenOptions;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

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

#[derive(Debug, Error)]
pub enum AuditError {
    #[error("cannot read the audit log {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}, line {line}: not an audit record: {message}")]
    Corrupt {
        path: String,
        line: usize,
        message: String,
    },
}

/// The OS user: `$USER`, else `$LOGNAME`, else the passwd name of the process's uid (cron
/// jobs and `env -i` have no `$USER`), else "uid N", else "unknown".
pub fn os_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .or_else(passwd_user)
        .unwrap_or_else(|| "unknown".into())
}

fn passwd_user() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid.to_string()).then(|| name.to_string())
    });
    Some(name.unwrap_or_else(|| format!("uid {uid}")))
}

#[derive(Clone, Debug)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    /// `audit.jsonl` in the XDG state dir (the local data dir where there is none).
    pub fn default_path() -> Option<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "shipdeck")?;
        let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Some(dir.join("audit.jsonl"))
    }

    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Written and synced before the request is sent, so a crash still leaves a trace.
    pub fn started(&self, entry: &AuditEntry) -> io::Result<()> {
        self.append(&line::started(entry))
    }

    pub fn outcome(&self, key: &IdempotencyKey, outcome: &AuditOutcome) -> io::Result<()> {
        self.append(&line::outcome(key, outcome))
    }

    fn append(&self, line: &line::Line) -> io::Result<()> {
        let mut text = serde_json::to_string(line).map_err(io::Error::other)?;
        text.push('\n');
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        // One write of the whole line: with O_APPEND, concurrent writers never interleave.
        file.write_all(text.as_bytes())?;
        file.sync_data()
    }

    /// Every action started at or after `since`, merged with its outcomes, oldest first.
    /// No file yet means no actions yet.
    pub fn read(&self, since: Option<DateTime<Utc>>) -> Result<Vec<AuditRecord>, AuditError> {
        let shown = self.path.display().to_string();
        let io_error = |source| AuditError::Io {
            path: shown.clone(),
            source,
        };
        let file = match std::fs::File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(e)),
        };
        let mut lines = Vec::new();
        for (index, text) in BufReader::new(file).lines().enumerate() {
            let text = text.map_err(io_error)?;
            if text.trim().is_empty() {
                continue;
            }
            let parsed = line::parse(&text).map_err(|message| AuditError::Corrupt {
                path: shown.clone(),
                line: index + 1,
                message,
            })?;
            lines.push(parsed);
        }
        let mut records = line::merge(lines);
        records.retain(|r| since.is_none_or(|t| r.entry.time >= t));
        Ok(records)
    }
}

#[cfg(test)]
mod user_tests {
    #[test]
    fn the_passwd_name_stands_in_for_a_missing_user_variable() {
        let name = super::passwd_user().expect("a uid always resolves");
        assert!(!name.is_empty() && !name.contains(':'), "{name}");
    }
}
