//! All network work. The UI loop sends `Request`s and receives `SyncEvent`s; it never awaits
//! HTTP itself.

mod actions;
mod budget;
mod deploys;
mod engine;
mod pipelines;
mod sprints;

pub use budget::forward_budget;
pub use deploys::DeployLink;
pub use engine::{Engine, Providers, patient, spawn};
pub use pipelines::{Backlog, TailTiming, save_log, tail_log};

use crate::domain::deploy::{
    Deployment, DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest, Service,
};
use crate::domain::pipeline::{Run, RunAction, TailState};
use crate::domain::sprint::SprintData;
use crate::domain::{Arrival, Board, Column, IssueKey, Person, RateBudget, Sprint};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// What the loop asks of the network.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    FetchBoard,
    FetchMyself,
    MoveCard {
        key: IssueKey,
        to: Column,
    },
    /// Services and environments of every deploy backend.
    FetchDeploys,
    FetchHistory {
        backend: usize,
        service: String,
        environment: String,
    },
    /// A confirmed promote, rollback or cancel: audited, then sent with `key` on every retry.
    Deploy {
        backend: usize,
        action: DeployAction,
        key: IdempotencyKey,
    },
    /// Recent pipeline runs of every backend that serves them.
    FetchRuns,
    /// One run with its jobs and steps (polled while it runs).
    FetchRun {
        backend: usize,
        run_id: String,
    },
    /// Stream a job's log from `offset` (SSE where offered, else polling), resuming after a
    /// dropped connection; replaces any earlier tail.
    TailLog {
        backend: usize,
        run_id: String,
        job_id: String,
        offset: u64,
    },
    StopTail,
    /// Re-read the whole log from the server (the viewer may have dropped old lines) into `path`.
    SaveLog {
        backend: usize,
        run_id: String,
        job_id: String,
        path: std::path::PathBuf,
    },
    /// A confirmed re-run or cancel of a pipeline run: audited, sent, then the run read again.
    RunAction {
        backend: usize,
        run_id: String,
        action: RunAction,
    },
    /// A confirmed approval or rejection of a deployment that waits for reviewers: audited,
    /// sent, then the backend's services read again. Boxed: far larger than other requests.
    Review {
        backend: usize,
        deployment: Box<Deployment>,
        approve: bool,
        comment: String,
    },
    /// The board's active, future and recent closed sprints.
    FetchSprints,
    /// One sprint with the history of its issues; replaces a read of another sprint still
    /// in flight.
    FetchSprint {
        id: u64,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum DeployAction {
    Promote(PromoteRequest),
    Rollback(RollbackRequest),
    Cancel {
        service: String,
        environment: String,
        id: DeploymentId,
    },
}

/// What happened, reported in the past tense.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncEvent {
    SyncStarted,
    /// Part of a board's first pages: shown until the whole board is loaded.
    BoardArriving {
        board: Board,
        arrival: Arrival,
    },
    BoardLoaded {
        board: Board,
        at: DateTime<Utc>,
    },
    MyselfLoaded(Person),
    CardMoved {
        key: IssueKey,
    },
    MoveFailed {
        key: IssueKey,
        error: String,
    },
    /// A fetch failed; the last data stays on screen.
    SyncFailed {
        error: String,
    },
    /// A 429: the engine waits this long before trying again.
    Waiting {
        retry_after: Duration,
    },
    DeploysLoaded {
        backend: usize,
        services: Vec<Service>,
        at: DateTime<Utc>,
    },
    DeploysFailed {
        backend: usize,
        error: String,
    },
    HistoryLoaded {
        backend: usize,
        service: String,
        environment: String,
        deployments: Vec<Deployment>,
    },
    HistoryFailed {
        backend: usize,
        service: String,
        environment: String,
        error: String,
    },
    /// The backend took the action and created (or, on a repeated key, returned) this deployment.
    ActionAccepted {
        key: IdempotencyKey,
        backend: usize,
        deployment: Deployment,
    },
    ActionFailed {
        key: IdempotencyKey,
        error: String,
    },
    DeploymentUpdated {
        backend: usize,
        deployment: Deployment,
    },
    RunsLoaded {
        backend: usize,
        runs: Vec<Run>,
        at: DateTime<Utc>,
    },
    RunsFailed {
        backend: usize,
        error: String,
    },
    RunLoaded {
        backend: usize,
        run: Run,
    },
    /// Raw log bytes of a tailed job, in order, each byte exactly once.
    LogBytes {
        run_id: String,
        job_id: String,
        bytes: Vec<u8>,
    },
    TailChanged {
        run_id: String,
        job_id: String,
        tail: TailState,
    },
    LogSaved {
        path: std::path::PathBuf,
        bytes: u64,
    },
    SaveFailed {
        error: String,
    },
    /// Polling a deployment failed for good; its outcome must be read from the history.
    WatchLost {
        backend: usize,
        id: DeploymentId,
        error: String,
    },
    /// The backend took a re-run or cancel of a run (the run is read again after).
    RunActionDone {
        backend: usize,
        run_id: String,
        action: RunAction,
    },
    RunActionFailed {
        backend: usize,
        run_id: String,
        action: RunAction,
        error: String,
    },
    /// The backend took the review of a waiting deployment (its services are read again).
    Reviewed {
        backend: usize,
        id: DeploymentId,
        approve: bool,
    },
    ReviewFailed {
        backend: usize,
        id: DeploymentId,
        error: String,
    },
    /// A provider's request budget as its last answer told it.
    BudgetChanged(RateBudget),
    SprintsLoaded {
        sprints: Vec<Sprint>,
    },
    /// Boxed: far larger than every other event.
    SprintLoaded {
        data: Box<SprintData>,
    },
    /// `sprint` is None when the list could not be read.
    SprintFailed {
        sprint: Option<u64>,
        error: String,
    },
}
