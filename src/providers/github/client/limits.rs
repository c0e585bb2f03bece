//! GitHub's rate-limit rules: budgets from `x-ratelimit-*`, waits from `retry-after` or the
//! reset time, and exponential back-off from 60 s for secondary limits that say neither.
//! <https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api>

use crate::domain::RateBudget;
use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::watch;

/// The first wait for a secondary limit without headers; it doubles on each repeat.
pub const SECONDARY_BACKOFF: Duration = Duration::from_secs(60);
/// Longest wait ever asked of the user: GitHub's window is an hour.
const MAX_WAIT: Duration = Duration::from_secs(3600);

/// What the client knows of its budgets, shared by every request of one `[[github]]` table.
pub struct Limits {
    service: String,
    inner: Mutex<Inner>,
    budget: watch::Sender<Option<RateBudget>>,
}

#[derive(Default)]
struct Inner {
    /// Per resource ("core", "graphql"): the last budget seen.
    budgets: HashMap<String, RateBudget>,
    /// Secondary limits hit in a row without a success in between.
    strikes: u32,
}

impl Limits {
    pub fn new(service: &str) -> Self {
        Self {
            service: service.to_string(),
            inner: Mutex::new(Inner::default()),
            budget: watch::channel(None).0,
        }
    }

    pub fn subscribe(&self) -> watch::Receiver<Option<RateBudget>> {
        self.budget.subscribe()
    }

    /// How long to wait before spending from `resource` at `now`: `Some` when the last answer
    /// said the budget is gone and the reset is still ahead (asking again would only fail).
    pub fn wait_before(&self, resource: &str, now: DateTime<Utc>) -> Option<Duration> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let budget = inner.budgets.get(resource)?;
        (budget.remaining == 0 && budget.reset > now).then(|| until(budget.reset, now))
    }

    /// Records what an answer's headers say about the budget.
    pub fn observe(&self, headers: &HeaderMap, status: StatusCode) {
        let Some(budget) = self.read(headers) else {
            return;
        };
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if status.is_success() || status == StatusCode::NOT_MODIFIED {
            inner.strikes = 0;
        }
        inner
            .budgets
            .insert(budget.resource.clone(), budget.clone());
        drop(inner);
        self.budget.send_if_modified(|last| {
            let changed = last.as_ref() != Some(&budget);
            *last = Some(budget);
            changed
        });
    }

    /// For a 403 or 429: how long GitHub asks us to wait, or `None` when this is not a rate
    /// limit (a plain permission refusal). `body_says_limit` is true when the message speaks
    /// of a rate limit (GitHub's secondary limits often send no header).
    pub fn wait_after(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body_says_limit: bool,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        if let Some(wait) = crate::providers::http::retry_after(headers) {
            return Some(wait);
        }
        let remaining = header_u64(headers, "x-ratelimit-remaining");
        let reset = header_u64(headers, "x-ratelimit-reset").and_then(epoch);
        if remaining == Some(0)
            && let Some(reset) = reset
        {
            return Some(until(reset, now).max(Duration::from_secs(1)));
        }
        if status == StatusCode::TOO_MANY_REQUESTS || body_says_limit {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            let wait = SECONDARY_BACKOFF.saturating_mul(1 << inner.strikes.min(6));
            inner.strikes = inner.strikes.saturating_add(1);
            return Some(wait.min(MAX_WAIT));
        }
        None
    }

    fn read(&self, headers: &HeaderMap) -> Option<RateBudget> {
        let limit = header_u64(headers, "x-ratelimit-limit")?;
        let remaining = header_u64(headers, "x-ratelimit-remaining")?;
        let reset = header_u64(headers, "x-ratelimit-reset").and_then(epoch)?;
        let resource = headers
            .get("x-ratelimit-resource")
            .and_then(|v| v.to_str().ok())
            .filter(|r| !r.is_empty() && r.len() <= 40 && r.bytes().all(|b| b.is_ascii_graphic()))
            .unwrap_or("core")
            .to_string();
        Some(RateBudget {
            service: self.service.clone(),
            resource,
            limit,
            remaining,
            reset,
        })
    }
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

fn epoch(seconds: u64) -> Option<DateTime<Utc>> {
    Utc.timestamp_opt(i64::try_from(seconds).ok()?, 0).single()
}

fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (at - now).to_std().unwrap_or_default().min(MAX_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    fn now() -> DateTime<Utc> {
        epoch(1_800_000_000).unwrap()
    }

    #[test]
    fn budgets_are_read_per_resource_and_published_on_change() {
        let limits = Limits::new("acme");
        let mut rx = limits.subscribe();
        let h = headers(&[
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "12"),
            ("x-ratelimit-reset", "1800000600"),
            ("x-ratelimit-resource", "graphql"),
        ]);
        limits.observe(&h, StatusCode::OK);
        assert!(rx.has_changed().unwrap());
        let seen = rx.borrow_and_update().clone().unwrap();
        assert_eq!((seen.resource.as_str(), seen.remaining), ("graphql", 12));
        limits.observe(&h, StatusCode::OK);
        assert!(!rx.has_changed().unwrap(), "the same budget is not news");
        assert_eq!(limits.wait_before("graphql", now()), None);
    }

    #[test]
    fn an_empty_budget_waits_until_reset_without_asking() {
        let limits = Limits::new("acme");
        let h = headers(&[
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1800000090"),
        ]);
        limits.observe(&h, StatusCode::FORBIDDEN);
        assert_eq!(
            limits.wait_before("core", now()),
            Some(Duration::from_secs(90))
        );
        assert_eq!(limits.wait_before("graphql", now()), None);
        assert_eq!(
            limits.wait_after(StatusCode::FORBIDDEN, &h, true, now()),
            Some(Duration::from_secs(90))
        );
    }

    #[test]
    fn retry_after_wins_and_secondary_limits_back_off_exponentially() {
        let limits = Limits::new("acme");
        let h = headers(&[("retry-after", "30")]);
        assert_eq!(
            limits.wait_after(StatusCode::FORBIDDEN, &h, true, now()),
            Some(Duration::from_secs(30))
        );
        let none = HeaderMap::new();
        let waits: Vec<u64> = (0..3)
            .filter_map(|_| limits.wait_after(StatusCode::TOO_MANY_REQUESTS, &none, false, now()))
            .map(|d| d.as_secs())
            .collect();
        assert_eq!(waits, [60, 120, 240]);
        assert_eq!(
            limits.wait_after(StatusCode::FORBIDDEN, &none, false, now()),
            None,
            "a 403 that is no rate limit is a permission problem"
        );
    }
}
