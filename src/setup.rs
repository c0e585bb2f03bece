//! From flags and config to a connected tracker: the real Jira, or the built-in sandbox.

use crate::cli::Global;
use crate::config::{
    self, Config, ConfigError, JiraAuth, Secret, SecretError, Source, TokenSource,
};
use crate::providers::IssueTracker;
use crate::providers::jira::{JiraProvider, JiraSettings};
use crate::sandbox::{DEMO_BOARD_ID, Sandbox};
use std::sync::Arc;
use thiserror::Error;

/// Problems a user fixes in their config or environment: exit status 2, no backtrace.
#[derive(Debug, Error)]
pub enum SetupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Secret(#[from] SecretError),
    #[error("{path}: no [jira] table: shipdeck needs a tracker to show (see config.example.toml)")]
    NoTracker { path: String },
    #[error("{0}")]
    Other(String),
}

pub struct Session {
    pub config: Config,
    pub tracker: Arc<dyn IssueTracker>,
    /// Shown above the board when the data is the demo's.
    pub banner: Option<String>,
    /// Kept alive for as long as the session: the demo's server.
    pub sandbox: Option<Sandbox>,
}

pub fn config_source(global: &Global) -> Result<Source, SetupError> {
    let env = std::env::var("SHIPDECK_CONFIG").ok();
    Ok(config::discover(
        global.config.as_deref(),
        env.as_deref(),
        global.demo,
    )?)
}

pub async fn open(global: &Global) -> Result<Session, SetupError> {
    match config_source(global)? {
        Source::Demo => demo().await,
        Source::File(path) => {
            let config = config::load_file(&path)?;
            let display = path.display().to_string();
            let jira = config.jira.clone().ok_or_else(|| SetupError::NoTracker {
                path: display.clone(),
            })?;
            let token_source = match (&jira.token_env, &jira.token_cmd) {
                (Some(var), _) => TokenSource::Env(var.clone()),
                (None, Some(cmd)) => TokenSource::Command(cmd.clone()),
                (None, None) => {
                    return Err(SetupError::Other(format!(
                        "{display}: [jira] needs token_env or token_cmd"
                    )));
                }
            };
            let token = token_source.read()?;
            let settings = JiraSettings {
                base_url: jira.url.clone(),
                board: jira.board,
                auth: jira.auth,
                email: jira.email.clone(),
                token,
                token_source,
                jql: jira.jql.clone(),
                scope: jira.scope,
            };
            let tracker =
                JiraProvider::new(settings).map_err(|e| SetupError::Other(e.to_string()))?;
            Ok(Session {
                config,
                tracker: Arc::new(tracker),
                banner: None,
                sandbox: None,
            })
        }
    }
}

async fn demo() -> Result<Session, SetupError> {
    let sandbox = Sandbox::start(0)
        .await
        .map_err(|e| SetupError::Other(format!("cannot start the demo sandbox: {e}")))?;
    let settings = JiraSettings {
        base_url: sandbox.url(),
        board: DEMO_BOARD_ID,
        auth: JiraAuth::Basic,
        email: Some(sandbox.demo_user_email().to_string()),
        token: Secret::new("demo"),
        token_source: TokenSource::Demo,
        jql: None,
        scope: None,
    };
    let tracker = JiraProvider::new(settings).map_err(|e| SetupError::Other(e.to_string()))?;
    let where_ = directories::ProjectDirs::from("", "", "shipdeck")
        .map(|d| d.config_dir().join("config.toml").display().to_string())
        .unwrap_or_else(|| "~/.config/shipdeck/config.toml".into());
    let banner = format!(
        "DEMO: built-in sandbox data. Connect your Jira: copy config.example.toml to {where_} (or pass --config)"
    );
    Ok(Session {
        config: Config::default(),
        tracker: Arc::new(tracker),
        banner: Some(banner),
        sandbox: Some(sandbox),
    })
}
