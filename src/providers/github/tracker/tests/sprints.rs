//! Iterations as sprints, and one iteration's sprint data.

use super::{day, loaded, wip};
use crate::domain::sprint::Change;
use crate::domain::{SprintState, StatusId};
use crate::providers::github::tracker::history::sprint_data;
use crate::providers::github::tracker::iterations::{self, sprint_id};
use crate::providers::github::tracker::project::NO_STATUS;
use chrono::{TimeZone, Utc};

#[test]
fn iterations_are_the_sprints_oldest_first() {
    let project = loaded(None);
    let iterations = &project.fields.iteration.as_ref().unwrap().iterations;
    let sprints = iterations::sprints(iterations, day(3, 10));
    let got: Vec<(u64, &str, SprintState)> = sprints
        .iter()
        .map(|s| (s.id, s.name.as_str(), s.state))
        .collect();
    assert_eq!(
        got,
        [
            (0x1234_abcd, "Iteration 3", SprintState::Closed),
            (0x0bad_f00d, "Iteration 4", SprintState::Closed),
            (0xc1d2_e3f4, "Iteration 5", SprintState::Active),
            (0xa9b8_c7d6, "Iteration 6", SprintState::Future),
        ]
    );
}

#[test]
fn sprint_data_holds_the_iteration_with_partial_history_and_velocity() {
    let project = loaded(None);
    let data = sprint_data(&project, sprint_id("c1d2e3f4"), &wip(), day(3, 10)).unwrap();
    assert_eq!(data.sprint.name, "Iteration 5");
    let keys: Vec<&str> = data.issues.iter().map(|h| h.issue.key.0.as_str()).collect();
    assert_eq!(
        keys,
        [
            "acme/payments#12",
            "acme/ledger#40",
            "draft:PVTI_lADOBx3_zs4AXyZ1zgJ8a03",
            "acme/payments#9",
            "acme/payments#15",
        ]
    );
    assert!(
        data.issues
            .iter()
            .all(|h| !h.complete && h.sprints == [0xc1d2_e3f4])
    );
    let closed = &data.issues[3];
    assert_eq!(closed.events.len(), 1);
    assert_eq!(
        closed.events[0].change,
        Change::Status {
            from: StatusId(NO_STATUS.into()),
            to: StatusId("98236657".into()),
        }
    );
    assert_eq!(
        closed.events[0].at,
        Utc.with_ymd_and_hms(2026, 3, 6, 15, 0, 0).unwrap()
    );
    assert!(data.issues[0].events.is_empty(), "open: nothing is known");
    assert_eq!(
        data.issues[4].created,
        Some(
            Utc.with_ymd_and_hms(2026, 3, 9, 11, 0, 0)
                .unwrap()
                .fixed_offset()
        )
    );
    // Iteration 4: #3 (8) and the archived #7 (5) are done; Iteration 3 had nothing.
    let velocity: Vec<(&str, f64)> = data
        .closed
        .iter()
        .map(|(s, p)| (s.name.as_str(), *p))
        .collect();
    assert_eq!(velocity, [("Iteration 4", 13.0), ("Iteration 3", 0.0)]);

    let report = crate::domain::sprint::report(&data, day(3, 10), &Default::default());
    assert_eq!(report.completed_points, 2.0);
    assert!(
        report.history_note.is_some(),
        "the view says the history is partial"
    );
    assert!(sprint_data(&project, 42, &wip(), day(3, 10)).is_none());
}
