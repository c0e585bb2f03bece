//! The second step of a dangerous action: confirm, audit, send once (with one idempotency key
//! for every retry), then watch the deployment to its end.

use super::wait::Watch;
use super::{Guard, Stop, render, say_waiting};
use crate::audit::{AuditAction, AuditEntry, AuditLog, AuditOutcome, AuditResult, os_user};
use crate::cli::ActArgs;
use crate::domain::deploy::plan::Plan;
use crate::domain::deploy::{DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest};
use crate::providers::ProviderError;
use crate::setup::DeployHandle;
use crate::sync::patient;
use chrono::Utc;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

pub enum Request {
    Promote(PromoteRequest),
    Rollback(RollbackRequest),
}

impl Request {
    fn action(&self) -> AuditAction {
        match self {
            Request::Promote(_) => AuditAction::Promote,
            Request::Rollback(_) => AuditAction::Rollback,
        }
    }
}

/// `review` is what to say when the deployment waits for reviewers (see `wait::review_note`).
pub async fn run(
    handle: &DeployHandle,
    plan: &Plan,
    request: Request,
    act: &ActArgs,
    guard: &Guard,
    review: String,
) -> Result<ExitCode, Stop> {
    let action = request.action();
    let verb = action.as_str();
    print!("{}", render::plan(plan, &handle.name, Utc::now()));
    if !plan.blockers.is_empty() {
        return Err(Stop::Failed(format!(
            "{verb} refused, nothing was sent:\n  - {}",
            plan.blockers.join("\n  - ")
        )));
    }
    confirm(plan, action, act.yes)?;
    let log = guard.audit.as_ref().ok_or_else(|| {
        Stop::Failed(format!(
            "no directory for the audit log (set $XDG_STATE_HOME or $HOME); {verb} not sent"
        ))
    })?;
    let key = IdempotencyKey::new();
    let entry = AuditEntry {
        time: Utc::now(),
        user: os_user(),
        backend_user: None,
        backend: handle.name.clone(),
        service: plan.service.clone(),
        action,
        from: plan.from.clone(),
        to: Some(plan.environment.clone()),
        revision: plan.incoming.as_ref().map(|d| d.revision.clone()),
        idempotency_key: key.clone(),
    };
    log.started(&entry).map_err(|e| {
        Stop::Failed(format!(
            "cannot write the audit log {}: {e}; {verb} not sent",
            log.path().display()
        ))
    })?;
    let backend = &handle.backend;
    let sent = match &request {
        Request::Promote(r) => patient(say_waiting, || backend.promote(r, &key)).await,
        Request::Rollback(r) => patient(say_waiting, || backend.rollback(r, &key)).await,
    };
    let deployment = match sent {
        Ok(d) => d,
        Err(e) => {
            let result = if uncertain(&e) {
                AuditResult::Unknown
            } else {
                AuditResult::Refused
            };
            record(log, &key, result, None, Some(e.to_string()));
            return Err(Stop::Failed(format!(
                "{verb} of {} in {}: {e}",
                plan.service, plan.environment
            )));
        }
    };
    record(log, &key, AuditResult::Accepted, Some(&deployment.id), None);
    println!("accepted: {}", render::deployment(&deployment, Utc::now()));
    if act.no_wait {
        return Ok(ExitCode::SUCCESS);
    }
    let watch = Watch {
        handle,
        log,
        key: &key,
        review,
        timeout: act.timeout,
    };
    watch.run(deployment).await
}

/// Whether the request may have been carried out even though it errored.
fn uncertain(e: &ProviderError) -> bool {
    matches!(
        e,
        ProviderError::UnknownOutcome { .. }
            | ProviderError::Network { .. }
            | ProviderError::Server { .. }
            | ProviderError::Decode { .. }
    )
}

/// The action already happened when this fails, so a lost audit line is said, not fatal.
pub(super) fn record(
    log: &AuditLog,
    key: &IdempotencyKey,
    result: AuditResult,
    deployment_id: Option<&DeploymentId>,
    message: Option<String>,
) {
    let outcome = AuditOutcome {
        time: Utc::now(),
        result,
        deployment_id: deployment_id.cloned(),
        message,
    };
    if let Err(e) = log.outcome(key, &outcome) {
        eprintln!(
            "shipdeck: could not record the outcome ({result}) in the audit log {}: {e}",
            log.path().display()
        );
    }
}

/// `--yes`, else y/N on a terminal, or the environment's name when it is protected.
fn confirm(plan: &Plan, action: AuditAction, yes: bool) -> Result<(), Stop> {
    let verb = action.as_str();
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Stop::Failed(format!(
            "not confirmed: standard input is not a terminal; pass --yes to {verb} without asking"
        )));
    }
    let env = &plan.environment;
    let confirmed = if plan.protected {
        ask(&format!("{env} is protected: type {env} to {verb}: ")) == *env
    } else {
        let question = match action {
            AuditAction::Promote => format!("Promote {} to {env}? y/N ", plan.service),
            _ => format!("Roll back {} in {env}? y/N ", plan.service),
        };
        let answer = ask(&question);
        answer.eq_ignore_ascii_case("y") || answer.eq_ignore_ascii_case("yes")
    };
    if !confirmed {
        return Err(Stop::Failed(format!("not confirmed; {verb} not sent")));
    }
    Ok(())
}

fn ask(question: &str) -> String {
    let _ = std::io::stdout().flush();
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(_) => answer.trim().to_string(),
        Err(_) => String::new(),
    }
}
