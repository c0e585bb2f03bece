//! The sources to check, from the config's tables or from the demo's sandbox: where each
//! lives, how it signs in, what it trusts and what it should find there.

use crate::cli::Demo;
use crate::config::{self, Config, JiraAuth, ProjectRef, TokenSource};
use crate::providers::http::Network;
use reqwest::Url;
use shipdeck_sandbox::{DEMO_BOARD_ID, DEMO_GITHUB_PROJECT, DEMO_GITHUB_REPOS, Sandbox};

pub struct Target {
    /// How the report names it: "jira", "github acme", "deploy payments".
    pub name: String,
    /// How its client names it in errors: "Jira", the table's `name`.
    pub label: String,
    /// The config table, for fixes: `[jira]`, `[[github]] "acme"`.
    pub table: String,
    /// The base URL (GitHub: the REST base).
    pub url: Url,
    pub token: TokenSource,
    pub network: Network,
    pub kind: Kind,
}

pub enum Kind {
    Jira {
        cloud: bool,
        email: Option<String>,
        board: u64,
    },
    Github {
        graphql_url: String,
        project: Option<ProjectRef>,
        repos: Vec<String>,
        /// Moving cards is not needed: `read:project` is enough.
        read_only: bool,
    },
    Deploy,
}

/// A table that cannot even be described (a URL that does not parse): reported on its line.
pub struct Broken {
    pub name: String,
    pub why: String,
}

pub fn from_config(config: &Config) -> Vec<Result<Target, Broken>> {
    let mut out = Vec::new();
    if let Some(jira) = &config.jira {
        let token = token_source(&jira.token_env, &jira.token_cmd);
        out.push(target(
            ("jira".into(), "Jira".into()),
            "[jira]".into(),
            &jira.url,
            token,
            jira.ca_file.as_ref(),
            Kind::Jira {
                cloud: jira.auth == JiraAuth::Basic,
                email: jira.email.clone(),
                board: jira.board,
            },
        ));
    }
    for table in &config.github {
        let read_only = table.read_only || config.ui.read_only;
        out.push(target(
            (format!("github {}", table.name), table.name.clone()),
            format!("[[github]] {:?}", table.name),
            &table.api_url,
            token_source(&table.token_env, &table.token_cmd),
            table.ca_file.as_ref(),
            Kind::Github {
                graphql_url: table.graphql_endpoint(),
                project: table.project.clone(),
                repos: table.repos.clone(),
                read_only,
            },
        ));
    }
    for table in &config.deploy {
        let token = match (&table.token_env, &table.token_cmd) {
            (None, None) => TokenSource::None,
            (env, cmd) => token_source(env, cmd),
        };
        out.push(target(
            (format!("deploy {}", table.name), table.name.clone()),
            format!("[[deploy]] {:?}", table.name),
            &table.url,
            token,
            table.ca_file.as_ref(),
            Kind::Deploy,
        ));
    }
    out
}

/// What `--demo` (or `--demo=github`) connects to, on the running `sandbox`.
pub fn demo(sandbox: &Sandbox, kind: Demo) -> Vec<Result<Target, Broken>> {
    let jira = target(
        ("jira".into(), "Jira".into()),
        "the demo".into(),
        &sandbox.url(),
        TokenSource::Demo,
        None,
        Kind::Jira {
            cloud: true,
            email: Some(sandbox.demo_user_email().to_string()),
            board: DEMO_BOARD_ID,
        },
    );
    let deploy = target(
        ("deploy sandbox".into(), "sandbox".into()),
        "the demo".into(),
        &sandbox.url(),
        TokenSource::None,
        None,
        Kind::Deploy,
    );
    let mut out = vec![jira, deploy];
    if kind == Demo::Github {
        let (owner, number) = DEMO_GITHUB_PROJECT;
        out.push(target(
            ("github acme".into(), "acme".into()),
            "the demo".into(),
            &sandbox.github_api_url(),
            TokenSource::Demo,
            None,
            Kind::Github {
                graphql_url: format!("{}/api/graphql", sandbox.url()),
                project: Some(ProjectRef {
                    owner: owner.into(),
                    number,
                }),
                repos: DEMO_GITHUB_REPOS.map(String::from).to_vec(),
                read_only: false,
            },
        ));
    }
    out
}

/// The config check already refuses a table with neither; `Env` first, as setup reads it.
fn token_source(env: &Option<String>, cmd: &Option<String>) -> TokenSource {
    match (env, cmd) {
        (Some(var), _) => TokenSource::Env(var.clone()),
        (None, Some(cmd)) => TokenSource::Command(cmd.clone()),
        (None, None) => TokenSource::None,
    }
}

fn target(
    (name, label): (String, String),
    table: String,
    url: &str,
    token: TokenSource,
    ca_file: Option<&config::CaFile>,
    kind: Kind,
) -> Result<Target, Broken> {
    let broken = |why: String| Broken {
        name: name.clone(),
        why,
    };
    // The URL itself is not echoed: it may hold `user:password@`.
    let url = Url::parse(url.trim())
        .map_err(|e| broken(format!("the url in {table} is not usable: {e}")))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(broken(format!("the url in {table} names no host")));
    }
    let extra_roots = match ca_file {
        Some(file) => config::certificates(file.path()).map_err(&broken)?,
        None => Vec::new(),
    };
    Ok(Target {
        name,
        label,
        table,
        url,
        token,
        network: Network {
            extra_roots,
            ..Network::default()
        },
        kind,
    })
}

impl Target {
    /// The host and port the URL names (the scheme's default port when it names none).
    pub fn host_port(&self) -> (String, u16) {
        let host = self.url.host_str().unwrap_or_default();
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        (host, self.url.port_or_known_default().unwrap_or(443))
    }

    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }
}
