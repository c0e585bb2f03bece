//! What a person shipped since the last working day, from the deploy data already in the
//! state: standup mode asks no deploy backend anything of its own.

use crate::app::state::State;
use crate::domain::Person;
use crate::domain::deploy::Deployment;
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

/// Deployments by `person` started at or after `since`, newest first: what each environment
/// runs, the history open on the deploy screen, and deployments being watched.
pub fn deployments_by<'a>(
    state: &'a State,
    person: &Person,
    since: DateTime<Utc>,
) -> Vec<&'a Deployment> {
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
        if theirs && d.created_at >= since && !found.iter().any(|f| f.id == d.id) {
            found.push(d);
        }
    }
    found.sort_by_key(|d| std::cmp::Reverse(d.created_at));
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
