//! GitHub's primary rate limit: 5,000 requests an hour per resource (`core` for REST,
//! `graphql`), reported on every response in `x-ratelimit-*` headers.

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashMap;

pub const LIMIT: u64 = 5000;
const WINDOW: TimeDelta = TimeDelta::hours(1);

#[derive(Debug, Default)]
pub struct Budgets {
    windows: HashMap<&'static str, Window>,
}

#[derive(Clone, Copy, Debug)]
struct Window {
    reset: DateTime<Utc>,
    used: u64,
}

/// One bucket as the headers tell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub resource: &'static str,
    pub used: u64,
    pub reset: DateTime<Utc>,
}

impl Budgets {
    fn window(&mut self, resource: &'static str, now: DateTime<Utc>) -> &mut Window {
        let window = self.windows.entry(resource).or_insert(Window {
            reset: now + WINDOW,
            used: 0,
        });
        // The hour starts with the first request after the last one ran out.
        if now >= window.reset {
            *window = Window {
                reset: now + WINDOW,
                used: 0,
            };
        }
        window
    }

    pub fn peek(&mut self, resource: &'static str, now: DateTime<Utc>) -> Snapshot {
        let window = *self.window(resource, now);
        Snapshot {
            resource,
            used: window.used,
            reset: window.reset,
        }
    }

    pub fn spend(&mut self, resource: &'static str, now: DateTime<Utc>) -> Snapshot {
        let window = self.window(resource, now);
        window.used = (window.used + 1).min(LIMIT);
        let window = *window;
        Snapshot {
            resource,
            used: window.used,
            reset: window.reset,
        }
    }
}

impl Snapshot {
    /// A bucket already empty for another minute (the `sandbox-exhausted` token's).
    pub fn exhausted(resource: &'static str, now: DateTime<Utc>) -> Snapshot {
        Snapshot {
            resource,
            used: LIMIT,
            reset: now + TimeDelta::seconds(60),
        }
    }

    pub fn remaining(&self) -> u64 {
        LIMIT - self.used
    }

    pub fn write(&self, headers: &mut HeaderMap) {
        let values = [
            ("x-ratelimit-limit", LIMIT.to_string()),
            ("x-ratelimit-remaining", self.remaining().to_string()),
            ("x-ratelimit-used", self.used.to_string()),
            ("x-ratelimit-reset", self.reset.timestamp().to_string()),
            ("x-ratelimit-resource", self.resource.to_string()),
        ];
        for (name, value) in values {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_resource_spends_its_own_hour() {
        let now = Utc::now();
        let mut budgets = Budgets::default();
        budgets.spend("core", now);
        let core = budgets.spend("core", now);
        assert_eq!((core.used, core.remaining()), (2, LIMIT - 2));
        assert_eq!(budgets.peek("graphql", now).used, 0);
        let later = budgets.peek("core", core.reset);
        assert_eq!(later.used, 0);
        assert_eq!(later.reset, core.reset + WINDOW);
    }
}
