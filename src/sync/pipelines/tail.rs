//! Following one job's log until it completes: the SSE stream where the server offers it,
//! else polling `log?offset=`; every byte delivered once and in order across dropped
//! connections, which are resumed from the delivered offset with a growing back-off.

use super::backlog::Backlog;
use super::cursor::{Cursor, Placement};
use super::outbox::Outbox;
use crate::domain::pipeline::TailState;
use crate::domain::text::sanitize;
use crate::providers::{CiProvider, LogEvent, ProviderError};
use crate::sync::SyncEvent;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::{Instant, sleep, sleep_until};

/// How a tail paces itself. Tests shorten these; nothing depends on their exact values.
#[derive(Clone, Copy, Debug)]
pub struct TailTiming {
    /// Between polls of a log that had nothing new.
    pub poll: Duration,
    /// Between polls while bytes keep coming.
    pub poll_busy: Duration,
    /// The first wait before a reconnect; it doubles with each failed attempt...
    pub backoff: Duration,
    /// ...up to this.
    pub backoff_max: Duration,
    /// The shortest time between two `LogBytes` events (about 60 a second).
    pub batch: Duration,
}

impl Default for TailTiming {
    fn default() -> Self {
        Self {
            poll: Duration::from_millis(500),
            poll_busy: Duration::from_millis(100),
            backoff: Duration::from_millis(250),
            backoff_max: Duration::from_secs(5),
            batch: Duration::from_millis(16),
        }
    }
}

impl TailTiming {
    fn backoff(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(16);
        self.backoff
            .saturating_mul(1 << doublings)
            .min(self.backoff_max)
    }
}

/// Follows the log of `job_id` in `run_id` from byte `offset`, reporting `LogBytes` and
/// `TailChanged` until the log is complete, fails for good, or nobody listens.
pub async fn tail_log(
    ci: Arc<dyn CiProvider>,
    run_id: String,
    job_id: String,
    offset: u64,
    timing: TailTiming,
    events: UnboundedSender<SyncEvent>,
    backlog: Option<Backlog>,
) {
    let outbox = Outbox::new(
        events,
        run_id.clone(),
        job_id.clone(),
        timing.batch,
        backlog,
    );
    let mut tail = Tail {
        ci,
        run_id,
        job_id,
        cursor: Cursor::new(offset),
        outbox,
        timing,
    };
    if let Some(end) = tail.run().await {
        tail.outbox.say(end);
    }
}

enum Outcome {
    Complete,
    /// The stream is not offered, or ended with bytes missing: poll the rest.
    Poll,
    /// Worth another try from the delivered offset; `wait` is what the server asked for.
    Dropped {
        error: String,
        wait: Option<Duration>,
    },
    Fatal(String),
    Closed,
}

struct Tail {
    ci: Arc<dyn CiProvider>,
    run_id: String,
    job_id: String,
    cursor: Cursor,
    outbox: Outbox,
    timing: TailTiming,
}

impl Tail {
    /// The final state to report; `None` when nobody listens.
    async fn run(&mut self) -> Option<TailState> {
        let mut streaming = true;
        let mut attempt = 0;
        loop {
            let before = self.cursor.delivered();
            let outcome = if streaming {
                self.stream().await
            } else {
                self.poll().await
            };
            match outcome {
                Outcome::Complete => return Some(TailState::Complete),
                Outcome::Closed => return None,
                Outcome::Fatal(error) => return Some(TailState::Failed { error }),
                Outcome::Poll => streaming = false,
                Outcome::Dropped { error, wait } => {
                    // Progress since the last drop starts the back-off over.
                    if self.cursor.delivered() > before {
                        attempt = 0;
                    }
                    attempt += 1;
                    self.outbox.say(TailState::Reconnecting { attempt, error });
                    let backoff = self.timing.backoff(attempt);
                    sleep(wait.map_or(backoff, |w| w.max(backoff))).await;
                    if self.outbox.closed() {
                        return None;
                    }
                }
            }
        }
    }

    async fn stream(&mut self) -> Outcome {
        let offset = self.cursor.delivered();
        let opened = self.ci.stream_log(&self.run_id, &self.job_id, offset).await;
        let mut stream = match opened {
            Ok(Some(stream)) => stream,
            Ok(None) => return Outcome::Poll,
            Err(e) => return self.trouble(e),
        };
        self.cursor.opened();
        self.outbox.say(TailState::Following);
        loop {
            if self.outbox.closed() {
                return Outcome::Closed;
            }
            self.outbox.room().await;
            let due = self.outbox.due();
            let next = tokio::select! {
                next = stream.next() => next,
                () = sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => {
                    self.outbox.flush();
                    continue;
                }
            };
            let event = match next {
                None => {
                    return Outcome::Dropped {
                        error: "the log stream closed before the job ended".into(),
                        wait: None,
                    };
                }
                Some(Err(e)) => return self.trouble(e),
                Some(Ok(event)) => event,
            };
            match event {
                LogEvent::Chunk { data, end } => match self.cursor.place(data, end) {
                    Placement::Deliver(bytes) => self.outbox.push(&bytes).await,
                    Placement::Skip => {}
                    Placement::Reread { from, to } => {
                        if let Err(e) = self.reread(from, to).await {
                            return self.trouble(e);
                        }
                    }
                },
                // The server says the log is longer than what arrived: read the rest.
                LogEvent::End { end } if end.is_some_and(|e| e > self.cursor.delivered()) => {
                    return Outcome::Poll;
                }
                LogEvent::End { .. } => return Outcome::Complete,
            }
        }
    }

    /// Reads `from..to` raw from the polled log (`from` is what was delivered), in as many
    /// reads as the provider's per-read cap needs.
    async fn reread(&mut self, mut from: u64, to: u64) -> Result<(), ProviderError> {
        while from < to {
            let chunk = self.ci.log(&self.run_id, &self.job_id, from).await?;
            let want = usize::try_from(to - from).unwrap_or(usize::MAX);
            let bytes = &chunk.bytes[..want.min(chunk.bytes.len())];
            if bytes.is_empty() {
                break;
            }
            self.outbox.push(bytes).await;
            self.cursor.advance(bytes);
            from += bytes.len() as u64;
        }
        Ok(())
    }

    async fn poll(&mut self) -> Outcome {
        loop {
            if self.outbox.closed() {
                return Outcome::Closed;
            }
            self.outbox.room().await;
            let offset = self.cursor.delivered();
            let chunk = match self.ci.log(&self.run_id, &self.job_id, offset).await {
                Ok(chunk) => chunk,
                Err(e) => return self.trouble(e),
            };
            self.outbox.say(match &chunk.waiting {
                Some(note) => TailState::Waiting { note: note.clone() },
                None => TailState::Following,
            });
            self.cursor.advance(&chunk.bytes);
            self.outbox.push(&chunk.bytes).await;
            // Polls are already further apart than a batch.
            self.outbox.flush();
            if chunk.complete {
                return Outcome::Complete;
            }
            let busy = !chunk.bytes.is_empty();
            // A provider that counts every request (GitHub) sets its own quiet pace.
            let quiet = self.ci.log_poll().unwrap_or(self.timing.poll);
            sleep(if busy { self.timing.poll_busy } else { quiet }).await;
        }
    }

    /// Network trouble and busy servers are retried; anything else (no such job, an offset
    /// past the end, a refused token) ends the tail with a message saying where it stood.
    fn trouble(&self, e: ProviderError) -> Outcome {
        if let ProviderError::RateLimited { retry_after, .. } = &e {
            return Outcome::Dropped {
                wait: Some(*retry_after),
                error: e.to_string(),
            };
        }
        if e.is_transient() {
            return Outcome::Dropped {
                error: e.to_string(),
                wait: None,
            };
        }
        Outcome::Fatal(format!(
            "cannot follow the log of job {} in run {} from byte {}: {e}",
            sanitize(&self.job_id, false),
            sanitize(&self.run_id, false),
            self.cursor.delivered()
        ))
    }
}
