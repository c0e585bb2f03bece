//! The plan of a promote or rollback; `pending` covers plans made before the history is read.

mod pending;

use super::plan::{self, Plan};
use super::{
    Change, DeployKind, DeployState, Deployment, DeploymentId, Environment, Health, Lock, Service,
};
use crate::domain::IssueKey;
use chrono::{DateTime, Duration, Utc};

fn t0() -> DateTime<Utc> {
    "2025-03-10T12:00:00Z".parse().unwrap()
}

/// Deployment `n` of `revision` in `env`, `n` hours after t0, with one commit named after it.
fn dep(n: i64, env: &str, revision: &str, state: DeployState) -> Deployment {
    Deployment {
        id: DeploymentId(format!("d-{n}")),
        service: "payments".into(),
        environment: env.into(),
        revision: revision.into(),
        version: Some(format!("1.{n}.0")),
        kind: DeployKind::Promote,
        state,
        from_environment: None,
        rollback_of: None,
        created_at: t0() + Duration::hours(n),
        finished_at: None,
        by: Some("ana".into()),
        reason: None,
        run_id: None,
        changes: vec![Change {
            sha: format!("{revision}-sha"),
            title: format!("commit of {revision}"),
            issue_keys: vec![IssueKey(format!("PLAT-{n}"))],
        }],
    }
}

fn ok(n: i64, env: &str, revision: &str) -> Deployment {
    dep(n, env, revision, DeployState::Succeeded)
}

fn env(name: &str, current: Option<Deployment>) -> Environment {
    Environment {
        name: name.into(),
        protected: name == "prod",
        protection: Vec::new(),
        health: Health::Healthy,
        lock: None,
        current,
    }
}

fn service(envs: Vec<Environment>) -> Service {
    Service {
        name: "payments".into(),
        repo: None,
        environments: envs,
    }
}

/// staging (the first environment) into prod (the second), with staging's history.
fn promote(svc: &Service, history: &[Deployment], revision: Option<&str>) -> Plan {
    let (from, to) = (&svc.environments[0], &svc.environments[1]);
    plan::promote(svc, from, to.into(), Some(history), revision)
}

/// The first environment rolled back, with its history.
fn rollback(svc: &Service, history: &[Deployment], target: Option<&Deployment>) -> Plan {
    plan::rollback(svc, (&svc.environments[0]).into(), Some(history), target)
}

fn titles(plan: &Plan) -> Vec<&str> {
    plan.changes.iter().map(|c| c.title.as_str()).collect()
}

/// staging history (newest first): r5 ok, r4 failed, r3 ok, r2 ok; prod runs r2.
fn staging_history() -> Vec<Deployment> {
    vec![
        ok(5, "staging", "r5"),
        dep(4, "staging", "r4", DeployState::Failed),
        ok(3, "staging", "r3"),
        ok(2, "staging", "r2"),
    ]
}

fn promote_setup() -> (Service, Vec<Deployment>) {
    let history = staging_history();
    let svc = service(vec![
        env("staging", Some(history[0].clone())),
        env("prod", Some(ok(2, "prod", "r2"))),
    ]);
    (svc, history)
}

#[test]
fn promote_brings_the_changes_newer_than_what_the_target_runs() {
    let (svc, history) = promote_setup();
    let plan = promote(&svc, &history, None);
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(
        plan.incoming.as_ref().map(|d| d.revision.as_str()),
        Some("r5")
    );
    // The failed r4 went nowhere; r2 is what prod already runs.
    assert_eq!(titles(&plan), ["commit of r5", "commit of r3"]);
    assert!(plan.changes_complete);
    assert!(plan.protected);
}

#[test]
fn promote_of_an_older_revision_starts_there() {
    let (svc, history) = promote_setup();
    let plan = promote(&svc, &history, Some("r3"));
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(plan.incoming.as_ref().map(|d| d.id.0.as_str()), Some("d-3"));
    assert_eq!(titles(&plan), ["commit of r3"]);
}

#[test]
fn promoting_something_older_than_the_target_runs_lists_what_it_reverts() {
    let (mut svc, history) = promote_setup();
    svc.environments[1].current = Some(ok(7, "prod", "r5"));
    let plan = promote(&svc, &history, Some("r3"));
    assert!(plan.reverts);
    assert_eq!(titles(&plan), ["commit of r5"]);
}

#[test]
fn a_revision_deployed_again_later_does_not_turn_a_promote_around() {
    // staging went back to r2 after r5; prod runs r2; promoting r5 goes forward.
    let mut history = staging_history();
    history.insert(0, ok(6, "staging", "r2"));
    let svc = service(vec![
        env("staging", Some(history[0].clone())),
        env("prod", Some(ok(2, "prod", "r2"))),
    ]);
    let plan = promote(&svc, &history, Some("r5"));
    assert!(!plan.reverts);
    assert_eq!(titles(&plan), ["commit of r5", "commit of r3"]);
}

#[test]
fn promote_says_when_the_history_does_not_reach_the_target() {
    let (mut svc, history) = promote_setup();
    svc.environments[1].current = Some(ok(1, "prod", "r1"));
    let plan = promote(&svc, &history, None);
    assert!(!plan.changes_complete);
    assert_eq!(plan.changes.len(), 3);
}

#[test]
fn a_locked_or_busy_target_blocks_with_the_lock_holder_and_reason() {
    let (mut svc, history) = promote_setup();
    svc.environments[1].lock = Some(Lock {
        by: "zoe".into(),
        reason: "change freeze".into(),
        until: None,
    });
    svc.environments[1].current = Some(dep(6, "prod", "r3", DeployState::InProgress));
    let plan = promote(&svc, &history, None);
    assert_eq!(plan.blockers.len(), 2, "{:?}", plan.blockers);
    assert_eq!(plan.blockers[0], "prod is locked by zoe: change freeze");
    assert!(
        plan.blockers[1].contains("already in flight in prod: d-6"),
        "{}",
        plan.blockers[1]
    );
}

#[test]
fn an_unhealthy_or_unsucceeded_source_blocks() {
    let (mut svc, history) = promote_setup();
    svc.environments[0].health = Health::Degraded;
    svc.environments[0].current = Some(history[1].clone());
    let plan = promote(&svc, &history, None);
    assert_eq!(
        plan.blockers,
        [
            "staging's deployment d-4 of 1.4.0 has not succeeded (failed)",
            "staging is not healthy (degraded)"
        ]
    );
}

#[test]
fn promoting_what_the_target_runs_or_an_unknown_revision_blocks() {
    let (svc, history) = promote_setup();
    let same = promote(&svc, &history, Some("r2"));
    assert_eq!(same.blockers, ["prod already runs 1.2.0"]);
    let unknown = promote(&svc, &history, Some("zz"));
    assert_eq!(
        unknown.blockers,
        ["staging has no deployment of zz in its last 4 deployments"]
    );
}

/// prod history (newest first): r5 (current), r4, a failed r3, r3.
fn prod_history() -> Vec<Deployment> {
    vec![
        ok(6, "prod", "r5"),
        ok(5, "prod", "r4"),
        dep(4, "prod", "r3", DeployState::Failed),
        ok(3, "prod", "r3"),
    ]
}

#[test]
fn rollback_returns_to_the_newest_earlier_success_and_lists_what_it_reverts() {
    let history = prod_history();
    let svc = service(vec![env("prod", Some(history[0].clone()))]);
    let plan = rollback(&svc, &history, None);
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(plan.incoming.as_ref().map(|d| d.id.0.as_str()), Some("d-5"));
    assert_eq!(titles(&plan), ["commit of r5"]);

    let further = rollback(&svc, &history, Some(&history[3]));
    assert_eq!(titles(&further), ["commit of r5", "commit of r4"]);
}

#[test]
fn rollback_without_an_earlier_success_or_to_a_failure_blocks() {
    let history = prod_history();
    let svc = service(vec![env("prod", Some(history[0].clone()))]);
    let to_failed = rollback(&svc, &history, Some(&history[2]));
    assert_eq!(to_failed.blockers.len(), 1);
    assert!(to_failed.blockers[0].starts_with("d-4 of 1.4.0 did not succeed (failed)"));

    let only = vec![history[0].clone()];
    let alone = rollback(&svc, &only, None);
    assert_eq!(
        alone.blockers,
        ["prod has no earlier successful deployment to return to in its last 1"]
    );

    let empty = service(vec![env("prod", None)]);
    let nothing = rollback(&empty, &[], None);
    assert_eq!(nothing.blockers, ["prod runs nothing to roll back"]);
}

#[test]
fn promotable_means_the_environment_before_runs_something_else() {
    let svc = service(vec![
        env("dev", Some(ok(3, "dev", "r3"))),
        env("staging", Some(ok(3, "staging", "r3"))),
        env("prod", Some(ok(2, "prod", "r2"))),
        env("dr", None),
    ]);
    let flags: Vec<bool> = svc
        .environments
        .iter()
        .map(|e| plan::promotable(&svc, e))
        .collect();
    assert_eq!(flags, [false, false, true, true]);
    assert_eq!(
        plan::previous(&svc, "prod").map(|e| e.name.as_str()),
        Some("staging")
    );
    assert!(plan::previous(&svc, "dev").is_none());
}
