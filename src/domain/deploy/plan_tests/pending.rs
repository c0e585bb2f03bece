//! Plans made before the history is read (the deploy screen opens them at once), and what only
//! the caller knows: an action of its own on the way to the target.

use super::{dep, env, ok, prod_history, promote_setup, service, titles};
use crate::domain::deploy::plan;
use crate::domain::deploy::{DeployState, Lock};

#[test]
fn a_promote_before_the_history_names_what_will_run_and_no_changes_yet() {
    let (svc, history) = promote_setup();
    let (from, to) = (&svc.environments[0], &svc.environments[1]);
    let early = plan::promote(&svc, from, to.into(), None, None);
    assert!(early.blockers.is_empty(), "{:?}", early.blockers);
    assert_eq!(early.incoming, from.current);
    assert!(early.changes.is_empty());
    assert!(!early.changes_complete, "nothing was read yet");
    // The same inputs with the history: the plan the CLI makes.
    let read = plan::promote(&svc, from, to.into(), Some(&history), None);
    assert_eq!(read.incoming, early.incoming);
    assert_eq!(titles(&read), ["commit of r5", "commit of r3"]);
    assert!(read.changes_complete);
}

#[test]
fn a_revision_is_looked_up_only_once_the_history_is_there() {
    let (svc, _) = promote_setup();
    let (from, to) = (&svc.environments[0], &svc.environments[1]);
    let early = plan::promote(&svc, from, to.into(), None, Some("r3"));
    assert!(early.incoming.is_none());
    assert!(early.blockers.is_empty(), "{:?}", early.blockers);
}

#[test]
fn the_blockers_that_need_no_history_are_there_before_it() {
    let (mut svc, _) = promote_setup();
    svc.environments[0].current = Some(dep(6, "staging", "r6", DeployState::Failed));
    svc.environments[1].lock = Some(Lock {
        by: "zoe".into(),
        reason: "change freeze".into(),
        until: Some("2025-03-14T18:00:00Z".parse().unwrap()),
    });
    let (from, to) = (&svc.environments[0], &svc.environments[1]);
    let early = plan::promote(&svc, from, to.into(), None, None);
    assert_eq!(
        early.blockers,
        [
            "prod is locked by zoe: change freeze (until 2025-03-14 18:00 UTC)",
            "staging's deployment d-6 of 1.6.0 has not succeeded (failed)"
        ]
    );
}

#[test]
fn an_action_of_the_callers_own_on_the_way_counts_as_in_flight() {
    let (svc, history) = promote_setup();
    let (from, to) = (&svc.environments[0], &svc.environments[1]);
    let busy = plan::Target {
        env: to,
        busy: true,
    };
    let plan = plan::promote(&svc, from, busy, Some(&history), None);
    assert_eq!(plan.blockers, ["a deployment is already in flight in prod"]);
    let rollback = plan::rollback(&svc, busy, None, None);
    assert_eq!(
        rollback.blockers,
        ["a deployment is already in flight in prod"]
    );
}

#[test]
fn a_rollback_before_the_history_waits_for_it_to_choose_a_target() {
    let history = prod_history();
    let svc = service(vec![env("prod", Some(history[0].clone()))]);
    let prod = &svc.environments[0];
    let early = plan::rollback(&svc, prod.into(), None, None);
    assert!(early.blockers.is_empty(), "{:?}", early.blockers);
    assert!(early.incoming.is_none() && early.reverts && !early.changes_complete);
    // A target picked by hand is judged at once; what it reverts needs the history.
    let picked = plan::rollback(&svc, prod.into(), None, Some(&history[1]));
    assert!(picked.blockers.is_empty(), "{:?}", picked.blockers);
    assert_eq!(picked.incoming.as_ref(), Some(&history[1]));
    assert!(picked.changes.is_empty());
    let same = ok(9, "prod", "r5");
    let again = plan::rollback(&svc, prod.into(), None, Some(&same));
    assert_eq!(again.blockers, ["prod already runs 1.9.0"]);
}
