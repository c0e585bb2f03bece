//! The deploy screen's `v`: the deployment's run opens in the pipelines screen's log viewer, on
//! its running job, else its failed one, else its last.

use crate::support::*;
use shipdeck::app::action::KeyContext;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::{Action, Effect, Msg, Screen, State, update};
use shipdeck::domain::deploy::*;
use shipdeck::domain::pipeline::RunStatus;
use shipdeck::sync::{Request, SyncEvent};

fn deployment(run_id: Option<&str>) -> Deployment {
    Deployment {
        id: DeploymentId("d-7".into()),
        service: "payments".into(),
        environment: "staging".into(),
        revision: "9f0e1d2c33aa".into(),
        version: None,
        kind: DeployKind::Deploy,
        state: DeployState::InProgress,
        from_environment: None,
        rollback_of: None,
        created_at: now(),
        finished_at: None,
        by: None,
        reason: None,
        run_id: run_id.map(String::from),
        changes: Vec::new(),
    }
}

/// The deploy screen with payments staging running `deployment`, as `v` finds it.
fn deploy_screen(deployment: Deployment) -> State {
    let mut state = listed(100);
    state.screen = Screen::Deploy;
    state.deploy.backends = vec![BackendView::new("sandbox", false)];
    let services = vec![Service {
        name: "payments".into(),
        repo: None,
        environments: vec![Environment {
            name: "staging".into(),
            protected: false,
            protection: Vec::new(),
            health: Health::Healthy,
            lock: None,
            current: Some(deployment),
        }],
    }];
    let loaded = SyncEvent::DeploysLoaded {
        backend: 0,
        services,
        at: now(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    state
}

#[test]
fn a_deployments_v_opens_the_viewer_on_its_runs_running_job() {
    let mut state = deploy_screen(deployment(Some("r-3")));
    assert_eq!(
        act(&mut state, Action::ViewLog),
        vec![Effect::Sync(Request::FetchRun {
            backend: 0,
            run_id: "r-3".into()
        })]
    );
    assert_eq!(state.screen, Screen::Pipelines);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: running_run(),
    };
    assert_eq!(
        update(&mut state, Msg::Sync(loaded), now()),
        vec![Effect::Sync(Request::TailLog {
            backend: 0,
            run_id: "r-3".into(),
            job_id: "j-2".into(),
            offset: 0
        })]
    );
    assert_eq!(state.key_context(), KeyContext::Log);
}

#[test]
fn a_deployments_v_picks_the_failed_job_else_the_last() {
    let mut state = deploy_screen(deployment(Some("r-2")));
    act(&mut state, Action::ViewLog);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: failed_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    assert_eq!(viewer(&state).source.job_id, "j-2");

    let mut fine = failed_run();
    fine.status = RunStatus::Succeeded;
    for job in &mut fine.jobs {
        job.status = RunStatus::Succeeded;
    }
    let mut state = deploy_screen(deployment(Some("r-2")));
    act(&mut state, Action::ViewLog);
    update(
        &mut state,
        Msg::Sync(SyncEvent::RunLoaded {
            backend: 0,
            run: fine,
        }),
        now(),
    );
    assert_eq!(viewer(&state).source.job_id, "j-3");
}

#[test]
fn a_deployment_without_a_run_says_so() {
    let mut state = deploy_screen(deployment(None));
    assert!(act(&mut state, Action::ViewLog).is_empty());
    assert_eq!(state.screen, Screen::Deploy);
    assert_eq!(
        state.deploy.note.as_deref(),
        Some("This deployment has no pipeline run to show")
    );
}
