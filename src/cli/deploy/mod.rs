//! The deploy verbs: `print deploys`, `promote` and `rollback`.
//!
//! Exit status: 0 done, 1 refused or failed (blockers, read-only, a server refusal, a failed
//! deployment), 2 usage (an unknown backend, service or environment).

mod act;
mod find;
mod render;
mod table;
mod wait;

pub use table::print_deploys;

use crate::audit::AuditLog;
use crate::cli::{PromoteArgs, RollbackArgs, Stop, say_waiting};
use crate::domain::deploy::plan;
use crate::domain::deploy::{Deployment, DeploymentId, PromoteRequest, RollbackRequest};
use crate::providers::ProviderError;
use crate::setup::DeployHandle;
use crate::sync::patient;
use act::Request;
use std::process::ExitCode;

/// Deployments of an environment read to find changes and rollback targets.
const HISTORY: usize = 50;

/// What guards the dangerous verbs, from flags and config.
pub struct Guard {
    /// `--read-only` or `[ui] read_only`.
    pub read_only: bool,
    /// Where each action is written before it is sent; `None` when there is no state dir.
    pub audit: Option<AuditLog>,
}

fn read_only(guard: &Guard, verb: &str) -> Result<(), Stop> {
    if guard.read_only {
        return Err(Stop::Failed(format!(
            "read-only mode (--read-only or [ui] read_only = true): {verb} is refused"
        )));
    }
    Ok(())
}

fn backend_read_only(handle: &DeployHandle, verb: &str) -> Result<(), Stop> {
    if handle.read_only {
        return Err(Stop::Failed(format!(
            "the deploy backend {} is read-only (read_only = true in its table): {verb} is refused",
            handle.name
        )));
    }
    if let Some(why) = handle.backend.deploys_refused() {
        return Err(Stop::Failed(format!("{verb} is refused: {why}")));
    }
    Ok(())
}

async fn history_of(
    handle: &DeployHandle,
    service: &str,
    env: &str,
) -> Result<Vec<Deployment>, Stop> {
    patient(say_waiting, || {
        handle.backend.history(service, env, HISTORY)
    })
    .await
    .map_err(|e| {
        Stop::Failed(format!(
            "cannot read the history of {service} in {env}: {e}"
        ))
    })
}

/// `shipdeck promote SERVICE --from ENV --to ENV`.
pub async fn promote(deploys: &[DeployHandle], args: &PromoteArgs, guard: &Guard) -> ExitCode {
    match try_promote(deploys, args, guard).await {
        Ok(code) => code,
        Err(stop) => stop.exit(),
    }
}

async fn try_promote(
    deploys: &[DeployHandle],
    args: &PromoteArgs,
    guard: &Guard,
) -> Result<ExitCode, Stop> {
    read_only(guard, "promote")?;
    if args.from == args.to {
        return Err(Stop::Usage(format!(
            "--from and --to are both {}: promote moves a release between two environments",
            args.from
        )));
    }
    let found = find::service(deploys, &args.service, args.act.backend.as_deref()).await?;
    backend_read_only(found.handle, "promote")?;
    let from = find::environment(&found.service, &args.from)?;
    let to = find::environment(&found.service, &args.to)?;
    let history = history_of(found.handle, &found.service.name, &from.name).await?;
    let plan = plan::promote(
        &found.service,
        from,
        to.into(),
        Some(&history),
        args.revision.as_deref(),
    );
    let request = PromoteRequest {
        service: found.service.name.clone(),
        from: from.name.clone(),
        to: to.name.clone(),
        revision: plan.incoming.as_ref().map(|d| d.revision.clone()),
        reason: args.act.reason.clone(),
    };
    act::run(
        found.handle,
        &plan,
        Request::Promote(request),
        &args.act,
        guard,
        wait::review_note(to),
    )
    .await
}

/// `shipdeck rollback SERVICE --env ENV`.
pub async fn rollback(deploys: &[DeployHandle], args: &RollbackArgs, guard: &Guard) -> ExitCode {
    match try_rollback(deploys, args, guard).await {
        Ok(code) => code,
        Err(stop) => stop.exit(),
    }
}

async fn try_rollback(
    deploys: &[DeployHandle],
    args: &RollbackArgs,
    guard: &Guard,
) -> Result<ExitCode, Stop> {
    read_only(guard, "rollback")?;
    let found = find::service(deploys, &args.service, args.act.backend.as_deref()).await?;
    backend_read_only(found.handle, "rollback")?;
    let env = find::environment(&found.service, &args.env)?;
    let history = history_of(found.handle, &found.service.name, &env.name).await?;
    let target = match &args.to {
        None => None,
        Some(id) => {
            Some(rollback_target(found.handle, &found.service.name, &env.name, &history, id).await?)
        }
    };
    let plan = plan::rollback(&found.service, env.into(), Some(&history), target.as_ref());
    let request = RollbackRequest {
        service: found.service.name.clone(),
        environment: env.name.clone(),
        to_deployment: plan.incoming.as_ref().map(|d| d.id.clone()),
        reason: args.act.reason.clone(),
    };
    act::run(
        found.handle,
        &plan,
        Request::Rollback(request),
        &args.act,
        guard,
        wait::review_note(env),
    )
    .await
}

/// `--to ID`: from the history read, else asked for; it must be of this service and environment.
async fn rollback_target(
    handle: &DeployHandle,
    service: &str,
    env: &str,
    history: &[Deployment],
    id: &str,
) -> Result<Deployment, Stop> {
    let id = DeploymentId(id.trim().to_string());
    if let Some(d) = history.iter().find(|d| d.id == id) {
        return Ok(d.clone());
    }
    let d = match patient(say_waiting, || handle.backend.deployment(&id)).await {
        Ok(d) => d,
        Err(ProviderError::NotFound(_)) => {
            return Err(Stop::Usage(format!(
                "{} has no deployment {id}",
                handle.name
            )));
        }
        Err(e) => return Err(Stop::Failed(format!("cannot read deployment {id}: {e}"))),
    };
    if d.service != service || d.environment != env {
        return Err(Stop::Usage(format!(
            "{id} is a deployment of {} in {}, not of {service} in {env}",
            d.service, d.environment
        )));
    }
    Ok(d)
}
