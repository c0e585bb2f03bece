//! A sprint in Brisbane (+10:00) that starts on Wednesday 29 May 2024 and crosses the month
//! end, built from changelog events as the Jira provider would map them.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use shipdeck::domain::sprint::{Change, ChangeEvent, IssueHistory, SprintData};
use shipdeck::domain::{
    Board, BoardKind, Column, Issue, IssueKey, Person, Sprint, SprintState, StatusId,
};

pub const SPRINT: u64 = 7;
pub const TO_DO: &str = "1";
pub const REOPENED: &str = "10";
pub const IN_PROGRESS: &str = "3";
pub const BLOCKED: &str = "4";
pub const DONE: &str = "5";

pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(10 * 3600).unwrap()
}

/// A local time in the sprint's offset: `at(31, 8, 0)` is 31 May 08:00 +10:00; days 1..=11
/// are in June.
pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    let month = if day >= 20 { 5 } else { 6 };
    offset()
        .with_ymd_and_hms(2024, month, day, hour, minute, 0)
        .unwrap()
}

pub fn date(day: u32) -> NaiveDate {
    at(day, 12, 0).date_naive()
}

pub fn person(name: &str) -> Person {
    Person {
        id: name.to_lowercase(),
        display_name: name.to_string(),
    }
}

fn column(name: &str, statuses: &[&str]) -> Column {
    Column {
        name: name.into(),
        statuses: statuses.iter().map(|s| StatusId(s.to_string())).collect(),
        min: None,
        max: None,
    }
}

pub fn board() -> Board {
    Board {
        cut: None,
        id: 42,
        name: "Platform".into(),
        kind: BoardKind::Scrum,
        columns: vec![
            column("To Do", &[TO_DO, REOPENED]),
            column("In Progress", &[IN_PROGRESS]),
            column("Blocked", &[BLOCKED]),
            column("Done", &[DONE]),
        ],
        issues: Vec::new(),
        sprint: None,
    }
}

pub fn sprint(id: u64, name: &str, state: SprintState) -> Sprint {
    Sprint {
        id,
        name: name.into(),
        state,
        goal: Some("Ship it".into()),
        start: Some(at(29, 9, 0).to_utc()),
        end: Some(at(11, 17, 0).to_utc()),
    }
}

pub fn status(when: DateTime<FixedOffset>, who: &str, from: &str, to: &str) -> ChangeEvent {
    ChangeEvent {
        at: when,
        author: Some(person(who)),
        change: Change::Status {
            from: StatusId(from.into()),
            to: StatusId(to.into()),
        },
    }
}

pub fn event(when: DateTime<FixedOffset>, change: Change) -> ChangeEvent {
    ChangeEvent {
        at: when,
        author: None,
        change,
    }
}

pub struct Card {
    pub key: &'static str,
    pub status: &'static str,
    pub who: Option<&'static str>,
    pub points: Option<f64>,
    pub sprints: Vec<u64>,
    pub events: Vec<ChangeEvent>,
}

pub fn history(card: Card) -> IssueHistory {
    IssueHistory {
        issue: Issue {
            key: IssueKey(card.key.into()),
            summary: format!("{} summary", card.key),
            status: StatusId(card.status.into()),
            status_name: card.status.into(),
            assignee: card.who.map(person),
            points: card.points,
            labels: Vec::new(),
            description: String::new(),
            sprint: None,
            url: String::new(),
            status_since: None,
        },
        sprints: card.sprints,
        created: Some(at(20, 9, 0)),
        flagged: card
            .events
            .iter()
            .rev()
            .find_map(|e| match e.change {
                Change::Flagged(set) => Some(set),
                _ => None,
            })
            .unwrap_or(false),
        events: card.events,
        complete: true,
    }
}

/// A: done Friday 08:00 local (Thursday in UTC). B: re-estimated 3 -> 8 and flagged on
/// Monday. C: added Friday. D: done Thursday, reopened Monday. E: removed Monday. F: done
/// on Saturday. G: unestimated, in progress since the first day.
pub fn cards() -> Vec<Card> {
    let s = SPRINT;
    vec![
        Card {
            key: "A",
            status: DONE,
            who: Some("Ana"),
            points: Some(5.0),
            sprints: vec![s],
            events: vec![
                status(at(30, 10, 0), "Ana", TO_DO, IN_PROGRESS),
                status(at(31, 8, 0), "Ana", IN_PROGRESS, DONE),
            ],
        },
        Card {
            key: "B",
            status: TO_DO,
            who: Some("Ben"),
            points: Some(8.0),
            sprints: vec![s],
            events: vec![
                event(
                    at(3, 11, 0),
                    Change::Points {
                        from: Some(3.0),
                        to: Some(8.0),
                    },
                ),
                event(at(3, 14, 0), Change::Flagged(true)),
            ],
        },
        Card {
            key: "C",
            status: IN_PROGRESS,
            who: Some("Ana"),
            points: Some(1.0),
            sprints: vec![s],
            events: vec![
                event(
                    at(31, 14, 0),
                    Change::Sprint {
                        from: vec![],
                        to: vec![s],
                    },
                ),
                status(at(31, 15, 0), "Ana", TO_DO, IN_PROGRESS),
            ],
        },
        Card {
            key: "D",
            status: REOPENED,
            who: Some("Ben"),
            points: Some(5.0),
            sprints: vec![s],
            events: vec![
                status(at(29, 13, 0), "Ben", TO_DO, IN_PROGRESS),
                status(at(30, 16, 0), "Ben", IN_PROGRESS, DONE),
                status(at(3, 9, 30), "Ben", DONE, REOPENED),
            ],
        },
        Card {
            key: "E",
            status: TO_DO,
            who: Some("Cy"),
            points: Some(3.0),
            sprints: vec![s + 1],
            events: vec![event(
                at(3, 12, 0),
                Change::Sprint {
                    from: vec![s],
                    to: vec![s + 1],
                },
            )],
        },
        Card {
            key: "F",
            status: DONE,
            who: Some("Cy"),
            points: Some(2.0),
            sprints: vec![s],
            events: vec![
                status(at(30, 11, 0), "Cy", TO_DO, IN_PROGRESS),
                status(at(1, 11, 0), "Cy", IN_PROGRESS, DONE),
            ],
        },
        Card {
            key: "G",
            status: IN_PROGRESS,
            who: Some("Cy"),
            points: None,
            sprints: vec![s],
            events: vec![status(at(29, 9, 30), "Cy", TO_DO, IN_PROGRESS)],
        },
    ]
}

pub fn data(cards: Vec<Card>, closed: Vec<(Sprint, f64)>) -> SprintData {
    SprintData {
        sprint: sprint(SPRINT, "Sprint 23", SprintState::Active),
        offset: offset(),
        board: board(),
        issues: cards.into_iter().map(history).collect(),
        closed,
    }
}
