//! The sandbox as a GitHub Enterprise Server: REST under `/api/v3/`, GraphQL at
//! `/api/graphql`, job logs on a blob host under `/_blobs/`. The board side (issues, `/user`,
//! Projects v2) and the ops side (Actions, Deployments) share one clock and one middleware for
//! auth, rate limits, conditional requests and the API version.

pub mod board;
mod body;
mod clock;
pub mod error;
pub mod http;
pub mod ops;
pub mod page;

pub use clock::Clock;

use axum::Router;
use axum::extract::Request;
use axum::middleware;
use error::GhError;

/// Every GitHub-shaped route, seeded at `now` and following the wall clock.
pub fn router(now: chrono::DateTime<chrono::Utc>) -> Router {
    router_with(Clock::wall(now))
}

/// The same on a clock the caller controls: a test can start the world at a chosen instant
/// and `advance` it to watch runs and deployments finish without waiting.
pub fn router_with(clock: Clock) -> Router {
    Router::new()
        .merge(ops::router(clock.clone()))
        .merge(board::router(board::BoardState::with_clock(clock.clone())))
        // GitHub answers 404 for unknown paths and for methods a path does not take.
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn_with_state(
            http::Plumbing::new(clock),
            http::plumbing,
        ))
}

async fn not_found(request: Request) -> axum::response::Response {
    use axum::response::IntoResponse;
    if request.uri().path().starts_with("/_blobs/") {
        return http::blob::error(
            axum::http::StatusCode::NOT_FOUND,
            "ResourceNotFound",
            "The specified resource does not exist.",
            None,
        );
    }
    GhError::not_found().into_response()
}
