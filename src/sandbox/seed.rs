//! Builds the demo world from the issue tables in `seed/` and the current time, so every
//! "how long ago" on the board is plausible whenever the demo runs.

use super::catalog::{self, PROJECT_KEY};
use super::doc::Doc;
use super::people::{self, Person};
use super::store::{Issue, IssueType, Sprint, SprintState, Store};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use serde::Deserialize;
use std::collections::HashSet;

/// Rank order is the order of the files, then of the issues inside each.
const TABLES: [(&str, &str); 2] = [
    ("seed/active.toml", include_str!("seed/active.toml")),
    ("seed/planned.toml", include_str!("seed/planned.toml")),
];

pub const CLOSED_SPRINT: u64 = 6;
pub const ACTIVE_SPRINT: u64 = 7;
pub const FUTURE_SPRINT: u64 = 8;

#[derive(Debug, thiserror::Error)]
#[error("sandbox seed {table}: {message}")]
pub struct SeedError {
    table: &'static str,
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    issue: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    n: u64,
    kind: String,
    summary: String,
    status: String,
    assignee: Option<String>,
    reporter: String,
    points: Option<f64>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    sprints: Vec<u64>,
    created_days: i64,
    since_hours: Option<i64>,
    description: Option<String>,
}

pub fn seed(now: DateTime<Utc>) -> Result<Store, SeedError> {
    let sprints = sprints(now);
    let mut issues = Vec::new();
    let mut seen = HashSet::new();
    for (table, text) in TABLES {
        let fail = |message: String| SeedError { table, message };
        let rows: Table = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
        for row in rows.issue {
            let key = format!("{PROJECT_KEY}-{}", row.n);
            if !seen.insert(row.n) {
                return Err(fail(format!("{key} appears twice")));
            }
            if let Some(unknown) = row
                .sprints
                .iter()
                .find(|id| !sprints.iter().any(|s| s.id == **id))
            {
                return Err(fail(format!("{key} names unknown sprint {unknown}")));
            }
            let rank = format!("0|i{:05x}:", (issues.len() + 1) * 16);
            let issue = issue(row, key, rank, now).map_err(fail)?;
            issues.push(issue);
        }
    }
    Ok(Store { issues, sprints })
}

fn issue(row: Row, key: String, rank: String, now: DateTime<Utc>) -> Result<Issue, String> {
    let person = |handle: &str| -> Result<&'static Person, String> {
        people::by_handle(handle).ok_or_else(|| format!("{key} names unknown person {handle:?}"))
    };
    let kind = IssueType::parse(&row.kind)
        .ok_or_else(|| format!("{key} has unknown kind {:?}", row.kind))?;
    let status = catalog::status_by_name(&row.status)
        .ok_or_else(|| format!("{key} has unknown status {:?}", row.status))?;
    let assignee = row.assignee.as_deref().map(person).transpose()?;
    let reporter = person(&row.reporter)?;
    let created = now - TimeDelta::days(row.created_days);
    let changed = row
        .since_hours
        .map_or(created, |h| now - TimeDelta::hours(h));
    if changed < created {
        return Err(format!("{key} changed status before it was created"));
    }
    Ok(Issue {
        id: 10_000 + row.n,
        key,
        kind,
        summary: row.summary,
        description: row.description.as_deref().map(Doc::parse),
        status,
        assignee,
        reporter,
        labels: row.labels,
        points: row.points,
        sprints: row.sprints,
        rank,
        created,
        updated: changed,
        status_category_changed: changed,
    })
}

/// Sprint 23 started at 09:00 UTC three days ago and runs two weeks; Sprint 22 ran the two
/// weeks before it; Sprint 24 is planned but not started.
fn sprints(now: DateTime<Utc>) -> Vec<Sprint> {
    let midnight = (now - TimeDelta::days(3))
        .date_naive()
        .and_time(NaiveTime::MIN)
        .and_utc();
    let start = midnight + TimeDelta::hours(9);
    let length = TimeDelta::days(14) - TimeDelta::hours(16);
    let previous = start - TimeDelta::days(14);
    vec![
        Sprint {
            id: CLOSED_SPRINT,
            name: "Sprint 22".into(),
            state: SprintState::Closed,
            goal: "Route 53 owns every DNS zone and the CI image is under 600 MB".into(),
            start: Some(previous),
            end: Some(previous + length),
            complete: Some(previous + length - TimeDelta::minutes(25)),
        },
        Sprint {
            id: ACTIVE_SPRINT,
            name: "Sprint 23".into(),
            state: SprintState::Active,
            goal: "Postgres 16 in production and CI pipelines under 10 minutes".into(),
            start: Some(start),
            end: Some(start + length),
            complete: None,
        },
        Sprint {
            id: FUTURE_SPRINT,
            name: "Sprint 24".into(),
            state: SprintState::Future,
            goal: "Retire the Jenkins agents and start mTLS between services".into(),
            start: None,
            end: None,
            complete: None,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::catalog::{COLUMNS, Category};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 19, 14, 30, 0)
            .single()
            .expect("valid time")
    }

    fn world() -> Store {
        seed(now()).expect("seed loads")
    }

    fn in_sprint(store: &Store, sprint: u64) -> Vec<&Issue> {
        store
            .issues
            .iter()
            .filter(|i| i.sprints.last() == Some(&sprint))
            .collect()
    }

    #[test]
    fn has_the_promised_size_and_sprints() {
        let store = world();
        assert!(store.issues.len() >= 60);
        assert!((38..=42).contains(&in_sprint(&store, ACTIVE_SPRINT).len()));
        assert_eq!(in_sprint(&store, FUTURE_SPRINT).len(), 12);
        let active = store.sprint(ACTIVE_SPRINT).expect("active sprint");
        assert_eq!(
            active.start.map(|s| s.to_rfc3339()).as_deref(),
            Some("2026-11-16T09:00:00+00:00")
        );
        assert_eq!(
            active.end.map(|s| s.to_rfc3339()).as_deref(),
            Some("2026-11-29T17:00:00+00:00")
        );
    }

    #[test]
    fn active_sprint_shows_every_wip_state() {
        let store = world();
        let sprint = in_sprint(&store, ACTIVE_SPRINT);
        let count = |name: &str| {
            let column = COLUMNS.iter().find(|c| c.name == name).expect("column");
            let n = sprint
                .iter()
                .filter(|i| column.statuses.contains(&i.status.id))
                .count();
            (
                n,
                column.min.map(|m| m as usize),
                column.max.map(|m| m as usize),
            )
        };
        let (n, _, max) = count("In Progress");
        assert_eq!(Some(n), max, "In Progress is exactly full");
        let (n, _, max) = count("Code Review");
        assert!(Some(n) > max, "Code Review breaches its max");
        let (n, min, _) = count("Ready to Deploy");
        assert!(Some(n) < min, "Ready to Deploy is starved");
    }

    #[test]
    fn people_and_text_exercise_alignment() {
        let store = world();
        let names: HashSet<_> = store
            .issues
            .iter()
            .filter_map(|i| i.assignee)
            .map(|p| p.display_name)
            .collect();
        assert!(names.contains("王芳") && names.contains("Zoë Ødegaard"));
        assert!(store.issues.iter().any(|i| i.summary.contains('🔥')));
        assert!(store.issues.iter().filter(|i| i.assignee.is_none()).count() >= 3);
        assert!(store.issues.iter().any(|i| i.points.is_none()));
        let mine = store
            .issues
            .iter()
            .filter(|i| i.assignee == Some(people::MYSELF));
        assert!(mine.count() >= 3);
    }

    #[test]
    fn ranks_are_increasing_and_status_dates_are_in_the_past() {
        let store = world();
        assert!(store.issues.windows(2).all(|w| w[0].rank < w[1].rank));
        for issue in &store.issues {
            assert!(issue.status_category_changed <= now(), "{}", issue.key);
            if issue.status.category == Category::ToDo && issue.status.id == catalog::TO_DO {
                assert_eq!(
                    issue.status_category_changed, issue.created,
                    "{}",
                    issue.key
                );
            }
        }
    }
}
