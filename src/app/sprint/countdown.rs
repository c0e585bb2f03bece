//! One standup page's countdown. Derived from the instant the page started and the time it
//! spent paused, never from counting ticks: a late, early or missed tick changes nothing.

use chrono::{DateTime, TimeDelta, Utc};

#[derive(Clone, Debug, PartialEq)]
pub struct Countdown {
    pub length: TimeDelta,
    pub started: DateTime<Utc>,
    /// Paused time of earlier pauses on this page.
    pub paused_for: TimeDelta,
    /// Set while paused: since when.
    pub paused_at: Option<DateTime<Utc>>,
}

impl Countdown {
    pub fn start(length: TimeDelta, now: DateTime<Utc>) -> Self {
        Self {
            length,
            started: now,
            paused_for: TimeDelta::zero(),
            paused_at: None,
        }
    }

    /// The same length from `now`, keeping a pause: moving to another page while paused
    /// shows that page paused at its full time.
    pub fn restart(&mut self, now: DateTime<Utc>) {
        let paused = self.paused_at.is_some();
        *self = Self::start(self.length, now);
        if paused {
            self.paused_at = Some(now);
        }
    }

    pub fn paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// Running time so far: wall time since the start minus every pause.
    pub fn elapsed(&self, now: DateTime<Utc>) -> TimeDelta {
        let until = self.paused_at.unwrap_or(now);
        (until - self.started - self.paused_for).max(TimeDelta::zero())
    }

    pub fn remaining(&self, now: DateTime<Utc>) -> TimeDelta {
        (self.length - self.elapsed(now)).max(TimeDelta::zero())
    }

    /// Whole seconds left, rounded up: a page shows "1:30" for its whole first second and
    /// "0:00" only once time is up.
    pub fn seconds_left(&self, now: DateTime<Utc>) -> i64 {
        let left = self.remaining(now);
        let whole = left.num_seconds();
        if left > TimeDelta::seconds(whole) {
            whole + 1
        } else {
            whole
        }
    }

    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        !self.paused() && self.elapsed(now) >= self.length
    }

    pub fn toggle_pause(&mut self, now: DateTime<Utc>) {
        match self.paused_at.take() {
            Some(since) => self.paused_for += (now - since).max(TimeDelta::zero()),
            None => self.paused_at = Some(now),
        }
    }

    /// When the shown seconds next change (or time runs out); None while paused.
    pub fn next_change(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.paused() {
            return None;
        }
        let next = (self.elapsed(now).num_seconds() + 1).min(self.length.num_seconds().max(1));
        Some(self.started + self.paused_for + TimeDelta::seconds(next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 4, 9, 30, 0).unwrap()
    }

    fn at(secs: i64) -> DateTime<Utc> {
        t0() + TimeDelta::milliseconds(secs * 1000)
    }

    #[test]
    fn counts_down_in_whole_seconds_rounded_up() {
        let c = Countdown::start(TimeDelta::seconds(90), t0());
        assert_eq!(c.seconds_left(t0()), 90);
        assert_eq!(c.seconds_left(t0() + TimeDelta::milliseconds(400)), 90);
        assert_eq!(c.seconds_left(at(1)), 89);
        assert_eq!(c.seconds_left(at(89)), 1);
        assert!(!c.is_over(at(89)));
        assert!(c.is_over(at(90)));
        assert_eq!(c.seconds_left(at(200)), 0);
    }

    #[test]
    fn a_pause_stops_the_clock_and_is_remembered() {
        let mut c = Countdown::start(TimeDelta::seconds(90), t0());
        c.toggle_pause(at(10));
        assert_eq!(c.seconds_left(at(500)), 80);
        assert!(!c.is_over(at(500)));
        assert_eq!(c.next_change(at(500)), None);
        c.toggle_pause(at(500));
        assert_eq!(c.seconds_left(at(500)), 80);
        assert_eq!(c.seconds_left(at(569)), 11);
        assert!(c.is_over(at(580)));
    }

    #[test]
    fn the_next_change_is_the_next_whole_second_of_running_time() {
        let mut c = Countdown::start(TimeDelta::seconds(3), t0());
        assert_eq!(c.next_change(t0()), Some(at(1)));
        assert_eq!(
            c.next_change(t0() + TimeDelta::milliseconds(1500)),
            Some(at(2))
        );
        // Past the end the deadline is the end itself, so a late wake still ends the page.
        assert_eq!(c.next_change(at(7)), Some(at(3)));
        c.toggle_pause(t0() + TimeDelta::milliseconds(500));
        c.toggle_pause(at(2));
        assert_eq!(
            c.next_change(at(2)),
            Some(t0() + TimeDelta::milliseconds(2500))
        );
    }

    #[test]
    fn restarting_keeps_a_pause() {
        let mut c = Countdown::start(TimeDelta::seconds(90), t0());
        c.toggle_pause(at(30));
        c.restart(at(40));
        assert!(c.paused());
        assert_eq!(c.seconds_left(at(100)), 90);
    }
}
