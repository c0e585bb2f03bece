//! What the sandbox's changelogs record: one entry per edit, each with the fields it changed.

use super::catalog::Status;
use crate::people::Person;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Status {
        from: &'static Status,
        to: &'static Status,
    },
    Points {
        from: Option<f64>,
        to: Option<f64>,
    },
    /// Every sprint the issue was in before and after, as the sprint field lists them.
    Sprint {
        from: Vec<u64>,
        to: Vec<u64>,
    },
    Flagged(bool),
}

/// One changelog entry.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub at: DateTime<Utc>,
    pub author: &'static Person,
    pub changes: Vec<Change>,
}
