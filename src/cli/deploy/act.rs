//! The second step of a dangerous action: confirm, audit, send once (with one idempotency key
//! for every retry), then watch the deployment to its end.

use super::{Guard, Stop, render, say_waiting};
use crate::audit::{AuditAction, AuditEntry, AuditLog, AuditOutcome, AuditResult, os_user};
use crate::cli::ActArgs;
use crate::domain::deploy::plan::Plan;
use crate::domain::deploy::{
    DeployState, Deployment, DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest,
    state_name,
};
use crate::providers::ProviderError;
use crate::setup::DeployHandle;
use crate::sync::patient;
use chrono::Utc;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

/// How often a deployment is asked about while waiting.
const POLL: Duration = Duration::from_secs(1);
/// Network or server failures in a row before waiting gives up.
const POLL_FAILURES: usize = 10;

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

pub async fn run(
    handle: &DeployHandle,
    plan: &Plan,
    request: Request,
    act: &ActArgs,
    guard: &Guard,
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
    watch(handle, log, &key, deployment).await
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
fn record(
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

/// Polls until the deployment ends, printing each state it passes through.
async fn watch(
    handle: &DeployHandle,
    log: &AuditLog,
    key: &IdempotencyKey,
    first: Deployment,
) -> Result<ExitCode, Stop> {
    let id = first.id.clone();
    say_state(&id, first.state);
    let mut state = first.state;
    let mut failures = 0;
    while state.is_active() {
        tokio::select! {
            () = tokio::time::sleep(POLL) => {}
            _ = tokio::signal::ctrl_c() => {
                return Err(Stop::Failed(format!(
                    "stopped watching; {id} goes on (see `shipdeck print deploys` and `shipdeck audit`)"
                )));
            }
        }
        match patient(say_waiting, || handle.backend.deployment(&id)).await {
            Ok(d) => {
                failures = 0;
                if d.state != state {
                    say_state(&id, d.state);
                    state = d.state;
                }
            }
            Err(e) if e.is_transient() && failures < POLL_FAILURES => {
                failures += 1;
                eprintln!("shipdeck: cannot read {id} ({e}); trying again");
            }
            Err(e) => {
                let message = format!("stopped watching {id}: {e}");
                record(
                    log,
                    key,
                    AuditResult::Unknown,
                    Some(&id),
                    Some(message.clone()),
                );
                return Err(Stop::Failed(message));
            }
        }
    }
    let result = match state {
        DeployState::Succeeded => AuditResult::Succeeded,
        DeployState::Failed => AuditResult::Failed,
        DeployState::Cancelled => AuditResult::Cancelled,
        _ => AuditResult::Unknown,
    };
    record(log, key, result, Some(&id), None);
    match result {
        AuditResult::Succeeded => Ok(ExitCode::SUCCESS),
        _ => Err(Stop::Failed(format!("{id} ended {}", state_name(state)))),
    }
}

fn say_state(id: &DeploymentId, state: DeployState) {
    let at = chrono::Local::now().format("%H:%M:%S");
    println!("{at}  {id}  {}", state_name(state));
}
