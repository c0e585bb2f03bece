use super::*;
use crate::github::ops::model::{Job, Step};

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

fn at(secs: i64) -> DateTime<Utc> {
    t0() + TimeDelta::seconds(secs)
}

fn step(kind: StepKind, secs: i64, fails: bool) -> Step {
    Step {
        name: format!("{kind:?}"),
        kind,
        secs,
        fails,
    }
}

/// Set up 2 s, checkout 3 s, tests 4 s (failing when asked), Complete job 1 s.
fn job(start: Start, fails: bool) -> Job {
    Job {
        id: 1,
        run: 0,
        attempt: 1,
        name: "test".into(),
        created_at: t0(),
        start,
        steps: vec![
            step(StepKind::SetUp, 2, false),
            step(StepKind::Checkout, 3, false),
            step(StepKind::NpmTest, 4, fails),
            step(StepKind::PostCheckout, 1, false),
            step(StepKind::Complete, 1, false),
        ],
        cancelled_at: None,
        environment: None,
        deployment: None,
        review: None,
        runner: "r".into(),
    }
}

fn statuses(view: &JobView) -> Vec<(Status, Option<Conclusion>)> {
    view.steps
        .iter()
        .map(|s| (s.status, s.conclusion))
        .collect()
}

#[test]
fn a_job_waits_for_its_runner_then_moves_step_by_step() {
    let job = job(Start::At(at(5)), false);
    let queued = super::job(&job, at(4));
    assert_eq!(queued.status, Status::Queued);
    assert!(queued.steps.is_empty());

    let running = super::job(&job, at(5 + 6));
    assert_eq!(running.status, Status::InProgress);
    assert_eq!(running.started_at, at(5));
    use Status::*;
    let ok = Some(Conclusion::Success);
    assert_eq!(
        statuses(&running),
        vec![
            (Completed, ok),
            (Completed, ok),
            (InProgress, None),
            (Queued, None),
            (Queued, None)
        ]
    );
    assert_eq!(running.steps[2].started_at, Some(at(10)));
    assert_eq!(running.steps[2].completed_at, None);

    let done = super::job(&job, at(100));
    assert_eq!((done.status, done.conclusion), (Completed, ok));
    assert_eq!(done.completed_at, Some(at(5 + 11)));
    assert!(done.has_log());
}

#[test]
fn after_a_failed_step_the_rest_is_skipped_but_the_job_completes() {
    let done = super::job(&job(Start::At(at(0)), true), at(100));
    use Status::Completed;
    let (ok, bad, skip) = (
        Some(Conclusion::Success),
        Some(Conclusion::Failure),
        Some(Conclusion::Skipped),
    );
    assert_eq!(
        statuses(&done),
        vec![
            (Completed, ok),
            (Completed, ok),
            (Completed, bad),
            (Completed, skip),
            (Completed, ok)
        ]
    );
    assert_eq!(done.conclusion, bad);
    // 2 + 3 + 4, the skipped step takes no time, then 1 for Complete job.
    assert_eq!(done.completed_at, Some(at(10)));
}

#[test]
fn a_cancel_cuts_the_running_step_and_skips_the_rest() {
    let mut job = job(Start::At(at(0)), false);
    job.cancelled_at = Some(at(3));
    let before = super::job(&job, at(2));
    assert_eq!(before.status, Status::InProgress);
    let after = super::job(&job, at(50));
    assert_eq!(
        (after.status, after.conclusion),
        (Status::Completed, Some(Conclusion::Cancelled))
    );
    assert_eq!(after.completed_at, Some(at(3)));
    assert_eq!(after.steps[1].conclusion, Some(Conclusion::Cancelled));
    assert_eq!(after.steps[1].completed_at, Some(at(3)));
    assert_eq!(after.steps[4].conclusion, Some(Conclusion::Skipped));
}

#[test]
fn a_cancel_before_the_runner_came_leaves_no_steps_and_no_log() {
    let mut job = job(Start::At(at(10)), false);
    job.cancelled_at = Some(at(4));
    let view = super::job(&job, at(20));
    assert_eq!(view.conclusion, Some(Conclusion::Cancelled));
    assert!(view.steps.is_empty());
    assert!(!view.has_log());
}

#[test]
fn held_jobs_wait_until_reviewed_or_cancelled() {
    let mut held = job(Start::Waiting, false);
    assert_eq!(super::job(&held, at(1000)).status, Status::Waiting);
    held.cancelled_at = Some(at(30));
    let view = super::job(&held, at(1000));
    assert_eq!(
        (view.status, view.conclusion),
        (Status::Completed, Some(Conclusion::Cancelled))
    );
    let refused = super::job(&job(Start::Refused(at(7)), false), at(8));
    assert_eq!(refused.conclusion, Some(Conclusion::Failure));
    let skipped = super::job(&job(Start::Skipped, false), at(8));
    assert_eq!(skipped.conclusion, Some(Conclusion::Skipped));
    assert!(!skipped.has_log());
}
