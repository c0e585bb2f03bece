//! The built-in demo backend: an HTTP server on 127.0.0.1 playing Jira (a realistic DevOps team
//! board), the deploy protocol and a GitHub Enterprise Server (issues, Projects v2, Actions,
//! Deployments), so the demo and the tests exercise the real providers over real HTTP.

pub mod deploy;
pub mod github;
mod hex;
mod jira;
mod people;

use chrono::{DateTime, Utc};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceExt;

/// The scrum board the demo serves (the one of its 65 boards that has issues).
pub const DEMO_BOARD_ID: u64 = jira::catalog::DEMO_BOARD;

/// The GitHub side's repositories: the storefront deploys (staging, production), search only
/// runs CI.
pub const DEMO_GITHUB_REPOS: [&str; 2] = ["acme/storefront", "acme/search"];
/// The GitHub side's Projects v2 board: owner and number.
pub const DEMO_GITHUB_PROJECT: (&str, u64) = ("acme", 3);
/// The storefront's workflow that deploys (`workflow_dispatch` with `environment` and `ref`).
pub const DEMO_DEPLOY_WORKFLOW: &str = "deploy.yml";
/// A token for the GitHub side; any non-empty Bearer token is accepted.
pub const DEMO_GITHUB_TOKEN: &str = "sandbox-demo-token";

/// A running sandbox; dropping it shuts the server down.
pub struct Sandbox {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1:port (0 = random) and serves on the current tokio runtime.
    pub async fn start(port: u16) -> io::Result<Sandbox> {
        Self::start_at(port, Utc::now()).await
    }

    /// As `start`, with the seed data laid out around `now` rather than the current time:
    /// tests pick the day, so what they check does not depend on when they run.
    pub async fn start_at(port: u16, now: DateTime<Utc>) -> io::Result<Sandbox> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let store =
            jira::seed::seed(now).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let jira = jira::router(jira::AppState::new(format!("http://{addr}"), store));
        let app = by_prefix(jira, deploy::router(now), github::router(now));
        let (shutdown, stopped) = oneshot::channel();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                // Either an explicit stop or the Sandbox being dropped ends the server.
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!("sandbox server stopped: {e}");
            }
        });
        Ok(Sandbox {
            addr,
            shutdown: Some(shutdown),
        })
    }

    /// `http://127.0.0.1:PORT`, the Jira base URL to configure.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/api/v3`, the GitHub REST base (GitHub Enterprise Server style;
    /// GraphQL answers at `/api/graphql`).
    pub fn github_api_url(&self) -> String {
        format!("{}/api/v3", self.url())
    }

    /// The `/myself` user's email, for Basic auth.
    pub fn demo_user_email(&self) -> &'static str {
        people::MYSELF.email
    }
}

/// Jira's paths, the deploy protocol's `/v1/...` and GitHub's `/api/...` and `/_blobs/...`
/// side by side. Each router keeps its own fallback (Jira-, protocol- and GitHub-shaped 404s)
/// and auth, which `Router::merge` cannot combine, so requests are split by path prefix.
fn by_prefix(jira: axum::Router, deploy: axum::Router, github: axum::Router) -> axum::Router {
    axum::Router::new().fallback(move |request: axum::extract::Request| {
        let path = request.uri().path();
        let target = if path.starts_with("/v1/") {
            deploy.clone()
        } else if path.starts_with("/api/") || path.starts_with("/_blobs/") {
            github.clone()
        } else {
            jira.clone()
        };
        target.oneshot(request)
    })
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server may already be gone; then there is nothing to stop.
            let _ = shutdown.send(());
        }
    }
}
