//! The built-in demo: the sandbox on 127.0.0.1 behind the real providers. `--demo` is the
//! Jira-shaped board with the deploy-protocol backend; `--demo=github` puts a GitHub Projects
//! v2 board in front and adds the sandbox's GitHub repos (Actions and Deployments) beside the
//! protocol's services.

use super::{DeployHandle, Session, SetupError, github};
use crate::cli::Demo;
use crate::config::{Config, GithubConfig, JiraAuth, ProjectRef, Secret, TokenSource};
use crate::providers::IssueTracker;
use crate::providers::deploy::{HttpDeploy, HttpDeploySettings};
use crate::providers::github::{GithubClient, GithubSettings};
use crate::providers::http::Network;
use crate::providers::jira::{JiraProvider, JiraSettings};
use shipdeck_sandbox::{
    DEMO_BOARD_ID, DEMO_DEPLOY_WORKFLOW, DEMO_GITHUB_PROJECT, DEMO_GITHUB_REPOS, DEMO_GITHUB_TOKEN,
    Sandbox,
};
use std::collections::BTreeMap;
use std::sync::Arc;

pub async fn open(kind: Demo) -> Result<Session, SetupError> {
    let sandbox = Sandbox::start(0)
        .await
        .map_err(|e| SetupError::Other(format!("cannot start the demo sandbox: {e}")))?;
    let mut deploys = vec![protocol_backend(&sandbox)?];
    let mut budgets = Vec::new();
    let (tracker, source) = match kind {
        Demo::Jira => (jira_tracker(&sandbox)?, "Jira"),
        Demo::Github => {
            let parts = github::parts(github_client(&sandbox)?, &github_table(&sandbox), true);
            deploys.extend(parts.handle);
            budgets.push(parts.budget);
            let tracker = parts
                .tracker
                .ok_or_else(|| SetupError::Other("the GitHub demo table has no board".into()))?;
            (tracker, "Jira or GitHub")
        }
    };
    let where_ = directories::ProjectDirs::from("", "", "shipdeck")
        .map(|d| d.config_dir().join("config.toml").display().to_string())
        .unwrap_or_else(|| "~/.config/shipdeck/config.toml".into());
    let banner = format!(
        "DEMO: built-in sandbox data. Connect your {source}: run `shipdeck init`, or copy config.example.toml to {where_}"
    );
    Ok(Session {
        config: Config::default(),
        tracker: Some(tracker),
        deploys,
        banner: Some(banner),
        sandbox: Some(sandbox),
        budgets,
    })
}

fn jira_tracker(sandbox: &Sandbox) -> Result<Arc<dyn IssueTracker>, SetupError> {
    let settings = JiraSettings {
        base_url: sandbox.url(),
        board: DEMO_BOARD_ID,
        auth: JiraAuth::Basic,
        email: Some(sandbox.demo_user_email().to_string()),
        token: Secret::new("demo"),
        token_source: TokenSource::Demo,
        jql: None,
        scope: None,
        network: Network::default(),
    };
    let tracker = JiraProvider::new(settings).map_err(|e| SetupError::Other(e.to_string()))?;
    Ok(Arc::new(tracker))
}

/// The sandbox's deploy protocol, no token.
fn protocol_backend(sandbox: &Sandbox) -> Result<DeployHandle, SetupError> {
    let settings = HttpDeploySettings {
        name: "sandbox".into(),
        base_url: sandbox.url(),
        token: None,
        token_source: TokenSource::Demo,
        services: None,
        protected: Vec::new(),
        network: Network::default(),
    };
    let backend = HttpDeploy::new(settings)
        .map_err(|e| SetupError::Other(format!("the demo deploy backend: {e}")))?;
    let backend = Arc::new(backend);
    Ok(DeployHandle {
        name: "sandbox".into(),
        read_only: false,
        backend: backend.clone(),
        ci: Some(backend),
    })
}

/// The table a GitHub team would write for the sandbox's org (GHES-style URLs).
fn github_table(sandbox: &Sandbox) -> GithubConfig {
    let (owner, number) = DEMO_GITHUB_PROJECT;
    GithubConfig {
        name: "acme".into(),
        api_url: sandbox.github_api_url(),
        graphql_url: None,
        token_env: None,
        token_cmd: None,
        repos: DEMO_GITHUB_REPOS.map(String::from).to_vec(),
        project: Some(ProjectRef {
            owner: owner.into(),
            number,
        }),
        wip: BTreeMap::from([("In progress".into(), 4), ("In review".into(), 3)]),
        columns: Vec::new(),
        points_field: None,
        deploy_workflow: Some(DEMO_DEPLOY_WORKFLOW.into()),
        workflow_ref: None,
        protected: Vec::new(),
        read_only: false,
        ca_file: None,
    }
}

fn github_client(sandbox: &Sandbox) -> Result<Arc<GithubClient>, SetupError> {
    let table = github_table(sandbox);
    let settings = GithubSettings {
        name: table.name.clone(),
        api_url: table.api_url.clone(),
        graphql_url: table.graphql_endpoint(),
        token: Secret::new(DEMO_GITHUB_TOKEN),
        token_source: TokenSource::Demo,
        network: Network::default(),
    };
    let client = GithubClient::new(settings)
        .map_err(|e| SetupError::Other(format!("the demo GitHub client: {e}")))?;
    Ok(Arc::new(client))
}
