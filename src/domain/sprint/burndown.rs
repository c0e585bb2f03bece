//! Committed, completed, scope changes and the burndown, replayed from the changelogs.

use super::replay::{Lanes, Snapshot, snapshot};
use super::workdays::working_days_in;
use super::{BurnPoint, Change, IssueHistory, Scope, SprintData, SprintRules};
use crate::domain::SprintState;
use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeDelta};

pub(super) struct Burn {
    pub committed: Scope,
    pub completed: Scope,
    pub added: Scope,
    pub removed: Scope,
    pub points: Vec<BurnPoint>,
    pub ideal: Vec<(NaiveDate, f64)>,
    pub note: Option<String>,
}

/// The last instant of `day` in `offset`.
pub(super) fn end_of_day(day: NaiveDate, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let next = day.checked_add_days(Days::new(1))?.and_hms_opt(0, 0, 0)?;
    let midnight = next.and_local_timezone(offset).single()?;
    Some(midnight - TimeDelta::milliseconds(1))
}

pub(super) fn start_of_day(day: NaiveDate, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    day.and_hms_opt(0, 0, 0)?
        .and_local_timezone(offset)
        .single()
}

struct Clock<'a> {
    data: &'a SprintData,
    /// A closed sprint stops at its end; an open one runs until it is closed.
    limit: Option<DateTime<FixedOffset>>,
}

impl Clock<'_> {
    fn at_end_of(&self, day: NaiveDate) -> Option<DateTime<FixedOffset>> {
        let eod = end_of_day(day, self.data.offset)?;
        Some(self.limit.map_or(eod, |l| eod.min(l)))
    }

    fn all_at(&self, t: DateTime<FixedOffset>) -> Vec<Snapshot> {
        let id = self.data.sprint.id;
        self.data
            .issues
            .iter()
            .map(|h| snapshot(h, id, t))
            .collect()
    }
}

fn points(s: &Snapshot) -> f64 {
    s.points.unwrap_or(0.0)
}

fn tally<'a>(snaps: impl Iterator<Item = &'a Snapshot>) -> Scope {
    snaps.fold(Scope::default(), |acc, s| Scope {
        issues: acc.issues + 1,
        points: acc.points + points(s),
    })
}

pub(super) fn burn(data: &SprintData, today: NaiveDate, rules: &SprintRules) -> Burn {
    let offset = data.offset;
    let start = data.sprint.start.map(|t| t.with_timezone(&offset));
    let end = data.sprint.end.map(|t| t.with_timezone(&offset));
    let closed = data.sprint.state == SprintState::Closed;
    let clock = Clock {
        data,
        limit: if closed { end } else { None },
    };
    let lanes = Lanes::new(&data.board);
    let last_day = match (closed, end) {
        (true, Some(end)) => end.date_naive(),
        _ => today,
    };
    let Some(now) = clock.at_end_of(last_day) else {
        return empty(data);
    };
    let current = clock.all_at(now);
    let at_start = match start {
        Some(s) => clock.all_at(s),
        None => current.clone(),
    };
    let pairs = || at_start.iter().zip(&current);
    let committed = tally(at_start.iter().filter(|s| s.in_sprint));
    let completed = tally(
        current
            .iter()
            .filter(|s| s.in_sprint && lanes.is_done(&s.status)),
    );
    let added = tally(
        pairs()
            .filter(|(a, c)| !a.in_sprint && c.in_sprint)
            .map(|p| p.1),
    );
    let removed = tally(
        pairs()
            .filter(|(a, c)| a.in_sprint && !c.in_sprint)
            .map(|p| p.0),
    );

    let days = start.map_or_else(Vec::new, |s| {
        working_days_in(s.date_naive(), last_day, rules)
    });
    let burn_points = days
        .into_iter()
        .filter_map(|day| {
            let snaps = clock.all_at(clock.at_end_of(day)?);
            let scope = tally(snaps.iter().filter(|s| s.in_sprint)).points;
            let done = tally(
                snaps
                    .iter()
                    .filter(|s| s.in_sprint && lanes.is_done(&s.status)),
            )
            .points;
            Some(BurnPoint {
                date: day,
                remaining: scope - done,
                completed: done,
                scope,
            })
        })
        .collect();
    let ideal = match (start, end) {
        (Some(s), Some(e)) => ideal(
            committed.points,
            working_days_in(s.date_naive(), e.date_naive(), rules),
        ),
        _ => Vec::new(),
    };
    Burn {
        committed,
        completed,
        added,
        removed,
        points: burn_points,
        ideal,
        note: note(data, &lanes),
    }
}

fn empty(data: &SprintData) -> Burn {
    Burn {
        committed: Scope::default(),
        completed: Scope::default(),
        added: Scope::default(),
        removed: Scope::default(),
        points: Vec::new(),
        ideal: Vec::new(),
        note: note(data, &Lanes::new(&data.board)),
    }
}

/// A straight line from `committed` on the first working day to zero on the last.
fn ideal(committed: f64, days: Vec<NaiveDate>) -> Vec<(NaiveDate, f64)> {
    let steps = days.len().saturating_sub(1);
    days.into_iter()
        .enumerate()
        .map(|(k, day)| {
            let left = if steps == 0 {
                0.0
            } else {
                committed * (steps - k) as f64 / steps as f64
            };
            (day, left)
        })
        .collect()
}

/// Says which issues the burndown had to guess for, and how it guessed.
fn note(data: &SprintData, lanes: &Lanes<'_>) -> Option<String> {
    let truncated: Vec<&IssueHistory> = data.issues.iter().filter(|h| !h.complete).collect();
    let unexplained: Vec<&IssueHistory> = data
        .issues
        .iter()
        .filter(|h| h.complete && lanes.is_done(&h.issue.status) && !has_status_change(h))
        .collect();
    let mut parts = Vec::new();
    if !truncated.is_empty() {
        parts.push(format!(
            "the tracker gave only part of the history of {}, so their earlier changes are inferred",
            keys(&truncated)
        ));
    }
    if !unexplained.is_empty() {
        parts.push(format!(
            "{} {} done with no status change in {} history, so counted as done from the start",
            keys(&unexplained),
            if unexplained.len() == 1 { "is" } else { "are" },
            if unexplained.len() == 1 {
                "its"
            } else {
                "their"
            },
        ));
    }
    (!parts.is_empty()).then(|| format!("History incomplete: {}.", parts.join("; ")))
}

fn has_status_change(history: &IssueHistory) -> bool {
    history
        .events
        .iter()
        .any(|e| matches!(e.change, Change::Status { .. }))
}

/// "PAY-1, PAY-2 and 3 more".
fn keys(issues: &[&IssueHistory]) -> String {
    const SHOWN: usize = 4;
    let names: Vec<&str> = issues
        .iter()
        .take(SHOWN)
        .map(|h| h.issue.key.0.as_str())
        .collect();
    match issues.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{} and {more} more", names.join(", ")),
        _ => names.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ideal_line_runs_from_committed_to_zero() {
        let d = |day| NaiveDate::from_ymd_opt(2024, 7, day).unwrap();
        let line = ideal(12.0, vec![d(1), d(2), d(3), d(4)]);
        assert_eq!(line, [(d(1), 12.0), (d(2), 8.0), (d(3), 4.0), (d(4), 0.0)]);
        assert_eq!(ideal(5.0, vec![d(1)]), [(d(1), 0.0)]);
        assert!(ideal(5.0, Vec::new()).is_empty());
    }

    #[test]
    fn days_end_in_the_sprints_offset() {
        let plus_ten = FixedOffset::east_opt(10 * 3600).unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 5, 31).unwrap();
        let end = end_of_day(day, plus_ten).unwrap();
        assert_eq!(end.to_rfc3339(), "2024-05-31T23:59:59.999+10:00");
        assert_eq!(
            start_of_day(day, plus_ten).map(|t| t.to_utc().to_rfc3339()),
            Some("2024-05-30T14:00:00+00:00".to_string())
        );
    }
}
