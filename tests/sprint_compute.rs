//! Sprint figures computed from changelog fixtures: burndown through a mid-week start, a
//! weekend and a month end, scope added and removed, points changed, an issue reopened;
//! working days in the sprint's own offset; people, risks, velocity and standup pages.

#[path = "sprint_compute/data.rs"]
mod data;
#[path = "sprint_compute/standup.rs"]
mod standup;

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use data::*;
use shipdeck::domain::sprint::{
    BurnPoint, Scope, SprintData, SprintRules, report, working_days_between,
};
use shipdeck::domain::{IssueKey, SprintState};

fn rules() -> SprintRules {
    SprintRules::default()
}

fn burn(points: &[BurnPoint]) -> Vec<(NaiveDate, f64, f64, f64)> {
    points
        .iter()
        .map(|p| (p.date, p.remaining, p.completed, p.scope))
        .collect()
}

fn keys<'a>(list: impl Iterator<Item = &'a IssueKey>) -> Vec<&'a str> {
    list.map(|k| k.0.as_str()).collect()
}

#[test]
fn burndown_follows_status_points_and_sprint_changes_per_working_day() {
    let r = report(&data(cards(), Vec::new()), date(4), &rules());
    assert_eq!(
        burn(&r.burndown),
        vec![
            (date(29), 18.0, 0.0, 18.0),
            // D done; A's Friday 08:00 +10:00 is still Thursday in UTC, so not yet.
            (date(30), 13.0, 5.0, 18.0),
            // A done, C (1 point) added.
            (date(31), 9.0, 10.0, 19.0),
            // The weekend is skipped: F's Saturday finish shows on Monday, with D reopened,
            // B re-estimated 3 -> 8 and E removed.
            (date(3), 14.0, 7.0, 21.0),
            (date(4), 14.0, 7.0, 21.0),
        ]
    );
    assert_eq!(
        (r.committed_points, r.committed_issues),
        (18.0, 6),
        "A B D E F G"
    );
    assert_eq!((r.completed_points, r.completed_issues), (7.0, 2));
    assert_eq!(
        r.added,
        Scope {
            issues: 1,
            points: 1.0
        }
    );
    assert_eq!(
        r.removed,
        Scope {
            issues: 1,
            points: 3.0
        }
    );
    assert_eq!(r.history_note, None);
}

#[test]
fn header_dates_are_in_the_sprint_offset_across_the_month_end() {
    let r = report(&data(cards(), Vec::new()), date(4), &rules());
    // Wed 29 .. Tue 11 June: Wed Thu Fri, then two full weeks less the last Wed..Fri.
    assert_eq!(r.working_days, 10);
    // Tue 4 .. Tue 11: 4 5 6 7 10 11.
    assert_eq!(r.days_left, Some(6));
    assert_eq!(
        r.start.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-05-29T09:00:00+10:00")
    );
    assert_eq!(r.ideal.len(), 10);
    assert_eq!(r.ideal[0], (date(29), 18.0));
    assert_eq!(r.ideal[1], (date(30), 16.0));
    assert_eq!(r.ideal[9], (date(11), 0.0));
    assert_eq!(r.ideal[3].0, date(3), "the weekend has no ideal point");
}

#[test]
fn today_is_the_sprint_offsets_date_not_utcs() {
    let data = data(cards(), Vec::new());
    // 23:30 UTC on 28 May is 09:30 on 29 May in +10:00.
    let now = Utc.with_ymd_and_hms(2024, 5, 28, 23, 30, 0).unwrap();
    assert_eq!(data.today(now), date(29));
    let west = SprintData {
        offset: chrono::FixedOffset::west_opt(7 * 3600).unwrap(),
        ..data
    };
    // The same instant is still the 28th at 16:30 in -07:00.
    assert_eq!(
        west.today(now),
        NaiveDate::from_ymd_opt(2024, 5, 28).unwrap()
    );
}

#[test]
fn working_days_follow_the_configured_week() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let weekdays = rules();
    assert_eq!(
        working_days_between(d(2024, 1, 29), d(2024, 2, 2), &weekdays),
        5
    );
    // Over a leap day and a year end.
    assert_eq!(
        working_days_between(d(2024, 2, 28), d(2024, 3, 1), &weekdays),
        3
    );
    assert_eq!(
        working_days_between(d(2024, 12, 30), d(2025, 1, 3), &weekdays),
        5
    );
    let sunday_to_thursday = SprintRules {
        working_days: vec![
            Weekday::Sun,
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
        ],
        aging_days: 3,
    };
    assert_eq!(
        working_days_between(d(2024, 5, 31), d(2024, 6, 2), &sunday_to_thursday),
        1
    );
    let r = report(&data(cards(), Vec::new()), date(4), &sunday_to_thursday);
    // Wed 29, Thu 30, Sun 2, Mon 3, Tue 4: Friday's and Saturday's work lands on Sunday.
    let days: Vec<NaiveDate> = r.burndown.iter().map(|p| p.date).collect();
    assert_eq!(days, [date(29), date(30), date(2), date(3), date(4)]);
    assert_eq!(r.burndown[2].completed, 12.0, "A, D and F done by Sunday");
}

/// Name, (issues, points) in progress, done and not started, WIP.
type Row<'a> = (
    Option<&'a str>,
    (usize, f64),
    (usize, f64),
    (usize, f64),
    usize,
);

#[test]
fn per_person_loads_and_who_is_idle() {
    let r = report(&data(cards(), Vec::new()), date(4), &rules());
    let rows: Vec<Row> = r
        .per_person
        .iter()
        .map(|l| {
            (
                l.person.as_ref().map(|p| p.display_name.as_str()),
                (l.in_progress.issues, l.in_progress.points),
                (l.done.issues, l.done.points),
                (l.not_started.issues, l.not_started.points),
                l.wip,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("Ana"), (1, 1.0), (1, 5.0), (0, 0.0), 1),
            (Some("Ben"), (0, 0.0), (0, 0.0), (2, 13.0), 0),
            (Some("Cy"), (1, 0.0), (1, 2.0), (0, 0.0), 1),
        ],
        "E left the sprint, so Cy's E is not counted"
    );
    let idle: Vec<&str> = r.idle.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(idle, ["Ben"]);
}

#[test]
fn risks_aging_blocked_and_unestimated() {
    let r = report(&data(cards(), Vec::new()), date(4), &rules());
    // G entered In Progress on Wed 29: Thu, Fri, Mon, Tue = 4 working days > 3.
    assert_eq!(keys(r.risks.aging.iter().map(|x| &x.key)), ["G"]);
    assert_eq!(r.risks.aging[0].days, Some(4));
    // B was flagged on Monday.
    assert_eq!(keys(r.risks.blocked.iter().map(|x| &x.key)), ["B"]);
    assert_eq!(r.risks.blocked[0].days, Some(1));
    assert_eq!(keys(r.risks.unestimated.iter().map(|x| &x.key)), ["G"]);
    let patient = SprintRules {
        aging_days: 4,
        ..rules()
    };
    assert!(
        report(&data(cards(), Vec::new()), date(4), &patient)
            .risks
            .aging
            .is_empty()
    );
}

#[test]
fn a_card_in_a_blocked_column_is_blocked_with_its_age() {
    let mut cards = cards();
    cards[2].status = BLOCKED;
    cards[2]
        .events
        .push(status(at(3, 16, 0), "Ana", IN_PROGRESS, BLOCKED));
    let r = report(&data(cards, Vec::new()), date(4), &rules());
    assert_eq!(keys(r.risks.blocked.iter().map(|x| &x.key)), ["B", "C"]);
    assert_eq!(r.risks.blocked[1].days, Some(1));
}

#[test]
fn velocity_is_the_last_six_closed_sprints_oldest_first() {
    let closed: Vec<_> = (15..=22)
        .rev()
        .map(|n| {
            (
                sprint(n, &format!("Sprint {n}"), SprintState::Closed),
                f64::from(n as u32),
            )
        })
        .collect();
    let r = report(&data(cards(), closed), date(4), &rules());
    let names: Vec<&str> = r.velocity.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Sprint 17",
            "Sprint 18",
            "Sprint 19",
            "Sprint 20",
            "Sprint 21",
            "Sprint 22"
        ]
    );
    assert_eq!(r.velocity_average, Some(19.5));
    let none = report(&data(cards(), Vec::new()), date(4), &rules());
    assert_eq!((none.velocity.len(), none.velocity_average), (0, None));
}

#[test]
fn truncated_and_missing_histories_are_explained() {
    let mut cards = cards();
    // F is done but its changelog lost the status changes.
    cards[5].events.clear();
    let mut data = data(cards, Vec::new());
    data.issues[0].complete = false;
    let r = report(&data, date(4), &rules());
    let note = r.history_note.expect("a note");
    assert!(note.contains("only part of the history of A"), "{note}");
    assert!(note.contains("F is done with no status change"), "{note}");
    // F now counts as done from the start.
    assert_eq!(r.burndown[0].completed, 2.0);
}

#[test]
fn a_truncated_changelog_still_reads_earlier_values_from_later_changes() {
    let mut cards = cards();
    // D's changelog kept only its newest entry, Done -> Reopened on Monday: before it, D was
    // in that change's `from`, Done, not in its current status.
    cards[3].events.drain(..2);
    let mut data = data(cards, Vec::new());
    data.issues[3].complete = false;
    let r = report(&data, date(4), &rules());
    assert_eq!(
        r.burndown[0].completed, 5.0,
        "D done as far back as we know"
    );
    assert_eq!(r.burndown[3].completed, 7.0, "reopened on Monday");
    assert!(r.history_note.is_some_and(|n| n.contains("history of D")));
}

#[test]
fn a_closed_sprint_stops_at_its_end_and_a_future_one_has_no_burndown() {
    let mut closed = data(cards(), Vec::new());
    closed.sprint.state = SprintState::Closed;
    closed.sprint.end = Some(at(3, 10, 0).to_utc());
    let r = report(&closed, date(20), &rules());
    assert_eq!(r.burndown.last().map(|p| p.date), Some(date(3)));
    assert_eq!(r.days_left, Some(0));
    // B's re-estimate at 11:00 and E's removal at 12:00 came after the end.
    assert_eq!(r.removed, Scope::default());
    let mut future = data(cards(), Vec::new());
    future.sprint.state = SprintState::Future;
    future.sprint.start = None;
    future.sprint.end = None;
    let r = report(&future, date(4), &rules());
    assert!(r.burndown.is_empty() && r.ideal.is_empty());
    assert_eq!((r.days_left, r.working_days), (None, 0));
}
