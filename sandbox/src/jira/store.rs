//! The sandbox's mutable world: issues and sprints, and the one write it supports
//! (workflow transitions).

use super::catalog::{self, Status, Transition};
use super::doc::Doc;
use super::history::{Change, History};
use crate::people::{self, Person};
use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueType {
    Story,
    Task,
    Bug,
}

impl IssueType {
    pub fn id(self) -> &'static str {
        match self {
            Self::Story => "10004",
            Self::Task => "10002",
            Self::Bug => "10005",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Story => "Story",
            Self::Task => "Task",
            Self::Bug => "Bug",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::Story, Self::Task, Self::Bug]
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Clone, Debug)]
pub struct Issue {
    pub id: u64,
    pub key: String,
    pub kind: IssueType,
    pub summary: String,
    pub description: Option<Doc>,
    pub status: &'static Status,
    pub assignee: Option<&'static Person>,
    pub reporter: &'static Person,
    pub labels: Vec<String>,
    pub points: Option<f64>,
    /// Every sprint the issue has been in, oldest first; the last one may be open.
    pub sprints: Vec<u64>,
    /// LexoRank-style; sorting by it gives the board order.
    pub rank: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub status_category_changed: DateTime<Utc>,
    /// Flagged as an impediment.
    pub flagged: bool,
    /// The changelog, oldest first.
    pub history: Vec<History>,
}

impl Issue {
    fn is(&self, key_or_id: &str) -> bool {
        self.key.eq_ignore_ascii_case(key_or_id) || self.id.to_string() == key_or_id
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SprintState {
    Active,
    Future,
    Closed,
}

impl SprintState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Future => "future",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Future, Self::Closed]
            .into_iter()
            .find(|state| state.as_str().eq_ignore_ascii_case(s))
    }
}

#[derive(Clone, Debug)]
pub struct Sprint {
    pub id: u64,
    pub name: String,
    pub state: SprintState,
    pub goal: String,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub complete: Option<DateTime<Utc>>,
}

/// Why a transition was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    NoSuchIssue,
    /// The id is unknown or not offered from the issue's current status.
    Unavailable,
    /// The workflow validator: work cannot start on an unassigned issue.
    Unassigned,
}

#[derive(Debug)]
pub struct Store {
    /// In rank order.
    pub issues: Vec<Issue>,
    pub sprints: Vec<Sprint>,
}

impl Store {
    /// By key (any case, as Jira accepts) or numeric id.
    pub fn issue(&self, key_or_id: &str) -> Option<&Issue> {
        self.issues.iter().find(|issue| issue.is(key_or_id))
    }

    pub fn sprint(&self, id: u64) -> Option<&Sprint> {
        self.sprints.iter().find(|s| s.id == id)
    }

    /// The issue's current open sprint, if any.
    pub fn open_sprint_of(&self, issue: &Issue) -> Option<&Sprint> {
        let last = self.sprint(*issue.sprints.last()?)?;
        (last.state != SprintState::Closed).then_some(last)
    }

    pub fn transition(
        &mut self,
        key_or_id: &str,
        transition_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let issue = self
            .issues
            .iter_mut()
            .find(|issue| issue.is(key_or_id))
            .ok_or(Refusal::NoSuchIssue)?;
        let transition: &Transition = catalog::transitions_from(issue.status)
            .find(|t| t.id == transition_id)
            .ok_or(Refusal::Unavailable)?;
        let target = catalog::status_by_id(transition.to).ok_or(Refusal::Unavailable)?;
        if target.id == catalog::IN_PROGRESS && issue.assignee.is_none() {
            return Err(Refusal::Unassigned);
        }
        if target.category != issue.status.category {
            issue.status_category_changed = now;
        }
        // The sandbox has one user: whoever holds a token is `/myself`.
        issue.history.push(History {
            at: now,
            author: people::MYSELF,
            changes: vec![Change::Status {
                from: issue.status,
                to: target,
            }],
        });
        issue.status = target;
        issue.updated = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::seed::seed;
    use chrono::{TimeDelta, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 19, 14, 30, 0)
            .single()
            .expect("valid time")
    }

    fn key_where(store: &Store, pred: impl Fn(&Issue) -> bool) -> String {
        store
            .issues
            .iter()
            .find(|i| pred(i))
            .map(|i| i.key.clone())
            .expect("a matching issue")
    }

    #[test]
    fn finds_issues_by_key_in_any_case_or_by_id() {
        let store = seed(now()).expect("seed");
        assert_eq!(store.issue("plat-231").map(|i| i.id), Some(10231));
        assert_eq!(
            store.issue("10231").map(|i| i.key.as_str()),
            Some("PLAT-231")
        );
        assert!(store.issue("PLAT-1").is_none());
    }

    #[test]
    fn category_date_moves_only_when_the_category_changes() {
        let mut store = seed(now()).expect("seed");
        let later = now() + TimeDelta::hours(1);
        let key = key_where(&store, |i| i.status.name == "In Review");
        let before = store.issue(&key).map(|i| i.status_category_changed);
        store.transition(&key, "41", later).expect("approve");
        let issue = store.issue(&key).expect("issue");
        assert_eq!(issue.status.name, "Awaiting Approval");
        assert_eq!(Some(issue.status_category_changed), before);
        assert_eq!(issue.updated, later);

        store.transition(&key, "71", later).expect("resolve");
        let issue = store.issue(&key).expect("issue");
        assert_eq!(
            (issue.status.name, issue.status_category_changed),
            ("Done", later)
        );
    }

    #[test]
    fn refusals() {
        let mut store = seed(now()).expect("seed");
        assert_eq!(
            store.transition("PLAT-1", "21", now()),
            Err(Refusal::NoSuchIssue)
        );
        let done = key_where(&store, |i| i.status.name == "Done");
        assert_eq!(
            store.transition(&done, "21", now()),
            Err(Refusal::Unavailable)
        );
        assert_eq!(
            store.transition(&done, "999", now()),
            Err(Refusal::Unavailable)
        );
        let unassigned = key_where(&store, |i| i.assignee.is_none() && i.status.name == "To Do");
        assert_eq!(
            store.transition(&unassigned, "21", now()),
            Err(Refusal::Unassigned)
        );
        assert_eq!(
            store.issue(&unassigned).map(|i| i.status.name),
            Some("To Do")
        );
        assert_eq!(
            store.transition(&unassigned, "31", now()),
            Ok(()),
            "only In Progress needs an assignee"
        );
    }
}
