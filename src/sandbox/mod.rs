//! The built-in demo backend: a Jira-shaped HTTP server on 127.0.0.1 with a realistic DevOps
//! team board, so the demo and the tests exercise the real Jira provider over real HTTP.

mod adf;
mod catalog;
pub mod deploy;
mod doc;
mod history;
mod jira;
mod jql;
mod people;
mod seed;
mod store;
mod wiki;

use chrono::Utc;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceExt;

/// The scrum board the demo serves (the only one).
pub const DEMO_BOARD_ID: u64 = catalog::DEMO_BOARD;

/// A running sandbox; dropping it shuts the server down.
pub struct Sandbox {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1:port (0 = random) and serves on the current tokio runtime.
    pub async fn start(port: u16) -> io::Result<Sandbox> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let now = Utc::now();
        let store = seed::seed(now).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let jira = jira::router(jira::AppState::new(format!("http://{addr}"), store));
        let app = by_prefix(jira, deploy::router(now));
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

    /// The `/myself` user's email, for Basic auth.
    pub fn demo_user_email(&self) -> &'static str {
        people::MYSELF.email
    }
}

/// Jira's paths and the deploy protocol's `/v1/...` side by side. Each router keeps its own
/// fallback (Jira-shaped and protocol-shaped 404s) and auth, which `Router::merge` cannot
/// combine, so requests are split by path prefix.
fn by_prefix(jira: axum::Router, deploy: axum::Router) -> axum::Router {
    axum::Router::new().fallback(move |request: axum::extract::Request| {
        let target = if request.uri().path().starts_with("/v1/") {
            deploy.clone()
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
