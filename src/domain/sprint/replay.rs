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

    /// The first column is not started, and so are the columns right after it named like a
    /// queue ("Backlog", "Todo", "Ready": a GitHub project starts with two); a status no
    /// column shows counts there too, since the board does not show the card as being
    /// worked on.
    pub fn stage(&self, status: &StatusId) -> Stage {
        if self.is_done(status) {
            return Stage::Done;
        }
        match self.column_index(status) {
            None => Stage::NotStarted,
            Some(i) if i < self.first_started() => Stage::NotStarted,
            Some(_) => Stage::InProgress,
        }
    }

    fn first_started(&self) -> usize {
        let queue = |name: &str| {
            let name = name.to_lowercase();
            [
                "backlog", "todo", "to do", "ready", "selected", "new", "open",
            ]
            .iter()
            .any(|word| name.starts_with(word))
        };
        self.board
            .columns
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, c)| !queue(&c.name))
            .map_or(self.board.columns.len(), |(i, _)| i)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sprint::ChangeEvent;
    use crate::domain::{BoardKind, Issue, IssueKey};
    use chrono::{FixedOffset, TimeZone};

    fn t(hour: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3600)
            .and_then(|o| o.with_ymd_and_hms(2024, 3, 4, hour, 0, 0).single())
            .unwrap()
    }

    fn column(name: &str, ids: &[&str]) -> Column {
        Column {
            name: name.into(),
            statuses: ids.iter().map(|s| StatusId(s.to_string())).collect(),
            min: None,
            max: None,
        }
    }

    fn history(events: Vec<Change>) -> IssueHistory {
        IssueHistory {
            issue: Issue {
                key: IssueKey("K-1".into()),
                summary: String::new(),
                status: StatusId("done".into()),
                status_name: String::new(),
                assignee: None,
                points: Some(8.0),
                labels: Vec::new(),
                description: String::new(),
                sprint: None,
                url: String::new(),
                status_since: None,
            },
            sprints: vec![2],
            created: Some(t(8)),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, change)| ChangeEvent {
                    at: t(10 + i as u32),
                    author: None,
                    change,
                })
                .collect(),
            flagged: false,
            complete: true,
        }
    }

    #[test]
    fn queue_columns_at_the_start_are_not_started() {
        let board = |names: &[&str]| Board {
            cut: None,
            id: 1,
            name: String::new(),
            kind: BoardKind::Kanban,
            columns: names.iter().map(|n| column(n, &[n])).collect(),
            issues: Vec::new(),
            sprint: None,
        };
        let github = board(&["Backlog", "Todo", "In progress", "Ready for QA", "Done"]);
        let lanes = Lanes::new(&github);
        let stage = |s: &str| lanes.stage(&StatusId(s.into()));
        assert_eq!(stage("Backlog"), Stage::NotStarted);
        assert_eq!(stage("Todo"), Stage::NotStarted);
        assert_eq!(stage("In progress"), Stage::InProgress);
        assert_eq!(
            stage("Ready for QA"),
            Stage::InProgress,
            "only leading queues"
        );
        assert_eq!(stage("Done"), Stage::Done);
        let jira = board(&["To Do", "Doing", "Done"]);
        let lanes = Lanes::new(&jira);
        assert_eq!(lanes.stage(&StatusId("Doing".into())), Stage::InProgress);
        assert_eq!(lanes.stage(&StatusId("To Do".into())), Stage::NotStarted);
    }

    #[test]
    fn snapshots_read_the_value_in_force_at_each_instant() {
        let h = history(vec![
            Change::Sprint {
                from: vec![1],
                to: vec![1, 2],
            },
            Change::Status {
                from: StatusId("todo".into()),
                to: StatusId("doing".into()),
            },
            Change::Points {
                from: Some(3.0),
                to: Some(8.0),
            },
            Change::Status {
                from: StatusId("doing".into()),
                to: StatusId("done".into()),
            },
        ]);
        let before_creation = snapshot(&h, 2, t(7));
        assert!(!before_creation.in_sprint);
        let early = snapshot(&h, 2, t(9));
        assert_eq!(
            (early.in_sprint, early.status.0.as_str(), early.points),
            (false, "todo", Some(3.0))
        );
        let joined = snapshot(&h, 2, t(10));
        assert!(joined.in_sprint, "a change at exactly t counts");
        let later = snapshot(&h, 2, t(12));
        assert_eq!(
            (later.status.0.as_str(), later.points),
            ("doing", Some(8.0))
        );
        assert_eq!(snapshot(&h, 2, t(20)).status.0, "done");
        assert_eq!(status_since(&h), Some(t(13)));
    }

    #[test]
    fn columns_classify_statuses() {
        let board = Board {
            cut: None,
            id: 1,
            name: String::new(),
            kind: BoardKind::Scrum,
            columns: vec![
                column("Backlog", &["todo"]),
                column("Doing", &["doing"]),
                column("On hold (blocked)", &["held"]),
                column("Done-ish", &["merged"]),
                column("Released", &["done"]),
            ],
            issues: Vec::new(),
            sprint: None,
        };
        let lanes = Lanes::new(&board);
        let stage = |s: &str| lanes.stage(&StatusId(s.into()));
        assert_eq!(stage("todo"), Stage::NotStarted);
        assert_eq!(stage("unknown"), Stage::NotStarted);
        assert_eq!(stage("doing"), Stage::InProgress);
        assert_eq!(stage("merged"), Stage::Done, "named like Done");
        assert_eq!(stage("done"), Stage::Done, "the last column");
        assert!(lanes.is_blocked_column(&StatusId("held".into())));
        assert_eq!(lanes.column_name(&StatusId("doing".into())), "Doing");
        assert_eq!(lanes.column_name(&StatusId("gone".into())), "gone");
    }
}
