//! Confirmed controls other than deploys: re-running or cancelling a pipeline run, and
//! approving or rejecting a deployment that waits for reviewers. Like deploy actions they are
//! audited first (nothing is sent without a written line), then sent once, then the affected
//! data is read again so the screen shows what the backend made of it.

use super::deploys::{DeployLink, fetch_services};
use super::engine::patient;
use super::pipelines::fetch_run;
use super::{Request, SyncEvent};
use crate::audit::{AuditAction, AuditEntry, AuditLog, AuditResult, os_user};
use crate::domain::deploy::{Deployment, DeploymentId, IdempotencyKey};
use crate::domain::pipeline::RunAction;
use crate::providers::ProviderError;
use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

type Events = UnboundedSender<SyncEvent>;

fn send(events: &Events, event: SyncEvent) {
    // A closed channel means the app is shutting down; nothing left to tell.
    let _ = events.send(event);
}

fn waiting(events: &Events) -> impl Fn(Duration) + '_ {
    |retry_after| send(events, SyncEvent::Waiting { retry_after })
}

/// Why nothing was sent when there is no audit log to write to.
const NO_AUDIT: &str = "no directory for the audit log (set XDG_STATE_HOME); nothing was sent";

/// Writes the start of an action; the error says why nothing will be sent.
fn audit_start(audit: Option<&AuditLog>, entry: &AuditEntry) -> Result<(), String> {
    let audit = audit.ok_or_else(|| NO_AUDIT.to_string())?;
    audit.started(entry).map_err(|e| {
        let path = audit.path().display();
        format!("cannot write the audit log {path}: {e}; nothing was sent")
    })
}

/// Appends how the action ended: taken, or refused (unknown when retries ran out).
fn finish(
    audit: &AuditLog,
    key: &IdempotencyKey,
    result: &Result<(), ProviderError>,
    deployment_id: Option<DeploymentId>,
) {
    let (result, message) = match result {
        Ok(()) => (AuditResult::Accepted, None),
        Err(e @ ProviderError::UnknownOutcome { .. }) => {
            (AuditResult::Unknown, Some(e.to_string()))
        }
        Err(e) => (AuditResult::Refused, Some(e.to_string())),
    };
    super::deploys::record(audit, key, result, deployment_id, message);
}

fn entry(backend: &str, service: &str, action: AuditAction) -> AuditEntry {
    AuditEntry {
        time: Utc::now(),
        user: os_user(),
        backend_user: None,
        backend: backend.to_string(),
        service: service.to_string(),
        action,
        from: None,
        to: None,
        revision: None,
        idempotency_key: IdempotencyKey::new(),
    }
}

/// Starts a confirmed run action or review in its own task; other requests are not for here.
pub fn spawn(links: &[DeployLink], audit: Option<Arc<AuditLog>>, request: Request, events: Events) {
    match request {
        Request::RunAction {
            backend,
            run_id,
            action,
        } => {
            if let Some(link) = links.get(backend).cloned() {
                tokio::spawn(run_action(link, backend, run_id, action, audit, events));
            }
        }
        Request::Review {
            backend,
            deployment,
            approve,
            comment,
        } => {
            if let Some(link) = links.get(backend).cloned() {
                let review = review(link, backend, *deployment, approve, comment, audit, events);
                tokio::spawn(review);
            }
        }
        _ => {}
    }
}

/// Re-runs the failed jobs of a run, or cancels it. The run is read first: its service and
/// revision go into the audit line, and a run that cannot be read is not acted on.
pub async fn run_action(
    link: DeployLink,
    backend: usize,
    run_id: String,
    action: RunAction,
    audit: Option<Arc<AuditLog>>,
    events: Events,
) {
    let fail = |error: String| SyncEvent::RunActionFailed {
        backend,
        run_id: run_id.clone(),
        action,
        error,
    };
    let Some(ci) = link.ci.clone() else {
        send(&events, fail("this backend serves no pipeline runs".into()));
        return;
    };
    let Some(audit) = audit else {
        send(&events, fail(NO_AUDIT.into()));
        return;
    };
    let run = match patient(waiting(&events), || ci.run(&run_id)).await {
        Ok(run) => run,
        Err(e) => {
            send(
                &events,
                fail(format!("cannot read run {run_id}: {e}; nothing was sent")),
            );
            return;
        }
    };
    let kind = match action {
        RunAction::RerunFailed => AuditAction::RerunFailed,
        RunAction::Cancel => AuditAction::CancelRun,
    };
    let service = run.service.as_deref().unwrap_or(run.name.as_str());
    let mut entry = entry(link.backend.name(), service, kind);
    entry.to = Some(format!("run {run_id}"));
    entry.revision = run.revision.clone();
    if let Err(error) = audit_start(Some(&audit), &entry) {
        send(&events, fail(error));
        return;
    }
    let result = match action {
        RunAction::RerunFailed => ci.rerun_failed(&run_id).await,
        RunAction::Cancel => ci.cancel_run(&run_id).await,
    };
    finish(&audit, &entry.idempotency_key, &result, None);
    match result {
        Ok(()) => {
            let done = SyncEvent::RunActionDone {
                backend,
                run_id: run_id.clone(),
                action,
            };
            send(&events, done);
            fetch_run(ci, backend, run_id, events).await;
        }
        Err(e) => send(&events, fail(e.to_string())),
    }
}

/// Approves or rejects a deployment that waits for reviewers.
pub async fn review(
    link: DeployLink,
    backend: usize,
    deployment: Deployment,
    approve: bool,
    comment: String,
    audit: Option<Arc<AuditLog>>,
    events: Events,
) {
    let id = deployment.id.clone();
    let fail = |error: String| SyncEvent::ReviewFailed {
        backend,
        id: id.clone(),
        error,
    };
    let kind = if approve {
        AuditAction::Approve
    } else {
        AuditAction::Reject
    };
    let mut entry = entry(link.backend.name(), &deployment.service, kind);
    entry.to = Some(deployment.environment.clone());
    entry.revision = Some(deployment.revision.clone());
    if let Err(error) = audit_start(audit.as_deref(), &entry) {
        send(&events, fail(error));
        return;
    }
    let result = link.backend.review(&deployment, approve, &comment).await;
    if let Some(audit) = &audit {
        finish(audit, &entry.idempotency_key, &result, Some(id.clone()));
    }
    match result {
        Ok(()) => {
            send(
                &events,
                SyncEvent::Reviewed {
                    backend,
                    id: id.clone(),
                    approve,
                },
            );
            fetch_services(link, backend, events).await;
        }
        Err(e) => send(&events, fail(e.to_string())),
    }
}
