//! The append-only audit log of dangerous actions: who promoted, rolled back or cancelled
//! what, re-ran or cancelled which pipeline run, approved or rejected which waiting
//! deployment, where, when, and how it ended.
//!
//! A JSONL file never rewritten: the start of an action and each of its outcomes are separate
//! lines sharing the idempotency key, and readers merge them. Each record is wholly there or
//! not at all: a writer holds the file's lock, and a write the disk cut short is taken back
//! (the caller then sends nothing). A torn last line left by a crash is closed off on a line of
//! its own when the next record is written, and readers report it and read past it.

mod line;
mod read;
mod record;
mod since;
mod store;
mod user;

pub use read::{AuditRead, Damage, parse};
pub use record::{AuditAction, AuditEntry, AuditOutcome, AuditRecord, AuditResult};
pub use since::parse_since;
pub use store::{AuditFile, AuditStore, DIR_MODE, FILE_MODE, FileStore};
pub use user::os_user;

use crate::domain::deploy::IdempotencyKey;
use chrono::{DateTime, Utc};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AuditError {
    #[error("cannot read the audit log {path}: {source}")]
    Io { path: String, source: io::Error },
}

#[derive(Clone)]
pub struct AuditLog {
    path: PathBuf,
    store: Arc<dyn AuditStore>,
}

impl fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditLog")
            .field("path", &self.path)
            .finish()
    }
}

impl AuditLog {
    /// `audit.jsonl` in the XDG state dir (the local data dir where there is none).
    pub fn default_path() -> Option<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "shipdeck")?;
        let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Some(dir.join("audit.jsonl"))
    }

    pub fn at(path: PathBuf) -> Self {
        let store = Arc::new(FileStore { path: path.clone() });
        Self { path, store }
    }

    /// The log kept in `store`; `path` is how messages name it.
    pub fn with_store(path: PathBuf, store: Arc<dyn AuditStore>) -> Self {
        Self { path, store }
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
        let mut record = serde_json::to_vec(line).map_err(io::Error::other)?;
        record.push(b'\n');
        let mut file = self.store.open()?;
        let start = file.size()?;
        let torn = file.last_byte()?.is_some_and(|b| b != b'\n');
        if torn {
            // Glued onto a torn line, this record would be lost with it.
            record.insert(0, b'\n');
        }
        if let Err(e) = file.write_all(&record).and_then(|()| file.sync()) {
            // Whole or not at all: whatever part of the record went in is taken back.
            if let Err(undo) = file.truncate(start).and_then(|()| file.sync()) {
                tracing::error!(
                    path = %self.path.display(),
                    error = %undo,
                    "cannot take back a partly written audit record; the next record starts on \
                     a line of its own"
                );
            }
            return Err(e);
        }
        if torn {
            tracing::warn!(
                path = %self.path.display(),
                "the audit log ended in a torn line (a write cut short); it is kept on a line of \
                 its own and `shipdeck audit` reports it"
            );
        }
        Ok(())
    }

    /// Every action started at or after `since`, merged with its outcomes, oldest first, and
    /// the lines that are not records. No file yet means no actions yet.
    pub fn read(&self, since: Option<DateTime<Utc>>) -> Result<AuditRead, AuditError> {
        let bytes = self.store.read().map_err(|source| AuditError::Io {
            path: self.path.display().to_string(),
            source,
        })?;
        let mut read = bytes.as_deref().map(parse).unwrap_or_default();
        read.records
            .retain(|r| since.is_none_or(|t| r.entry.time >= t));
        Ok(read)
    }
}
