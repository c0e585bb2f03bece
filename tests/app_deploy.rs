//! Pure `update` tests of the deploy screen: plan, refusals, typed confirmation, pending,
//! progress and result, for promote, rollback and cancel.

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use shipdeck::app::deploy::{BackendView, PlanKind};
use shipdeck::app::{Action, Effect, Msg, Screen, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::IssueKey;
use shipdeck::domain::deploy::*;
use shipdeck::sync::{DeployAction, Request, SyncEvent};
use std::time::Duration;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn dep(id: &str, env: &str, rev: &str, state: DeployState, hours_ago: i64) -> Deployment {
    Deployment {
        id: DeploymentId(id.into()),
        service: "payments".into(),
        environment: env.into(),
        revision: rev.into(),
        version: Some(format!("v-{rev}")),
        kind: DeployKind::Deploy,
        state,
        from_environment: None,
        rollback_of: None,
        created_at: now() - Span::hours(hours_ago),
        finished_at: None,
        by: Some("ana".into()),
        reason: None,
        run_id: Some(format!("r-{id}")),
        changes: vec![Change {
            sha: rev.into(),
            title: format!("change {rev}"),
            issue_keys: vec![IssueKey("PLAT-1".into())],
        }],
    }
}

fn env(name: &str, protected: bool, current: Option<Deployment>) -> Environment {
    Environment {
        name: name.into(),
        protected,
        protection: Vec::new(),
        health: Health::Healthy,
        lock: None,
        current,
    }
}

fn services() -> Vec<Service> {
    vec![Service {
        name: "payments".into(),
        repo: None,
        environments: vec![
            env(
                "dev",
                false,
                Some(dep("d-3", "dev", "ccc", DeployState::Succeeded, 1)),
            ),
            env(
                "staging",
                false,
                Some(dep("d-2", "staging", "bbb", DeployState::Succeeded, 5)),
            ),
            env(
                "prod",
                true,
                Some(dep("d-1", "prod", "aaa", DeployState::Succeeded, 48)),
            ),
        ],
    }]
}

fn loaded() -> State {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    state.has_tracker = false;
    state.screen = Screen::Deploy;
    state.deploy.backends = vec![BackendView::new("sandbox", false)];
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

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, Msg::Input(c), now());
    }
}

/// Selects the prod cell of payments.
fn at_prod(state: &mut State) {
    act(state, Action::Right);
    act(state, Action::Right);
    assert_eq!(state.deploy.selected().unwrap().2.name, "prod");
}

#[test]
fn promote_into_prod_plans_fetches_history_then_needs_the_typed_name() {
    let mut state = loaded();
    at_prod(&mut state);
    let effects = act(&mut state, Action::Promote);
    assert_eq!(
        effects,
        vec![Effect::Sync(Request::FetchHistory {
            backend: 0,
            service: "payments".into(),
            environment: "staging".into()
        })]
    );
    let plan = state.deploy.plan.clone().unwrap();
    assert_eq!(plan.kind, PlanKind::Promote);
    assert_eq!((plan.from(), plan.environment()), ("staging", "prod"));
    assert!(plan.loading && plan.outline.blockers.is_empty() && plan.outline.protected);
    // The history of staging names what prod will gain: every deployment newer than prod's.
    let history = vec![
        dep("d-2", "staging", "bbb", DeployState::Succeeded, 5),
        dep("d-9", "staging", "bb0", DeployState::Failed, 6),
        dep("d-8", "staging", "ab1", DeployState::Succeeded, 7),
        dep("d-7", "staging", "aaa", DeployState::Succeeded, 50),
        dep("d-6", "staging", "a00", DeployState::Succeeded, 60),
    ];
    let event = SyncEvent::HistoryLoaded {
        backend: 0,
        service: "payments".into(),
        environment: "staging".into(),
        deployments: history,
    };
    update(&mut state, Msg::Sync(event), now());
    let plan = state.deploy.plan.clone().unwrap();
    let shas: Vec<_> = plan
        .outline
        .changes
        .iter()
        .map(|c| c.sha.as_str())
        .collect();
    assert_eq!(shas, ["bbb", "ab1"]);
    assert!(
        state.text_input_active(),
        "a protected target asks for its name"
    );
    // y is text here, not a confirmation; Enter with the wrong name sends nothing.
    type_text(&mut state, "pro");
    assert!(act(&mut state, Action::Open).is_empty());
    type_text(&mut state, "x");
    update(&mut state, Msg::Backspace, now());
    type_text(&mut state, "d");
    let effects = act(&mut state, Action::Open);
    let Some(Effect::Sync(Request::Deploy {
        backend: 0,
        action: DeployAction::Promote(request),
        key,
    })) = effects.first().cloned()
    else {
        panic!("expected a promote, got {effects:?}");
    };
    assert_eq!(request.from, "staging");
    assert_eq!(request.to, "prod");
    assert_eq!(request.revision.as_deref(), Some("bbb"));
    assert_eq!(key, plan.key, "the key made with the plan goes out");
    assert!(state.deploy.plan.is_none());
    assert!(
        state.deploy.busy(0, "payments", "prod"),
        "pending until the backend answers"
    );
    // A second p while it is pending opens a plan that is blocked.
    act(&mut state, Action::Promote);
    let blocked = state.deploy.plan.take().unwrap();
    assert!(
        blocked
            .outline
            .blockers
            .iter()
            .any(|b| b.contains("already in flight")),
        "{:?}",
        blocked.outline.blockers
    );
}

#[test]
fn accepted_actions_show_progress_then_the_result() {
    let mut state = loaded();
    act(&mut state, Action::Right); // staging, not protected
    act(&mut state, Action::Promote);
    let history = vec![dep("d-3", "dev", "ccc", DeployState::Succeeded, 1)];
    let event = SyncEvent::HistoryLoaded {
        backend: 0,
        service: "payments".into(),
        environment: "dev".into(),
        deployments: history,
    };
    update(&mut state, Msg::Sync(event), now());
    let effects = act(&mut state, Action::Confirm);
    let Some(Effect::Sync(Request::Deploy { key, .. })) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    let mut moving = dep("d-10", "staging", "ccc", DeployState::Queued, 0);
    let accepted = SyncEvent::ActionAccepted {
        key,
        backend: 0,
        deployment: moving.clone(),
    };
    assert!(update(&mut state, Msg::Sync(accepted), now()).is_empty());
    assert!(state.deploy.inflight.is_empty());
    assert_eq!(
        state.deploy.moving(0, "payments", "staging").unwrap().state,
        DeployState::Queued
    );
    moving.state = DeployState::InProgress;
    update(
        &mut state,
        Msg::Sync(SyncEvent::DeploymentUpdated {
            backend: 0,
            deployment: moving.clone(),
        }),
        now(),
    );
    assert_eq!(
        state.deploy.moving(0, "payments", "staging").unwrap().state,
        DeployState::InProgress
    );
    moving.state = DeployState::Succeeded;
    let effects = update(
        &mut state,
        Msg::Sync(SyncEvent::DeploymentUpdated {
            backend: 0,
            deployment: moving,
        }),
        now(),
    );
    assert_eq!(
        effects,
        vec![Effect::Sync(Request::FetchDeploys)],
        "the matrix reloads"
    );
    assert!(state.deploy.moving(0, "payments", "staging").is_none());
    assert_eq!(
        state.deploy.note.as_deref(),
        Some("payments staging v-ccc: succeeded")
    );
}

#[test]
fn refusals_show_the_servers_message() {
    let mut state = loaded();
    act(&mut state, Action::Right);
    act(&mut state, Action::Promote);
    let event = SyncEvent::HistoryLoaded {
        backend: 0,
        service: "payments".into(),
        environment: "dev".into(),
        deployments: vec![],
    };
    update(&mut state, Msg::Sync(event), now());
    let effects = act(&mut state, Action::Confirm);
    let Some(Effect::Sync(Request::Deploy { key, .. })) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    let error = "staging is locked by mei: change freeze (409)".to_string();
    update(
        &mut state,
        Msg::Sync(SyncEvent::ActionFailed { key, error }),
        now(),
    );
    assert!(state.deploy.inflight.is_empty());
    assert_eq!(
        state.deploy.error.as_deref(),
        Some("Promote payments dev → staging: staging is locked by mei: change freeze (409)")
    );
}

#[test]
fn blockers_refuse_before_anything_is_sent() {
    let mut state = loaded();
    let mut svc = services();
    svc[0].environments[2].lock = Some(Lock {
        by: "mei".into(),
        reason: "change freeze".into(),
        until: None,
    });
    svc[0].environments[1].health = Health::Degraded;
    update(
        &mut state,
        Msg::Sync(SyncEvent::DeploysLoaded {
            backend: 0,
            services: svc,
            at: now(),
        }),
        now(),
    );
    at_prod(&mut state);
    assert!(
        act(&mut state, Action::Promote).is_empty(),
        "no history needed for a blocked plan"
    );
    let plan = state.deploy.plan.clone().unwrap();
    assert_eq!(
        plan.outline.blockers,
        [
            "prod is locked by mei: change freeze",
            "staging is not healthy (degraded)"
        ]
    );
    assert!(!state.text_input_active(), "nothing to type while blocked");
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert!(act(&mut state, Action::Open).is_empty());
    act(&mut state, Action::Close);
    assert!(state.deploy.plan.is_none());
    // A source that failed, and a target already at the same revision.
    let mut svc = services();
    svc[0].environments[0].current.as_mut().unwrap().state = DeployState::Failed;
    svc[0].environments[2].current.as_mut().unwrap().revision = "bbb".into();
    update(
        &mut state,
        Msg::Sync(SyncEvent::DeploysLoaded {
            backend: 0,
            services: svc,
            at: now(),
        }),
        now(),
    );
    act(&mut state, Action::Promote);
    assert_eq!(
        state.deploy.plan.take().unwrap().outline.blockers,
        ["prod already runs v-bbb"]
    );
    act(&mut state, Action::Left);
    act(&mut state, Action::Promote);
    assert_eq!(
        state.deploy.plan.take().unwrap().outline.blockers,
        ["dev's deployment d-3 of v-ccc has not succeeded (failed)"]
    );
}

#[test]
fn rollback_defaults_to_the_newest_success_before_current_and_history_can_pick() {
    let mut state = loaded();
    at_prod(&mut state);
    let effects = act(&mut state, Action::Rollback);
    assert_eq!(
        effects,
        vec![Effect::Sync(Request::FetchHistory {
            backend: 0,
            service: "payments".into(),
            environment: "prod".into()
        })]
    );
    let history = vec![
        dep("d-1", "prod", "aaa", DeployState::Succeeded, 48),
        dep("d-0", "prod", "a99", DeployState::Failed, 60),
        dep("d-00", "prod", "a98", DeployState::Succeeded, 70),
        dep("d-000", "prod", "a97", DeployState::Succeeded, 80),
    ];
    let event = SyncEvent::HistoryLoaded {
        backend: 0,
        service: "payments".into(),
        environment: "prod".into(),
        deployments: history.clone(),
    };
    update(&mut state, Msg::Sync(event.clone()), now());
    let plan = state.deploy.plan.take().unwrap();
    assert_eq!(plan.kind, PlanKind::Rollback);
    let Some(target) = &plan.outline.incoming else {
        panic!("{plan:?}")
    };
    assert_eq!(target.id.0, "d-00");
    assert_eq!(
        plan.outline
            .changes
            .iter()
            .map(|c| c.sha.as_str())
            .collect::<Vec<_>>(),
        ["aaa"],
        "what the rollback reverts"
    );
    // Enter on a history row picks another target.
    act(&mut state, Action::Open);
    update(&mut state, Msg::Sync(event), now());
    // A failed row cannot be the target.
    act(&mut state, Action::Down);
    act(&mut state, Action::Open);
    assert!(state.deploy.plan.as_ref().unwrap().outline.blockers[0].contains("did not succeed"));
    act(&mut state, Action::Close);
    act(&mut state, Action::Bottom);
    act(&mut state, Action::Open);
    let plan = state.deploy.plan.clone().unwrap();
    assert_eq!(plan.kind, PlanKind::Rollback);
    let Some(target) = &plan.outline.incoming else {
        panic!("{plan:?}")
    };
    assert_eq!(target.id.0, "d-000");
    type_text(&mut state, "prod");
    let effects = act(&mut state, Action::Open);
    let Some(Effect::Sync(Request::Deploy {
        action: DeployAction::Rollback(request),
        ..
    })) = effects.first()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(request.to_deployment, Some(DeploymentId("d-000".into())));
}

#[test]
fn cancel_needs_a_deployment_in_flight_and_only_y() {
    let mut state = loaded();
    at_prod(&mut state);
    assert!(act(&mut state, Action::Cancel).is_empty());
    assert_eq!(
        state.deploy.note.as_deref(),
        Some("nothing is deploying in payments prod")
    );
    let mut svc = services();
    svc[0].environments[2].current.as_mut().unwrap().state = DeployState::InProgress;
    update(
        &mut state,
        Msg::Sync(SyncEvent::DeploysLoaded {
            backend: 0,
            services: svc,
            at: now(),
        }),
        now(),
    );
    act(&mut state, Action::Cancel);
    assert!(
        !state.text_input_active(),
        "stopping a rollout needs no typing"
    );
    let effects = act(&mut state, Action::Confirm);
    assert!(matches!(
        effects.first(),
        Some(Effect::Sync(Request::Deploy { action: DeployAction::Cancel { id, .. }, .. })) if id.0 == "d-1"
    ));
}

#[test]
fn read_only_hides_the_verbs_and_says_why() {
    let mut state = loaded();
    state.read_only = true;
    at_prod(&mut state);
    assert!(act(&mut state, Action::Promote).is_empty());
    assert!(state.deploy.plan.is_none());
    assert!(state.deploy.note.as_deref().unwrap().contains("read-only"));
    let mut state = loaded();
    state.deploy.backends[0].read_only = true;
    assert!(act(&mut state, Action::Rollback).is_empty());
    assert!(
        state
            .deploy
            .note
            .as_deref()
            .unwrap()
            .contains("backend sandbox is read_only")
    );
}

#[test]
fn a_backend_that_cannot_deploy_says_why_before_any_plan() {
    let mut state = loaded();
    let why = "the [[github]] table \"acme\" has no deploy_workflow";
    state.deploy.backends[0].deploys_refused = Some(why.into());
    at_prod(&mut state);
    for action in [Action::Promote, Action::Rollback] {
        state.deploy.note = None;
        assert!(act(&mut state, action).is_empty());
        assert!(state.deploy.plan.is_none());
        assert_eq!(state.deploy.note.as_deref(), Some(why));
    }
}

#[test]
fn denying_a_plan_sends_nothing() {
    let mut state = loaded();
    act(&mut state, Action::Right);
    act(&mut state, Action::Promote);
    assert!(act(&mut state, Action::Deny).is_empty());
    assert!(state.deploy.plan.is_none());
    assert!(state.deploy.inflight.is_empty());
}

#[test]
fn the_refresh_timer_covers_the_deploy_backends() {
    let mut state = loaded();
    assert_eq!(state.next_deadline(), Some(now() + Span::seconds(60)));
    let effects = update(&mut state, Msg::Tick, now() + Span::seconds(60));
    assert_eq!(effects, vec![Effect::Sync(Request::FetchDeploys)]);
    assert!(state.syncing());
    let failed = SyncEvent::DeploysFailed {
        backend: 0,
        error: "cannot reach deploy.example".into(),
    };
    update(&mut state, Msg::Sync(failed), now() + Span::seconds(61));
    assert_eq!(
        state.deploy.backends[0].services.len(),
        1,
        "stale data stays"
    );
    assert_eq!(
        state.deploy.backends[0].last_error.as_deref(),
        Some("cannot reach deploy.example")
    );
    assert_eq!(state.next_deadline(), Some(now() + Span::seconds(121)));
}

#[test]
fn a_watch_reporting_under_the_deployments_own_id_replaces_the_run() {
    let mut state = loaded();
    act(&mut state, Action::Right); // staging
    act(&mut state, Action::Promote);
    let event = SyncEvent::HistoryLoaded {
        backend: 0,
        service: "payments".into(),
        environment: "dev".into(),
        deployments: vec![dep("d-3", "dev", "ccc", DeployState::Succeeded, 1)],
    };
    update(&mut state, Msg::Sync(event), now());
    let effects = act(&mut state, Action::Confirm);
    let Some(Effect::Sync(Request::Deploy { key, .. })) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    // GitHub accepts a dispatch as its run, then reports the deployment that run made.
    let run = dep("run:9300", "staging", "ccc", DeployState::Queued, 0);
    let accepted = SyncEvent::ActionAccepted {
        key,
        backend: 0,
        deployment: run,
    };
    update(&mut state, Msg::Sync(accepted), now());
    let made = dep("1804", "staging", "ccc", DeployState::InProgress, 0);
    let progress = SyncEvent::DeploymentUpdated {
        backend: 0,
        deployment: made.clone(),
    };
    update(&mut state, Msg::Sync(progress), now());
    let watched: Vec<&str> = state
        .deploy
        .watching
        .keys()
        .map(|id| id.0.as_str())
        .collect();
    assert_eq!(watched, ["1804"]);
    let done = SyncEvent::DeploymentUpdated {
        backend: 0,
        deployment: Deployment {
            state: DeployState::Succeeded,
            ..made
        },
    };
    update(&mut state, Msg::Sync(done), now());
    assert!(
        !state.deploy.busy(0, "payments", "staging"),
        "nothing stays in flight"
    );
}
