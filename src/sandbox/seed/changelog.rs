//! A plausible changelog for every seeded issue: the walk through the workflow that ends in
//! its current status, sprint planning and carry-over, and the extra events a row asks for
//! (pulled into the sprint late, moved out of it, re-estimated, flagged).

use crate::sandbox::catalog::{self, Category, Status};
use crate::sandbox::history::{Change, History};
use crate::sandbox::people::Person;
use crate::sandbox::store::{Issue, Sprint};
use chrono::{DateTime, TimeDelta, Utc};

/// What a seed row adds beyond the walk through the workflow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extras {
    /// Pulled into its last sprint at this time, after the sprint started.
    pub added: Option<DateTime<Utc>>,
    /// Was in `sprint` from its planning, and moved out at `at`.
    pub removed: Option<(u64, DateTime<Utc>)>,
    /// Re-estimated from `was` at this time.
    pub points: Option<(Option<f64>, DateTime<Utc>)>,
    /// Flagged as an impediment at this time.
    pub flagged: Option<DateTime<Utc>>,
}

/// The statuses an issue passed through before entering its current status category
/// (`before`) and after it, within the category (`after`).
fn walk(status: &Status) -> (Vec<&'static str>, Vec<&'static str>) {
    let ids: (&[&str], &[&str]) = match status.name {
        "In Progress" => (&[], &[]),
        "Blocked" => (&[], &["10004"]),
        "In Review" => (&[], &["10002"]),
        "Awaiting Approval" => (&[], &["10002", "10003"]),
        "Testing" => (&[], &["10002", "10005"]),
        "Ready for Release" => (&[], &["10002", "10005", "10006"]),
        "Done" => (&["3", "10002", "10005"], &[]),
        "Reopened" => (&["3", "10002", "10007"], &[]),
        _ => (&[], &[]),
    };
    (ids.0.to_vec(), ids.1.to_vec())
}

fn status(id: &str) -> Option<&'static Status> {
    catalog::status_by_id(id)
}

/// `count` instants evenly inside `(from, to)`.
fn spread(from: DateTime<Utc>, to: DateTime<Utc>, count: usize) -> Vec<DateTime<Utc>> {
    let span = to - from;
    (1..=count)
        .map(|i| from + span * i as i32 / (count as i32 + 1))
        .collect()
}

fn status_moves(issue: &Issue, now: DateTime<Utc>) -> Vec<(DateTime<Utc>, &'static Status)> {
    let entered = issue.status_category_changed;
    if issue.status.id == catalog::TO_DO || entered <= issue.created {
        return Vec::new();
    }
    let (before, after) = walk(issue.status);
    // Work before the category change took up to two days.
    let begin = (entered - TimeDelta::days(2)).max(issue.created + TimeDelta::hours(1));
    let mut moves: Vec<(DateTime<Utc>, &'static Status)> = Vec::new();
    let before_at = spread(begin - TimeDelta::hours(1), entered, before.len());
    moves.extend(
        before_at
            .into_iter()
            .zip(before.iter().filter_map(|id| status(id))),
    );
    if issue.status.category == Category::InProgress {
        if let Some(start) = status(catalog::IN_PROGRESS) {
            moves.push((entered, start));
        }
    } else {
        moves.push((entered, issue.status));
    }
    let after_at = spread(entered, now - TimeDelta::hours(1), after.len());
    moves.extend(
        after_at
            .into_iter()
            .zip(after.iter().filter_map(|id| status(id))),
    );
    moves
}

/// The sprint field's history: planning before each sprint's start, carry-over at each
/// close, and the row's late addition or removal.
fn sprint_moves(
    issue: &Issue,
    sprints: &[Sprint],
    extras: &Extras,
) -> Vec<(DateTime<Utc>, Change)> {
    let planned = |id: u64| {
        sprints
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.start)
            .map(|start| start - TimeDelta::hours(1))
    };
    let closed = |id: u64| sprints.iter().find(|s| s.id == id).and_then(|s| s.complete);
    let mut out = Vec::new();
    let mut list: Vec<u64> = Vec::new();
    if let Some((id, at)) = extras.removed {
        if let Some(plan) = planned(id) {
            out.push((
                plan,
                Change::Sprint {
                    from: Vec::new(),
                    to: vec![id],
                },
            ));
            out.push((
                at,
                Change::Sprint {
                    from: vec![id],
                    to: issue.sprints.clone(),
                },
            ));
        }
        return out;
    }
    for (i, id) in issue.sprints.iter().enumerate() {
        let joined = if i == 0 {
            let late = extras.added.filter(|_| issue.sprints.len() == 1);
            late.or_else(|| planned(*id).filter(|t| *t > issue.created))
        } else {
            issue.sprints.get(i - 1).and_then(|prev| closed(*prev))
        };
        let before = list.clone();
        list.push(*id);
        if let Some(at) = joined {
            out.push((
                at,
                Change::Sprint {
                    from: before,
                    to: list.clone(),
                },
            ));
        }
    }
    out
}

/// The issue's changelog, oldest first.
pub fn history(
    issue: &Issue,
    sprints: &[Sprint],
    extras: &Extras,
    now: DateTime<Utc>,
) -> Vec<History> {
    let mut changes: Vec<(DateTime<Utc>, Change)> = Vec::new();
    let mut at_status = catalog::status_by_id(catalog::TO_DO);
    for (at, to) in status_moves(issue, now) {
        if let Some(from) = at_status {
            changes.push((at, Change::Status { from, to }));
        }
        at_status = Some(to);
    }
    changes.extend(sprint_moves(issue, sprints, extras));
    if let Some((was, at)) = extras.points {
        changes.push((
            at,
            Change::Points {
                from: was,
                to: issue.points,
            },
        ));
    }
    if let Some(at) = extras.flagged {
        changes.push((at, Change::Flagged(true)));
    }
    changes.sort_by_key(|(at, _)| *at);
    let author: &'static Person = issue.assignee.unwrap_or(issue.reporter);
    changes
        .into_iter()
        .filter(|(at, _)| *at <= now)
        .map(|(at, change)| History {
            at,
            author,
            changes: vec![change],
        })
        .collect()
}
