//! One page per person for the standup: what moved since the last working day, what is in
//! progress and how old it is, what is blocked.

use super::burndown::start_of_day;
use super::replay::{Lanes, Stage, status_since};
use super::risks::Context;
use super::workdays::previous_working_day;
use super::{Change, IssueHistory, Moved, SprintData, SprintRules, StandupPage};
use crate::domain::Person;
use chrono::{DateTime, FixedOffset, Utc};

/// Pages for everyone with a card in the sprint or a move in the window, by name.
pub fn standup_pages(
    data: &SprintData,
    now: DateTime<Utc>,
    rules: &SprintRules,
) -> Vec<StandupPage> {
    let today = data.today(now);
    let lanes = Lanes::new(&data.board);
    let cx = Context {
        lanes: &lanes,
        rules,
        today,
        offset: data.offset,
    };
    let since = previous_working_day(today, rules)
        .and_then(|day| start_of_day(day, data.offset))
        .or_else(|| start_of_day(today, data.offset));
    let now = now.with_timezone(&data.offset);
    let current: Vec<&IssueHistory> = data
        .issues
        .iter()
        .filter(|h| h.sprints.contains(&data.sprint.id))
        .collect();

    let mut people: Vec<Person> = Vec::new();
    let mut meet = |p: &Person| {
        if !people.iter().any(|q| q.id == p.id) {
            people.push(p.clone());
        }
    };
    current
        .iter()
        .filter_map(|h| h.issue.assignee.as_ref())
        .for_each(&mut meet);
    let moves: Vec<(Option<&Person>, Moved)> = data
        .issues
        .iter()
        .flat_map(|h| moves_of(h, &lanes, since, now))
        .collect();
    moves.iter().filter_map(|m| m.0).for_each(&mut meet);
    people.sort_by_key(|p| (p.display_name.to_lowercase(), p.id.clone()));

    people
        .into_iter()
        .map(|person| {
            let mine =
                |h: &&&IssueHistory| h.issue.assignee.as_ref().is_some_and(|a| a.id == person.id);
            let mut moved: Vec<Moved> = moves
                .iter()
                .filter(|(author, _)| author.is_some_and(|a| a.id == person.id))
                .map(|(_, m)| m.clone())
                .collect();
            moved.sort_by_key(|m| m.at);
            let in_progress = current
                .iter()
                .filter(mine)
                .filter(|h| !cx.is_blocked(h) && lanes.stage(&h.issue.status) == Stage::InProgress)
                .map(|h| (h.issue.clone(), cx.age(status_since(h))))
                .collect();
            let blocked = current
                .iter()
                .filter(mine)
                .filter(|h| cx.is_blocked(h) && lanes.stage(&h.issue.status) != Stage::Done)
                .map(|h| h.issue.clone())
                .collect();
            StandupPage {
                person,
                moved,
                in_progress,
                blocked,
            }
        })
        .collect()
}

/// Status changes of one issue in `since..=now` that crossed columns, with who made them.
fn moves_of<'a>(
    history: &'a IssueHistory,
    lanes: &Lanes<'_>,
    since: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> Vec<(Option<&'a Person>, Moved)> {
    history
        .events
        .iter()
        .filter(|e| since.is_none_or(|s| e.at >= s) && e.at <= now)
        .filter_map(|e| match &e.change {
            Change::Status { from, to } => {
                let (from, to) = (lanes.column_name(from), lanes.column_name(to));
                (from != to).then(|| {
                    let moved = Moved {
                        key: history.issue.key.clone(),
                        summary: history.issue.summary.clone(),
                        from,
                        to,
                        at: e.at,
                    };
                    (e.author.as_ref(), moved)
                })
            }
            _ => None,
        })
        .collect()
}
