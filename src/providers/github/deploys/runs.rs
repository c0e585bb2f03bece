//! Deployments seen through the workflow runs that make them: following a dispatched run
//! (`run:N`) to its deployment, cancelling a deployment's run, reviewing a waiting one.

use super::dto::{DeploymentDto, RunDto};
use super::memory::RunNote;
use super::{GithubDeploy, Ref, map, run_ref};
use crate::domain::deploy::{DeployState, Deployment, DeploymentId};
use crate::providers::{DeployBackend, ProviderError};
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;

/// Deployments searched for the one a run made.
const MADE_SCAN: usize = 10;

impl GithubDeploy {
    /// Adds what shipdeck knows from dispatching `d`'s run and GitHub does not record.
    pub(super) fn annotate(&self, mut d: Deployment) -> Deployment {
        let note = d
            .run_id
            .as_deref()
            .and_then(|r| r.parse().ok())
            .and_then(|r| self.memory.run(r))
            .filter(|n| n.environment == d.environment);
        if let Some(note) = note {
            d.kind = note.kind;
            d.from_environment = note.from_environment;
            d.rollback_of = note.rollback_of;
            d.version = d.version.or(note.version);
            d.reason = d.reason.or(note.reason);
        }
        d
    }

    /// The deployment a dispatch is meant to make, before GitHub has made it.
    pub(super) fn planned(
        &self,
        note: &RunNote,
        id: DeploymentId,
        state: DeployState,
        run: Option<u64>,
        created_at: DateTime<Utc>,
    ) -> Deployment {
        Deployment {
            id,
            service: self.repos[note.repo].service.clone(),
            environment: note.environment.clone(),
            revision: note.sha.clone(),
            version: note.version.clone(),
            kind: note.kind,
            state,
            from_environment: note.from_environment.clone(),
            rollback_of: note.rollback_of.clone(),
            created_at,
            finished_at: None,
            by: None,
            reason: note.reason.clone(),
            run_id: run.map(|r| r.to_string()),
            changes: Vec::new(),
        }
    }

    /// `run:N`: the deployment run N made; until it has made one, the run itself (when
    /// shipdeck dispatched it), so a watch follows the run to its end.
    pub(super) async fn run_deployment(&self, run: u64) -> Result<Deployment, ProviderError> {
        let note = self.memory.run(run);
        let (repo, dto) = self.find_run(run, note.as_ref().map(|n| n.repo)).await?;
        let by_run = map::run_state(&dto);
        let made = match note.as_ref().and_then(|n| n.deployment) {
            Some(id) => Some(self.deployment_by_id(id).await?),
            None => self.made_by(repo, &dto, note.as_ref()).await?,
        };
        let Some(mut d) = made else {
            let Some(note) = note else {
                return Err(ProviderError::NotFound(format!(
                    "{}: workflow run {run} has made no deployment yet",
                    self.client.service()
                )));
            };
            let mut d = self.planned(&note, run_ref(run), by_run, Some(run), dto.created_at);
            d.finished_at = (!by_run.is_active()).then_some(dto.updated_at).flatten();
            return Ok(d);
        };
        if let Ok(id) = d.id.0.parse() {
            self.memory.link_run(run, id);
        }
        // A run can end without its deployment's status saying so (cancelled mid-way).
        if d.state.is_active() && !by_run.is_active() {
            d.state = by_run;
            d.finished_at = dto.updated_at;
        } else if d.state == DeployState::Queued && by_run == DeployState::Waiting {
            d.state = DeployState::Waiting;
        }
        Ok(d)
    }

    /// Run `run` in repository `hint`, else in each repository in turn.
    async fn find_run(
        &self,
        run: u64,
        hint: Option<usize>,
    ) -> Result<(usize, RunDto), ProviderError> {
        let repos: Vec<usize> = match hint {
            Some(repo) => vec![repo],
            None => (0..self.repos.len()).collect(),
        };
        for &repo in &repos {
            let path = format!("{}/actions/runs/{run}", self.base(repo)?);
            match self.client.get::<RunDto>(&path, &[]).await {
                Ok(dto) => return Ok((repo, dto)),
                Err(ProviderError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let searched: Vec<&str> = repos.iter().map(|&r| self.repos[r].full.as_str()).collect();
        Err(ProviderError::NotFound(format!(
            "{} has no workflow run {run} in {}",
            self.client.service(),
            searched.join(", ")
        )))
    }

    /// The deployment whose statuses point at `run`, among those made since it began (of
    /// the environment and sha it was dispatched for, when shipdeck dispatched it).
    async fn made_by(
        &self,
        repo: usize,
        run: &RunDto,
        note: Option<&RunNote>,
    ) -> Result<Option<Deployment>, ProviderError> {
        let env = note.map(|n| n.environment.as_str());
        // GitHub filters by the whole sha only.
        let sha = note
            .map(|n| n.sha.as_str())
            .filter(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()));
        let since = run.created_at - Duration::seconds(2);
        let recent: Vec<DeploymentDto> = self
            .deployment_list(repo, env, sha, MADE_SCAN)
            .await?
            .into_iter()
            .filter(|d| d.created_at >= since)
            .collect();
        let wanted = run.id.to_string();
        let found = self.with_statuses(repo, &recent).await?;
        Ok(found
            .into_iter()
            .find(|d| d.run_id.as_deref() == Some(wanted.as_str())))
    }

    /// Cancels the run of deployment `id` and reads the deployment again.
    pub(super) async fn cancel_run_of(
        &self,
        id: &DeploymentId,
    ) -> Result<Deployment, ProviderError> {
        let (repo, run) = match Ref::parse(id) {
            Some(Ref::Run(run)) => {
                let hint = self.memory.run(run).map(|n| n.repo);
                (self.find_run(run, hint).await?.0, run)
            }
            Some(Ref::Deployment(_)) | None => {
                let d = self.deployment(id).await?;
                let run = d.run_id.as_deref().and_then(|r| r.parse().ok());
                let run = run.ok_or_else(|| {
                    ProviderError::Rejected(format!(
                        "deployment {id} names no workflow run, so there is nothing to cancel"
                    ))
                })?;
                (self.repo_of(&d.service)?, run)
            }
        };
        let path = format!("{}/actions/runs/{run}/cancel", self.base(repo)?);
        self.client.send(Method::POST, &path, None::<&()>).await?;
        self.deployment(id).await
    }

    /// Approves or rejects the reviews `deployment`'s run waits for in its environment.
    pub(super) async fn review_run_of(
        &self,
        deployment: &Deployment,
        approve: bool,
        comment: &str,
    ) -> Result<(), ProviderError> {
        let repo = self.repo_of(&deployment.service)?;
        let id = &deployment.id;
        let env = &deployment.environment;
        let run = match (&deployment.run_id, Ref::parse(id)) {
            (Some(run), _) => run.clone(),
            (None, Some(Ref::Run(run))) => run.to_string(),
            (None, _) => {
                return Err(ProviderError::Rejected(format!(
                    "deployment {id} names no workflow run, so there is nothing to review"
                )));
            }
        };
        let pending = self.pending(repo, &run).await?;
        let mine: Vec<_> = pending
            .iter()
            .filter(|p| p.environment.name.as_deref().map(map::line).as_ref() == Some(env))
            .collect();
        if mine.is_empty() {
            return Err(ProviderError::Conflict(format!(
                "deployment {id} is no longer waiting for review"
            )));
        }
        if mine.iter().any(|p| !p.current_user_can_approve) {
            return Err(ProviderError::Forbidden(format!(
                "you are not a required reviewer of {env}"
            )));
        }
        let run = self.segment("a run id", &run)?;
        let path = format!(
            "{}/actions/runs/{run}/pending_deployments",
            self.base(repo)?
        );
        let body = serde_json::json!({
            "environment_ids": mine.iter().map(|p| p.environment.id).collect::<Vec<_>>(),
            "state": if approve { "approved" } else { "rejected" },
            "comment": comment,
        });
        self.client.send(Method::POST, &path, Some(&body)).await?;
        Ok(())
    }
}
