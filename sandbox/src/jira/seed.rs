//! Builds the demo world from the issue tables in `seed/` and the current time, so every
//! "how long ago" on the board is plausible whenever the demo runs.

mod changelog;
mod schedule;

use super::catalog::{self, PROJECT_KEY};
use super::doc::Doc;
use super::store::{Issue, IssueType, Sprint, Store};
use crate::people::{self, Person};
use changelog::Extras;
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;
use std::collections::HashSet;

use schedule::ACTIVE_SPRINT;

/// Rank order is the order of the files, then of the issues inside each.
const TABLES: [(&str, &str); 3] = [
    ("seed/active.toml", include_str!("seed/active.toml")),
    ("seed/planned.toml", include_str!("seed/planned.toml")),
    ("seed/closed.toml", include_str!("seed/closed.toml")),
];

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
    /// Pulled into the active sprint this many hours ago, after it started.
    added_hours: Option<i64>,
    /// In the active sprint from its planning, moved out this many hours ago.
    removed_hours: Option<i64>,
    points_change: Option<PointsChange>,
    /// Flagged as an impediment this many hours ago.
    flagged_hours: Option<i64>,
}

/// Re-estimated from `was` this many `hours` ago.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PointsChange {
    was: Option<f64>,
    hours: i64,
}

pub fn seed(now: DateTime<Utc>) -> Result<Store, SeedError> {
    let sprints = schedule::sprints(now);
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
            let issue = issue(row, key, rank, &sprints, now).map_err(fail)?;
            issues.push(issue);
        }
    }
    Ok(Store { issues, sprints })
}

fn issue(
    row: Row,
    key: String,
    rank: String,
    sprints: &[Sprint],
    now: DateTime<Utc>,
) -> Result<Issue, String> {
    let person = |handle: &str| -> Result<&'static Person, String> {
        people::by_handle(handle).ok_or_else(|| format!("{key} names unknown person {handle:?}"))
    };
    let kind = IssueType::parse(&row.kind)
        .ok_or_else(|| format!("{key} has unknown kind {:?}", row.kind))?;
    let status = catalog::status_by_name(&row.status)
        .ok_or_else(|| format!("{key} has unknown status {:?}", row.status))?;
    let assignee = row.assignee.as_deref().map(person).transpose()?;
    let reporter = person(&row.reporter)?;
    let ago = |hours: i64| now - TimeDelta::hours(hours);
    let extras = Extras {
        added: row.added_hours.map(ago),
        removed: row.removed_hours.map(|h| (ACTIVE_SPRINT, ago(h))),
        points: row.points_change.as_ref().map(|c| (c.was, ago(c.hours))),
        flagged: row.flagged_hours.map(ago),
    };
    let created = created(&row, sprints, &extras, now);
    let changed = row
        .since_hours
        .map_or(created, |h| now - spread_over_sprint(h, &row, sprints, now));
    if changed < created {
        return Err(format!("{key} changed status before it was created"));
    }
    let mut issue = Issue {
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
        flagged: extras.flagged.is_some(),
        history: Vec::new(),
    };
    issue.history = changelog::history(&issue, sprints, &extras, now);
    if let Some(last) = issue.history.last() {
        issue.updated = issue.updated.max(last.at);
    }
    Ok(issue)
}

/// How long the active sprint has run when the tables were written: its rows' status
/// changes younger than this happened during the sprint.
const TABLE_SPRINT_AGE: TimeDelta = TimeDelta::hours(72);

/// `hours` ago, except that the active sprint's in-sprint changes are stretched over its
/// real age (3 to 10 days, by weekday), so the burndown moves on every day of it.
fn spread_over_sprint(hours: i64, row: &Row, sprints: &[Sprint], now: DateTime<Utc>) -> TimeDelta {
    let written = TimeDelta::hours(hours);
    let start = sprints
        .iter()
        .find(|s| s.id == ACTIVE_SPRINT)
        .and_then(|s| s.start);
    match start {
        Some(start) if row.sprints.contains(&ACTIVE_SPRINT) && written < TABLE_SPRINT_AGE => {
            let age = (now - start).num_minutes().max(0);
            TimeDelta::minutes(written.num_minutes() * age / TABLE_SPRINT_AGE.num_minutes())
        }
        _ => written,
    }
}

/// `created_days` ago, but before the planning of the first sprint the issue was in (the
/// sprint dates move with the weekday; the tables were written for one of them).
fn created(row: &Row, sprints: &[Sprint], extras: &Extras, now: DateTime<Utc>) -> DateTime<Utc> {
    let written = now - TimeDelta::days(row.created_days);
    let first = match extras.removed {
        Some((id, _)) => Some(id),
        None => row
            .sprints
            .first()
            .copied()
            .filter(|_| extras.added.is_none()),
    };
    let start = first
        .and_then(|id| sprints.iter().find(|s| s.id == id))
        .and_then(|s| s.start);
    match start {
        Some(start) => written.min(start - TimeDelta::hours(2)),
        None => written,
    }
}

#[cfg(test)]
mod tests {
    use super::schedule::FUTURE_SPRINT;
    use super::*;
    use crate::jira::catalog::{COLUMNS, Category};
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
            Some("2026-11-11T09:00:00+00:00")
        );
        assert_eq!(
            active.end.map(|s| s.to_rfc3339()).as_deref(),
            Some("2026-11-24T17:00:00+00:00")
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
