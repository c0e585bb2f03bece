//! Keys of the deploy screen: the matrix, history, plans.

use super::plan::{self, Plan, PlanKind};
use super::{History, Inflight, review};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::domain::deploy::Deployment;
use crate::sync::Request;

/// Asks every idle backend for its services.
pub fn refresh(state: &mut State) -> Vec<Effect> {
    let view = &mut state.deploy;
    if view.backends.is_empty() || view.is_loading() {
        return Vec::new();
    }
    view.backends.iter_mut().for_each(|b| b.loading = true);
    vec![Effect::Sync(Request::FetchDeploys)]
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    if state.deploy.plan.is_some() {
        return on_plan(state, action);
    }
    if state.deploy.history.is_some() {
        return on_history(state, action);
    }
    let view = &mut state.deploy;
    match action {
        Action::Up => view.row = view.row.saturating_sub(1),
        Action::Down => view.row = (view.row + 1).min(view.rows().len().saturating_sub(1)),
        Action::Left => view.env = view.env.saturating_sub(1),
        Action::Right => view.env = (view.env + 1).min(view.env_columns().len().saturating_sub(1)),
        Action::Top => view.row = 0,
        Action::Bottom => view.row = view.rows().len().saturating_sub(1),
        Action::Refresh => return refresh(state),
        Action::Open => return open_history(state),
        Action::Promote | Action::Rollback | Action::Cancel | Action::Approve | Action::Reject => {
            return open_plan(state, action, None);
        }
        Action::ViewLog => return view_log(state),
        Action::Close => {
            view.note = None;
            view.error = None;
        }
        _ => {}
    }
    Vec::new()
}

fn open_history(state: &mut State) -> Vec<Effect> {
    let Some((row, service, env)) = state.deploy.selected() else {
        return Vec::new();
    };
    let (service, environment) = (service.name.clone(), env.name.clone());
    state.deploy.history = Some(History {
        backend: row.backend,
        service: service.clone(),
        environment: environment.clone(),
        deployments: Vec::new(),
        selected: 0,
        loading: true,
        error: None,
    });
    vec![Effect::Sync(Request::FetchHistory {
        backend: row.backend,
        service,
        environment,
    })]
}

fn on_history(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(history) = state.deploy.history.as_mut() else {
        return Vec::new();
    };
    let last = history.deployments.len().saturating_sub(1);
    match action {
        Action::Up => history.selected = history.selected.saturating_sub(1),
        Action::Down => history.selected = (history.selected + 1).min(last),
        Action::Top => history.selected = 0,
        Action::Bottom => history.selected = last,
        Action::Close => state.deploy.history = None,
        // Enter on a row picks it as the rollback target.
        Action::Open | Action::Rollback => {
            let picked = history.deployments.get(history.selected).cloned();
            return open_plan(state, Action::Rollback, picked);
        }
        Action::Promote | Action::Cancel | Action::Approve | Action::Reject => {
            return open_plan(state, action, None);
        }
        Action::GoToIssue => go_to_issue(state),
        Action::ViewLog => return view_log(state),
        _ => {}
    }
    Vec::new()
}

/// `v`: the pipeline run of the deployment picked in the history, else of the one moving or
/// current in the selected cell, in the pipelines screen's log viewer.
fn view_log(state: &mut State) -> Vec<Effect> {
    let view = &state.deploy;
    let picked = view.history.as_ref().and_then(|h| {
        let deployment = h.deployments.get(h.selected)?;
        Some((h.backend, deployment.run_id.clone()))
    });
    let picked = picked.or_else(|| {
        let (row, service, env) = view.selected()?;
        let deployment = view
            .moving(row.backend, &service.name, &env.name)
            .or(env.current.as_ref())?;
        Some((row.backend, deployment.run_id.clone()))
    });
    match picked {
        Some((backend, Some(run_id))) => {
            crate::app::pipelines::open_run_log(state, backend, run_id)
        }
        _ => {
            state.deploy.note = Some("This deployment has no pipeline run to show".into());
            Vec::new()
        }
    }
}

/// Shows the first issue of the selected deployment's changes on the board.
fn go_to_issue(state: &mut State) {
    let Some(history) = &state.deploy.history else {
        return;
    };
    let Some(deployment) = history.deployments.get(history.selected) else {
        return;
    };
    let keys = deployment.changes.iter().flat_map(|c| &c.issue_keys);
    let Some(key) = keys.into_iter().find(|k| state.issue(k).is_some()).cloned() else {
        state.deploy.note = Some("None of this deployment's issues is on the board".into());
        return;
    };
    state.screen = crate::app::state::Screen::Board;
    crate::app::nav::reveal(state, &key);
    state.popup = Some(crate::app::state::Popup::Detail(key));
}

fn open_plan(state: &mut State, action: Action, picked: Option<Deployment>) -> Vec<Effect> {
    let Some((row, service, env)) = state.deploy.selected() else {
        return Vec::new();
    };
    let backend = &state.deploy.backends[row.backend];
    if state.read_only || backend.read_only {
        let why = if state.read_only {
            "shipdeck runs read-only (--read-only)".to_string()
        } else {
            format!("backend {} is read_only in the config", backend.name)
        };
        state.deploy.note = Some(format!(
            "{why}: promote, rollback, cancel and reviews are off"
        ));
        return Vec::new();
    }
    if let (Action::Promote | Action::Rollback, Some(why)) = (action, &backend.deploys_refused) {
        state.deploy.note = Some(why.clone());
        return Vec::new();
    }
    let view = &state.deploy;
    let plan = match action {
        Action::Approve | Action::Reject => {
            review::plan(view, row.backend, service, env, action == Action::Approve)
        }
        Action::Promote => plan::promote(view, row.backend, service, env),
        Action::Rollback => Ok(plan::rollback(
            view,
            row.backend,
            service,
            env,
            picked.as_ref(),
        )),
        _ => match view
            .moving(row.backend, &service.name, &env.name)
            .or(env.current.as_ref())
        {
            Some(d) if d.state.is_active() => {
                Ok(plan::cancel(row.backend, service, env, d.clone()))
            }
            _ => Err(format!(
                "nothing is deploying in {} {}",
                service.name, env.name
            )),
        },
    };
    match plan {
        Ok(plan) => start_plan(state, plan),
        Err(message) => {
            state.deploy.note = Some(message);
            Vec::new()
        }
    }
}

/// Opens the plan and fetches the history it still needs.
fn start_plan(state: &mut State, plan: Plan) -> Vec<Effect> {
    let needs = plan::awaited(&plan).map(str::to_string);
    let (backend, service) = (plan.backend, plan.outline.service.clone());
    state.deploy.plan = Some(plan);
    match needs {
        Some(environment) => vec![Effect::Sync(Request::FetchHistory {
            backend,
            service,
            environment,
        })],
        None => Vec::new(),
    }
}

fn on_plan(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(plan) = state.deploy.plan.as_ref() else {
        return Vec::new();
    };
    let confirm = match action {
        Action::Confirm => !plan.outline.protected,
        Action::Open => plan.outline.protected,
        Action::Deny | Action::Close => {
            state.deploy.note = Some(format!("{}: not sent", plan.title()));
            state.deploy.plan = None;
            return Vec::new();
        }
        _ => false,
    };
    if !confirm || !plan.ready() {
        return Vec::new();
    }
    let Some(plan) = state.deploy.plan.take() else {
        return Vec::new();
    };
    if let PlanKind::Review {
        deployment,
        approve,
    } = &plan.kind
    {
        return review::send(state, &plan, deployment, *approve);
    }
    let Some(deploy_action) = plan.action() else {
        return Vec::new();
    };
    state.deploy.inflight.insert(
        plan.key.clone(),
        Inflight {
            backend: plan.backend,
            service: plan.outline.service.clone(),
            environment: plan.environment().to_string(),
            label: plan.title(),
        },
    );
    state.deploy.note = Some(format!("{}: sent", plan.title()));
    vec![Effect::Sync(Request::Deploy {
        backend: plan.backend,
        action: deploy_action,
        key: plan.key,
    })]
}

/// Typing the environment's name into a protected plan.
pub fn on_input(state: &mut State, c: Option<char>) {
    if let Some(plan) = state.deploy.plan.as_mut().filter(|p| p.needs_typing()) {
        match c {
            Some(c) => plan.typed.push(c),
            None => {
                plan.typed.pop();
            }
        }
    }
}
