//! Promote and rollback: one `workflow_dispatch` of the deploy workflow with inputs
//! `environment` and `ref` (a sha), never retried since GitHub takes no idempotency key.

use super::dto::{DispatchedDto, RepoDto, RunsDto};
use super::memory::RunNote;
use super::{GithubDeploy, map, run_ref};
use crate::domain::deploy::{
    DeployKind, DeployState, Deployment, DeploymentId, PromoteRequest, RollbackRequest,
};
use crate::providers::{DeployBackend, ProviderError};
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use reqwest::header::DATE;

/// Deployments read to find the one a rollback returns to.
const ROLLBACK_SCAN: usize = 30;
/// Looks for the run a dispatch started, when GitHub did not say: it may take a moment to
/// appear.
const FIND_ATTEMPTS: u32 = 3;
const FIND_PAUSE: std::time::Duration = std::time::Duration::from_secs(1);

impl GithubDeploy {
    pub(super) async fn dispatch_promote(
        &self,
        request: &PromoteRequest,
    ) -> Result<Deployment, ProviderError> {
        let action = format!(
            "promote {} {} -> {}",
            request.service, request.from, request.to
        );
        let workflow = self.workflow(&action)?;
        let repo = self.repo_of(&request.service)?;
        let (sha, version) = match &request.revision {
            Some(revision) => (revision.clone(), None),
            None => {
                let current = self.current_of(repo, &request.from).await?.ok_or_else(|| {
                    ProviderError::Rejected(format!(
                        "{action}: {} runs nothing in {} to promote",
                        request.service, request.from
                    ))
                })?;
                (current.revision, current.version)
            }
        };
        let note = RunNote {
            repo,
            environment: request.to.clone(),
            sha,
            version,
            kind: DeployKind::Promote,
            from_environment: Some(request.from.clone()),
            rollback_of: None,
            reason: request.reason.clone(),
            deployment: None,
        };
        self.dispatch(&action, workflow, note).await
    }

    pub(super) async fn dispatch_rollback(
        &self,
        request: &RollbackRequest,
    ) -> Result<Deployment, ProviderError> {
        let env = &request.environment;
        let action = format!("rollback {} in {env}", request.service);
        let workflow = self.workflow(&action)?;
        let repo = self.repo_of(&request.service)?;
        let dtos = self
            .deployment_list(repo, Some(env), None, ROLLBACK_SCAN)
            .await?;
        let history = self.with_statuses(repo, &dtos).await?;
        let current = map::current(&history).map(|at| &history[at]);
        let target = match &request.to_deployment {
            Some(id) => match history.iter().find(|d| &d.id == id) {
                Some(found) => found.clone(),
                None => self.deployment(id).await?,
            },
            // The newest success before what runs now, of another revision (as the plan).
            None => current
                .and_then(|now| {
                    history.iter().find(|d| {
                        d.id != now.id
                            && d.created_at < now.created_at
                            && d.state == DeployState::Succeeded
                            && d.revision != now.revision
                    })
                })
                .cloned()
                .ok_or_else(|| {
                    ProviderError::Rejected(format!(
                        "{action}: no earlier successful deployment in the last {}",
                        history.len()
                    ))
                })?,
        };
        if target.service != request.service || &target.environment != env {
            return Err(ProviderError::Rejected(format!(
                "{action}: {} is a deployment of {} in {}",
                target.id, target.service, target.environment
            )));
        }
        if target.state != DeployState::Succeeded {
            return Err(ProviderError::Rejected(format!(
                "{action}: {} did not succeed; only a successful deployment can be returned to",
                target.id
            )));
        }
        let note = RunNote {
            repo,
            environment: env.clone(),
            sha: target.revision,
            version: target.version,
            kind: DeployKind::Rollback,
            from_environment: None,
            rollback_of: current.map(|d| d.id.clone()),
            reason: request.reason.clone(),
            deployment: None,
        };
        self.dispatch(&action, workflow, note).await
    }

    fn workflow(&self, action: &str) -> Result<&str, ProviderError> {
        self.deploy_workflow
            .as_deref()
            .ok_or_else(|| ProviderError::Rejected(format!("{action}: {}", self.no_workflow())))
    }

    /// Why promote and rollback are off for a table without `deploy_workflow`.
    pub(super) fn no_workflow(&self) -> String {
        format!(
            "the [[github]] table {:?} has no deploy_workflow, so its deployments are \
             read-only (set deploy_workflow to the workflow file that deploys, e.g. \
             \"deploy.yml\")",
            self.client.name()
        )
    }

    /// Sends the dispatch and returns the run it started as a queued deployment.
    async fn dispatch(
        &self,
        action: &str,
        workflow: &str,
        note: RunNote,
    ) -> Result<Deployment, ProviderError> {
        let base = self.base(note.repo)?;
        let workflow = self.segment("deploy_workflow", workflow)?;
        let git_ref = match &self.workflow_ref {
            Some(r) => r.clone(),
            None => {
                let repo: RepoDto = self.client.get(base, &[]).await?;
                repo.default_branch
            }
        };
        let path = format!("{base}/actions/workflows/{workflow}/dispatches");
        let body = serde_json::json!({
            "ref": git_ref,
            "inputs": { "environment": note.environment, "ref": note.sha },
            "return_run_details": true,
        });
        let sent_at = Utc::now();
        let reply = match self.client.send(Method::POST, &path, Some(&body)).await {
            Ok(reply) => reply,
            Err(e @ (ProviderError::Network { .. } | ProviderError::Server { .. })) => {
                return Err(ProviderError::UnknownOutcome {
                    action: action.to_string(),
                    detail: format!(
                        "{e}; GitHub takes no idempotency key, so it was not sent again"
                    ),
                });
            }
            Err(e) => return Err(e),
        };
        // 200 names the run; a server that ignores return_run_details answers 204.
        let named = serde_json::from_slice::<DispatchedDto>(&reply.body)
            .ok()
            .map(|d| d.workflow_run_id);
        let run = match named {
            Some(run) => Some(run),
            None => {
                let since = server_time(&reply.headers).unwrap_or(sent_at);
                self.find_dispatched(note.repo, &workflow, since).await
            }
        };
        let Some(run) = run else {
            tracing::warn!(%action, "GitHub did not say which run the dispatch started");
            let id = DeploymentId(format!(
                "dispatch:{}",
                note.sha.chars().take(7).collect::<String>()
            ));
            return Ok(self.planned(&note, id, DeployState::Unknown, None, sent_at));
        };
        self.memory.learn_run(run, note.clone());
        Ok(self.planned(&note, run_ref(run), DeployState::Queued, Some(run), sent_at))
    }

    /// The newest `workflow_dispatch` run of `workflow` created at or after `since`. It
    /// is a guess (another dispatch at the same moment looks alike), so failures to look
    /// only leave the deployment without a run.
    async fn find_dispatched(
        &self,
        repo: usize,
        workflow: &str,
        since: DateTime<Utc>,
    ) -> Option<u64> {
        let base = self.base(repo).ok()?;
        let path = format!("{base}/actions/workflows/{workflow}/runs");
        let query = [("event", "workflow_dispatch"), ("per_page", "5")];
        // GitHub stamps whole seconds, and the run may be stamped just before the answer.
        let since = since - Duration::seconds(2);
        for attempt in 1..=FIND_ATTEMPTS {
            match self.client.get::<RunsDto>(&path, &query).await {
                Ok(page) => {
                    let found = page.workflow_runs.iter().find(|r| r.created_at >= since);
                    if let Some(run) = found {
                        return Some(run.id);
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot list the runs of the deploy workflow");
                    return None;
                }
            }
            if attempt < FIND_ATTEMPTS {
                tokio::time::sleep(FIND_PAUSE).await;
            }
        }
        None
    }
}

/// The answer's `Date`: GitHub's clock, which stamps the run.
fn server_time(headers: &reqwest::header::HeaderMap) -> Option<DateTime<Utc>> {
    let date = headers.get(DATE)?.to_str().ok()?;
    DateTime::parse_from_rfc2822(date)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}
