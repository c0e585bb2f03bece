//! Services: each repository's environments with their protection and what each runs.

use super::GithubDeploy;
use super::dto::{BranchPoliciesDto, EnvironmentDto, EnvironmentsDto};
use super::environments::{self, Branches};
use crate::domain::deploy::{Environment, Service};
use crate::providers::ProviderError;

/// GitHub allows far fewer environments per repository than this.
const MAX_ENVIRONMENTS: usize = 100;
/// Branch patterns shown per environment.
const MAX_PATTERNS: usize = 20;

impl GithubDeploy {
    /// Repository `repo` as a service; `None` when it has no environments (CI only).
    pub(super) async fn service_of(&self, repo: usize) -> Result<Option<Service>, ProviderError> {
        let path = format!("{}/environments", self.base(repo)?);
        let per_page = MAX_ENVIRONMENTS.to_string();
        let mut found: Vec<EnvironmentDto> = self
            .client
            .get_list_in(
                &path,
                &[("per_page", &per_page)],
                MAX_ENVIRONMENTS,
                |page: EnvironmentsDto| page.environments,
            )
            .await?;
        if found.is_empty() {
            return Ok(None);
        }
        environments::order(&mut found, |e| &e.name);
        let reads = found.iter().map(|dto| self.environment_of(repo, dto));
        let environments = futures::future::try_join_all(reads).await?;
        let repo = &self.repos[repo];
        Ok(Some(Service {
            name: repo.service.clone(),
            repo: Some(repo.full.clone()),
            environments,
        }))
    }

    async fn environment_of(
        &self,
        repo: usize,
        dto: &EnvironmentDto,
    ) -> Result<Environment, ProviderError> {
        let branches = match Branches::of(dto) {
            Branches::Patterns(None) => self.branch_patterns(repo, &dto.name).await?,
            other => other,
        };
        let current = self.current_of(repo, &dto.name).await?;
        Ok(environments::environment(
            dto,
            &branches,
            &self.protected,
            current,
        ))
    }

    /// The custom branch and tag patterns of an environment. Reading them may need more
    /// rights than reading deployments: without them the rule is still said, unnamed.
    async fn branch_patterns(&self, repo: usize, env: &str) -> Result<Branches, ProviderError> {
        let segment = self.segment("the environment name", env)?;
        let path = format!(
            "{}/environments/{segment}/deployment-branch-policies",
            self.base(repo)?
        );
        let per_page = MAX_PATTERNS.to_string();
        let read = self
            .client
            .get_list_in(
                &path,
                &[("per_page", &per_page)],
                MAX_PATTERNS,
                |page: BranchPoliciesDto| page.branch_policies,
            )
            .await;
        match read {
            Ok(patterns) => Ok(Branches::Patterns(Some(patterns))),
            Err(ProviderError::Forbidden(_) | ProviderError::NotFound(_)) => {
                Ok(Branches::Patterns(None))
            }
            Err(e) => Err(e),
        }
    }
}
