//! A plausible changelog for every seeded issue: the walk through the workflow that ends in
//! its current status, sprint planning and carry-over, and the extra events a row asks for
//! (pulled into the sprint late, moved out of it, re-estimated, flagged).

use crate::jira::catalog::{self, Category, Status};
use crate::jira::history::{Change, History};
use crate::jira::store::{Issue, Sprint};
use crate::people::Person;
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

#[cfg(test)]
mod tests {
    use crate::jira::catalog::{self, Category};
    use crate::jira::history::Change;
    use crate::jira::seed::{ACTIVE_SPRINT, seed};
    use crate::jira::store::{Issue, SprintState, Store};
    use chrono::{DateTime, TimeDelta, TimeZone, Utc};

    /// Every hour-of-week the demo may start at, sampled every seven hours over two weeks.
    fn worlds() -> impl Iterator<Item = (DateTime<Utc>, Store)> {
        let first = Utc
            .with_ymd_and_hms(2026, 11, 16, 0, 30, 0)
            .single()
            .expect("valid time");
        (0..48).map(move |i| {
            let now = first + TimeDelta::hours(7 * i);
            (now, seed(now).expect("seed"))
        })
    }

    fn statuses(issue: &Issue) -> Vec<(DateTime<Utc>, &'static str, &'static str)> {
        issue
            .history
            .iter()
            .flat_map(|h| h.changes.iter().map(move |c| (h.at, c)))
            .filter_map(|(at, c)| match c {
                Change::Status { from, to } => Some((at, from.id, to.id)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_walk_is_a_chain_from_to_do_to_the_current_status_in_time_order() {
        for (now, store) in worlds() {
            for issue in &store.issues {
                let moves = statuses(issue);
                let mut at = catalog::TO_DO;
                for (when, from, to) in &moves {
                    assert_eq!(*from, at, "{} at {now}", issue.key);
                    assert!(
                        *when >= issue.created && *when <= now,
                        "{} at {now}",
                        issue.key
                    );
                    at = to;
                }
                assert_eq!(at, issue.status.id, "{} at {now}", issue.key);
                let times: Vec<_> = issue.history.iter().map(|h| h.at).collect();
                assert!(times.windows(2).all(|w| w[0] <= w[1]), "{}", issue.key);
            }
        }
    }

    #[test]
    fn the_story_holds_whatever_the_weekday() {
        for (now, store) in worlds() {
            let sprint = |id: u64| store.sprint(id).expect("sprint");
            let start = sprint(ACTIVE_SPRINT).start.expect("started");
            let issue = |key: &str| store.issue(key).expect("issue");
            // Finishing and reopening in the active sprint happen after it started.
            for i in store
                .issues
                .iter()
                .filter(|i| i.sprints.last() == Some(&ACTIVE_SPRINT))
            {
                for (when, _, to) in statuses(i) {
                    let done =
                        catalog::status_by_id(to).map(|s| s.category) == Some(Category::Done);
                    assert!(
                        !done || when > start,
                        "{} done before the start at {now}",
                        i.key
                    );
                }
            }
            let after_start = |key: &str, pick: &dyn Fn(&Change) -> bool| {
                issue(key)
                    .history
                    .iter()
                    .filter(|h| h.changes.iter().any(pick))
                    .all(|h| h.at > start && h.at <= now)
            };
            assert!(after_start("PLAT-236", &|c| matches!(
                c,
                Change::Sprint { .. }
            )));
            assert!(after_start("PLAT-241", &|c| matches!(
                c,
                Change::Points { .. }
            )));
            assert!(after_start("PLAT-222", &|c| matches!(
                c,
                Change::Flagged(true)
            )));
            let removal = issue("PLAT-266").history.iter().find(|h| {
                h.changes
                    .iter()
                    .any(|c| matches!(c, Change::Sprint { from, .. } if from == &[ACTIVE_SPRINT]))
            });
            assert!(removal.is_some_and(|h| h.at > start), "at {now}");
            // Closed sprints' issues were finished inside their sprint.
            for s in store
                .sprints
                .iter()
                .filter(|s| s.state == SprintState::Closed)
            {
                let (from, to) = (s.start.expect("start"), s.complete.expect("complete"));
                for i in store.issues.iter().filter(|i| i.sprints == [s.id]) {
                    let done = statuses(i).last().map(|m| m.0).expect("a finish");
                    assert!(done > from && done < to, "{} in {} at {now}", i.key, s.name);
                }
            }
        }
    }
}
