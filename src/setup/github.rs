//! `[[github]]` tables, connected: one shared client each, its Actions and Deployments as a
//! deploy handle, and the first table's issues or project as the board when there is no Jira.

use super::{DeployHandle, SetupError};
use crate::config::{GithubConfig, Secret, TokenSource};
use crate::domain::RateBudget;
use crate::providers::IssueTracker;
use crate::providers::github::actions::GithubActions;
use crate::providers::github::deploys::{GithubDeploy, GithubDeploySettings};
use crate::providers::github::tracker::{GithubTracker, GithubTrackerSettings};
use crate::providers::github::{GithubClient, GithubSettings};
use std::sync::Arc;
use tokio::sync::watch;

/// One table, connected.
pub struct GithubParts {
    pub tracker: Option<Arc<dyn IssueTracker>>,
    /// Tables with repos: their runs, environments and deployments.
    pub handle: Option<DeployHandle>,
    pub budget: watch::Receiver<Option<RateBudget>>,
}

/// Connects `table` with its token; the tracker is built only when `board` asks for it.
pub fn connect(
    table: &GithubConfig,
    display: &str,
    board: bool,
    token: Secret,
    token_source: TokenSource,
) -> Result<GithubParts, SetupError> {
    let where_ = format!("{display}: [[github]] {:?}", table.name);
    let settings = GithubSettings {
        name: table.name.clone(),
        api_url: table.api_url.clone(),
        graphql_url: table.graphql_endpoint(),
        token,
        token_source,
        network: super::network::for_table(table.ca_file.as_ref(), &where_)?,
    };
    let client =
        GithubClient::new(settings).map_err(|e| SetupError::Other(format!("{where_}: {e}")))?;
    Ok(parts(Arc::new(client), table, board))
}

/// The providers of one table over an existing client (the demo builds its own).
pub fn parts(client: Arc<GithubClient>, table: &GithubConfig, board: bool) -> GithubParts {
    let tracker = board.then(|| {
        let settings = GithubTrackerSettings {
            repos: table.repos.clone(),
            project: table.project.clone(),
            wip: table.wip.clone(),
            columns: table.columns.clone(),
            points_field: table.points_field.clone(),
        };
        Arc::new(GithubTracker::new(client.clone(), settings)) as Arc<dyn IssueTracker>
    });
    let handle = (!table.repos.is_empty()).then(|| {
        let settings = GithubDeploySettings {
            repos: table.repos.clone(),
            deploy_workflow: table.deploy_workflow.clone(),
            workflow_ref: table.workflow_ref.clone(),
            protected: table.protected.clone(),
        };
        DeployHandle {
            name: table.name.clone(),
            read_only: table.read_only,
            backend: Arc::new(GithubDeploy::new(client.clone(), settings)),
            ci: Some(Arc::new(GithubActions::new(
                client.clone(),
                table.repos.clone(),
            ))),
        }
    });
    GithubParts {
        tracker,
        handle,
        budget: client.budget(),
    }
}
