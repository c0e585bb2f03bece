//! The sprint as history: what was committed, what moved when, who holds what, what is at
//! risk. Pure: the clock comes in as `today` / `now`, and "which day" questions are answered
//! in the sprint's own UTC offset (`SprintData::offset`), never the machine's time zone.

mod burndown;
mod people;
mod replay;
mod report;
mod risks;
mod standup;
mod velocity;
mod workdays;

pub use replay::is_done;
pub use report::report;
pub use standup::standup_pages;
pub use velocity::VELOCITY_SPRINTS;
pub use workdays::{
    age_in_working_days, previous_working_day, working_days_between, working_days_in,
};

use super::{Board, Issue, IssueKey, Person, Sprint, StatusId};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc, Weekday};

/// One change of one field, as the tracker's changelog records it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeEvent {
    pub at: DateTime<FixedOffset>,
    pub author: Option<Person>,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Status {
        from: StatusId,
        to: StatusId,
    },
    Points {
        from: Option<f64>,
        to: Option<f64>,
    },
    /// Sprint ids the issue belonged to before and after.
    Sprint {
        from: Vec<u64>,
        to: Vec<u64>,
    },
    Flagged(bool),
    Assignee {
        from: Option<Person>,
        to: Option<Person>,
    },
}

/// An issue with the changes that matter for a sprint.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueHistory {
    /// The issue as it is now.
    pub issue: Issue,
    /// Sprint ids the issue belongs to now.
    pub sprints: Vec<u64>,
    pub created: Option<DateTime<FixedOffset>>,
    /// Oldest first.
    pub events: Vec<ChangeEvent>,
    /// Flagged as an impediment now.
    pub flagged: bool,
    /// False when the tracker returned only part of the changelog.
    pub complete: bool,
}

/// Everything the sprint view, standup mode and `print sprint` compute from.
#[derive(Clone, Debug, PartialEq)]
pub struct SprintData {
    pub sprint: Sprint,
    /// The offset the sprint's dates were written in (from its start date); UTC when unknown.
    pub offset: FixedOffset,
    /// Only the columns (and kind) are used: done, blocked and in-progress come from them.
    pub board: Board,
    /// Every issue that was ever in the sprint, removed ones included.
    pub issues: Vec<IssueHistory>,
    /// The last closed sprints of the board with their completed points, newest first.
    pub closed: Vec<(Sprint, f64)>,
}

impl SprintData {
    /// The calendar day `now` falls on in the sprint's offset.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.offset).date_naive()
    }
}

/// What counts as a working day and when work in progress is old.
#[derive(Clone, Debug, PartialEq)]
pub struct SprintRules {
    pub working_days: Vec<Weekday>,
    /// Cards in progress for more than this many working days are at risk.
    pub aging_days: u32,
}

impl Default for SprintRules {
    fn default() -> Self {
        Self {
            working_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            aging_days: 3,
        }
    }
}

impl SprintRules {
    pub fn is_working(&self, day: NaiveDate) -> bool {
        use chrono::Datelike;
        self.working_days.contains(&day.weekday())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scope {
    pub issues: usize,
    pub points: f64,
}

/// The sprint's state at the end of one working day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BurnPoint {
    pub date: NaiveDate,
    /// Points in the sprint not yet done.
    pub remaining: f64,
    pub completed: f64,
    /// remaining + completed: moves when scope is added, removed or re-estimated.
    pub scope: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Load {
    pub issues: usize,
    pub points: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonLoad {
    /// `None` is the unassigned work.
    pub person: Option<Person>,
    pub in_progress: Load,
    pub done: Load,
    pub not_started: Load,
    /// Cards in progress now (the same as `in_progress.issues`, named for the WIP view).
    pub wip: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub key: IssueKey,
    pub summary: String,
    pub assignee: Option<Person>,
    /// Working days in the risky state, where the history says.
    pub days: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Risks {
    /// In progress for more than `SprintRules::aging_days`, oldest first.
    pub aging: Vec<Risk>,
    /// Flagged, or in a column named like Blocked.
    pub blocked: Vec<Risk>,
    /// Not done and without points.
    pub unestimated: Vec<Risk>,
}

/// The figures of one sprint: header, burndown, people, risks and velocity.
#[derive(Clone, Debug, PartialEq)]
pub struct SprintReport {
    pub name: String,
    pub goal: Option<String>,
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
    /// Working days from today (included) to the end date (included).
    pub days_left: Option<u32>,
    /// Working days from the start date to the end date, both included.
    pub working_days: u32,
    /// In the sprint when it started.
    pub committed_points: f64,
    pub completed_points: f64,
    pub committed_issues: usize,
    pub completed_issues: usize,
    /// In the sprint now but not at the start.
    pub added: Scope,
    /// In the sprint at the start but not now.
    pub removed: Scope,
    /// One point per working day from the start date to today (or the end date).
    pub burndown: Vec<BurnPoint>,
    /// From the committed points on the start date to zero on the end date.
    pub ideal: Vec<(NaiveDate, f64)>,
    /// Why the burndown may be off, when the history is incomplete.
    pub history_note: Option<String>,
    pub per_person: Vec<PersonLoad>,
    /// People with sprint work and nothing in progress.
    pub idle: Vec<Person>,
    pub risks: Risks,
    /// Completed points of the last closed sprints, oldest first.
    pub velocity: Vec<(String, f64)>,
    pub velocity_average: Option<f64>,
}

/// One card that changed column.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub key: IssueKey,
    pub summary: String,
    /// Column names (the status id when no column shows the status).
    pub from: String,
    pub to: String,
    pub at: DateTime<FixedOffset>,
}

/// What one person says at standup.
#[derive(Clone, Debug, PartialEq)]
pub struct StandupPage {
    pub person: Person,
    /// Cards they moved since the start of the previous working day, oldest first.
    pub moved: Vec<Moved>,
    /// Their cards in progress with working days in the current status, where known.
    pub in_progress: Vec<(Issue, Option<u32>)>,
    pub blocked: Vec<Issue>,
}
