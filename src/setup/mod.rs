//! From flags and config to connected providers: the real services, or the built-in sandbox.

mod demo;
mod github;
mod network;
mod pending;

pub use pending::{Pending, load};

use crate::cli::Global;
use crate::config::{
    self, Config, ConfigError, DeployBackendKind, DeployConfig, JiraConfig, Secret, SecretError,
    Source, TokenSource,
};
use crate::domain::RateBudget;
use crate::providers::deploy::{HttpDeploy, HttpDeploySettings};
use crate::providers::jira::{JiraProvider, JiraSettings};
use crate::providers::{CiProvider, DeployBackend, IssueTracker};
use shipdeck_sandbox::Sandbox;
use std::sync::Arc;
use thiserror::Error;
use tokio::sync::watch;

/// Problems a user fixes in their config or environment: exit status 2, no backtrace.
#[derive(Debug, Error)]
pub enum SetupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Secret(#[from] SecretError),
    #[error(
        "{path}: nothing to show: add a [jira], [[deploy]] or [[github]] table (see config.example.toml)"
    )]
    Empty { path: String },
    #[error("{what} needs a {table} table in the config (see config.example.toml)")]
    Missing { what: String, table: String },
    #[error("{0}")]
    Other(String),
}

/// One `[[deploy]]` backend, connected.
#[derive(Clone)]
pub struct DeployHandle {
    pub name: String,
    /// The table's `read_only`: promote, rollback and cancel are refused for this backend.
    pub read_only: bool,
    pub backend: Arc<dyn DeployBackend>,
    /// The same backend's pipeline runs and logs, where it serves them.
    pub ci: Option<Arc<dyn CiProvider>>,
}

pub struct Session {
    pub config: Config,
    pub tracker: Option<Arc<dyn IssueTracker>>,
    /// In config order.
    pub deploys: Vec<DeployHandle>,
    /// Shown above the board when the data is the demo's.
    pub banner: Option<String>,
    /// Kept alive for as long as the session: the demo's server.
    pub sandbox: Option<Sandbox>,
    /// Request budgets of the GitHub tables, for the status bar.
    pub budgets: Vec<watch::Receiver<Option<RateBudget>>>,
}

impl Session {
    /// The tracker, or an error naming the command that needs one.
    pub fn tracker(&self, what: &str) -> Result<&dyn IssueTracker, SetupError> {
        self.tracker.as_deref().ok_or_else(|| SetupError::Missing {
            what: what.to_string(),
            table: "[jira] or [[github]]".into(),
        })
    }

    /// The deploy backends, or an error naming the command that needs one.
    pub fn deploys(&self, what: &str) -> Result<&[DeployHandle], SetupError> {
        if self.deploys.is_empty() {
            return Err(SetupError::Missing {
                what: what.to_string(),
                table: "[[deploy]] or [[github]] (with repos)".into(),
            });
        }
        Ok(&self.deploys)
    }
}

pub fn config_source(global: &Global) -> Result<Source, SetupError> {
    let env = std::env::var("SHIPDECK_CONFIG").ok();
    Ok(config::discover(
        global.config.as_deref(),
        env.as_deref(),
        global.demo.is_some(),
    )?)
}

pub async fn open(global: &Global) -> Result<Session, SetupError> {
    load(global)?.connect().await
}

pub(crate) fn token_source(
    env: &Option<String>,
    cmd: &Option<String>,
    table: &str,
) -> Result<TokenSource, SetupError> {
    match (env, cmd) {
        (Some(var), _) => Ok(TokenSource::Env(var.clone())),
        (None, Some(cmd)) => Ok(TokenSource::Command(cmd.clone())),
        (None, None) => Err(SetupError::Other(format!(
            "{table} needs token_env or token_cmd"
        ))),
    }
}

pub(crate) fn jira_tracker(
    jira: &JiraConfig,
    token: Secret,
    token_source: TokenSource,
) -> Result<Arc<dyn IssueTracker>, SetupError> {
    let settings = JiraSettings {
        base_url: jira.url.clone(),
        board: jira.board,
        auth: jira.auth,
        email: jira.email.clone(),
        token,
        token_source,
        jql: jira.jql.clone(),
        scope: jira.scope,
        network: network::for_table(jira.ca_file.as_ref(), "[jira]")?,
    };
    let tracker = JiraProvider::new(settings).map_err(|e| SetupError::Other(e.to_string()))?;
    Ok(Arc::new(tracker))
}

/// The protocol allows servers that take no credentials: no token, no auth header.
pub(crate) fn deploy_token_source(
    table: &DeployConfig,
    display: &str,
) -> Result<TokenSource, SetupError> {
    match (&table.token_env, &table.token_cmd) {
        (None, None) => Ok(TokenSource::None),
        (env, cmd) => {
            let at = format!("{display}: [[deploy]] {:?}", table.name);
            token_source(env, cmd, &at)
        }
    }
}

pub(crate) fn deploy_backend(
    table: &DeployConfig,
    display: &str,
    token: Option<Secret>,
    token_source: TokenSource,
) -> Result<DeployHandle, SetupError> {
    let where_ = format!("{display}: [[deploy]] {:?}", table.name);
    let settings = match table.kind {
        DeployBackendKind::Http => HttpDeploySettings {
            name: table.name.clone(),
            base_url: table.url.clone(),
            token,
            token_source,
            services: table.services.clone(),
            protected: table.protected.clone(),
            network: network::for_table(table.ca_file.as_ref(), &where_)?,
        },
    };
    let backend =
        HttpDeploy::new(settings).map_err(|e| SetupError::Other(format!("{where_}: {e}")))?;
    let backend = Arc::new(backend);
    Ok(DeployHandle {
        name: table.name.clone(),
        read_only: table.read_only,
        backend: backend.clone(),
        ci: Some(backend),
    })
}
