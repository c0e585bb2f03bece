//! GitHub Actions as a `CiProvider`: the workflow runs of the table's repositories, their
//! jobs with steps, whole job logs sliced by offset, re-running failed jobs and cancelling.

/// A reply shaped like GitHub's, from tests/fixtures/github/actions, for the mapping tests.
#[cfg(test)]
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/github/actions/",
            $name
        ))
    };
}

mod dto;
#[cfg(test)]
mod fuzz_tests;
mod logs;
mod map;
mod repos;

pub use logs::WAITING;

use super::GithubClient;
use crate::domain::pipeline::{LogChunk, Run};
use crate::providers::{CiProvider, ProviderError};
use async_trait::async_trait;
use dto::{JobsPage, RunDto, RunsPage};
use logs::Kept;
use repos::{Known, Repo, number};
use reqwest::Method;
use std::cmp::Reverse;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// Every poll of a running job's log costs two requests of the hourly budget.
const LOG_POLL: Duration = Duration::from_secs(10);
/// GitHub's largest page.
const PER_PAGE: usize = 100;
/// Jobs read of one run: a matrix has at most 256, a run a few of them.
const MAX_JOBS: usize = 1000;

pub struct GithubActions {
    client: Arc<GithubClient>,
    repos: Vec<Repo>,
    known: Known,
    kept: Kept,
    log_poll: Duration,
}

impl GithubActions {
    /// `repos` are the table's `owner/name` entries; the config refuses malformed ones, and
    /// any that still are cannot be asked for and are left out with a warning.
    pub fn new(client: Arc<GithubClient>, repos: Vec<String>) -> Self {
        let repos = repos
            .iter()
            .filter_map(|full| {
                let repo = Repo::parse(full);
                if repo.is_none() {
                    tracing::warn!(github = %client.name(), repo = %full, "not owner/name; its runs are not read");
                }
                repo
            })
            .collect();
        Self {
            client,
            repos,
            known: Known::default(),
            kept: Kept::default(),
            log_poll: LOG_POLL,
        }
    }

    /// Replaces the pause between polls of a log that has nothing new (tests use a short one).
    pub fn with_log_poll(mut self, every: Duration) -> Self {
        self.log_poll = every;
        self
    }

    /// "acme/payments, acme/ledger", for messages.
    fn listed(&self) -> String {
        if self.repos.is_empty() {
            return "its repos (none are configured)".into();
        }
        let names: Vec<&str> = self.repos.iter().map(|r| r.full.as_str()).collect();
        names.join(", ")
    }

    /// Up to `limit` runs of one repository, newest first, each remembered as its own.
    async fn runs_of(&self, at: usize, limit: usize) -> Result<Vec<Run>, ProviderError> {
        let repo = &self.repos[at];
        let per_page = limit.min(PER_PAGE).to_string();
        let path = format!("{}/actions/runs", repo.path);
        let query = [("per_page", per_page.as_str())];
        let found = self
            .client
            .get_list_in(&path, &query, limit, |page: RunsPage| page.workflow_runs)
            .await?;
        Ok(found
            .into_iter()
            .map(|dto| {
                self.known.remember(dto.id, at);
                map::run(dto, &repo.name)
            })
            .collect())
    }

    /// `fetch` from the repository `run` is known to belong to, else from each in turn
    /// until one has it (404 means "not here"). `None` when none has it.
    async fn locate<'a, T, F, Fut>(
        &'a self,
        run: u64,
        fetch: F,
    ) -> Result<Option<(&'a Repo, T)>, ProviderError>
    where
        F: Fn(&'a Repo) -> Fut,
        Fut: Future<Output = Result<T, ProviderError>>,
    {
        if let Some(at) = self.known.get(run) {
            let repo = &self.repos[at];
            match fetch(repo).await {
                Err(ProviderError::NotFound(_)) => self.known.forget(run),
                found => return found.map(|value| Some((repo, value))),
            }
        }
        for (at, repo) in self.repos.iter().enumerate() {
            match fetch(repo).await {
                Ok(value) => {
                    self.known.remember(run, at);
                    return Ok(Some((repo, value)));
                }
                Err(ProviderError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    async fn run_in(&self, repo: &Repo, run: u64) -> Result<RunDto, ProviderError> {
        let path = format!("{}/actions/runs/{run}", repo.path);
        self.client.get(&path, &[]).await
    }

    /// The run `id` with the repository it is in.
    async fn find_run(&self, id: &str) -> Result<(&Repo, RunDto), ProviderError> {
        let run = number(self.client.service(), "run", id)?;
        let found = self.locate(run, |repo| self.run_in(repo, run)).await?;
        found.ok_or_else(|| self.no_run(run))
    }

    fn no_run(&self, run: u64) -> ProviderError {
        ProviderError::NotFound(format!(
            "{}: no run {run} in {}",
            self.client.service(),
            self.listed()
        ))
    }

    /// A POST to `/actions/runs/{id}/{verb}` in the run's repository, asked for only when
    /// the run was not listed before; GitHub's refusal reaches the user in its own words.
    async fn act(&self, id: &str, verb: &str) -> Result<(), ProviderError> {
        let run = number(self.client.service(), "run", id)?;
        let repo = match self.known.get(run) {
            Some(at) => &self.repos[at],
            None => self.find_run(id).await?.0,
        };
        let path = format!("{}/actions/runs/{run}/{verb}", repo.path);
        self.client.send(Method::POST, &path, None::<&()>).await?;
        Ok(())
    }
}

#[async_trait]
impl CiProvider for GithubActions {
    async fn run(&self, id: &str) -> Result<Run, ProviderError> {
        let (repo, dto) = self.find_run(id).await?;
        let path = format!("{}/actions/runs/{}/jobs", repo.path, dto.id);
        let per_page = PER_PAGE.to_string();
        let query = [("per_page", per_page.as_str()), ("filter", "latest")];
        let jobs = self
            .client
            .get_list_in(&path, &query, MAX_JOBS, |page: JobsPage| page.jobs)
            .await?;
        let mut run = map::run(dto, &repo.name);
        run.jobs = jobs.into_iter().map(map::job).collect();
        Ok(run)
    }

    /// `service` is a repository's name ("payments" for acme/payments); one the table does
    /// not list has no runs here.
    async fn runs(&self, service: Option<&str>, limit: usize) -> Result<Vec<Run>, ProviderError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let chosen = (0..self.repos.len()).filter(|&at| {
            service.is_none_or(|name| self.repos[at].name.eq_ignore_ascii_case(name))
        });
        let lists = futures::future::try_join_all(chosen.map(|at| self.runs_of(at, limit))).await?;
        let mut runs: Vec<Run> = lists.into_iter().flatten().collect();
        // Newest first across repositories; equal starts by id, runs without one last.
        runs.sort_by_key(|run| Reverse((run.created_at, run.id.parse::<u64>().ok())));
        runs.truncate(limit);
        Ok(runs)
    }

    async fn log(&self, run: &str, job: &str, offset: u64) -> Result<LogChunk, ProviderError> {
        self.read_log(run, job, offset).await
    }

    fn log_poll(&self) -> Option<Duration> {
        Some(self.log_poll)
    }

    fn controls_runs(&self) -> bool {
        true
    }

    async fn rerun_failed(&self, run: &str) -> Result<(), ProviderError> {
        self.act(run, "rerun-failed-jobs").await
    }

    async fn cancel_run(&self, run: &str) -> Result<(), ProviderError> {
        self.act(run, "cancel").await
    }
}
