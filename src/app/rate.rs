//! What the app knows of the servers' request budgets: the latest budget per provider table and
//! bucket, and the wait the engine is sitting out after a rate limit. The status bar shows a
//! budget only while it runs low, and the wait until it ends.

use crate::domain::RateBudget;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::time::Duration;

/// A rate-limit wait: how long the engine was asked to wait, and until when.
#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    pub length: Duration,
    pub until: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateView {
    /// By (service, resource): "acme" and "core".
    pub budgets: BTreeMap<(String, String), RateBudget>,
    pub wait: Option<Wait>,
}

impl RateView {
    pub fn budget_changed(&mut self, budget: RateBudget) {
        let key = (budget.service.clone(), budget.resource.clone());
        self.budgets.insert(key, budget);
    }

    pub fn waiting(&mut self, length: Duration, now: DateTime<Utc>) {
        let until = chrono::Duration::from_std(length)
            .ok()
            .and_then(|d| now.checked_add_signed(d))
            .unwrap_or(now);
        self.wait = Some(Wait { length, until });
    }

    /// The wait still running at `now`.
    pub fn wait_at(&self, now: DateTime<Utc>) -> Option<&Wait> {
        self.wait.as_ref().filter(|w| w.until > now)
    }

    /// The lowest budget (by share left) that is low and not yet refilled at `now`.
    pub fn lowest(&self, now: DateTime<Utc>) -> Option<&RateBudget> {
        // a.remaining / a.limit against b's, cross-multiplied to stay in integers.
        let share =
            |a: &RateBudget, b: &RateBudget| u128::from(a.remaining) * u128::from(b.limit.max(1));
        self.budgets
            .values()
            .filter(|b| b.is_low() && b.reset > now)
            .min_by(|a, b| share(a, b).cmp(&share(b, a)))
    }

    /// When what the status bar says next goes stale: the wait ending or a low budget
    /// refilling (`expire` then forgets it).
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        let wait = self.wait.as_ref().map(|w| w.until);
        let resets = self
            .budgets
            .values()
            .filter(|b| b.is_low())
            .map(|b| b.reset);
        wait.into_iter().chain(resets).min()
    }

    /// Forgets the wait and the budgets that are over by `now`; true when one of them was on
    /// the status bar, so it must be drawn again.
    pub fn expire(&mut self, now: DateTime<Utc>) -> bool {
        let wait_over = self.wait.as_ref().is_some_and(|w| w.until <= now);
        if wait_over {
            self.wait = None;
        }
        let low_refilled = self.budgets.values().any(|b| b.is_low() && b.reset <= now);
        self.budgets.retain(|_, b| b.reset > now);
        wait_over || low_refilled
    }
}
