//! Deployments of an environment with their latest statuses: what runs now, the history
//! with its commits, one deployment by id.

use super::GithubDeploy;
use super::changes::{self, MAX_CHANGES};
use super::dto::{CompareDto, DeploymentDto, PendingDto, StatusDto};
use super::map;
use crate::domain::deploy::{Change, DeployState, Deployment};
use crate::providers::ProviderError;
use futures::future::try_join_all;
use std::collections::{BTreeMap, BTreeSet};

/// Deployments read to find what an environment runs (the newest success may sit below a
/// few failures).
const CURRENT_SCAN: usize = 10;
/// Newest history entries that get their commits, one compare each.
const CHANGES_FOR: usize = 10;
/// Commits per compare page (GitHub lists them oldest first).
const COMPARE_PAGE: usize = 100;

impl GithubDeploy {
    /// Deployments newest first, of one environment and/or sha when given.
    pub(super) async fn deployment_list(
        &self,
        repo: usize,
        environment: Option<&str>,
        sha: Option<&str>,
        limit: usize,
    ) -> Result<Vec<DeploymentDto>, ProviderError> {
        let path = format!("{}/deployments", self.base(repo)?);
        let per_page = limit.clamp(1, 100).to_string();
        let mut query = vec![("per_page", per_page.as_str())];
        query.extend(environment.map(|e| ("environment", e)));
        query.extend(sha.map(|s| ("sha", s)));
        let found: Vec<DeploymentDto> = self.client.get_list(&path, &query, limit).await?;
        self.memory
            .learn_deployments(repo, found.iter().map(|d| d.id));
        Ok(found)
    }

    async fn latest_status(
        &self,
        repo: usize,
        id: u64,
    ) -> Result<Option<StatusDto>, ProviderError> {
        let path = format!("{}/deployments/{id}/statuses", self.base(repo)?);
        let newest: Vec<StatusDto> = self.client.get_list(&path, &[("per_page", "1")], 1).await?;
        Ok(newest.into_iter().next())
    }

    /// `dtos` with their latest statuses, read side by side (the client bounds how many at
    /// once).
    pub(super) async fn with_statuses(
        &self,
        repo: usize,
        dtos: &[DeploymentDto],
    ) -> Result<Vec<Deployment>, ProviderError> {
        let statuses = try_join_all(dtos.iter().map(|d| self.latest_status(repo, d.id))).await?;
        let service = &self.repos[repo].service;
        Ok(dtos
            .iter()
            .zip(statuses)
            .map(|(dto, status)| self.annotate(map::deployment(service, dto, status.as_ref())))
            .collect())
    }

    /// What environment `env` runs now (see `map::current`).
    pub(super) async fn current_of(
        &self,
        repo: usize,
        env: &str,
    ) -> Result<Option<Deployment>, ProviderError> {
        let dtos = self
            .deployment_list(repo, Some(env), None, CURRENT_SCAN)
            .await?;
        let Some(newest) = dtos.first() else {
            return Ok(None);
        };
        // Usually the newest decides alone, for one status read.
        let mut seen = self
            .with_statuses(repo, std::slice::from_ref(newest))
            .await?;
        let decided = seen[0].state.is_active() || seen[0].state == DeployState::Succeeded;
        if !decided {
            seen.extend(self.with_statuses(repo, &dtos[1..]).await?);
        }
        let Some(at) = map::current(&seen) else {
            return Ok(None);
        };
        let mut current = seen.swap_remove(at);
        self.mark_waiting(repo, std::slice::from_mut(&mut current))
            .await?;
        if current.state == DeployState::Waiting {
            // A reviewer is asked to approve it: say what it would bring (answers already
            // read are free again through their ETags).
            let older = self.with_statuses(repo, &dtos[1..]).await?;
            let base = older
                .iter()
                .find(|d| d.state == DeployState::Succeeded && d.revision != current.revision);
            if let Some(base) = base {
                current.changes = self
                    .compare(repo, &base.revision, &current.revision)
                    .await?;
            }
        }
        Ok(Some(current))
    }

    pub(super) async fn history_of(
        &self,
        repo: usize,
        env: &str,
        limit: usize,
    ) -> Result<Vec<Deployment>, ProviderError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let dtos = self.deployment_list(repo, Some(env), None, limit).await?;
        let mut history = self.with_statuses(repo, &dtos).await?;
        self.mark_waiting(repo, &mut history).await?;
        self.add_changes(repo, &mut history).await?;
        Ok(history)
    }

    /// GitHub's deployment `id`, in the repository it was seen in, else in each in turn.
    pub(super) async fn deployment_by_id(&self, id: u64) -> Result<Deployment, ProviderError> {
        let repos: Vec<usize> = match self.memory.deployment_repo(id) {
            Some(repo) => vec![repo],
            None => (0..self.repos.len()).collect(),
        };
        for &repo in &repos {
            let path = format!("{}/deployments/{id}", self.base(repo)?);
            match self.client.get::<DeploymentDto>(&path, &[]).await {
                Ok(dto) => {
                    self.memory.learn_deployments(repo, [dto.id]);
                    let mut found = self.with_statuses(repo, &[dto]).await?;
                    self.mark_waiting(repo, &mut found).await?;
                    return found
                        .pop()
                        .ok_or_else(|| self.client.decode_error(&path, "no deployment"));
                }
                Err(ProviderError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let searched: Vec<&str> = repos.iter().map(|&r| self.repos[r].full.as_str()).collect();
        Err(ProviderError::NotFound(format!(
            "{} has no deployment {id} in {}",
            self.client.service(),
            searched.join(", ")
        )))
    }

    /// The reviews run `run` waits for.
    pub(super) async fn pending(
        &self,
        repo: usize,
        run: &str,
    ) -> Result<Vec<PendingDto>, ProviderError> {
        let run = self.segment("a run id", run)?;
        let path = format!(
            "{}/actions/runs/{run}/pending_deployments",
            self.base(repo)?
        );
        self.client.get(&path, &[]).await
    }

    /// Queued deployments whose run waits for reviewers of their environment are `Waiting`.
    /// A run that is gone, or that the token may not see, leaves them queued.
    pub(super) async fn mark_waiting(
        &self,
        repo: usize,
        deployments: &mut [Deployment],
    ) -> Result<(), ProviderError> {
        let runs: BTreeSet<&str> = deployments
            .iter()
            .filter(|d| d.state == DeployState::Queued)
            .filter_map(|d| d.run_id.as_deref())
            .collect();
        let answers = answered_or_nothing(runs.iter().map(|run| self.pending(repo, run))).await?;
        let waiting: BTreeMap<String, Vec<String>> = runs
            .into_iter()
            .zip(answers)
            .map(|(run, pending)| {
                let envs = pending
                    .into_iter()
                    .filter_map(|p| p.environment.name.as_deref().map(map::line))
                    .collect();
                (run.to_string(), envs)
            })
            .collect();
        for d in deployments
            .iter_mut()
            .filter(|d| d.state == DeployState::Queued)
        {
            let run = d.run_id.as_ref().and_then(|r| waiting.get(r));
            if run.is_some_and(|envs| envs.contains(&d.environment)) {
                d.state = DeployState::Waiting;
            }
        }
        Ok(())
    }

    /// Commits each of the newest entries brought: from the next older successful
    /// deployment of another sha to its own.
    async fn add_changes(
        &self,
        repo: usize,
        history: &mut [Deployment],
    ) -> Result<(), ProviderError> {
        let pairs: Vec<(usize, String, String)> = (0..history.len().min(CHANGES_FOR))
            .filter_map(|i| {
                let head = &history[i];
                let base = history[i + 1..]
                    .iter()
                    .find(|d| d.state == DeployState::Succeeded && d.revision != head.revision)?;
                Some((i, base.revision.clone(), head.revision.clone()))
            })
            .collect();
        let reads = pairs
            .iter()
            .map(|(_, base, head)| self.compare(repo, base, head));
        let found = try_join_all(reads).await?;
        for ((i, ..), changes) in pairs.iter().zip(found) {
            history[*i].changes = changes;
        }
        Ok(())
    }

    /// The newest commits from `base` to `head`; none when GitHub no longer has one of them.
    async fn compare(
        &self,
        repo: usize,
        base: &str,
        head: &str,
    ) -> Result<Vec<Change>, ProviderError> {
        let range = self.segment("a commit range", &format!("{base}...{head}"))?;
        let path = format!("{}/compare/{range}", self.base(repo)?);
        let page = |n: usize| {
            let path = path.clone();
            async move {
                let (per_page, n) = (COMPARE_PAGE.to_string(), n.to_string());
                let query = [("per_page", per_page.as_str()), ("page", n.as_str())];
                self.client.get::<CompareDto>(&path, &query).await
            }
        };
        let mut first = match page(1).await {
            Ok(first) => first,
            Err(ProviderError::NotFound(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let total = first.total_commits;
        if total > first.commits.len() {
            // The newest commits are on the last page; the one before it too when the last
            // holds fewer than are shown.
            let last = total.div_ceil(COMPARE_PAGE);
            let short = total % COMPARE_PAGE;
            let mut commits = if short == 0 || short >= MAX_CHANGES {
                Vec::new()
            } else if last == 2 {
                std::mem::take(&mut first.commits)
            } else {
                page(last - 1).await?.commits
            };
            commits.extend(page(last).await?.commits);
            first.commits = commits;
        }
        Ok(changes::changes(&self.repos[repo].full, first))
    }
}

/// Every answer, where a run that is gone (404) or hidden from the token (403) counts as
/// waiting for nothing.
async fn answered_or_nothing<F>(
    reads: impl Iterator<Item = F>,
) -> Result<Vec<Vec<PendingDto>>, ProviderError>
where
    F: std::future::Future<Output = Result<Vec<PendingDto>, ProviderError>>,
{
    let answers = futures::future::join_all(reads).await;
    answers
        .into_iter()
        .map(|a| match a {
            Err(ProviderError::NotFound(_) | ProviderError::Forbidden(_)) => Ok(Vec::new()),
            other => other,
        })
        .collect()
}
