//! Running a tail to its end and collecting what it reported.

use crate::server::{JOB, RUN, provider};
use shipdeck::domain::pipeline::TailState;
use shipdeck::providers::deploy::HttpDeploy;
use shipdeck::sync::{SyncEvent, TailTiming, tail_log};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// What a finished tail reported.
pub struct Seen {
    pub bytes: Vec<u8>,
    pub batches: usize,
    pub states: Vec<TailState>,
}

impl Seen {
    pub fn last(&self) -> &TailState {
        self.states.last().unwrap()
    }

    /// The states with reconnect errors left out, for exact comparison.
    pub fn shape(&self) -> Vec<&'static str> {
        self.states
            .iter()
            .map(|s| match s {
                TailState::Following => "following",
                TailState::Waiting { .. } => "waiting",
                TailState::Reconnecting { .. } => "reconnecting",
                TailState::Complete => "complete",
                TailState::Failed { .. } => "failed",
            })
            .collect()
    }
}

pub fn quick() -> TailTiming {
    TailTiming {
        poll: Duration::from_millis(10),
        poll_busy: Duration::from_millis(1),
        backoff: Duration::from_millis(5),
        backoff_max: Duration::from_millis(20),
        batch: Duration::from_millis(16),
    }
}

pub async fn tail(url: &str, offset: u64, timing: TailTiming) -> Seen {
    let ci = provider(url, Duration::from_secs(5));
    tail_quietly(ci, offset, timing).await
}

pub async fn tail_quietly(ci: Arc<HttpDeploy>, offset: u64, timing: TailTiming) -> Seen {
    let (tx, mut rx) = mpsc::unbounded_channel();
    tail_log(ci, RUN.into(), JOB.into(), offset, timing, tx, None).await;
    let mut seen = Seen {
        bytes: Vec::new(),
        batches: 0,
        states: Vec::new(),
    };
    while let Ok(event) = rx.try_recv() {
        match event {
            SyncEvent::LogBytes {
                run_id,
                job_id,
                bytes,
            } => {
                assert_eq!((run_id.as_str(), job_id.as_str()), (RUN, JOB));
                seen.bytes.extend(bytes);
                seen.batches += 1;
            }
            SyncEvent::TailChanged { tail, .. } => seen.states.push(tail),
            other => panic!("unexpected {other:?}"),
        }
    }
    seen
}
