//! A sprint built through the domain types, as the provider hands it over: Sprint 14 of the
//! payments team, Wed 4 Mar to Tue 17 Mar 2026 in +10:00, seen on Thu 12 Mar at 09:30.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use shipdeck::domain::sprint::{Change, ChangeEvent, IssueHistory, SprintData};
use shipdeck::domain::{
    Board, BoardKind, Column, Issue, IssueKey, Person, Sprint, SprintState, StatusId,
};

pub const ACTIVE: u64 = 14;
pub const FUTURE: u64 = 15;
pub const CLOSED: u64 = 13;

fn offset() -> FixedOffset {
    FixedOffset::east_opt(10 * 3600).unwrap()
}

/// A time in the sprint's offset: day of March 2026, hour, minute.
pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    offset()
        .with_ymd_and_hms(2026, 3, day, hour, minute, 0)
        .unwrap()
}

/// Thu 12 Mar 2026, 09:30 in the sprint's offset.
pub fn now() -> DateTime<Utc> {
    at(12, 9, 30).with_timezone(&Utc)
}

pub fn person(name: &str) -> Person {
    Person {
        id: name.to_lowercase().replace(' ', "."),
        display_name: name.to_string(),
    }
}

fn column(name: &str, status: &str, max: Option<u32>) -> Column {
    Column {
        name: name.into(),
        statuses: vec![StatusId(status.into())],
        min: None,
        max,
    }
}

fn status_name(status: &str) -> &'static str {
    match status {
        "1" => "To Do",
        "3" => "In Progress",
        "4" => "In Review",
        _ => "Done",
    }
}

fn issue(key: &str, summary: &str, status: &str, who: Option<&str>, points: Option<f64>) -> Issue {
    Issue {
        key: IssueKey(key.into()),
        summary: summary.into(),
        status: StatusId(status.into()),
        status_name: status_name(status).into(),
        assignee: who.map(person),
        points,
        labels: Vec::new(),
        description: String::new(),
        sprint: Some("Sprint 14".into()),
        url: format!("https://example.atlassian.net/browse/{key}"),
        status_since: None,
    }
}

fn moved(when: DateTime<FixedOffset>, who: &str, from: &str, to: &str) -> ChangeEvent {
    ChangeEvent {
        at: when,
        author: Some(person(who)),
        change: Change::Status {
            from: StatusId(from.into()),
            to: StatusId(to.into()),
        },
    }
}

fn sprint_change(when: DateTime<FixedOffset>, from: &[u64], to: &[u64]) -> ChangeEvent {
    ChangeEvent {
        at: when,
        author: Some(person("Marcus Bell")),
        change: Change::Sprint {
            from: from.to_vec(),
            to: to.to_vec(),
        },
    }
}

fn history(issue: Issue, events: Vec<ChangeEvent>) -> IssueHistory {
    IssueHistory {
        issue,
        sprints: vec![ACTIVE],
        created: Some(at(2, 10, 0)),
        events,
        flagged: false,
        complete: true,
    }
}

pub fn sprint(id: u64) -> Sprint {
    let (name, state, start, end) = match id {
        ACTIVE => ("Sprint 14", SprintState::Active, at(4, 9, 0), at(17, 17, 0)),
        FUTURE => (
            "Sprint 15",
            SprintState::Future,
            at(18, 9, 0),
            at(31, 17, 0),
        ),
        _ => (
            "Sprint 13",
            SprintState::Closed,
            at(4, 9, 0) - chrono::Days::new(14),
            at(3, 17, 0),
        ),
    };
    Sprint {
        id,
        name: name.into(),
        state,
        goal: (id == ACTIVE).then(|| "Apple Pay for 10% of EU checkouts".to_string()),
        start: Some(start.with_timezone(&Utc)),
        end: Some(end.with_timezone(&Utc)),
    }
}

pub fn sprints() -> Vec<Sprint> {
    vec![sprint(FUTURE), sprint(ACTIVE), sprint(CLOSED)]
}

/// To Do, In Progress (max 2), Review, Done; the cards of the active sprint as they are now.
pub fn board() -> Board {
    Board {
        cut: None,
        id: 7,
        name: "Payments board".into(),
        kind: BoardKind::Scrum,
        columns: vec![
            column("To Do", "1", None),
            column("In Progress", "3", Some(2)),
            column("Review", "4", None),
            column("Done", "5", None),
        ],
        issues: histories()
            .into_iter()
            .filter(|h| h.sprints.contains(&ACTIVE))
            .map(|h| h.issue)
            .collect(),
        sprint: Some(sprint(ACTIVE)),
    }
}

/// Started mid-week; a card done then reopened, one added and one removed mid-sprint, one
/// flagged, one unestimated, one person with nothing in progress.
fn histories() -> Vec<IssueHistory> {
    let (ana, bo, chen, dana, fang) = ("Ana Kowalski", "Bo Li", "Chen Wei", "Dana Ortiz", "王芳");
    let mut flagged = history(
        issue(
            "PAY-104",
            "Rotate the Stripe webhook secret",
            "3",
            Some(bo),
            Some(2.0),
        ),
        vec![moved(at(9, 11, 0), bo, "1", "3")],
    );
    flagged.flagged = true;
    let mut added = history(
        issue(
            "PAY-108",
            "修复支付回调的重复扣款",
            "3",
            Some(fang),
            Some(3.0),
        ),
        vec![
            sprint_change(at(9, 14, 0), &[], &[ACTIVE]),
            moved(at(11, 16, 0), fang, "1", "3"),
        ],
    );
    added.created = Some(at(9, 13, 0));
    // Jira returned only part of this card's changelog: the burndown says so.
    let mut truncated = history(
        issue(
            "PAY-106",
            "Dashboards for payout latency",
            "1",
            Some(chen),
            None,
        ),
        Vec::new(),
    );
    truncated.complete = false;
    let mut removed = history(
        issue(
            "PAY-109",
            "Load-test the payout batch",
            "1",
            None,
            Some(2.0),
        ),
        vec![sprint_change(at(10, 10, 0), &[ACTIVE], &[])],
    );
    removed.sprints = Vec::new();
    vec![
        history(
            issue(
                "PAY-101",
                "Add Apple Pay to checkout",
                "4",
                Some(ana),
                Some(5.0),
            ),
            vec![
                moved(at(5, 10, 0), ana, "1", "3"),
                moved(at(11, 15, 20), ana, "3", "4"),
            ],
        ),
        history(
            issue(
                "PAY-102",
                "Migrate ledger to Postgres 16",
                "3",
                Some(ana),
                Some(3.0),
            ),
            vec![moved(at(6, 9, 15), ana, "1", "3")],
        ),
        history(
            issue(
                "PAY-103",
                "Refund endpoint rate limits",
                "5",
                Some(bo),
                Some(8.0),
            ),
            vec![
                moved(at(4, 13, 0), bo, "1", "3"),
                moved(at(10, 16, 45), bo, "3", "5"),
            ],
        ),
        flagged,
        history(
            issue(
                "PAY-105",
                "Receipt e-mails in Polish",
                "4",
                Some(chen),
                Some(3.0),
            ),
            vec![
                moved(at(5, 9, 0), chen, "1", "3"),
                moved(at(6, 15, 0), chen, "3", "5"),
                moved(at(9, 10, 30), chen, "5", "3"),
                moved(at(11, 11, 0), chen, "3", "4"),
            ],
        ),
        truncated,
        history(
            issue(
                "PAY-107",
                "Document the refund flow",
                "5",
                Some(dana),
                Some(5.0),
            ),
            vec![
                moved(at(4, 10, 0), dana, "1", "3"),
                moved(at(9, 12, 0), dana, "3", "5"),
            ],
        ),
        added,
        removed,
        history(
            issue("PAY-110", "Upgrade Rust to 1.85", "5", Some(ana), Some(1.0)),
            vec![
                moved(at(11, 9, 0), ana, "1", "3"),
                moved(at(11, 17, 30), ana, "3", "5"),
            ],
        ),
    ]
}

pub fn data(id: u64) -> SprintData {
    let mut data = SprintData {
        sprint: sprint(id),
        offset: offset(),
        board: board(),
        issues: histories(),
        closed: [21.0, 25.0, 18.0, 30.0, 23.0, 26.0]
            .iter()
            .enumerate()
            .rev()
            .map(|(i, p)| {
                let mut s = sprint(CLOSED);
                s.id = 8 + i as u64;
                s.name = format!("Sprint {}", 8 + i);
                (s, *p)
            })
            .collect(),
    };
    if id != ACTIVE {
        // Another sprint's issues are not this one's: keep the shapes, move the ids.
        for h in &mut data.issues {
            h.sprints = h.sprints.iter().map(|_| id).collect();
        }
    }
    data
}
