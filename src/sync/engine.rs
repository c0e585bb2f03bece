//! The sync engine: one task that owns the tracker, runs requests off the UI thread,
//! keeps one board fetch in flight at a time and waits out rate limits.

use super::{Request, SyncEvent};
use crate::providers::{IssueTracker, ProviderError};
use chrono::Utc;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

/// How often a rate-limited request is retried before the error is shown.
const RATE_LIMIT_RETRIES: usize = 3;

/// The loop's handle: requests go in, `SyncEvent`s come out of the receiver `spawn` gave.
#[derive(Clone)]
pub struct Engine {
    requests: UnboundedSender<Request>,
}

impl Engine {
    pub fn send(&self, request: Request) {
        // A closed engine means the app is shutting down; nothing left to tell.
        let _ = self.requests.send(request);
    }
}

/// Starts the engine on the current tokio runtime.
pub fn spawn(tracker: Arc<dyn IssueTracker>) -> (Engine, UnboundedReceiver<SyncEvent>) {
    let (req_tx, req_rx) = mpsc::unbounded_channel();
    let (ev_tx, ev_rx) = mpsc::unbounded_channel();
    tokio::spawn(run(tracker, req_rx, ev_tx));
    (Engine { requests: req_tx }, ev_rx)
}

async fn run(
    tracker: Arc<dyn IssueTracker>,
    mut requests: UnboundedReceiver<Request>,
    events: UnboundedSender<SyncEvent>,
) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<()>();
    let mut board_in_flight = false;
    let mut board_again = false;
    loop {
        tokio::select! {
            request = requests.recv() => {
                let Some(request) = request else { return };
                match request {
                    // Single flight: a refresh asked for while one runs is folded into one rerun.
                    Request::FetchBoard if board_in_flight => board_again = true,
                    Request::FetchBoard => {
                        board_in_flight = true;
                        tokio::spawn(fetch_board(tracker.clone(), events.clone(), done_tx.clone()));
                    }
                    Request::FetchMyself => {
                        tokio::spawn(fetch_myself(tracker.clone(), events.clone()));
                    }
                    Request::MoveCard { key, to } => {
                        let (tracker, events) = (tracker.clone(), events.clone());
                        tokio::spawn(async move {
                            let moved = patient(waiting(&events), || tracker.move_issue(&key, &to)).await;
                            let _ = events.send(match moved {
                                Ok(()) => SyncEvent::CardMoved { key },
                                Err(e) => SyncEvent::MoveFailed { key, error: e.to_string() },
                            });
                        });
                    }
                }
            }
            Some(()) = done_rx.recv() => {
                board_in_flight = board_again;
                if board_again {
                    board_again = false;
                    tokio::spawn(fetch_board(tracker.clone(), events.clone(), done_tx.clone()));
                }
            }
        }
    }
}

async fn fetch_board(
    tracker: Arc<dyn IssueTracker>,
    events: UnboundedSender<SyncEvent>,
    done: UnboundedSender<()>,
) {
    let _ = events.send(SyncEvent::SyncStarted);
    let event = match patient(waiting(&events), || tracker.load_board()).await {
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

fn waiting(events: &UnboundedSender<SyncEvent>) -> impl Fn(Duration) + '_ {
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
