//! A config read but not yet connected, so the full-screen app can show itself while tokens
//! are read (a `token_cmd` may take a while, or never finish: it gets a timeout).

use super::{
    Session, SetupError, config_source, demo, deploy_backend, deploy_token_source, github,
    jira_tracker, token_source,
};
use crate::cli::{Demo, Global};
use crate::config::{self, Config, DeployConfig, GithubConfig, SecretError, Source, TokenSource};
use futures::future::join_all;
use std::time::Duration;

/// The config read, nothing connected yet: reading tokens (which may run a command) and
/// building the providers is `connect`, so the full-screen app can show itself first.
pub enum Pending {
    Demo(Demo),
    File {
        config: Box<Config>,
        display: String,
    },
}

/// Reads the config the flags and environment point at; no token is read yet.
pub fn load(global: &Global) -> Result<Pending, SetupError> {
    match config_source(global)? {
        Source::Demo => Ok(Pending::Demo(global.demo.unwrap_or(Demo::Jira))),
        Source::File(path) => {
            let config = config::load_file(&path)?;
            let display = path.display().to_string();
            if config.jira.is_none() && config.deploy.is_empty() && config.github.is_empty() {
                return Err(SetupError::Empty { path: display });
            }
            Ok(Pending::File {
                config: Box::new(config),
                display,
            })
        }
    }
}

impl Pending {
    pub fn config(&self) -> Config {
        match self {
            Pending::Demo(_) => Config::default(),
            Pending::File { config, .. } => (**config).clone(),
        }
    }

    /// Whether there will be a board: `[jira]`, or a `[[github]]` table without Jira.
    pub fn has_tracker(&self) -> bool {
        match self {
            Pending::Demo(_) => true,
            Pending::File { config, .. } => config.jira.is_some() || !config.github.is_empty(),
        }
    }

    /// Each source whose token comes from a command, with the command (which is not secret),
    /// for "waiting for its token" while `connect` runs them.
    pub fn token_commands(&self) -> Vec<String> {
        let Pending::File { config, .. } = self else {
            return Vec::new();
        };
        let jira = config
            .jira
            .iter()
            .map(|j| ("[jira]".to_string(), &j.token_cmd));
        let deploy = config
            .deploy
            .iter()
            .filter(|t| t.token_env.is_none())
            .map(|t| (format!("[[deploy]] {:?}", t.name), &t.token_cmd));
        let github = config
            .github
            .iter()
            .map(|t| (format!("[[github]] {:?}", t.name), &t.token_cmd));
        jira.chain(deploy)
            .chain(github)
            .filter_map(|(table, cmd)| Some(format!("{table} (token_cmd `{}`)", cmd.as_ref()?)))
            .collect()
    }

    /// Reads every token (commands side by side, each within `[ui] token_cmd_timeout_seconds`)
    /// and builds the providers; the demo starts its sandbox.
    pub async fn connect(self) -> Result<Session, SetupError> {
        match self {
            Pending::Demo(kind) => demo::open(kind).await,
            Pending::File { config, display } => connect_file(*config, display).await,
        }
    }
}

async fn connect_file(config: Config, display: String) -> Result<Session, SetupError> {
    let timeout = Duration::from_secs(config.ui.token_cmd_timeout_seconds);
    let jira = match &config.jira {
        Some(jira) => {
            let at = format!("{display}: [jira]");
            let source = token_source(&jira.token_env, &jira.token_cmd, &at)?;
            Some((jira, source))
        }
        None => None,
    };
    let deploy: Vec<(&DeployConfig, TokenSource)> = config
        .deploy
        .iter()
        .map(|table| Ok((table, deploy_token_source(table, &display)?)))
        .collect::<Result<_, SetupError>>()?;
    let github: Vec<(&GithubConfig, TokenSource)> = config
        .github
        .iter()
        .map(|table| {
            let at = format!("{display}: [[github]] {:?}", table.name);
            Ok((
                table,
                token_source(&table.token_env, &table.token_cmd, &at)?,
            ))
        })
        .collect::<Result<_, SetupError>>()?;
    let read = |source: &TokenSource| {
        let source = source.clone();
        async move {
            match source {
                TokenSource::None => Ok(None),
                source => source.read(timeout).await.map(Some),
            }
        }
    };
    let (jira_token, deploy_tokens, github_tokens) = tokio::join!(
        join_all(jira.iter().map(|(_, source)| read(source))),
        join_all(deploy.iter().map(|(_, source)| read(source))),
        join_all(github.iter().map(|(_, source)| read(source))),
    );
    let mut tracker = None;
    for ((table, source), token) in jira.iter().zip(jira_token) {
        let token = token?.ok_or_else(|| SecretError::Empty(source.to_string()))?;
        tracker = Some(jira_tracker(table, token, source.clone())?);
    }
    let mut deploys = Vec::new();
    for ((table, source), token) in deploy.iter().zip(deploy_tokens) {
        deploys.push(deploy_backend(table, &display, token?, source.clone())?);
    }
    let mut budgets = Vec::new();
    for ((table, source), token) in github.iter().zip(github_tokens) {
        let token = token?.ok_or_else(|| SecretError::Empty(source.to_string()))?;
        // Without Jira, the first GitHub table is the board.
        let parts = github::connect(table, &display, tracker.is_none(), token, source.clone())?;
        tracker = tracker.or(parts.tracker);
        deploys.extend(parts.handle);
        budgets.push(parts.budget);
    }
    Ok(Session {
        config,
        tracker,
        deploys,
        banner: None,
        sandbox: None,
        budgets,
    })
}
