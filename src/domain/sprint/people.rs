//! Who holds what in the sprint now.

use super::replay::{Lanes, Stage};
use super::{IssueHistory, Load, PersonLoad};
use crate::domain::Person;

fn add(load: &mut Load, points: Option<f64>) {
    load.issues += 1;
    load.points += points.unwrap_or(0.0);
}

/// Loads per assignee (by name, the unassigned last) and the people with nothing in progress.
pub(super) fn per_person<'a>(
    current: impl Iterator<Item = &'a IssueHistory>,
    lanes: &Lanes<'_>,
) -> (Vec<PersonLoad>, Vec<Person>) {
    let mut loads: Vec<PersonLoad> = Vec::new();
    for history in current {
        let issue = &history.issue;
        let id = issue.assignee.as_ref().map(|p| &p.id);
        let at = match loads
            .iter()
            .position(|l| l.person.as_ref().map(|p| &p.id) == id)
        {
            Some(at) => at,
            None => {
                loads.push(PersonLoad {
                    person: issue.assignee.clone(),
                    in_progress: Load::default(),
                    done: Load::default(),
                    not_started: Load::default(),
                    wip: 0,
                });
                loads.len() - 1
            }
        };
        let load = &mut loads[at];
        match lanes.stage(&issue.status) {
            Stage::NotStarted => add(&mut load.not_started, issue.points),
            Stage::InProgress => {
                add(&mut load.in_progress, issue.points);
                load.wip += 1;
            }
            Stage::Done => add(&mut load.done, issue.points),
        }
    }
    loads.sort_by_key(|l| match &l.person {
        Some(p) => (0, p.display_name.to_lowercase(), p.id.clone()),
        None => (1, String::new(), String::new()),
    });
    let idle = loads
        .iter()
        .filter(|l| l.wip == 0)
        .filter_map(|l| l.person.clone())
        .collect();
    (loads, idle)
}
