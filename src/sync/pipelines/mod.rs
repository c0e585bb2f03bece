//! Pipeline work of the engine: run lists, single runs, log tails and saving a whole log.

mod backlog;
mod cursor;
mod outbox;
mod save;
mod tail;

pub use backlog::Backlog;
pub use save::save_log;
pub use tail::{TailTiming, tail_log};

use super::SyncEvent;
use super::deploys::DeployLink;
use super::engine::patient;
use crate::domain::pipeline::TailState;
use crate::providers::CiProvider;
use chrono::Utc;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// Runs listed per backend.
pub const RECENT_RUNS: usize = 30;

type Events = UnboundedSender<SyncEvent>;

fn send(events: &Events, event: SyncEvent) {
    // A closed channel means the app is shutting down; nothing left to tell.
    let _ = events.send(event);
}

fn waiting(events: &Events) -> impl Fn(Duration) + '_ {
    |retry_after| send(events, SyncEvent::Waiting { retry_after })
}

/// Recent runs of every backend that serves them (`backend` is the link's index).
pub fn fetch_runs(links: &[DeployLink], events: &Events) {
    for (backend, link) in links.iter().enumerate() {
        let Some(ci) = link.ci.clone() else { continue };
        let events = events.clone();
        tokio::spawn(async move {
            let result = patient(waiting(&events), || ci.runs(None, RECENT_RUNS)).await;
            send(
                &events,
                match result {
                    Ok(runs) => SyncEvent::RunsLoaded {
                        backend,
                        runs,
                        at: Utc::now(),
                    },
                    Err(e) => SyncEvent::RunsFailed {
                        backend,
                        error: e.to_string(),
                    },
                },
            );
        });
    }
}

/// One run with its jobs; a failure is reported as the backend's `RunsFailed`, naming the run.
pub async fn fetch_run(ci: Arc<dyn CiProvider>, backend: usize, run_id: String, events: Events) {
    let result = patient(waiting(&events), || ci.run(&run_id)).await;
    send(
        &events,
        match result {
            Ok(run) => SyncEvent::RunLoaded { backend, run },
            Err(e) => SyncEvent::RunsFailed {
                backend,
                error: format!("cannot load pipeline run {run_id}: {e}"),
            },
        },
    );
}

/// The engine's tail task for `TailLog`: a backend without pipelines fails at once.
pub async fn tail(
    link: Option<DeployLink>,
    run_id: String,
    job_id: String,
    offset: u64,
    events: Events,
    backlog: Backlog,
) {
    match link.and_then(|l| l.ci) {
        Some(ci) => {
            let timing = TailTiming::default();
            tail_log(ci, run_id, job_id, offset, timing, events, Some(backlog)).await;
        }
        None => send(
            &events,
            SyncEvent::TailChanged {
                run_id,
                job_id,
                tail: TailState::Failed {
                    error: "this deploy backend serves no pipeline logs".into(),
                },
            },
        ),
    }
}

pub async fn save(
    ci: Option<Arc<dyn CiProvider>>,
    run_id: String,
    job_id: String,
    path: PathBuf,
    events: Events,
) {
    let Some(ci) = ci else {
        let error = "this deploy backend serves no pipeline logs".to_string();
        send(&events, SyncEvent::SaveFailed { error });
        return;
    };
    send(
        &events,
        match save_log(ci.as_ref(), &run_id, &job_id, &path).await {
            Ok((path, bytes)) => SyncEvent::LogSaved { path, bytes },
            Err(error) => SyncEvent::SaveFailed {
                error: format!("cannot save the log of job {job_id} in run {run_id}: {error}"),
            },
        },
    );
}
