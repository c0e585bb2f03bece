//! A project as a board: the Status options are the columns, in their order, with the WIP
//! limits shipdeck enforces; the current iteration, when there is one, picks the cards.

use super::iterations;
use super::project::{Item, NO_STATUS, NO_STATUS_NAME, Project};
use crate::domain::{Board, BoardKind, Column, StatusId};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The WIP max configured for a column, its name matched case-insensitively.
pub fn wip_max(wip: &BTreeMap<String, u32>, column: &str) -> Option<u32> {
    wip.iter()
        .find(|(name, _)| name.trim().eq_ignore_ascii_case(column.trim()))
        .map(|(_, max)| *max)
}

/// The Status options as columns, with a leading "No status" column when one of `items`
/// has no Status.
pub fn columns<'a>(
    project: &Project,
    items: impl IntoIterator<Item = &'a Item>,
    wip: &BTreeMap<String, u32>,
) -> Vec<Column> {
    let column = |id: &str, name: &str| Column {
        name: name.to_string(),
        statuses: vec![StatusId(id.to_string())],
        min: None,
        max: wip_max(wip, name),
    };
    let unset = items.into_iter().any(|i| i.issue.status.0 == NO_STATUS);
    let options = project
        .fields
        .options
        .iter()
        .map(|(id, name)| column(id, name));
    unset
        .then(|| column(NO_STATUS, NO_STATUS_NAME))
        .into_iter()
        .chain(options)
        .collect()
}

pub fn board(project: &Project, wip: &BTreeMap<String, u32>, today: NaiveDate) -> Board {
    let iterations = project.fields.iteration.as_ref().map(|f| &f.iterations[..]);
    let current = iterations.and_then(|all| iterations::current(all, today));
    let shown: Vec<&Item> = project
        .items
        .iter()
        .filter(|i| !i.archived)
        .filter(|i| current.is_none_or(|c| i.iteration.as_deref() == Some(c.id.as_str())))
        .collect();
    Board {
        cut: None,
        id: project.number,
        name: project.title.clone(),
        kind: if iterations.is_some() {
            BoardKind::Scrum
        } else {
            BoardKind::Kanban
        },
        columns: columns(project, shown.iter().copied(), wip),
        issues: shown.into_iter().map(|i| i.issue.clone()).collect(),
        sprint: current.map(|c| iterations::sprint(c, today)),
    }
}
