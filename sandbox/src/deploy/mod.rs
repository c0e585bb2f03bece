//! The shipdeck deploy protocol v1 (`deploy-protocol.md`) served from seeded, living state:
//! three services with two months of history, and promotes and rollbacks that really progress
//! in background tasks while their pipeline logs grow.

mod catalog;
mod error;
mod firehose;
mod idempotency;
mod lifecycle;
mod logs;
mod model;
mod page;
mod pipeline;
mod progress;
mod reads;
mod script;
mod seed;
mod writes;

use axum::Router;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use chrono::{DateTime, SubsecRound, Utc};
use error::ApiError;
use model::World;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::watch;
use tokio::time::Instant;

/// The deploy protocol v1 under /v1/..., with its own seeded state; `now` seeds history times.
pub fn router(now: chrono::DateTime<chrono::Utc>) -> axum::Router {
    let now = now.trunc_subsecs(0);
    match seed::seed(now) {
        Ok(mut world) => {
            world.demo_runs.push(firehose::run(now));
            routes(AppState::new(world, now))
        }
        Err(e) => {
            // A broken catalog is a bug in this file's siblings; say so on every request
            // rather than taking the whole sandbox down.
            tracing::error!("deploy sandbox seed: {e}");
            let message: Arc<str> = format!("the deploy sandbox could not start: {e}").into();
            Router::new().fallback(move || async move { ApiError::unavailable(message.as_ref()) })
        }
    }
}

fn routes(state: AppState) -> Router {
    Router::new()
        .route("/v1/services", get(reads::services))
        .route(
            "/v1/services/{service}/environments",
            get(reads::environments),
        )
        .route(
            "/v1/services/{service}/environments/{env}/deployments",
            get(reads::deployments),
        )
        .route("/v1/services/{service}/promote", post(writes::promote))
        .route(
            "/v1/services/{service}/environments/{env}/rollback",
            post(writes::rollback),
        )
        .route("/v1/deployments/{id}", get(reads::deployment))
        .route("/v1/deployments/{id}/cancel", post(writes::cancel))
        .route("/v1/runs", get(reads::runs))
        .route("/v1/runs/{id}", get(reads::run))
        .route("/v1/runs/{id}/jobs/{job}/log", get(logs::log))
        .route("/v1/runs/{id}/jobs/{job}/log/stream", get(logs::stream))
        // A catch-all route rather than a fallback: the sandbox merges this router with the Jira
        // one, and axum refuses to merge two routers that both have a fallback.
        .route("/v1/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(check_auth))
        .with_state(state)
}

#[derive(Clone)]
pub struct AppState {
    world: Arc<Mutex<World>>,
    /// Bumped after every change to a log, so streams wake instead of polling.
    changed: Arc<watch::Sender<u64>>,
    clock: Clock,
}

impl AppState {
    fn new(world: World, now: DateTime<Utc>) -> Self {
        let (changed, _) = watch::channel(0);
        let clock = Clock {
            start: now,
            instant: Instant::now(),
        };
        Self {
            world: Arc::new(Mutex::new(world)),
            changed: Arc::new(changed),
            clock,
        }
    }

    /// A panic in another task must not take the sandbox down, so poisoning is ignored: every
    /// change leaves the world consistent before the lock is released.
    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn notify(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }
}

/// Wall time as of the seed plus tokio's elapsed time, so a test that pauses tokio's clock
/// also freezes the timestamps the server writes.
#[derive(Clone, Copy)]
struct Clock {
    start: DateTime<Utc>,
    instant: Instant,
}

impl Clock {
    fn now(self) -> DateTime<Utc> {
        let elapsed = chrono::TimeDelta::from_std(self.instant.elapsed()).unwrap_or_default();
        (self.start + elapsed).trunc_subsecs(0)
    }
}

async fn not_found(request: Request) -> ApiError {
    ApiError::not_found(format!("no such resource: {}", request.uri().path()))
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::method_not_allowed(format!(
        "{} is not allowed on {}",
        request.method(),
        request.uri().path()
    ))
}

/// The protocol allows a server to take no credentials; any that are sent must be a Bearer
/// token, so clients still see their auth header rejected when it is malformed.
async fn check_auth(request: Request, next: Next) -> Response {
    let Some(value) = request.headers().get(header::AUTHORIZATION) else {
        return next.run(request).await;
    };
    let bearer = value
        .to_str()
        .ok()
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, token)| {
            scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()
        });
    match bearer {
        Some(_) => next.run(request).await,
        None => ApiError::unauthorized("the Authorization header must be `Bearer <token>`")
            .into_response(),
    }
}
