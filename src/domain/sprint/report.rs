//! The sprint's figures, put together.

use super::burndown::burn;
use super::people::per_person;
use super::replay::Lanes;
use super::risks::{Context, risks};
use super::velocity::velocity;
use super::workdays::working_days_between;
use super::{IssueHistory, SprintData, SprintReport, SprintRules};
use crate::domain::SprintState;
use chrono::NaiveDate;

/// Everything the sprint view, the standup team page and `print sprint` show, as of `today`
/// (a date in the sprint's offset, see `SprintData::today`).
pub fn report(data: &SprintData, today: NaiveDate, rules: &SprintRules) -> SprintReport {
    let sprint = &data.sprint;
    let lanes = Lanes::new(&data.board);
    let start = sprint.start.map(|t| t.with_timezone(&data.offset));
    let end = sprint.end.map(|t| t.with_timezone(&data.offset));
    let current = || {
        data.issues
            .iter()
            .filter(|h: &&IssueHistory| h.sprints.contains(&sprint.id))
    };
    let burn = burn(data, today, rules);
    let (per_person, idle) = per_person(current(), &lanes);
    let cx = Context {
        lanes: &lanes,
        rules,
        today,
        offset: data.offset,
    };
    let (velocity, velocity_average) = velocity(&data.closed);
    let days_left = end.map(|e| match sprint.state {
        SprintState::Closed => 0,
        _ => {
            let from = start.map_or(today, |s| s.date_naive().max(today));
            working_days_between(from, e.date_naive(), rules)
        }
    });
    SprintReport {
        name: sprint.name.clone(),
        goal: sprint.goal.clone(),
        start,
        end,
        days_left,
        working_days: match (start, end) {
            (Some(s), Some(e)) => working_days_between(s.date_naive(), e.date_naive(), rules),
            _ => 0,
        },
        committed_points: burn.committed.points,
        completed_points: burn.completed.points,
        committed_issues: burn.committed.issues,
        completed_issues: burn.completed.issues,
        added: burn.added,
        removed: burn.removed,
        burndown: burn.points,
        ideal: burn.ideal,
        history_note: burn.note,
        per_person,
        idle,
        risks: risks(current(), &cx),
        velocity,
        velocity_average,
    }
}
