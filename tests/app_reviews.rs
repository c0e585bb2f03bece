//! Pure `update` tests of deployment reviews on the deploy screen: a cell whose deployment waits
//! for reviewers offers `a` (approve) and `x` (reject) behind a plan; approving into a
//! protected environment needs its name typed; read-only refuses; the answer shows.

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use shipdeck::app::deploy::{BackendView, PlanKind, review_offered};
use shipdeck::app::{Action, Effect, Msg, Screen, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::deploy::*;
use shipdeck::sync::{Request, SyncEvent};
use std::time::Duration;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn dep(id: &str, env: &str, version: &str, state: DeployState) -> Deployment {
    Deployment {
        id: DeploymentId(id.into()),
        service: "storefront".into(),
        environment: env.into(),
        revision: format!("{id}-abcdef0123"),
        version: Some(version.into()),
        kind: DeployKind::Deploy,
        state,
        from_environment: None,
        rollback_of: None,
        created_at: now() - Span::minutes(3),
        finished_at: None,
        by: Some("mei".into()),
        reason: None,
        run_id: Some("812".into()),
        changes: Vec::new(),
    }
}

fn env(name: &str, protected: bool, current: Deployment, protection: &[&str]) -> Environment {
    Environment {
        name: name.into(),
        protected,
        protection: protection.iter().map(|p| p.to_string()).collect(),
        health: Health::Healthy,
        lock: None,
        current: Some(current),
    }
}

/// storefront: staging runs 1.9.0; production waits for review of 1.9.0 (protected) and
/// qa waits too (unprotected).
fn services() -> Vec<Service> {
    vec![Service {
        name: "storefront".into(),
        repo: Some("acme/storefront".into()),
        environments: vec![
            env(
                "staging",
                false,
                dep("d-70", "staging", "1.9.0", DeployState::Succeeded),
                &[],
            ),
            env(
                "qa",
                false,
                dep("d-76", "qa", "1.9.0", DeployState::Waiting),
                &["1 reviewer: bo"],
            ),
            env(
                "production",
                true,
                dep("d-77", "production", "1.9.0", DeployState::Waiting),
                &["2 reviewers: ana-k, marcus-b", "wait 5 min"],
            ),
        ],
    }]
}

fn loaded() -> State {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    state.has_tracker = false;
    state.screen = Screen::Deploy;
    state.deploy.backends = vec![BackendView::new("acme", false)];
    let event = SyncEvent::DeploysLoaded {
        backend: 0,
        services: services(),
        at: now(),
    };
    update(&mut state, Msg::Sync(event), now());
    state
}

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action), now())
}

fn at_env(state: &mut State, column: usize) {
    for _ in 0..column {
        act(state, Action::Right);
    }
}

fn review_request(approve: bool, comment: &str) -> Effect {
    let mut waiting = dep("d-77", "production", "1.9.0", DeployState::Waiting);
    if !approve {
        waiting = dep("d-76", "qa", "1.9.0", DeployState::Waiting);
    }
    Effect::Sync(Request::Review {
        backend: 0,
        deployment: Box::new(waiting),
        approve,
        comment: comment.into(),
    })
}

#[test]
fn a_waiting_cell_offers_a_review_and_others_do_not() {
    let mut state = loaded();
    assert!(
        !review_offered(&state),
        "staging runs 1.9.0 and waits for nothing"
    );
    act(&mut state, Action::Approve);
    assert_eq!(state.deploy.plan, None);
    assert_eq!(
        state.deploy.note.as_deref(),
        Some("nothing waits for review in storefront staging")
    );
    at_env(&mut state, 2);
    let (_, _, env) = state.deploy.selected().unwrap();
    assert_eq!(env.current.as_ref().unwrap().state, DeployState::Waiting);
    assert!(review_offered(&state));
}

#[test]
fn approving_into_a_protected_environment_needs_its_name_typed() {
    let mut state = loaded();
    at_env(&mut state, 2);
    assert!(act(&mut state, Action::Approve).is_empty());
    let plan = state.deploy.plan.clone().unwrap();
    assert!(matches!(plan.kind, PlanKind::Review { approve: true, .. }));
    assert_eq!(plan.title(), "Approve storefront 1.9.0 into production");
    assert_eq!(
        plan.protection,
        ["2 reviewers: ana-k, marcus-b", "wait 5 min"]
    );
    assert!(plan.needs_typing());
    // y does nothing until the name is typed; then Enter sends.
    assert!(act(&mut state, Action::Confirm).is_empty());
    for c in "production".chars() {
        update(&mut state, Msg::Input(c), now());
    }
    assert_eq!(
        act(&mut state, Action::Open),
        vec![review_request(true, "Approved from shipdeck")]
    );
    assert_eq!(state.deploy.plan, None);
    assert!(
        state
            .deploy
            .reviewing
            .contains_key(&DeploymentId("d-77".into()))
    );
    assert!(!review_offered(&state), "a review is already on its way");
}

#[test]
fn rejecting_needs_only_y() {
    let mut state = loaded();
    at_env(&mut state, 1);
    act(&mut state, Action::Reject);
    let plan = state.deploy.plan.clone().unwrap();
    assert_eq!(plan.title(), "Reject storefront 1.9.0 for qa");
    assert!(!plan.needs_typing());
    assert_eq!(
        act(&mut state, Action::Confirm),
        vec![review_request(false, "Rejected from shipdeck")]
    );
}

#[test]
fn a_rejection_of_production_needs_no_typing_either() {
    let mut state = loaded();
    at_env(&mut state, 2);
    act(&mut state, Action::Reject);
    assert!(!state.deploy.plan.as_ref().unwrap().needs_typing());
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(
            &effects[..],
            [Effect::Sync(Request::Review { approve: false, .. })]
        ),
        "{effects:?}"
    );
}

#[test]
fn saying_no_sends_nothing() {
    let mut state = loaded();
    at_env(&mut state, 1);
    act(&mut state, Action::Approve);
    assert!(act(&mut state, Action::Deny).is_empty());
    assert_eq!(state.deploy.plan, None);
    assert!(state.deploy.reviewing.is_empty());
}

#[test]
fn read_only_refuses_reviews() {
    let mut state = loaded();
    state.read_only = true;
    at_env(&mut state, 2);
    assert!(!review_offered(&state));
    assert!(act(&mut state, Action::Approve).is_empty());
    assert_eq!(state.deploy.plan, None);
    assert!(
        state
            .deploy
            .note
            .as_deref()
            .unwrap()
            .contains("--read-only"),
        "{:?}",
        state.deploy.note
    );

    let mut state = loaded();
    state.deploy.backends[0].read_only = true;
    at_env(&mut state, 2);
    act(&mut state, Action::Reject);
    assert_eq!(state.deploy.plan, None);
    assert!(state.deploy.note.as_deref().unwrap().contains("read_only"));
}

#[test]
fn the_answer_shows_and_a_refusal_keeps_the_backends_words() {
    let mut state = loaded();
    at_env(&mut state, 1);
    act(&mut state, Action::Reject);
    act(&mut state, Action::Confirm);
    let done = SyncEvent::Reviewed {
        backend: 0,
        id: DeploymentId("d-76".into()),
        approve: false,
    };
    update(&mut state, Msg::Sync(done), now());
    assert!(state.deploy.reviewing.is_empty());
    assert_eq!(
        state.deploy.note.as_deref(),
        Some("Reject storefront 1.9.0 for qa: rejected")
    );

    at_env(&mut state, 1);
    act(&mut state, Action::Approve);
    for c in "production".chars() {
        update(&mut state, Msg::Input(c), now());
    }
    act(&mut state, Action::Open);
    let failed = SyncEvent::ReviewFailed {
        backend: 0,
        id: DeploymentId("d-77".into()),
        error: "acme: the token may not review deployments to production (403)".into(),
    };
    update(&mut state, Msg::Sync(failed), now());
    assert!(state.deploy.reviewing.is_empty());
    assert_eq!(
        state.deploy.error.as_deref(),
        Some(
            "Approve storefront 1.9.0 into production: acme: the token may not review \
             deployments to production (403)"
        )
    );
}

#[test]
fn the_history_pane_reviews_its_cell_too() {
    let mut state = loaded();
    at_env(&mut state, 2);
    act(&mut state, Action::Open);
    act(&mut state, Action::Approve);
    assert!(matches!(
        state.deploy.plan.as_ref().map(|p| &p.kind),
        Some(PlanKind::Review { approve: true, .. })
    ));
}
