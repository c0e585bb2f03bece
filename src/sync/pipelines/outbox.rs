//! Batches a tail's bytes so a log growing at 20,000 lines/s reaches the loop as a few dozen
//! events a second, while a quiet log's single line still goes out at once.

use super::backlog::Backlog;
use crate::sync::{SyncEvent, TailState};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

pub struct Outbox {
    events: UnboundedSender<SyncEvent>,
    run_id: String,
    job_id: String,
    pending: Vec<u8>,
    last_sent: Option<Instant>,
    /// The shortest time between two `LogBytes` events.
    every: Duration,
    state: Option<TailState>,
    /// Counts bytes sent to a loop that acknowledges them; None for consumers that keep up.
    backlog: Option<Backlog>,
}

impl Outbox {
    pub fn new(
        events: UnboundedSender<SyncEvent>,
        run_id: String,
        job_id: String,
        every: Duration,
        backlog: Option<Backlog>,
    ) -> Self {
        Self {
            events,
            run_id,
            job_id,
            pending: Vec::new(),
            last_sent: None,
            every,
            state: None,
            backlog,
        }
    }

    /// Waits while the loop is behind by more than the backlog limit.
    pub async fn room(&self) {
        if let Some(backlog) = &self.backlog {
            backlog.room().await;
        }
    }

    /// Nobody listens any more (the app is closing): the tail can stop.
    pub fn closed(&self) -> bool {
        self.events.is_closed()
    }

    /// Queues bytes; they go out now unless an event went out less than `every` ago.
    pub fn push(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.pending.extend_from_slice(bytes);
        if self.due().is_some_and(|at| at <= Instant::now()) {
            self.flush();
        }
    }

    /// When queued bytes must go out; `None` with nothing queued.
    pub fn due(&self) -> Option<Instant> {
        if self.pending.is_empty() {
            return None;
        }
        Some(self.last_sent.map_or_else(Instant::now, |t| t + self.every))
    }

    pub fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        self.last_sent = Some(Instant::now());
        if let Some(backlog) = &self.backlog {
            backlog.sent(bytes.len());
        }
        let _ = self.events.send(SyncEvent::LogBytes {
            run_id: self.run_id.clone(),
            job_id: self.job_id.clone(),
            bytes,
        });
    }

    /// Reports a new state after the bytes that came before it; a repeat is not sent.
    pub fn say(&mut self, tail: TailState) {
        self.flush();
        if self.state.as_ref() == Some(&tail) {
            return;
        }
        self.state = Some(tail.clone());
        let _ = self.events.send(SyncEvent::TailChanged {
            run_id: self.run_id.clone(),
            job_id: self.job_id.clone(),
            tail,
        });
    }
}
