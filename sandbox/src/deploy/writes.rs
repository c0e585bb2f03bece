//! The POST side: promote, rollback and cancel, each answering a repeated Idempotency-Key with
//! the deployment that key already made.

use super::AppState;
use super::error::{ApiError, Reply};
use super::idempotency::Key;
use super::lifecycle::{self, Order};
use super::model::{Kind, Service, State as DeployState, World};
use super::progress;
use super::reads::{find_deployment, find_environment, find_service};
use crate::people;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

/// Revisions may be abbreviated like git's, down to this many characters.
const SHORTEST_REVISION: usize = 7;

#[derive(Deserialize)]
struct PromoteBody {
    from: String,
    to: String,
    revision: Option<String>,
    reason: Option<String>,
}

#[derive(Default, Deserialize)]
struct RollbackBody {
    to_deployment: Option<String>,
    reason: Option<String>,
}

pub async fn promote(
    State(state): State<AppState>,
    Path(service): Path<String>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let now = state.now();
    let mut world = state.world();
    let (s, svc) = find_service(&world, &service)?;
    let key = Key::required(&headers, uri.path())?;
    if let Some(index) = key.replay(&world)? {
        return Ok(accepted(&world, index));
    }
    let body: PromoteBody = parse(&body, "a promote request")?;
    let from = find_environment(svc, &body.from)?;
    let to = find_environment(svc, &body.to)?;
    if to != from + 1 {
        let order: Vec<&str> = svc.environments.iter().map(|e| e.name.as_str()).collect();
        return Err(ApiError::invalid(format!(
            "a promote goes one step along {}; {} does not come right after {}",
            order.join(" -> "),
            body.to,
            body.from
        )));
    }
    let release = match &body.revision {
        Some(revision) => deployed_in(&world, svc, from, revision)?,
        None => running(&world, svc, from)?,
    };
    ready_for_change(&world, svc, to, now)?;
    let order = Order {
        service: s,
        env: to,
        kind: Kind::Promote,
        release,
        from_environment: Some(body.from),
        rollback_of: None,
        by: people::MYSELF.handle.to_string(),
        reason: body.reason,
        fails: false,
    };
    Ok(start(&state, &mut world, key, order, now))
}

pub async fn rollback(
    State(state): State<AppState>,
    Path((service, env)): Path<(String, String)>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let now = state.now();
    let mut world = state.world();
    let (s, svc) = find_service(&world, &service)?;
    let e = find_environment(svc, &env)?;
    let key = Key::required(&headers, uri.path())?;
    if let Some(index) = key.replay(&world)? {
        return Ok(accepted(&world, index));
    }
    let body: RollbackBody = if body.iter().all(u8::is_ascii_whitespace) {
        RollbackBody::default()
    } else {
        parse(&body, "a rollback request")?
    };
    let current = svc.environments[e].current.ok_or_else(|| {
        ApiError::invalid(format!(
            "{service}/{env} has never been deployed; there is nothing to roll back"
        ))
    })?;
    let target = rollback_target(&world, svc, e, current, body.to_deployment.as_deref())?;
    ready_for_change(&world, svc, e, now)?;
    let release = svc
        .release_of(&world.deployments[target].revision)
        .ok_or_else(|| {
            ApiError::invalid(format!(
                "the revision of {} is no longer known",
                world.deployments[target].id
            ))
        })?;
    let order = Order {
        service: s,
        env: e,
        kind: Kind::Rollback,
        release,
        from_environment: None,
        rollback_of: Some(world.deployments[current].id.clone()),
        by: people::MYSELF.handle.to_string(),
        reason: body.reason,
        fails: false,
    };
    Ok(start(&state, &mut world, key, order, now))
}

/// The deployment a rollback returns to: the one asked for, which must be an earlier success
/// in the same environment, or else the newest success before `current`.
fn rollback_target(
    world: &World,
    svc: &Service,
    env: usize,
    current: usize,
    asked: Option<&str>,
) -> Result<usize, ApiError> {
    let (service, env) = (&svc.name, &svc.environments[env].name);
    let succeeded_here = |d: usize| {
        let d = &world.deployments[d];
        &d.service == service && &d.environment == env && d.state == DeployState::Succeeded
    };
    match asked {
        Some(id) => match world.deployment(id) {
            Some(d) if succeeded_here(d) && d != current => Ok(d),
            Some(_) => Err(ApiError::invalid(format!(
                "to_deployment {id} is not an earlier successful deployment of {service}/{env}"
            ))),
            None => Err(ApiError::invalid(format!(
                "to_deployment {id:?} does not exist"
            ))),
        },
        None => (0..current)
            .rev()
            .find(|&d| succeeded_here(d))
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "{service}/{env} has no successful deployment before the current one"
                ))
            }),
    }
}

/// Cancel is idempotent by nature, so its key is optional; when sent it is honoured.
pub async fn cancel(
    State(state): State<AppState>,
    Path(id): Path<String>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Reply {
    let now = state.now();
    let mut world = state.world();
    let index = find_deployment(&world, &id)?;
    let key = Key::optional(&headers, uri.path())?;
    if let Some(key) = &key
        && let Some(index) = key.replay(&world)?
    {
        return Ok(accepted(&world, index));
    }
    if !lifecycle::cancel(&mut world, index, people::MYSELF.handle, now) {
        let state = world.deployments[index].state.as_str();
        return Err(ApiError::conflict(format!(
            "deployment {id} has already finished ({state})"
        )));
    }
    if let Some(key) = key {
        key.remember(&mut world, index);
    }
    let reply = accepted(&world, index);
    drop(world);
    state.notify();
    Ok(reply)
}

fn start(
    state: &AppState,
    world: &mut World,
    key: Key,
    order: Order,
    now: DateTime<Utc>,
) -> axum::response::Response {
    let (index, ticks) = lifecycle::open(world, order, now);
    key.remember(world, index);
    progress::spawn(state.clone(), index, ticks);
    accepted(world, index)
}

fn accepted(world: &World, index: usize) -> axum::response::Response {
    (
        StatusCode::ACCEPTED,
        Json(json!({ "deployment": world.deployments[index] })),
    )
        .into_response()
}

fn parse<T: DeserializeOwned>(body: &[u8], what: &str) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid(format!("the body is not {what}: {e}")))
}

/// The release `env` runs now.
fn running(world: &World, svc: &Service, env: usize) -> Result<usize, ApiError> {
    let environment = &svc.environments[env];
    environment
        .current
        .and_then(|d| svc.release_of(&world.deployments[d].revision))
        .ok_or_else(|| {
            ApiError::invalid(format!(
                "{}/{} runs nothing to promote",
                svc.name, environment.name
            ))
        })
}

/// The release of `revision` (full or abbreviated), if it ever deployed successfully to `env`.
fn deployed_in(
    world: &World,
    svc: &Service,
    env: usize,
    revision: &str,
) -> Result<usize, ApiError> {
    let env_name = &svc.environments[env].name;
    let matches = |full: &str| {
        revision.len() >= SHORTEST_REVISION && full.starts_with(&revision.to_ascii_lowercase())
    };
    world
        .deployments
        .iter()
        .filter(|d| {
            d.service == svc.name && &d.environment == env_name && d.state == DeployState::Succeeded
        })
        .find(|d| matches(&d.revision))
        .and_then(|d| svc.release_of(&d.revision))
        .ok_or_else(|| {
            ApiError::invalid(format!(
                "revision {revision:?} was never deployed to {}/{env_name}",
                svc.name
            ))
        })
}

/// 409 when the target is locked or already has a deployment in flight.
fn ready_for_change(
    world: &World,
    svc: &Service,
    env: usize,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let environment = &svc.environments[env];
    if let Some(lock) = &environment.lock
        && lock.until.is_none_or(|until| until > now)
    {
        let until = lock
            .until
            .map(|u| format!(" until {}", u.to_rfc3339()))
            .unwrap_or_default();
        return Err(ApiError::conflict(format!(
            "{}/{} is locked by {}{until}: {}",
            svc.name, environment.name, lock.by, lock.reason
        )));
    }
    let busy = world.deployments.iter().find(|d| {
        d.service == svc.name && d.environment == environment.name && !d.state.is_finished()
    });
    if let Some(d) = busy {
        return Err(ApiError::conflict(format!(
            "{}/{} already has deployment {} {}",
            svc.name,
            environment.name,
            d.id,
            d.state.as_str()
        )));
    }
    Ok(())
}
