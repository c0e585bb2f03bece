//! The GitHub sandbox's board side: `GET /user`, the issue endpoints of `acme/storefront`
//! and `acme/search` (pull requests included, as GitHub lists them), and a GraphQL server for
//! the Projects v2 board "Storefront delivery" (project 3 of the `acme` organisation).

mod graphql;
pub(crate) mod ids;
mod model;
pub(crate) mod people;
mod rest;
mod seed;

use super::clock::Clock;
use super::error::GhError;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use chrono::{DateTime, Utc};
use model::Board;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The web side of the demo's GitHub Enterprise host (`html_url`, GraphQL `url`s), the same
/// as the Actions side's.
pub const WEB: &str = "https://github.example";

/// The token the sandbox treats as granted `repo` only, so a client sees GitHub's
/// INSUFFICIENT_SCOPES answer for Projects v2.
pub const NO_PROJECT_SCOPE_TOKEN: &str = "sandbox-no-project-scope";

/// The board side's seeded world, ready for `router`.
pub struct BoardState {
    world: Result<Shared, Arc<str>>,
}

impl BoardState {
    /// The seeded world as of `now`, its clock following the wall clock from there.
    pub fn seed(now: DateTime<Utc>) -> BoardState {
        Self::with_clock(Clock::wall(now))
    }

    /// The seeded world on a clock the caller controls (the GitHub sandbox shares one).
    pub fn with_clock(clock: Clock) -> BoardState {
        let world = seed::seed(clock.now())
            .map(|board| Shared {
                board: Arc::new(Mutex::new(board)),
                clock,
            })
            .map_err(|e| {
                // A broken seed table is a bug in this module; say so on every request
                // rather than taking the whole sandbox down.
                tracing::error!("{e}");
                Arc::from(e.to_string())
            });
        BoardState { world }
    }
}

/// What every handler shares: the world and the clock.
#[derive(Clone)]
struct Shared {
    board: Arc<Mutex<Board>>,
    clock: Clock,
}

impl Shared {
    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A panic in another request must not take the sandbox down, so poisoning is ignored:
    /// every change leaves the world consistent before the lock is released.
    fn board(&self) -> MutexGuard<'_, Board> {
        self.board.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `/api/v3/user`, `/api/v3/repos/{owner}/{repo}/issues...`,
/// `/api/v3/repositories/{id}/issues` and `POST /api/graphql`.
pub fn router(state: BoardState) -> Router {
    match state.world {
        Ok(shared) => rest::routes()
            .route("/api/graphql", post(graphql::serve))
            .with_state(shared),
        Err(message) => Router::new().fallback(move || async move {
            GhError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the GitHub board sandbox could not start: {message}"),
            )
        }),
    }
}
