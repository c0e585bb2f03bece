//! The board's sprints, placed around the current time: two-week sprints that start on a
//! Wednesday at 09:00 UTC (mid-week, as many teams plan), the active one being the latest
//! such Wednesday at least three days ago, so it always has a few days of history.

use crate::jira::store::{Sprint, SprintState};
use chrono::{DateTime, Datelike, Days, NaiveTime, TimeDelta, Utc};

pub const ACTIVE_SPRINT: u64 = 7;
pub const FUTURE_SPRINT: u64 = 8;

/// Closed sprints, oldest first: (name, goal).
const CLOSED: [(&str, &str); 6] = [
    (
        "Sprint 17",
        "Every service behind the new ingress and the old load balancers deleted",
    ),
    (
        "Sprint 18",
        "Terraform state per environment and no more manual console changes",
    ),
    (
        "Sprint 19",
        "On-call that sleeps: alert noise halved and runbooks for the top ten pages",
    ),
    (
        "Sprint 20",
        "Staging mirrors production and deploys need no SSH",
    ),
    (
        "Sprint 21",
        "Backups we have restored at least once, for every datastore",
    ),
    (
        "Sprint 22",
        "Route 53 owns every DNS zone and the CI image is under 600 MB",
    ),
];

/// Wednesday 09:00 UTC of the active sprint's start.
pub fn active_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let latest = (now - TimeDelta::days(3)).date_naive();
    let back = (latest.weekday().num_days_from_monday() + 7 - 2) % 7;
    let wednesday = latest - Days::new(u64::from(back));
    let start = wednesday.and_time(NaiveTime::MIN).and_utc() + TimeDelta::hours(9);
    // 09:00 on that Wednesday may be later than three days ago (a Wednesday afternoon).
    if start > now - TimeDelta::days(3) {
        start - TimeDelta::weeks(1)
    } else {
        start
    }
}

/// Ends on the second Tuesday at 17:00.
fn length() -> TimeDelta {
    TimeDelta::days(14) - TimeDelta::hours(16)
}

pub fn sprints(now: DateTime<Utc>) -> Vec<Sprint> {
    let start = active_start(now);
    let mut all: Vec<Sprint> = CLOSED
        .iter()
        .enumerate()
        .map(|(i, (name, goal))| {
            let ago = TimeDelta::weeks(2 * (CLOSED.len() - i) as i64);
            let begun = start - ago;
            Sprint {
                id: i as u64 + 1,
                name: (*name).into(),
                state: SprintState::Closed,
                goal: (*goal).into(),
                start: Some(begun),
                end: Some(begun + length()),
                complete: Some(begun + length() - TimeDelta::minutes(25)),
            }
        })
        .collect();
    all.push(Sprint {
        id: ACTIVE_SPRINT,
        name: "Sprint 23".into(),
        state: SprintState::Active,
        goal: "Postgres 16 in production and CI pipelines under 10 minutes".into(),
        start: Some(start),
        end: Some(start + length()),
        complete: None,
    });
    all.push(Sprint {
        id: FUTURE_SPRINT,
        name: "Sprint 24".into(),
        state: SprintState::Future,
        goal: "Retire the Jenkins agents and start mTLS between services".into(),
        start: None,
        end: None,
        complete: None,
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn the_active_sprint_starts_on_the_latest_wednesday_three_days_back() {
        // Thu 19 Nov: three days back is Mon 16, so Wed 11.
        assert_eq!(active_start(at(19, 14)), at(11, 9));
        // Sat 21 Nov 12:00: Wed 18 09:00 is exactly 75 hours back.
        assert_eq!(active_start(at(21, 12)), at(18, 9));
        // Sat 21 Nov 08:00: Wed 18 09:00 is less than three days back.
        assert_eq!(active_start(at(21, 8)), at(11, 9));
        for day in 1..=30 {
            let now = at(day, 10);
            let start = active_start(now);
            assert_eq!(start.weekday(), chrono::Weekday::Wed);
            let age = now - start;
            assert!(
                age >= TimeDelta::days(3) && age < TimeDelta::days(10),
                "{now}"
            );
        }
    }

    #[test]
    fn sprints_follow_each_other_and_ids_are_in_order() {
        let all = sprints(at(19, 14));
        assert_eq!(all.len(), 8);
        assert!(all.windows(2).all(|w| w[0].id < w[1].id));
        for pair in all.windows(2).take(6) {
            assert_eq!(
                pair[1].start.zip(pair[0].start).map(|(b, a)| b - a),
                Some(TimeDelta::weeks(2))
            );
        }
    }
}
