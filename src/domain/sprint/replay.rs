//! An issue's fields at any instant, read from its changelog, and the board's reading of
//! statuses (done, not started, blocked).

use super::{Change, IssueHistory};
use crate::domain::{Board, Column, StatusId};
use chrono::{DateTime, FixedOffset};

/// One issue at one instant.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Snapshot {
    pub in_sprint: bool,
    pub status: StatusId,
    pub points: Option<f64>,
}

/// The value a field had at `t`: the `to` of the last change at or before `t`, else the
/// `from` of the first change after it, else the value now. Reading backwards from the first
/// later change keeps a truncated changelog (oldest entries missing) as right as it can be.
fn value_at<T: Clone>(
    history: &IssueHistory,
    t: DateTime<FixedOffset>,
    now: T,
    pick: impl Fn(&Change) -> Option<(T, T)>,
) -> T {
    let mut before = None;
    let mut after = None;
    for event in &history.events {
        if let Some((from, to)) = pick(&event.change) {
            if event.at <= t {
                before = Some(to);
            } else if after.is_none() {
                after = Some(from);
            }
        }
    }
    before.or(after).unwrap_or(now)
}

pub(super) fn snapshot(history: &IssueHistory, sprint: u64, t: DateTime<FixedOffset>) -> Snapshot {
    let issue = &history.issue;
    let exists = history.created.is_none_or(|c| c <= t);
    let sprints = value_at(history, t, history.sprints.clone(), |c| match c {
        Change::Sprint { from, to } => Some((from.clone(), to.clone())),
        _ => None,
    });
    Snapshot {
        in_sprint: exists && sprints.contains(&sprint),
        status: value_at(history, t, issue.status.clone(), |c| match c {
            Change::Status { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        }),
        points: value_at(history, t, issue.points, |c| match c {
            Change::Points { from, to } => Some((*from, *to)),
            _ => None,
        }),
    }
}

/// When the issue last entered its current status, from the changelog or the tracker's own
/// field.
pub(super) fn status_since(history: &IssueHistory) -> Option<DateTime<FixedOffset>> {
    let from_log = history.events.iter().rev().find_map(|e| match &e.change {
        Change::Status { to, .. } if *to == history.issue.status => Some(e.at),
        _ => None,
    });
    from_log.or_else(|| history.issue.status_since.map(|t| t.fixed_offset()))
}

/// When the issue was last flagged, if the changelog says.
pub(super) fn flagged_since(history: &IssueHistory) -> Option<DateTime<FixedOffset>> {
    history.events.iter().rev().find_map(|e| match e.change {
        Change::Flagged(true) => Some(e.at),
        _ => None,
    })
}

/// The last column is done, and so is any column named like Done ("Done", "Done ✓").
pub fn is_done(columns: &[Column], status: &StatusId) -> bool {
    let last = columns.len().checked_sub(1);
    columns.iter().enumerate().any(|(i, c)| {
        c.holds(status) && (Some(i) == last || c.name.to_lowercase().contains("done"))
    })
}

/// How the board's columns classify a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stage {
    NotStarted,
    InProgress,
    Done,
}

pub(super) struct Lanes<'a> {
    board: &'a Board,
}

impl<'a> Lanes<'a> {
    pub fn new(board: &'a Board) -> Self {
        Self { board }
    }

    fn column_index(&self, status: &StatusId) -> Option<usize> {
        self.board.columns.iter().position(|c| c.holds(status))
    }

    pub fn is_done(&self, status: &StatusId) -> bool {
        is_done(&self.board.columns, status)
    }

    /// The first column is not started; a status no column shows counts there too, since the
    /// board does not show the card as being worked on.
    pub fn stage(&self, status: &StatusId) -> Stage {
        if self.is_done(status) {
            return Stage::Done;
        }
        match self.column_index(status) {
            Some(0) | None => Stage::NotStarted,
            Some(_) => Stage::InProgress,
        }
    }

    pub fn is_blocked_column(&self, status: &StatusId) -> bool {
        self.column_index(status)
            .is_some_and(|i| self.board.columns[i].name.to_lowercase().contains("block"))
    }

    /// The column's name, or the status id when no column shows it.
    pub fn column_name(&self, status: &StatusId) -> String {
        match self.column_index(status) {
            Some(i) => self.board.columns[i].name.clone(),
            None => status.0.clone(),
        }
    }
}
