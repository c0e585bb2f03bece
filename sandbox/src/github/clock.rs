//! The GitHub sandbox's time. Everything that moves (runs, jobs, deployments, rate-limit
//! windows) is computed from timestamps compared with `Clock::now`, so a test can start the
//! world at a chosen instant and step it forward instead of sleeping.

use chrono::{DateTime, TimeDelta, Utc};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct Clock(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    start: DateTime<Utc>,
    /// Wall time runs from here; a manual clock has none and moves only when advanced.
    ticking: Option<Instant>,
    advanced: Mutex<TimeDelta>,
}

impl Clock {
    /// Starts at `start` and follows the wall clock.
    pub fn wall(start: DateTime<Utc>) -> Clock {
        Self::new(start, Some(Instant::now()))
    }

    /// Stands still at `start` until `advance` moves it.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Self::new(start, None)
    }

    fn new(start: DateTime<Utc>, ticking: Option<Instant>) -> Clock {
        Clock(Arc::new(Inner {
            start,
            ticking,
            advanced: Mutex::new(TimeDelta::zero()),
        }))
    }

    /// Moves the clock forward (on top of wall time, for a wall clock).
    pub fn advance(&self, by: TimeDelta) {
        let mut advanced = self
            .0
            .advanced
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *advanced += by;
    }

    pub fn now(&self) -> DateTime<Utc> {
        let elapsed = self
            .0
            .ticking
            .and_then(|since| TimeDelta::from_std(since.elapsed()).ok())
            .unwrap_or_default();
        let advanced = *self
            .0
            .advanced
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.0.start + elapsed + advanced
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let start = DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .unwrap()
            .to_utc();
        let clock = Clock::manual(start);
        assert_eq!(clock.now(), start);
        clock.clone().advance(TimeDelta::seconds(90));
        assert_eq!(clock.now(), start + TimeDelta::seconds(90));
    }
}
