//! Backpressure from the UI loop to a log tail: bytes sent but not yet taken in by the loop.
//! A finished 60 MB log would otherwise arrive faster than the loop parses it and pile up in
//! the channel; the tail waits instead, so memory stays bounded whatever the log's size.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Bytes a tail may have in flight before it stops reading.
pub const LIMIT: usize = 4 << 20;
const RECHECK: Duration = Duration::from_millis(5);

#[derive(Clone, Debug, Default)]
pub struct Backlog(Arc<AtomicUsize>);

impl Backlog {
    pub fn sent(&self, bytes: usize) {
        self.0.fetch_add(bytes, Ordering::AcqRel);
    }

    /// The loop took `bytes` in.
    pub fn consumed(&self, bytes: usize) {
        let _ = self
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                Some(n.saturating_sub(bytes))
            });
    }

    pub fn in_flight(&self) -> usize {
        self.0.load(Ordering::Acquire)
    }

    /// Waits until the loop has caught up below the limit.
    pub async fn room(&self) {
        while self.in_flight() > LIMIT {
            tokio::time::sleep(RECHECK).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Backlog, LIMIT};
    use std::time::Duration;

    #[tokio::test]
    async fn a_tail_waits_for_the_loop_to_catch_up() {
        let backlog = Backlog::default();
        backlog.sent(LIMIT + 1);
        let waiting = tokio::spawn({
            let backlog = backlog.clone();
            async move { backlog.room().await }
        });
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(!waiting.is_finished(), "room while the loop is behind");
        backlog.consumed(LIMIT);
        waiting.await.unwrap();
        backlog.consumed(usize::MAX);
        assert_eq!(backlog.in_flight(), 0);
    }
}
