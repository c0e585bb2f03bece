//! Sync events of the deploy screen: loads, history, accepted or refused actions, progress.

use super::plan;
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::domain::deploy::state_name;
use crate::domain::deploy::{DeployState, Deployment};
use crate::sync::SyncEvent;
use chrono::{DateTime, Utc};

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
            plan::apply_history(view, backend, &service, &environment, &deployments);
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
                .filter(|p| p.backend == backend && p.outline.service == service && p.loading)
            {
                plan.loading = false;
                plan.outline
                    .blockers
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
                state_name(deployment.state)
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
        SyncEvent::Reviewed { id, approve, .. } => {
            let label = view
                .reviewing
                .remove(&id)
                .map_or_else(|| id.to_string(), |i| i.label);
            let done = if approve { "approved" } else { "rejected" };
            view.error = None;
            view.note = Some(format!("{label}: {done}"));
        }
        SyncEvent::ReviewFailed { id, error, .. } => {
            let label = view
                .reviewing
                .remove(&id)
                .map_or_else(|| id.to_string(), |i| i.label);
            view.error = Some(format!("{label}: {error}"));
        }
        SyncEvent::WatchLost { id, error, .. } => {
            view.watching.remove(&id);
            view.error = Some(error);
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
    // A watch may report under another id than its action was accepted with (GitHub's
    // `run:N` becomes the deployment that run made); a cell has one watched action, so the
    // report replaces it.
    view.watching.retain(|id, (b, d)| {
        *id == deployment.id
            || *b != backend
            || d.service != deployment.service
            || d.environment != deployment.environment
    });
    if let Some(row) = view
        .history
        .as_mut()
        .filter(|h| h.backend == backend)
        .and_then(|h| h.deployments.iter_mut().find(|d| d.id == deployment.id))
    {
        *row = deployment.clone();
    }
    let finished = !deployment.state.is_active();
    if finished {
        view.watching.remove(&deployment.id);
        let message = format!(
            "{} {} {}: {}",
            deployment.service,
            deployment.environment,
            deployment.label(),
            state_name(deployment.state)
        );
        if deployment.state == DeployState::Succeeded {
            view.note = Some(message);
        } else {
            view.error = Some(message);
        }
        return super::refresh(state);
    }
    view.watching
        .insert(deployment.id.clone(), (backend, deployment));
    Vec::new()
}
