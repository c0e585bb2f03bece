//! GitHub Deployments as a deploy backend. Services are the table's repositories (named by
//! repository name), environments the repository's environments in the usual promotion
//! order, deployments GitHub's with their latest status. Promote and rollback dispatch the
//! table's `deploy_workflow` with inputs `environment` and `ref` (a sha) and follow the run
//! it starts: its deployment id is `run:{run_id}` until the run has made one.

/// A GitHub-shaped answer from tests/fixtures/github/deploys, for the mapping tests.
#[cfg(test)]
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/github/deploys/",
            $name
        ))
    };
}

mod changes;
mod dispatch;
mod dto;
mod environments;
#[cfg(test)]
mod fuzz_tests;
mod history;
mod map;
mod memory;
mod read;
mod runs;

use super::GithubClient;
use crate::domain::deploy::{
    Deployment, DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest, Service,
};
use crate::providers::http::path_segment;
use crate::providers::{DeployBackend, ProviderError};
use async_trait::async_trait;
use memory::Memory;
use std::sync::Arc;

/// What a `[[github]]` table says about deploying.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GithubDeploySettings {
    /// `owner/name` of each repository.
    pub repos: Vec<String>,
    /// The workflow file (or id) dispatched to promote and roll back.
    pub deploy_workflow: Option<String>,
    /// The branch or tag whose workflow runs; default the repository's default branch.
    pub workflow_ref: Option<String>,
    /// Environments that need their name typed on top of those GitHub protects.
    pub protected: Vec<String>,
}

/// One configured repository.
struct Repo {
    /// The service name: the repository name, or `owner/name` when two repositories of the
    /// table share a name.
    service: String,
    /// `owner/name`.
    full: String,
    /// `/repos/{owner}/{name}` encoded; `None` when the name cannot be a URL path.
    base: Option<String>,
}

pub struct GithubDeploy {
    client: Arc<GithubClient>,
    repos: Vec<Repo>,
    deploy_workflow: Option<String>,
    workflow_ref: Option<String>,
    protected: Vec<String>,
    memory: Memory,
}

impl GithubDeploy {
    pub fn new(client: Arc<GithubClient>, settings: GithubDeploySettings) -> Self {
        let short = |full: &str| full.rsplit('/').next().unwrap_or(full).to_string();
        let repos = settings
            .repos
            .iter()
            .map(|full| {
                let name = short(full);
                let shared = settings.repos.iter().filter(|r| short(r) == name).count() > 1;
                let base = full.split_once('/').and_then(|(owner, repo)| {
                    Some(format!(
                        "/repos/{}/{}",
                        path_segment(owner)?,
                        path_segment(repo)?
                    ))
                });
                Repo {
                    service: if shared { full.clone() } else { name },
                    full: full.clone(),
                    base,
                }
            })
            .collect();
        Self {
            client,
            repos,
            deploy_workflow: settings.deploy_workflow,
            workflow_ref: settings.workflow_ref,
            protected: settings.protected,
            memory: Memory::default(),
        }
    }

    /// The repository serving `service`, by index.
    fn repo_of(&self, service: &str) -> Result<usize, ProviderError> {
        self.repos
            .iter()
            .position(|r| r.service == service)
            .ok_or_else(|| {
                let names: Vec<&str> = self.repos.iter().map(|r| r.service.as_str()).collect();
                ProviderError::NotFound(format!(
                    "{} has no repository named {service:?} (repos: {})",
                    self.client.service(),
                    names.join(", ")
                ))
            })
    }

    /// `value` as one URL path segment; `what` names it when it cannot be one ("..").
    fn segment(&self, what: &str, value: &str) -> Result<String, ProviderError> {
        path_segment(value).ok_or_else(|| {
            ProviderError::Rejected(format!(
                "{}: {what} {value:?} cannot be used in a URL",
                self.client.service()
            ))
        })
    }

    /// `/repos/{owner}/{name}` of repository `index`.
    fn base(&self, index: usize) -> Result<&str, ProviderError> {
        let repo = &self.repos[index];
        repo.base.as_deref().ok_or_else(|| {
            ProviderError::Rejected(format!(
                "{}: repos: {:?} cannot be used in a URL",
                self.client.service(),
                repo.full
            ))
        })
    }
}

#[async_trait]
impl DeployBackend for GithubDeploy {
    fn name(&self) -> &str {
        self.client.name()
    }

    fn deploys_refused(&self) -> Option<String> {
        self.deploy_workflow.is_none().then(|| self.no_workflow())
    }

    /// A watched GitHub deployment costs several requests per look (run, deployments,
    /// statuses); a deploy takes minutes, so every 5 s is plenty.
    fn watch_every(&self) -> Option<std::time::Duration> {
        Some(std::time::Duration::from_secs(5))
    }

    async fn services(&self) -> Result<Vec<Service>, ProviderError> {
        let reads = (0..self.repos.len()).map(|repo| self.service_of(repo));
        let found = futures::future::try_join_all(reads).await?;
        Ok(found.into_iter().flatten().collect())
    }

    async fn history(
        &self,
        service: &str,
        environment: &str,
        limit: usize,
    ) -> Result<Vec<Deployment>, ProviderError> {
        let repo = self.repo_of(service)?;
        self.history_of(repo, environment, limit).await
    }

    async fn deployment(&self, id: &DeploymentId) -> Result<Deployment, ProviderError> {
        match Ref::parse(id) {
            Some(Ref::Run(run)) => self.run_deployment(run).await,
            Some(Ref::Deployment(number)) => self.deployment_by_id(number).await,
            None => Err(ProviderError::NotFound(format!(
                "{} has no deployment {id}: its ids are numbers, or run:N for a workflow run",
                self.client.service()
            ))),
        }
    }

    /// GitHub takes no idempotency key: the dispatch is sent once and never retried, and
    /// the audit log keeps shipdeck's key.
    async fn promote(
        &self,
        request: &PromoteRequest,
        _key: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError> {
        self.dispatch_promote(request).await
    }

    async fn rollback(
        &self,
        request: &RollbackRequest,
        _key: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError> {
        self.dispatch_rollback(request).await
    }

    async fn cancel(&self, id: &DeploymentId) -> Result<Deployment, ProviderError> {
        self.cancel_run_of(id).await
    }

    async fn review(
        &self,
        deployment: &Deployment,
        approve: bool,
        comment: &str,
    ) -> Result<(), ProviderError> {
        self.review_run_of(deployment, approve, comment).await
    }
}

/// A deployment id as this backend hands them out.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ref {
    /// GitHub's own deployment id.
    Deployment(u64),
    /// A dispatched workflow run, followed to the deployment it makes.
    Run(u64),
}

impl Ref {
    fn parse(id: &DeploymentId) -> Option<Self> {
        match id.0.strip_prefix("run:") {
            Some(run) => run.parse().ok().map(Self::Run),
            None => id.0.parse().ok().map(Self::Deployment),
        }
    }
}

/// The id of the deployment a dispatched run stands for until it has made one.
fn run_ref(run: u64) -> DeploymentId {
    DeploymentId(format!("run:{run}"))
}
