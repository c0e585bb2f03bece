//! What a person shipped since the last working day, from the deploy data already in the
//! state: standup mode asks no deploy backend anything of its own.

use crate::app::state::State;
use crate::domain::Person;
use crate::domain::deploy::Deployment;
use crate::domain::pipeline::{Run, RunStatus};
use crate::domain::sprint::{SprintData, SprintRules, previous_working_day};
use chrono::{DateTime, NaiveTime, Utc};

/// The standup's window: from the start of the previous working day, in the sprint's offset.
pub fn window_start(data: &SprintData, now: DateTime<Utc>, rules: &SprintRules) -> DateTime<Utc> {
    let today = data.today(now);
    let day = previous_working_day(today, rules).unwrap_or(today);
    day.and_time(NaiveTime::MIN)
        .and_local_timezone(data.offset)
        .single()
        .map_or(now, |t| t.with_timezone(&Utc))
}

/// Every deployment the state holds by `person`, once each: what each environment runs, the
/// history open on the deploy screen, and deployments being watched.
fn all_by<'a>(state: &'a State, person: &Person) -> Vec<&'a Deployment> {
    let view = &state.deploy;
    let current = view
        .backends
        .iter()
        .flat_map(|b| &b.services)
        .flat_map(|s| &s.environments)
        .filter_map(|e| e.current.as_ref());
    let history = view.history.iter().flat_map(|h| &h.deployments);
    let watched = view.watching.values().map(|(_, d)| d);
    let mut found: Vec<&Deployment> = Vec::new();
    for d in current.chain(history).chain(watched) {
        let theirs = d.by.as_deref().is_some_and(|by| is_by(person, by));
        if theirs && !found.iter().any(|f| f.id == d.id) {
            found.push(d);
        }
    }
    found
}

/// Deployments by `person` started at or after `since`, newest first.
pub fn deployments_by<'a>(
    state: &'a State,
    person: &Person,
    since: DateTime<Utc>,
) -> Vec<&'a Deployment> {
    let mut found: Vec<&Deployment> = all_by(state, person)
        .into_iter()
        .filter(|d| d.created_at >= since)
        .collect();
    found.sort_by_key(|d| std::cmp::Reverse(d.created_at));
    found
}

/// Failed pipeline runs since `since` that belong to `person`, newest first. Runs name no
/// person, so a run is theirs when it did one of their deployments or built the revision
/// one of them shipped.
pub fn failed_runs_by<'a>(state: &'a State, person: &Person, since: DateTime<Utc>) -> Vec<&'a Run> {
    let theirs = all_by(state, person);
    let mut found: Vec<&Run> = state
        .pipelines
        .backends
        .iter()
        .flat_map(|b| &b.runs)
        .filter(|r| r.status == RunStatus::Failed && r.created_at.is_some_and(|t| t >= since))
        .filter(|r| {
            theirs.iter().any(|d| {
                d.run_id.as_deref() == Some(r.id.as_str())
                    || r.revision.as_deref() == Some(d.revision.as_str())
            })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    found.dedup_by(|a, b| a.id == b.id);
    found
}

/// Deploy backends name people their own way ("ana", "ana.kowalski", "Ana Kowalski"): any of
/// the tracker's id, full name, first name or login part counts, in any case.
pub fn is_by(person: &Person, by: &str) -> bool {
    let by = by.trim().to_lowercase();
    if by.is_empty() {
        return false;
    }
    let name = person.display_name.to_lowercase();
    let id = person.id.to_lowercase();
    let first = name.split_whitespace().next().unwrap_or_default();
    let login = id.split(['.', '@']).next().unwrap_or_default();
    [id.as_str(), name.as_str(), first, login].contains(&by.as_str())
}

#[cfg(test)]
mod tests {
    use super::is_by;
    use crate::domain::Person;

    #[test]
    fn backends_name_people_several_ways() {
        let ana = Person {
            id: "ana.kowalski".into(),
            display_name: "Ana Kowalski".into(),
        };
        for by in ["ana", "Ana Kowalski", "ANA.KOWALSKI", " ana "] {
            assert!(is_by(&ana, by), "{by}");
        }
        for by in ["", "kowalski", "bo"] {
            assert!(!is_by(&ana, by), "{by}");
        }
    }
}
