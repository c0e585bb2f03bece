//! The sync engine: one task that owns the providers, runs requests off the UI thread,
//! keeps one board fetch in flight at a time and waits out rate limits.

use super::deploys::{self, DeployLink};
use super::pipelines::Backlog;
use super::{Request, SyncEvent, actions, budget, pipelines, sprints};
use crate::audit::AuditLog;
use crate::domain::RateBudget;
use crate::providers::{IssueTracker, ProviderError};
use chrono::Utc;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often a rate-limited request is retried before the error is shown.
const RATE_LIMIT_RETRIES: usize = 3;

/// The loop's handle: requests go in, `SyncEvent`s come out of the receiver `spawn` gave.
#[derive(Clone)]
pub struct Engine {
    requests: UnboundedSender<Request>,
    /// Log bytes sent to the loop and not yet taken in: a tail waits when it grows too big.
    backlog: Backlog,
}

impl Engine {
    pub fn send(&self, request: Request) {
        // A closed engine means the app is shutting down; nothing left to tell.
        let _ = self.requests.send(request);
    }

    /// The loop took in a `LogBytes` event of `bytes` bytes.
    pub fn log_taken(&self, bytes: usize) {
        self.backlog.consumed(bytes);
    }
}

/// What the engine talks to.
#[derive(Clone, Default)]
pub struct Providers {
    pub tracker: Option<Arc<dyn IssueTracker>>,
    pub deploys: Vec<DeployLink>,
    /// Where confirmed deploy actions are recorded; without it they are refused.
    pub audit: Option<Arc<AuditLog>>,
    /// Request budgets the providers publish (one per GitHub table), shown when low.
    pub budgets: Vec<watch::Receiver<Option<RateBudget>>>,
}

/// Starts the engine on the current tokio runtime.
pub fn spawn(providers: Providers) -> (Engine, UnboundedReceiver<SyncEvent>) {
    let (req_tx, req_rx) = mpsc::unbounded_channel();
    let (ev_tx, ev_rx) = mpsc::unbounded_channel();
    let backlog = Backlog::default();
    for budgets in &providers.budgets {
        tokio::spawn(budget::forward_budget(budgets.clone(), ev_tx.clone()));
    }
    tokio::spawn(run(providers, req_rx, ev_tx, backlog.clone()));
    let engine = Engine {
        requests: req_tx,
        backlog,
    };
    (engine, ev_rx)
}

async fn run(
    providers: Providers,
    mut requests: UnboundedReceiver<Request>,
    events: UnboundedSender<SyncEvent>,
    backlog: Backlog,
) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<()>();
    let mut board_in_flight = false;
    let mut board_again = false;
    let mut tail_task: Option<JoinHandle<()>> = None;
    let mut sprint_task: Option<(u64, JoinHandle<()>)> = None;
    loop {
        tokio::select! {
            request = requests.recv() => {
                let Some(request) = request else { break };
                match request {
                    // Single flight: a refresh asked for while one runs is folded into one rerun.
                    Request::FetchBoard if board_in_flight => board_again = true,
                    Request::FetchBoard => {
                        if let Some(tracker) = &providers.tracker {
                            board_in_flight = true;
                            tokio::spawn(fetch_board(tracker.clone(), events.clone(), done_tx.clone()));
                        }
                    }
                    Request::StopTail => {
                        if let Some(task) = tail_task.take() {
                            task.abort();
                        }
                    }
                    Request::TailLog { backend, run_id, job_id, offset } => {
                        if let Some(task) = tail_task.take() {
                            task.abort();
                        }
                        let link = providers.deploys.get(backend).cloned();
                        let tail = pipelines::tail(link, run_id, job_id, offset, events.clone(), backlog.clone());
                        tail_task = Some(tokio::spawn(tail));
                    }
                    // Single flight per sprint: the one being read is not asked twice, and a
                    // read of another sprint replaces it (the user has moved on).
                    Request::FetchSprint { id } => {
                        let same = sprint_task.as_ref().is_some_and(|(at, task)| *at == id && !task.is_finished());
                        if !same && let Some(tracker) = &providers.tracker {
                            if let Some((_, task)) = sprint_task.take() {
                                task.abort();
                            }
                            let read = sprints::fetch_one(tracker.clone(), id, events.clone());
                            sprint_task = Some((id, tokio::spawn(read)));
                        }
                    }
                    other => handle(&providers, other, &events),
                }
            }
            Some(()) = done_rx.recv() => {
                board_in_flight = board_again;
                if board_again {
                    board_again = false;
                    if let Some(tracker) = &providers.tracker {
                        tokio::spawn(fetch_board(tracker.clone(), events.clone(), done_tx.clone()));
                    }
                }
            }
        }
    }
    let sprint_task = sprint_task.map(|(_, task)| task);
    for task in [tail_task, sprint_task].into_iter().flatten() {
        task.abort();
    }
}

/// Requests that simply run in their own task.
fn handle(providers: &Providers, request: Request, events: &UnboundedSender<SyncEvent>) {
    let events = events.clone();
    match request {
        Request::FetchMyself => {
            if let Some(tracker) = providers.tracker.clone() {
                tokio::spawn(fetch_myself(tracker, events));
            }
        }
        Request::MoveCard { key, to } => {
            let Some(tracker) = providers.tracker.clone() else {
                return;
            };
            tokio::spawn(async move {
                let moved = patient(waiting(&events), || tracker.move_issue(&key, &to)).await;
                let _ = events.send(match moved {
                    Ok(()) => SyncEvent::CardMoved { key },
                    Err(e) => SyncEvent::MoveFailed {
                        key,
                        error: e.to_string(),
                    },
                });
            });
        }
        Request::FetchDeploys => {
            for (backend, link) in providers.deploys.iter().enumerate() {
                tokio::spawn(deploys::fetch_services(
                    link.clone(),
                    backend,
                    events.clone(),
                ));
            }
        }
        Request::FetchHistory {
            backend,
            service,
            environment,
        } => {
            if let Some(link) = providers.deploys.get(backend).cloned() {
                tokio::spawn(deploys::fetch_history(
                    link,
                    backend,
                    service,
                    environment,
                    events,
                ));
            }
        }
        Request::Deploy {
            backend,
            action,
            key,
        } => {
            if let Some(link) = providers.deploys.get(backend).cloned() {
                let audit = providers.audit.clone();
                tokio::spawn(deploys::act(link, backend, action, key, audit, events));
            }
        }
        request @ (Request::RunAction { .. } | Request::Review { .. }) => {
            actions::spawn(&providers.deploys, providers.audit.clone(), request, events);
        }
        Request::FetchRuns => pipelines::fetch_runs(&providers.deploys, &events),
        Request::FetchRun { backend, run_id } => {
            if let Some(ci) = ci(providers, backend) {
                tokio::spawn(pipelines::fetch_run(ci, backend, run_id, events));
            }
        }
        Request::SaveLog {
            backend,
            run_id,
            job_id,
            path,
        } => {
            let ci = ci(providers, backend);
            tokio::spawn(pipelines::save(ci, run_id, job_id, path, events));
        }
        Request::FetchSprints => {
            if let Some(tracker) = providers.tracker.clone() {
                tokio::spawn(sprints::fetch_list(tracker, events));
            }
        }
        Request::FetchBoard
        | Request::FetchSprint { .. }
        | Request::TailLog { .. }
        | Request::StopTail => {}
    }
}

fn ci(providers: &Providers, backend: usize) -> Option<Arc<dyn crate::providers::CiProvider>> {
    providers.deploys.get(backend).and_then(|l| l.ci.clone())
}

async fn fetch_board(
    tracker: Arc<dyn IssueTracker>,
    events: UnboundedSender<SyncEvent>,
    done: UnboundedSender<()>,
) {
    let _ = events.send(SyncEvent::SyncStarted);
    let arrived = |board, arrival| {
        let _ = events.send(SyncEvent::BoardArriving { board, arrival });
    };
    let event = match patient(waiting(&events), || tracker.load_board_arriving(&arrived)).await {
        Ok(board) => SyncEvent::BoardLoaded {
            board,
            at: Utc::now(),
        },
        Err(e) => {
            tracing::warn!(error = %e, "board sync failed");
            SyncEvent::SyncFailed {
                error: e.to_string(),
            }
        }
    };
    let _ = events.send(event);
    let _ = done.send(());
}

async fn fetch_myself(tracker: Arc<dyn IssueTracker>, events: UnboundedSender<SyncEvent>) {
    match patient(waiting(&events), || tracker.myself()).await {
        Ok(me) => {
            let _ = events.send(SyncEvent::MyselfLoaded(me));
        }
        Err(e) => tracing::warn!(error = %e, "could not learn the current user"),
    }
}

pub(super) fn waiting(events: &UnboundedSender<SyncEvent>) -> impl Fn(Duration) + '_ {
    |retry_after| {
        let _ = events.send(SyncEvent::Waiting { retry_after });
    }
}

/// Runs `call`, waiting out 429s as `Retry-After` asks (and saying so through `on_wait`)
/// a few times.
pub async fn patient<T, F, Fut>(on_wait: impl Fn(Duration), mut call: F) -> Result<T, ProviderError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ProviderError>>,
{
    let mut tries = 0;
    loop {
        match call().await {
            Err(ProviderError::RateLimited { retry_after, .. }) if tries < RATE_LIMIT_RETRIES => {
                tries += 1;
                on_wait(retry_after);
                tokio::time::sleep(retry_after).await;
            }
            other => return other,
        }
    }
}
