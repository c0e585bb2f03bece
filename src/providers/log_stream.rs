//! A job's log as a server pushes it (the deploy protocol's SSE `log/stream`), in the
//! protocol's own terms: the tail in `sync` turns these into bytes delivered exactly once.

use super::ProviderError;
use futures::{Stream, StreamExt};
use std::fmt;
use std::pin::Pin;

/// One event of a log stream.
#[derive(Clone, Debug, PartialEq)]
pub enum LogEvent {
    /// `event: chunk`: log lines joined with `\n` (each line's own newline is left out, as the
    /// protocol sends one `data:` line per log line), and the byte offset after them (`id`).
    Chunk { data: Vec<u8>, end: Option<u64> },
    /// `event: end`: the job ended; `end` is the log's final size when the server says it.
    End { end: Option<u64> },
}

type Events = Pin<Box<dyn Stream<Item = Result<LogEvent, ProviderError>> + Send>>;

/// An open log stream. It ends (`None`) when the connection closes; a connection that breaks
/// or goes quiet for too long yields a `Network` error first.
pub struct LogStream {
    events: Events,
}

impl LogStream {
    pub fn new(
        events: impl Stream<Item = Result<LogEvent, ProviderError>> + Send + 'static,
    ) -> Self {
        Self {
            events: Box::pin(events),
        }
    }

    pub async fn next(&mut self) -> Option<Result<LogEvent, ProviderError>> {
        self.events.next().await
    }
}

impl fmt::Debug for LogStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LogStream")
    }
}
