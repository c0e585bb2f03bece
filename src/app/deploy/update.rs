//! Keys and sync events of the deploy screen.

use super::plan::{self, Plan, PlanKind};
use super::{History, Inflight, LOG_LINES, LogView};
use crate::app::action::Action;
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::domain::deploy::{DeployState, Deployment};
use crate::domain::text::sanitize;
use crate::sync::{Request, SyncEvent};
use chrono::{DateTime, Utc};
use std::collections::VecDeque;

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
    if state.deploy.log.is_some() {
        return on_log(state, action);
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
        Action::Promote | Action::Rollback | Action::Cancel => {
            return open_plan(state, action, None);
        }
        Action::ViewLog => return open_log(state),
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
        Action::Promote | Action::Cancel => return open_plan(state, action, None),
        Action::GoToIssue => go_to_issue(state),
        Action::ViewLog => return open_log(state),
        _ => {}
    }
    Vec::new()
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
        state.deploy.note = Some(format!("{why}: promote, rollback and cancel are off"));
        return Vec::new();
    }
    let view = &state.deploy;
    let plan = match action {
        Action::Promote => plan::promote(view, row.backend, service, env),
        Action::Rollback => {
            let mut plan = plan::rollback(view, row.backend, service, env);
            if let Some(picked) = picked.filter(|_| plan.blockers.is_empty()) {
                let history = view
                    .history
                    .as_ref()
                    .map_or(&[][..], |h| h.deployments.as_slice());
                if picked.state != DeployState::Succeeded {
                    plan.blockers.push(format!(
                        "{} did not succeed; pick a successful deployment",
                        picked.id
                    ));
                } else if plan.current.as_ref().is_some_and(|c| c.id == picked.id) {
                    plan.blockers
                        .push(format!("{} is what {} runs now", picked.id, env.name));
                }
                plan::apply_history(&mut plan, &env.name, history, Some(&picked));
            }
            Ok(plan)
        }
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
    let needs = plan.loading.then(|| match &plan.kind {
        PlanKind::Promote { from, .. } => from.clone(),
        PlanKind::Rollback { environment, .. } | PlanKind::Cancel { environment, .. } => {
            environment.clone()
        }
    });
    let (backend, service) = (plan.backend, plan.service.clone());
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
        Action::Confirm => !plan.protected,
        Action::Open => plan.protected,
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
    let Some(deploy_action) = plan.action() else {
        return Vec::new();
    };
    state.deploy.inflight.insert(
        plan.key.clone(),
        Inflight {
            backend: plan.backend,
            service: plan.service.clone(),
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

fn open_log(state: &mut State) -> Vec<Effect> {
    let picked = state
        .deploy
        .history
        .as_ref()
        .and_then(|h| h.deployments.get(h.selected).cloned());
    let deployment = picked.or_else(|| {
        let (row, service, env) = state.deploy.selected()?;
        state
            .deploy
            .moving(row.backend, &service.name, &env.name)
            .or(env.current.as_ref())
            .cloned()
    });
    let backend = state.deploy.selected_row().map_or(0, |r| r.backend);
    let Some(run_id) = deployment.and_then(|d| d.run_id) else {
        state.deploy.note = Some("This deployment has no pipeline run to show".into());
        return Vec::new();
    };
    state.deploy.log = Some(LogView {
        backend,
        run_id: run_id.clone(),
        job: None,
        lines: VecDeque::new(),
        partial: String::new(),
        dropped: 0,
        complete: false,
        error: None,
        scroll: 0,
    });
    vec![Effect::Sync(Request::FollowLog { backend, run_id })]
}

fn on_log(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(log) = state.deploy.log.as_mut() else {
        return Vec::new();
    };
    let page = crate::ui::cards_per_page(state.viewport.1).max(1) * 2;
    match action {
        Action::Up => log.scroll = (log.scroll + 1).min(log.lines.len()),
        Action::Down => log.scroll = log.scroll.saturating_sub(1),
        Action::PageUp => log.scroll = (log.scroll + page).min(log.lines.len()),
        Action::PageDown => log.scroll = log.scroll.saturating_sub(page),
        Action::Top => log.scroll = log.lines.len(),
        Action::Bottom => log.scroll = 0,
        Action::Close => {
            state.deploy.log = None;
            return vec![Effect::Sync(Request::StopLog)];
        }
        _ => {}
    }
    Vec::new()
}

pub fn on_sync(state: &mut State, event: SyncEvent, now: DateTime<Utc>) -> Vec<Effect> {
    let view = &mut state.deploy;
    match event {
        SyncEvent::DeploysLoaded {
            backend,
            services,
            at,
        } => {
            if let Some(b) = view.backends.get_mut(backend) {
                b.services = services;
                b.loading = false;
                b.last_synced = Some(at);
                b.last_error = None;
            }
            view.row = view.row.min(view.rows().len().saturating_sub(1));
            view.env = view.env.min(view.env_columns().len().saturating_sub(1));
        }
        SyncEvent::DeploysFailed { backend, error } => {
            if let Some(b) = view.backends.get_mut(backend) {
                b.loading = false;
                b.last_error = Some(error);
            }
        }
        SyncEvent::HistoryLoaded {
            backend,
            service,
            environment,
            deployments,
        } => {
            if let Some(plan) = view
                .plan
                .as_mut()
                .filter(|p| p.backend == backend && p.service == service)
            {
                plan::apply_history(plan, &environment, &deployments, None);
            }
            if let Some(h) = view.history.as_mut().filter(|h| {
                h.backend == backend && h.service == service && h.environment == environment
            }) {
                h.selected = h.selected.min(deployments.len().saturating_sub(1));
                h.deployments = deployments;
                h.loading = false;
                h.error = None;
            }
        }
        SyncEvent::HistoryFailed {
            backend,
            service,
            environment,
            error,
        } => {
            if let Some(plan) = view
                .plan
                .as_mut()
                .filter(|p| p.backend == backend && p.service == service && p.loading)
            {
                plan.loading = false;
                plan.blockers
                    .push(format!("cannot read the history of {environment}: {error}"));
            }
            if let Some(h) = view
                .history
                .as_mut()
                .filter(|h| h.environment == environment && h.service == service)
            {
                h.loading = false;
                h.error = Some(error);
            }
        }
        SyncEvent::ActionAccepted {
            key,
            backend,
            deployment,
        } => {
            let label = view
                .inflight
                .remove(&key)
                .map_or_else(|| deployment.id.to_string(), |i| i.label);
            view.note = Some(format!(
                "{label}: accepted as {} ({})",
                deployment.id,
                plan::state_name(deployment.state)
            ));
            if deployment.state.is_active() {
                view.watching
                    .insert(deployment.id.clone(), (backend, deployment));
            }
        }
        SyncEvent::ActionFailed { key, error } => {
            let label = view
                .inflight
                .remove(&key)
                .map_or_else(String::new, |i| i.label);
            view.error = Some(format!("{label}: {error}"));
        }
        SyncEvent::DeploymentUpdated {
            backend,
            deployment,
        } => return updated(state, backend, deployment, now),
        SyncEvent::LogAppended {
            run_id,
            job,
            text,
            complete,
        } => {
            if let Some(log) = view.log.as_mut().filter(|l| l.run_id == run_id) {
                log.job = Some(job);
                append_log(log, &text);
                log.complete = complete;
            }
        }
        SyncEvent::WatchLost { id, error, .. } => {
            view.watching.remove(&id);
            view.error = Some(error);
        }
        SyncEvent::LogFailed { run_id, error } => {
            if let Some(log) = view.log.as_mut().filter(|l| l.run_id == run_id) {
                log.error = Some(error);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn updated(
    state: &mut State,
    backend: usize,
    deployment: Deployment,
    _now: DateTime<Utc>,
) -> Vec<Effect> {
    let view = &mut state.deploy;
    if let Some(h) = view.history.as_mut().filter(|h| h.backend == backend) {
        if let Some(row) = h.deployments.iter_mut().find(|d| d.id == deployment.id) {
            *row = deployment.clone();
        }
    }
    let finished = !deployment.state.is_active();
    if finished {
        view.watching.remove(&deployment.id);
        let message = format!(
            "{} {} {}: {}",
            deployment.service,
            deployment.environment,
            deployment.label(),
            plan::state_name(deployment.state)
        );
        if deployment.state == DeployState::Succeeded {
            view.note = Some(message);
        } else {
            view.error = Some(message);
        }
        return refresh(state);
    }
    view.watching
        .insert(deployment.id.clone(), (backend, deployment));
    Vec::new()
}

/// Appends sanitised lines, collapsing `\r` progress to its last state, within the cap.
fn append_log(log: &mut LogView, text: &str) {
    let mut pending = std::mem::take(&mut log.partial);
    pending.push_str(text);
    let mut parts: Vec<&str> = pending.split('\n').collect();
    let rest = parts.pop().unwrap_or_default().to_string();
    for line in parts {
        let last = line
            .trim_end_matches('\r')
            .rsplit('\r')
            .next()
            .unwrap_or_default();
        log.lines.push_back(sanitize(last, false));
        if log.lines.len() > LOG_LINES {
            log.lines.pop_front();
            log.dropped += 1;
        }
    }
    log.partial = rest;
}
