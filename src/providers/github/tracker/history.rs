//! One iteration as sprint data. GitHub keeps no history of project field changes, so each
//! issue's history holds only what is known: when it was added to the project and, for a
//! closed issue now done, a move into its done column when it was closed. Every history is
//! marked incomplete, which makes the sprint view say the figures are partial.
//!
//! Archived items count: teams archive what is done at an iteration's end, and that work
//! was still done in it.

use super::board::columns;
use super::iterations::{self, sprint_id};
use super::project::{Item, Iteration, Project};
use crate::domain::sprint::{
    Change, ChangeEvent, IssueHistory, SprintData, VELOCITY_SPRINTS, is_done,
};
use crate::domain::{Board, BoardKind, Column, Sprint, SprintState};
use chrono::{NaiveDate, Offset, Utc};
use std::collections::BTreeMap;

/// `None` when the project has no iteration with that sprint id.
pub fn sprint_data(
    project: &Project,
    sprint: u64,
    wip: &BTreeMap<String, u32>,
    today: NaiveDate,
) -> Option<SprintData> {
    let all = &project.fields.iteration.as_ref()?.iterations;
    let shown = all.iter().find(|i| sprint_id(&i.id) == sprint)?;
    let items = || in_iteration(project, shown);
    let columns = columns(project, items(), wip);
    let issues = items()
        .map(|item| history(item, &columns, sprint))
        .collect();
    let sprint = iterations::sprint(shown, today);
    Some(SprintData {
        offset: Utc.fix(),
        board: Board {
            cut: None,
            id: project.number,
            name: project.title.clone(),
            kind: BoardKind::Scrum,
            columns: columns.clone(),
            issues: Vec::new(),
            sprint: Some(sprint.clone()),
        },
        issues,
        closed: velocity(project, all, &sprint, &columns, today),
        sprint,
    })
}

fn in_iteration<'a>(project: &'a Project, it: &'a Iteration) -> impl Iterator<Item = &'a Item> {
    project
        .items
        .iter()
        .filter(move |i| i.iteration.as_deref() == Some(it.id.as_str()))
}

fn history(item: &Item, columns: &[Column], sprint: u64) -> IssueHistory {
    let issue = &item.issue;
    let first = columns.first().and_then(|c| c.statuses.first());
    let closing = match (item.closed_at, first) {
        (Some(at), Some(from)) if is_done(columns, &issue.status) => Some(ChangeEvent {
            at,
            author: None,
            change: Change::Status {
                from: from.clone(),
                to: issue.status.clone(),
            },
        }),
        _ => None,
    };
    IssueHistory {
        issue: issue.clone(),
        sprints: vec![sprint],
        created: item.created,
        events: closing.into_iter().collect(),
        flagged: false,
        complete: false,
    }
}

/// Points now done of the last closed iterations that ended no later than `shown`, newest
/// first. Work carried over has moved to a later iteration, so it counts there.
fn velocity(
    project: &Project,
    all: &[Iteration],
    shown: &Sprint,
    columns: &[Column],
    today: NaiveDate,
) -> Vec<(Sprint, f64)> {
    all.iter()
        .map(|it| (it, iterations::sprint(it, today)))
        .filter(|(_, s)| s.state == SprintState::Closed)
        .filter(|(_, s)| shown.state != SprintState::Closed || s.end <= shown.end)
        .rev()
        .take(VELOCITY_SPRINTS)
        .map(|(it, sprint)| {
            let points = in_iteration(project, it)
                .filter(|i| is_done(columns, &i.issue.status))
                .filter_map(|i| i.issue.points)
                .sum();
            (sprint, points)
        })
        .collect()
}
