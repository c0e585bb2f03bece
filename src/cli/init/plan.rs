//! The answers, before they become a file: one part per system the team uses.

use crate::config::{JiraAuth, TokenSource};
use crate::providers::github::discover::ProjectSummary;
use crate::providers::jira::boards::BoardSummary;

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub jira: Option<JiraPlan>,
    pub github: Option<GithubPlan>,
    pub deploy: Option<DeployPlan>,
}

#[derive(Clone, Debug)]
pub struct JiraPlan {
    pub url: String,
    pub auth: JiraAuth,
    /// Cloud only.
    pub email: Option<String>,
    pub token: TokenSource,
    pub board: BoardSummary,
}

#[derive(Clone, Debug)]
pub struct GithubPlan {
    pub name: String,
    pub api_url: String,
    pub token: TokenSource,
    /// `owner/name`.
    pub repos: Vec<String>,
    pub project: Option<ProjectSummary>,
    /// A workflow file name (`deploy.yml`).
    pub deploy_workflow: Option<String>,
}

#[derive(Clone, Debug)]
pub struct DeployPlan {
    pub name: String,
    pub url: String,
    /// `TokenSource::None` for a backend that takes no token.
    pub token: TokenSource,
}
