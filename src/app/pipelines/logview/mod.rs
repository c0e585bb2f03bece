//! The log viewer's state: the job's lines in a bounded `LogBuffer`, where the view is, and
//! the search, filter, folds, wrap and timestamp toggles over it. Positions are absolute line
//! numbers, so lines dropped at the front never move them.

mod entries;
mod find;
mod groups;
mod ingest;
mod keys;
mod layout;
mod moves;
mod search;
mod window;

pub use entries::{Entries, Entry};
pub use groups::{Groups, Span};
pub use keys::{on_action, on_input};
pub use layout::{GUTTER, Page, STAMP, rows_of};
pub use search::{SearchState, line_matches};
pub use window::Window;

use crate::config::LogsConfig;
use crate::domain::pipeline::TailState;
use crate::logs::LogBuffer;

/// Which job's log, as the header names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSource {
    pub backend: usize,
    pub run_id: String,
    pub job_id: String,
    pub run_name: String,
    pub job_name: String,
    pub url: Option<String>,
}

impl LogSource {
    pub fn is(&self, run_id: &str, job_id: &str) -> bool {
        self.run_id == run_id && self.job_id == job_id
    }
}

#[derive(Clone, Debug)]
pub struct LogViewer {
    pub source: LogSource,
    pub buffer: LogBuffer,
    /// None until the tail first reports.
    pub tail: Option<TailState>,
    /// Showing the end as it grows; scrolling up pauses.
    pub follow: bool,
    /// While paused: the first entry on screen and the selected one.
    pub top: u64,
    pub cursor: u64,
    pub wrap: bool,
    pub timestamps: bool,
    pub search: Option<SearchState>,
    /// The last needle searched for, offered again by `/`.
    pub recall: String,
    /// The search being typed.
    pub input: Option<String>,
    /// Only lines matching the search.
    pub filter: bool,
    pub groups: Groups,
}

impl LogViewer {
    pub fn new(source: LogSource, logs: &LogsConfig) -> Self {
        Self {
            source,
            buffer: LogBuffer::new(logs.max_lines.max(1), &logs.error_patterns),
            tail: None,
            follow: true,
            top: 0,
            cursor: 0,
            wrap: true,
            timestamps: false,
            search: None,
            recall: String::new(),
            input: None,
            filter: false,
            groups: Groups::default(),
        }
    }

    /// The entries on screen now: every line with groups folded, or only the matches.
    pub fn entries(&self) -> Entries<'_> {
        let only = self.search.as_ref().filter(|_| self.filter);
        Entries::new(&self.buffer, &self.groups, only)
    }

    /// A line under the log: the search being typed, or the applied search's count.
    pub fn has_search_line(&self) -> bool {
        self.input.is_some() || self.search.is_some()
    }

    /// The line still being written, shown under the last while following (in filter mode
    /// only when it matches).
    pub fn partial_shown(&self) -> Option<&crate::logs::LogLine> {
        let partial = self.buffer.partial().filter(|_| self.follow)?;
        match self.search.as_ref().filter(|_| self.filter) {
            Some(search) => line_matches(partial, &search.needle).then_some(partial),
            None => Some(partial),
        }
    }

    /// "following", "paused", "complete", "reconnecting (2)", "⏸ <why nothing comes yet>"
    /// or "⚠ failed: …".
    pub fn label(&self) -> String {
        match &self.tail {
            Some(TailState::Failed { error }) => format!("⚠ failed: {error}"),
            Some(TailState::Reconnecting { attempt, .. }) => format!("reconnecting ({attempt})"),
            Some(TailState::Complete) => "complete".to_string(),
            Some(TailState::Waiting { note }) => format!("⏸ {note}"),
            _ if !self.follow => "paused".to_string(),
            Some(TailState::Following) => "following".to_string(),
            None => "connecting…".to_string(),
        }
    }
}
