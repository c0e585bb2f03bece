//! Deploy work of the engine: matrix and history fetches, confirmed actions, and watching a
//! deployment until it finishes.

use super::engine::patient;
use super::{DeployAction, SyncEvent};
use crate::audit::{AuditAction, AuditEntry, AuditLog, AuditOutcome, AuditResult, os_user};
use crate::domain::deploy::{DeployState, Deployment, DeploymentId, IdempotencyKey};
use crate::providers::{CiProvider, DeployBackend, ProviderError};
use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// How often a watched deployment is polled, unless the backend asks for slower.
const POLL: Duration = Duration::from_millis(1500);
/// Consecutive failed polls before watching gives up (and says so).
const POLL_FAILURES: usize = 5;
const HISTORY: usize = 30;

/// One configured deploy backend, with its pipeline runs where it has them.
#[derive(Clone)]
pub struct DeployLink {
    pub backend: Arc<dyn DeployBackend>,
    pub ci: Option<Arc<dyn CiProvider>>,
}

type Events = UnboundedSender<SyncEvent>;

fn send(events: &Events, event: SyncEvent) {
    // A closed channel means the app is shutting down; nothing left to tell.
    let _ = events.send(event);
}

fn waiting(events: &Events) -> impl Fn(Duration) + '_ {
    |retry_after| send(events, SyncEvent::Waiting { retry_after })
}

pub async fn fetch_services(link: DeployLink, backend: usize, events: Events) {
    let event = match patient(waiting(&events), || link.backend.services()).await {
        Ok(services) => SyncEvent::DeploysLoaded {
            backend,
            services,
            at: Utc::now(),
        },
        Err(e) => SyncEvent::DeploysFailed {
            backend,
            error: e.to_string(),
        },
    };
    send(&events, event);
}

pub async fn fetch_history(
    link: DeployLink,
    backend: usize,
    service: String,
    environment: String,
    events: Events,
) {
    let result = patient(waiting(&events), || {
        link.backend.history(&service, &environment, HISTORY)
    })
    .await;
    send(
        &events,
        match result {
            Ok(deployments) => SyncEvent::HistoryLoaded {
                backend,
                service,
                environment,
                deployments,
            },
            Err(e) => SyncEvent::HistoryFailed {
                backend,
                service,
                environment,
                error: e.to_string(),
            },
        },
    );
}

/// Sends a confirmed action: its audit line is written and flushed first (nothing is sent
/// without it), the provider retries with the same key, and the outcome is audited; an
/// accepted deployment is then watched to its end, which is audited too.
pub async fn act(
    link: DeployLink,
    backend: usize,
    action: DeployAction,
    key: IdempotencyKey,
    audit: Option<Arc<AuditLog>>,
    events: Events,
) {
    let fail = |error: String| SyncEvent::ActionFailed {
        key: key.clone(),
        error,
    };
    let Some(audit) = audit else {
        send(
            &events,
            fail("no directory for the audit log (set XDG_STATE_HOME); nothing was sent".into()),
        );
        return;
    };
    let entry = audit_entry(link.backend.name(), &action, &key);
    if let Err(e) = audit.started(&entry) {
        let path = audit.path().display();
        send(
            &events,
            fail(format!(
                "cannot write the audit log {path}: {e}; nothing was sent"
            )),
        );
        return;
    }
    let result = match &action {
        DeployAction::Promote(request) => link.backend.promote(request, &key).await,
        DeployAction::Rollback(request) => link.backend.rollback(request, &key).await,
        DeployAction::Cancel { id, .. } => link.backend.cancel(id).await,
    };
    let deployment = match result {
        Ok(deployment) => deployment,
        Err(e) => {
            let result = if matches!(e, ProviderError::UnknownOutcome { .. }) {
                AuditResult::Unknown
            } else {
                AuditResult::Refused
            };
            record(&audit, &key, result, None, Some(e.to_string()));
            send(&events, fail(e.to_string()));
            return;
        }
    };
    record(
        &audit,
        &key,
        AuditResult::Accepted,
        Some(deployment.id.clone()),
        None,
    );
    let active = deployment.state.is_active();
    let id = deployment.id.clone();
    send(
        &events,
        SyncEvent::ActionAccepted {
            key: key.clone(),
            backend,
            deployment: deployment.clone(),
        },
    );
    let last = if active {
        watch(link, backend, id, events).await
    } else {
        Some(deployment)
    };
    let (result, message) = match last.map(|d| d.state) {
        Some(DeployState::Succeeded) => (AuditResult::Succeeded, None),
        Some(DeployState::Failed) => (AuditResult::Failed, None),
        Some(DeployState::Cancelled) => (AuditResult::Cancelled, None),
        _ => (
            AuditResult::Unknown,
            Some("stopped watching before it finished".to_string()),
        ),
    };
    record(&audit, &key, result, None, message);
}

fn audit_entry(backend: &str, action: &DeployAction, key: &IdempotencyKey) -> AuditEntry {
    let (service, kind, from, to, revision) = match action {
        DeployAction::Promote(r) => (
            &r.service,
            AuditAction::Promote,
            Some(r.from.clone()),
            &r.to,
            r.revision.clone(),
        ),
        DeployAction::Rollback(r) => (
            &r.service,
            AuditAction::Rollback,
            None,
            &r.environment,
            None,
        ),
        DeployAction::Cancel {
            service,
            environment,
            ..
        } => (service, AuditAction::Cancel, None, environment, None),
    };
    AuditEntry {
        time: Utc::now(),
        user: os_user(),
        backend_user: None,
        backend: backend.to_string(),
        service: service.clone(),
        action: kind,
        from,
        to: Some(to.clone()),
        revision,
        idempotency_key: key.clone(),
    }
}

/// Appends an outcome line; a failure to write is logged, never shown over the result.
pub(super) fn record(
    audit: &AuditLog,
    key: &IdempotencyKey,
    result: AuditResult,
    deployment_id: Option<DeploymentId>,
    message: Option<String>,
) {
    let outcome = AuditOutcome {
        time: Utc::now(),
        result,
        deployment_id,
        message,
    };
    if let Err(e) = audit.outcome(key, &outcome) {
        tracing::error!(path = %audit.path().display(), error = %e, "cannot append an outcome to the audit log");
    }
}

/// Polls a deployment until it is no longer queued or in progress.
async fn watch(
    link: DeployLink,
    backend: usize,
    id: DeploymentId,
    events: Events,
) -> Option<Deployment> {
    let mut failures = 0;
    loop {
        tokio::time::sleep(link.backend.watch_every().unwrap_or(POLL)).await;
        match link.backend.deployment(&id).await {
            Ok(deployment) => {
                failures = 0;
                let done = !deployment.state.is_active();
                send(
                    &events,
                    SyncEvent::DeploymentUpdated {
                        backend,
                        deployment: deployment.clone(),
                    },
                );
                if done {
                    return Some(deployment);
                }
            }
            Err(e) if e.is_transient() && failures + 1 < POLL_FAILURES => failures += 1,
            Err(e) => {
                tracing::warn!(%id, error = %e, "stopped watching a deployment");
                let error = format!("lost track of {id}: {e}; check its history");
                send(&events, SyncEvent::WatchLost { backend, id, error });
                return None;
            }
        }
    }
}
