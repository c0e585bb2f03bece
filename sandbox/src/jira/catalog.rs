//! The fixed shape of the demo Jira site: statuses, the board's columns, the workflow and the
//! field ids. Only issues change at run time; everything here is configuration.

pub const DEMO_BOARD: u64 = 42;
pub const PROJECT_KEY: &str = "PLAT";
pub const PROJECT_ID: &str = "10000";
pub const PROJECT_NAME: &str = "Platform";
pub const BOARD_NAME: &str = "Platform Team board";
pub const FILTER_ID: u64 = 10042;
pub const FILTER_NAME: &str = "Filter for Platform Team board";

pub const POINTS_FIELD: &str = "customfield_10016";
pub const RANK_FIELD: &str = "customfield_10019";
pub const SPRINT_FIELD: &str = "customfield_10020";
pub const FLAGGED_FIELD: &str = "customfield_10021";
/// The one option of the Flagged checkbox field.
pub const IMPEDIMENT_OPTION: &str = "10019";

/// Jira's three status categories; `statuscategorychangedate` moves only when these change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    ToDo,
    InProgress,
    Done,
}

impl Category {
    pub fn id(self) -> u64 {
        match self {
            Self::ToDo => 2,
            Self::InProgress => 4,
            Self::Done => 3,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::ToDo => "new",
            Self::InProgress => "indeterminate",
            Self::Done => "done",
        }
    }

    pub fn color(self) -> &'static str {
        match self {
            Self::ToDo => "blue-gray",
            Self::InProgress => "yellow",
            Self::Done => "green",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::ToDo => "To Do",
            Self::InProgress => "In Progress",
            Self::Done => "Done",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Status {
    pub id: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub description: &'static str,
}

pub const TO_DO: &str = "10001";
pub const IN_PROGRESS: &str = "3";

pub const STATUSES: [Status; 10] = [
    status(TO_DO, "To Do", Category::ToDo, "Ready to be picked up."),
    status(
        "10008",
        "Reopened",
        Category::ToDo,
        "Came back after it was closed.",
    ),
    status(
        IN_PROGRESS,
        "In Progress",
        Category::InProgress,
        "Someone is working on it.",
    ),
    status(
        "10004",
        "Blocked",
        Category::InProgress,
        "Waiting on something outside the team.",
    ),
    status(
        "10002",
        "In Review",
        Category::InProgress,
        "A pull request is open.",
    ),
    status(
        "10003",
        "Awaiting Approval",
        Category::InProgress,
        "Needs a change-advisory approval.",
    ),
    status(
        "10005",
        "Testing",
        Category::InProgress,
        "Being verified in staging.",
    ),
    status(
        "10006",
        "Ready for Release",
        Category::InProgress,
        "Verified, waiting for a deploy slot.",
    ),
    status("10007", "Done", Category::Done, "Released and verified."),
    status(
        "10009",
        "Won't Do",
        Category::Done,
        "Closed without doing the work.",
    ),
];

const fn status(
    id: &'static str,
    name: &'static str,
    category: Category,
    description: &'static str,
) -> Status {
    Status {
        id,
        name,
        category,
        description,
    }
}

pub fn status_by_id(id: &str) -> Option<&'static Status> {
    STATUSES.iter().find(|s| s.id == id)
}

pub fn status_by_name(name: &str) -> Option<&'static Status> {
    STATUSES.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

pub struct Column {
    pub name: &'static str,
    pub statuses: &'static [&'static str],
    pub min: Option<u32>,
    pub max: Option<u32>,
}

pub const COLUMNS: [Column; 7] = [
    column("To Do", &[TO_DO, "10008"], None, None),
    column("In Progress", &[IN_PROGRESS], None, Some(4)),
    column("Blocked", &["10004"], None, None),
    column("Code Review", &["10002", "10003"], None, Some(3)),
    column("QA", &["10005"], None, Some(3)),
    column("Ready to Deploy", &["10006"], Some(2), None),
    column("Done", &["10007", "10009"], None, None),
];

const fn column(
    name: &'static str,
    statuses: &'static [&'static str],
    min: Option<u32>,
    max: Option<u32>,
) -> Column {
    Column {
        name,
        statuses,
        min,
        max,
    }
}

/// Which statuses a transition can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    /// A global transition guarded by "not resolved": every To Do or In Progress status.
    Open,
    /// Only from a Done-category status.
    Resolved,
}

pub struct Transition {
    pub id: &'static str,
    pub name: &'static str,
    pub to: &'static str,
    pub from: From,
}

/// Names differ from the target status names on purpose: clients must pick by `to.id`.
pub const TRANSITIONS: [Transition; 10] = [
    transition("11", "Back to To Do", TO_DO, From::Open),
    transition("21", "Start progress", IN_PROGRESS, From::Open),
    transition("31", "Request review", "10002", From::Open),
    transition("41", "Approve", "10003", From::Open),
    transition("51", "Send to QA", "10005", From::Open),
    transition("61", "Mark ready", "10006", From::Open),
    transition("71", "Resolve", "10007", From::Open),
    transition("81", "Won't do", "10009", From::Open),
    transition("91", "Reopen", "10008", From::Resolved),
    transition("101", "Flag blocked", "10004", From::Open),
];

const fn transition(
    id: &'static str,
    name: &'static str,
    to: &'static str,
    from: From,
) -> Transition {
    Transition { id, name, to, from }
}

/// The transitions offered to an issue in `status`; a transition to the status it is already
/// in is hidden, as Jira hides looping global transitions.
pub fn transitions_from(status: &Status) -> impl Iterator<Item = &'static Transition> {
    let resolved = status.category == Category::Done;
    let id = status.id;
    TRANSITIONS.iter().filter(move |t| {
        let allowed = match t.from {
            From::Open => !resolved,
            From::Resolved => resolved,
        };
        allowed && t.to != id
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_and_transition_names_a_known_status() {
        for column in &COLUMNS {
            assert!(
                column.statuses.iter().all(|s| status_by_id(s).is_some()),
                "{}",
                column.name
            );
        }
        for t in &TRANSITIONS {
            assert!(status_by_id(t.to).is_some(), "{}", t.name);
        }
    }

    #[test]
    fn every_status_sits_in_exactly_one_column() {
        for s in &STATUSES {
            let homes = COLUMNS
                .iter()
                .filter(|c| c.statuses.contains(&s.id))
                .count();
            assert_eq!(homes, 1, "{}", s.name);
        }
    }

    #[test]
    fn resolved_issues_can_only_be_reopened() {
        let done = status_by_name("won't do").expect("status");
        let names: Vec<_> = transitions_from(done).map(|t| t.name).collect();
        assert_eq!(names, ["Reopen"]);
    }

    #[test]
    fn open_issues_see_global_transitions_but_not_a_loop() {
        let review = status_by_name("In Review").expect("status");
        let offered: Vec<_> = transitions_from(review).map(|t| t.id).collect();
        assert_eq!(offered.len(), TRANSITIONS.len() - 2);
        assert!(!offered.contains(&"31") && !offered.contains(&"91"));
    }
}
