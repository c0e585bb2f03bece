//! What every status bar says about request budgets, at its right end: the wait after a rate
//! limit while it lasts, else a budget that runs low. Nothing while all is well.

use super::Ctx;
use super::status_bar::StatusBar;
use crate::app::rate::Wait;
use crate::domain::RateBudget;
use chrono::{DateTime, FixedOffset, Utc};
use std::time::Duration;

pub fn flag(bar: &mut StatusBar, ctx: &Ctx) {
    let (state, theme) = (ctx.state, ctx.theme);
    if let Some(wait) = state.rate.wait_at(ctx.now) {
        bar.flag(&waiting(wait, state.local_offset), theme.warning);
    } else if let Some(budget) = state.rate.lowest(ctx.now) {
        bar.flag(&budget_left(budget, state.local_offset), theme.warning);
    }
}

/// "rate limited: waiting 4m 10s (until 14:05)"
pub fn waiting(wait: &Wait, offset: FixedOffset) -> String {
    format!(
        "rate limited: waiting {} (until {})",
        length(wait.length),
        clock(wait.until, offset)
    )
}

/// "GitHub acme: 312/5000 requests left · resets 14:05"; GraphQL spends points, and other
/// buckets than the main one are named.
pub fn budget_left(budget: &RateBudget, offset: FixedOffset) -> String {
    let (bucket, unit) = match budget.resource.as_str() {
        "core" => (String::new(), "requests"),
        "graphql" => (" GraphQL".to_string(), "points"),
        other => (format!(" {other}"), "requests"),
    };
    format!(
        "GitHub {}{bucket}: {}/{} {unit} left · resets {}",
        budget.service,
        budget.remaining,
        budget.limit,
        clock(budget.reset, offset)
    )
}

/// "45s", "4m 10s", "1h 5m": a wait as a person says it.
fn length(wait: Duration) -> String {
    let secs = wait.as_secs();
    match secs {
        ..60 => format!("{secs}s"),
        60..3600 => format!("{}m {}s", secs / 60, secs % 60),
        _ => format!("{}h {}m", secs / 3600, secs / 60 % 60),
    }
}

/// "14:05" on the terminal's clock.
fn clock(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn budget(resource: &str) -> RateBudget {
        RateBudget {
            service: "acme".into(),
            resource: resource.into(),
            limit: 5000,
            remaining: 312,
            reset: Utc.with_ymd_and_hms(2026, 3, 2, 13, 5, 0).unwrap(),
        }
    }

    #[test]
    fn budgets_read_in_the_terminals_time_zone() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let cet = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(
            budget_left(&budget("core"), cet),
            "GitHub acme: 312/5000 requests left · resets 14:05"
        );
        assert_eq!(
            budget_left(&budget("graphql"), utc),
            "GitHub acme GraphQL: 312/5000 points left · resets 13:05"
        );
        assert_eq!(
            budget_left(&budget("search"), utc),
            "GitHub acme search: 312/5000 requests left · resets 13:05"
        );
    }

    #[test]
    fn long_waits_read_in_minutes_and_say_until_when() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let wait = |secs| Wait {
            length: Duration::from_secs(secs),
            until: Utc.with_ymd_and_hms(2026, 3, 2, 14, 5, 0).unwrap(),
        };
        assert_eq!(
            waiting(&wait(250), utc),
            "rate limited: waiting 4m 10s (until 14:05)"
        );
        assert_eq!(
            waiting(&wait(30), utc),
            "rate limited: waiting 30s (until 14:05)"
        );
        assert_eq!(
            waiting(&wait(3900), utc),
            "rate limited: waiting 1h 5m (until 14:05)"
        );
    }
}
