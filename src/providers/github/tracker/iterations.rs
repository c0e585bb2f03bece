//! Iterations as sprints: ids, dates and states. An iteration has a start day and a length
//! in days and no time zone, so days are read in UTC.

use super::project::Iteration;
use crate::domain::sprint::VELOCITY_SPRINTS;
use crate::domain::{Sprint, SprintState};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// `Sprint::id` of an iteration: its id read as hex when it is hex (GitHub's are eight hex
/// characters), else a stable FNV-1a hash, so the same iteration has the same id in every
/// run without a table to remember.
pub fn sprint_id(iteration: &str) -> u64 {
    let hex = !iteration.is_empty()
        && iteration.len() <= 16
        && iteration.bytes().all(|b| b.is_ascii_hexdigit());
    match u64::from_str_radix(iteration, 16) {
        Ok(id) if hex => id,
        _ => fnv1a(iteration),
    }
}

fn fnv1a(text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    text.bytes()
        .fold(OFFSET, |hash, b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

pub fn state(iteration: &Iteration, today: NaiveDate) -> SprintState {
    if iteration.contains(today) {
        SprintState::Active
    } else if iteration.after() <= today {
        SprintState::Closed
    } else {
        SprintState::Future
    }
}

/// Starts at midnight UTC of its first day and ends at the last second of its last day, so
/// the sprint screen's "both days included" counts match GitHub's.
pub fn sprint(iteration: &Iteration, today: NaiveDate) -> Sprint {
    let midnight =
        |day: NaiveDate| -> DateTime<Utc> { day.and_time(chrono::NaiveTime::MIN).and_utc() };
    Sprint {
        id: sprint_id(&iteration.id),
        name: iteration.title.clone(),
        state: state(iteration, today),
        goal: None,
        start: Some(midnight(iteration.start)),
        end: midnight(iteration.after()).checked_sub_signed(TimeDelta::seconds(1)),
    }
}

/// The recent closed iterations (oldest first), then the current one and those to come.
pub fn sprints(iterations: &[Iteration], today: NaiveDate) -> Vec<Sprint> {
    let all: Vec<Sprint> = iterations.iter().map(|i| sprint(i, today)).collect();
    let closed = all
        .iter()
        .filter(|s| s.state == SprintState::Closed)
        .count();
    let skip = closed.saturating_sub(VELOCITY_SPRINTS);
    let by_state = |state| all.iter().filter(move |s| s.state == state).cloned();
    by_state(SprintState::Closed)
        .skip(skip)
        .chain(by_state(SprintState::Active))
        .chain(by_state(SprintState::Future))
        .collect()
}

/// The iteration that contains `today`, if one does.
pub fn current(iterations: &[Iteration], today: NaiveDate) -> Option<&Iteration> {
    iterations.iter().find(|i| i.contains(today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn it(id: &str, start: (i32, u32, u32), days: u32) -> Iteration {
        Iteration {
            id: id.into(),
            title: format!("Iteration {id}"),
            start: NaiveDate::from_ymd_opt(start.0, start.1, start.2).unwrap(),
            days,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn hex_ids_are_read_and_others_hashed_stably() {
        assert_eq!(sprint_id("a1b2c3d4"), 0xa1b2_c3d4);
        assert_eq!(sprint_id("0000000f"), 15);
        let hashed = sprint_id("iteration-7");
        assert_eq!(hashed, sprint_id("iteration-7"));
        assert_ne!(hashed, sprint_id("iteration-8"));
        // FNV-1a of "a" is a published test vector.
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(sprint_id("12345678901234567"), fnv1a("12345678901234567"));
        assert_eq!(sprint_id(""), fnv1a(""));
    }

    #[test]
    fn an_iteration_runs_from_its_start_day_through_its_last_day() {
        let two_weeks = it("aa", (2026, 3, 2), 14);
        let sprint = sprint(&two_weeks, day(15));
        assert_eq!(
            sprint.start,
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap())
        );
        assert_eq!(
            sprint.end,
            Some(Utc.with_ymd_and_hms(2026, 3, 15, 23, 59, 59).unwrap())
        );
        assert_eq!(sprint.state, SprintState::Active);
        assert_eq!(state(&two_weeks, day(16)), SprintState::Closed);
        assert_eq!(state(&two_weeks, day(1)), SprintState::Future);
        assert_eq!(state(&two_weeks, day(2)), SprintState::Active);
    }

    #[test]
    fn sprints_keep_the_last_closed_then_current_then_future() {
        let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let mut all: Vec<Iteration> = (0..8u64)
            .map(|n| Iteration {
                start: first + chrono::Days::new(7 * n),
                ..it(&format!("{n:08x}"), (2026, 1, 5), 7)
            })
            .collect();
        all.push(it("future01", (2026, 3, 9), 7));
        let today = NaiveDate::from_ymd_opt(2026, 2, 25).unwrap();
        let got = sprints(&all, today);
        let names: Vec<(&str, SprintState)> =
            got.iter().map(|s| (s.name.as_str(), s.state)).collect();
        assert_eq!(
            names,
            [
                ("Iteration 00000001", SprintState::Closed),
                ("Iteration 00000002", SprintState::Closed),
                ("Iteration 00000003", SprintState::Closed),
                ("Iteration 00000004", SprintState::Closed),
                ("Iteration 00000005", SprintState::Closed),
                ("Iteration 00000006", SprintState::Closed),
                ("Iteration 00000007", SprintState::Active),
                ("Iteration future01", SprintState::Future),
            ]
        );
        assert_eq!(
            current(&all, today).map(|i| i.id.as_str()),
            Some("00000007")
        );
        assert_eq!(current(&all, day(5)), None);
    }
}
