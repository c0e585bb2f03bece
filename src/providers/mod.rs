//! Vendors behind traits. Each vendor module keeps its wire types (`dto`) private and maps
//! them into `crate::domain` (`map`).

pub mod deploy;
pub mod error;
#[cfg(test)]
mod fuzz_json;
pub mod github;
pub mod http;
pub mod jira;
mod log_stream;

pub use error::ProviderError;
pub use log_stream::{LogEvent, LogStream};

use crate::domain::deploy::{
    Deployment, DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest, Service,
};
use crate::domain::pipeline::{LogChunk, Run};
use crate::domain::sprint::SprintData;
use crate::domain::{Arrival, Board, Column, IssueKey, Person, Sprint};
use async_trait::async_trait;

/// Where the cards come from: Jira today, GitHub Projects later.
#[async_trait]
pub trait IssueTracker: Send + Sync {
    /// The board with its columns, WIP limits and the cards it shows.
    async fn load_board(&self) -> Result<Board, ProviderError>;

    /// The board as `load_board` gives it, showing the board so far to `arrived` while its
    /// pages come in, so a big board's first frame need not wait for its last page. A tracker
    /// that loads in one answer shows nothing early.
    async fn load_board_arriving(
        &self,
        arrived: &(dyn Fn(Board, Arrival) + Send + Sync),
    ) -> Result<Board, ProviderError> {
        let _ = arrived;
        self.load_board().await
    }

    /// The user the token belongs to ("only mine").
    async fn myself(&self) -> Result<Person, ProviderError>;

    /// Moves a card into `to` with a workflow transition whose target status is one of the
    /// column's statuses; never chosen by name.
    async fn move_issue(&self, key: &IssueKey, to: &Column) -> Result<(), ProviderError>;

    /// The board's recent closed sprints (oldest first), then the active and future ones;
    /// empty for a kanban board.
    async fn sprints(&self) -> Result<Vec<Sprint>, ProviderError>;

    /// One sprint with the history of every issue that was ever in it and the velocity of
    /// the sprints closed before it.
    async fn sprint_data(&self, sprint: u64) -> Result<SprintData, ProviderError>;
}

/// A deploy backend: the shipdeck deploy protocol today; Argo CD and GitHub later map onto the
/// same verbs (sync to a revision, roll back to a history entry).
#[async_trait]
pub trait DeployBackend: Send + Sync {
    /// How the backend is shown (the config's `name`).
    fn name(&self) -> &str;

    /// Why this backend cannot promote or roll back at all (a GitHub table without
    /// `deploy_workflow`), checked before a plan is shown; `None` when it can.
    fn deploys_refused(&self) -> Option<String> {
        None
    }

    /// How long to wait between polls of a deployment being watched; `None` for the engine's
    /// own pace. Backends that count every request (GitHub) poll slower.
    fn watch_every(&self) -> Option<std::time::Duration> {
        None
    }

    /// Services with their environments in promotion order and what each runs now.
    async fn services(&self) -> Result<Vec<Service>, ProviderError>;

    /// Deployments of one environment, newest first.
    async fn history(
        &self,
        service: &str,
        environment: &str,
        limit: usize,
    ) -> Result<Vec<Deployment>, ProviderError>;

    async fn deployment(&self, id: &DeploymentId) -> Result<Deployment, ProviderError>;

    /// Writes carry `key`; retries of one action re-send the same key, so the server deploys
    /// once. After the retry bound the error is `UnknownOutcome`.
    async fn promote(
        &self,
        request: &PromoteRequest,
        key: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError>;

    async fn rollback(
        &self,
        request: &RollbackRequest,
        key: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError>;

    async fn cancel(&self, id: &DeploymentId) -> Result<Deployment, ProviderError>;

    /// Approves or rejects a deployment that waits for reviewers (`DeployState::Waiting`).
    async fn review(
        &self,
        deployment: &Deployment,
        approve: bool,
        comment: &str,
    ) -> Result<(), ProviderError> {
        let _ = (deployment, approve, comment);
        Err(ProviderError::Rejected(format!(
            "{} has no deployment reviews",
            self.name()
        )))
    }
}

/// Pipeline runs and their logs: the deploy protocol's `/v1/runs` today, GitHub Actions later.
#[async_trait]
pub trait CiProvider: Send + Sync {
    async fn run(&self, id: &str) -> Result<Run, ProviderError>;

    /// Up to `limit` runs, newest first, of one service or of all.
    async fn runs(&self, service: Option<&str>, limit: usize) -> Result<Vec<Run>, ProviderError>;

    /// The log of one job from byte `offset` to what exists now.
    async fn log(&self, run: &str, job: &str, offset: u64) -> Result<LogChunk, ProviderError>;

    /// The log of one job pushed from byte `offset` as it grows; `None` when the server
    /// offers no stream (callers then poll `log`).
    async fn stream_log(
        &self,
        _run: &str,
        _job: &str,
        _offset: u64,
    ) -> Result<Option<LogStream>, ProviderError> {
        Ok(None)
    }

    /// How long a tail waits between polls of a log that had nothing new; `None` for the
    /// tail's own pace. Providers that count every request (GitHub) poll slower.
    fn log_poll(&self) -> Option<std::time::Duration> {
        None
    }

    /// Whether `rerun_failed` and `cancel_run` do anything here (the keys are shown only then).
    fn controls_runs(&self) -> bool {
        false
    }

    /// Runs the failed jobs of a finished run again.
    async fn rerun_failed(&self, run: &str) -> Result<(), ProviderError> {
        Err(ProviderError::Rejected(format!(
            "run {run}: this backend cannot re-run jobs"
        )))
    }

    /// Cancels a queued or running run.
    async fn cancel_run(&self, run: &str) -> Result<(), ProviderError> {
        Err(ProviderError::Rejected(format!(
            "run {run}: this backend cannot cancel runs"
        )))
    }
}
