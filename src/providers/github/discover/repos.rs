//! The repositories the token reaches and, per repository, what deploys from it.

use super::line;
use crate::providers::ProviderError;
use crate::providers::github::GithubClient;
use crate::providers::http::path_segment;
use serde::Deserialize;

/// Lists bigger than this are cut: a picker shows the first ones and a filter narrows.
const MAX_ITEMS: usize = 1_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoSummary {
    /// `owner/name`, as the config's `repos` names it.
    pub full_name: String,
    pub description: Option<String>,
    pub archived: bool,
}

/// A repository's environments and workflows: a deploy needs both.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepoOps {
    pub environments: Vec<String>,
    pub workflows: Vec<Workflow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workflow {
    pub name: String,
    /// The file name (`deploy.yml`), as `deploy_workflow` names it.
    pub file: String,
}

#[derive(Deserialize)]
struct RepoDto {
    full_name: String,
    description: Option<String>,
    #[serde(default)]
    archived: bool,
}

#[derive(Deserialize)]
struct EnvironmentsDto {
    #[serde(default)]
    environments: Vec<NamedDto>,
}

#[derive(Deserialize)]
struct NamedDto {
    name: String,
}

#[derive(Deserialize)]
struct WorkflowsDto {
    #[serde(default)]
    workflows: Vec<WorkflowDto>,
}

#[derive(Deserialize)]
struct WorkflowDto {
    name: String,
    path: String,
    #[serde(default)]
    state: String,
}

/// Every repository the viewer reaches (owned, collaborating, through an organisation), by
/// name, at most 1,000.
pub async fn repos(client: &GithubClient) -> Result<Vec<RepoSummary>, ProviderError> {
    let query = [("per_page", "100"), ("sort", "full_name")];
    let found: Vec<RepoDto> = client.get_list("/user/repos", &query, MAX_ITEMS).await?;
    Ok(found
        .into_iter()
        .map(|r| RepoSummary {
            full_name: line(&r.full_name),
            description: r.description.as_deref().map(line).filter(|d| !d.is_empty()),
            archived: r.archived,
        })
        .collect())
}

/// The environments and active workflows of `full_name` (`owner/name`).
pub async fn repo_ops(client: &GithubClient, full_name: &str) -> Result<RepoOps, ProviderError> {
    let path = full_name
        .split_once('/')
        .and_then(|(owner, name)| {
            Some(format!(
                "/repos/{}/{}",
                path_segment(owner)?,
                path_segment(name)?
            ))
        })
        .ok_or_else(|| {
            ProviderError::Rejected(format!("{full_name:?} is not an owner/name repository"))
        })?;
    let query = [("per_page", "100")];
    let environments = client
        .get_list_in(
            &format!("{path}/environments"),
            &query,
            MAX_ITEMS,
            |p: EnvironmentsDto| p.environments,
        )
        .await?;
    let workflows = client
        .get_list_in(
            &format!("{path}/actions/workflows"),
            &query,
            MAX_ITEMS,
            |p: WorkflowsDto| p.workflows,
        )
        .await?;
    Ok(RepoOps {
        environments: environments.into_iter().map(|e| line(&e.name)).collect(),
        workflows: workflows
            .into_iter()
            .filter(|w| w.state.is_empty() || w.state == "active")
            .map(|w| Workflow {
                name: line(&w.name),
                file: line(w.path.rsplit('/').next().unwrap_or(&w.path)),
            })
            .collect(),
    })
}
