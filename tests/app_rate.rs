//! Pure `update` tests of request budgets and rate-limit waits: the latest budget is kept per
//! provider table and bucket, shown only while low, forgotten once it refills; a wait is shown
//! until it ends; neither moves the refresh timer.

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use shipdeck::app::{Msg, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::RateBudget;
use shipdeck::sync::SyncEvent;
use std::time::Duration;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 13, 40, 0).unwrap()
}

fn budget(service: &str, resource: &str, remaining: u64) -> RateBudget {
    RateBudget {
        service: service.into(),
        resource: resource.into(),
        limit: 5000,
        remaining,
        reset: Utc.with_ymd_and_hms(2026, 3, 2, 14, 5, 0).unwrap(),
    }
}

fn state() -> State {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    state.dirty = false;
    state
}

fn changed(state: &mut State, budget: RateBudget) {
    update(state, Msg::Sync(SyncEvent::BudgetChanged(budget)), now());
}

#[test]
fn a_budget_shows_only_while_low_and_redraws_only_then() {
    let mut state = state();
    changed(&mut state, budget("acme", "core", 4000));
    assert_eq!(state.rate.lowest(now()), None);
    assert!(!state.dirty, "a healthy budget changes nothing on screen");
    changed(&mut state, budget("acme", "core", 312));
    assert_eq!(state.rate.lowest(now()), Some(&budget("acme", "core", 312)));
    assert!(state.dirty);
    // The latest word per table and bucket.
    changed(&mut state, budget("acme", "core", 4999));
    assert_eq!(state.rate.lowest(now()), None);
}

#[test]
fn the_lowest_of_several_buckets_is_the_one_shown() {
    let mut state = state();
    changed(&mut state, budget("acme", "core", 400));
    changed(&mut state, budget("acme", "graphql", 90));
    changed(&mut state, budget("ghe", "core", 300));
    assert_eq!(
        state.rate.lowest(now()),
        Some(&budget("acme", "graphql", 90))
    );
    assert_eq!(state.rate.budgets.len(), 3);
}

#[test]
fn a_low_budget_is_forgotten_when_it_refills() {
    let mut state = state();
    changed(&mut state, budget("acme", "core", 312));
    let reset = budget("acme", "core", 312).reset;
    assert_eq!(state.next_deadline(), Some(reset));
    state.dirty = false;
    update(&mut state, Msg::Tick, reset);
    assert!(state.dirty);
    assert!(state.rate.budgets.is_empty());
    assert_eq!(state.next_deadline(), None);
}

#[test]
fn a_wait_shows_until_it_ends() {
    let mut state = state();
    let wait = SyncEvent::Waiting {
        retry_after: Duration::from_secs(250),
    };
    update(&mut state, Msg::Sync(wait), now());
    let until = now() + Span::seconds(250);
    assert_eq!(state.rate.wait_at(now()).map(|w| w.until), Some(until));
    assert_eq!(state.next_deadline(), Some(until));
    state.dirty = false;
    update(&mut state, Msg::Tick, until);
    assert!(state.dirty);
    assert_eq!(state.rate.wait, None);
}

#[test]
fn rate_news_does_not_move_the_refresh_timer() {
    let mut state = state();
    let due = now() + Span::seconds(30);
    state.next_refresh = Some(due);
    changed(&mut state, budget("acme", "core", 100));
    let wait = SyncEvent::Waiting {
        retry_after: Duration::from_secs(5),
    };
    update(&mut state, Msg::Sync(wait), now());
    assert_eq!(state.next_refresh, Some(due));
}
