//! Batches a tail's bytes so a log growing at 20,000 lines/s reaches the loop as a few dozen
//! events a second, while a quiet log's single line still goes out at once.

use super::backlog::Backlog;
use crate::domain::pipeline::TailState;
use crate::sync::SyncEvent;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

/// The most one `LogBytes` event carries.
const BATCH_MAX: usize = 1 << 20;

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

    /// Queues bytes; they go out now unless an event went out less than `every` ago. No
    /// batch holds more than `BATCH_MAX`: a bigger delivery (a finished log can come as one
    /// stream event of its whole size) goes out in full batches, each once the loop has
    /// room, so it never sits in the channel whole or is copied whole.
    pub async fn push(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let take = bytes.len().min(BATCH_MAX - self.pending.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() == BATCH_MAX {
                self.room().await;
                self.flush();
            }
        }
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

#[cfg(test)]
mod tests {
    use super::{BATCH_MAX, Outbox};
    use crate::sync::SyncEvent;
    use crate::sync::pipelines::backlog::{Backlog, LIMIT};
    use std::time::Duration;
    use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

    fn log(len: usize) -> Vec<u8> {
        (0..len).map(|i| b'a' + (i % 26) as u8).collect()
    }

    fn bytes_of(event: SyncEvent) -> Vec<u8> {
        match event {
            SyncEvent::LogBytes { bytes, .. } => bytes,
            other => panic!("expected LogBytes, got {other:?}"),
        }
    }

    fn drain(rx: &mut UnboundedReceiver<SyncEvent>) -> Vec<Vec<u8>> {
        std::iter::from_fn(|| rx.try_recv().ok().map(bytes_of)).collect()
    }

    #[tokio::test]
    async fn a_big_delivery_goes_out_in_batches_in_order() {
        let (tx, mut rx) = unbounded_channel();
        let hour = Duration::from_secs(3600);
        let mut outbox = Outbox::new(tx, "r".into(), "j".into(), hour, None);
        outbox.push(b"first\n").await;
        let big = log(2 * BATCH_MAX + BATCH_MAX / 2);
        outbox.push(&big).await;
        outbox.flush();
        let batches = drain(&mut rx);
        assert_eq!(batches[0], b"first\n");
        assert!(batches.iter().all(|b| b.len() <= BATCH_MAX));
        assert_eq!(batches[1..].concat(), big);
    }

    #[tokio::test]
    async fn a_big_delivery_waits_for_the_loop_between_batches() {
        let (tx, mut rx) = unbounded_channel();
        let backlog = Backlog::default();
        let mut outbox = Outbox::new(
            tx,
            "r".into(),
            "j".into(),
            Duration::ZERO,
            Some(backlog.clone()),
        );
        let big = log(LIMIT + 3 * BATCH_MAX);
        let pushing = tokio::spawn({
            let big = big.clone();
            async move { outbox.push(&big).await }
        });
        // Batches go out until what is in flight passes the limit...
        while backlog.in_flight() <= LIMIT {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
        // ...and then no more until the loop takes some in.
        assert!(!pushing.is_finished(), "the push did not wait for the loop");
        let sent = drain(&mut rx).concat();
        assert_eq!(sent.len(), backlog.in_flight());
        assert!(
            sent.len() <= LIMIT + BATCH_MAX,
            "{} bytes in flight",
            sent.len()
        );
        backlog.consumed(sent.len());
        pushing.await.unwrap();
        assert_eq!([sent, drain(&mut rx).concat()].concat(), big);
    }
}
