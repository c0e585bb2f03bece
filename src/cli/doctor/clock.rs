//! This machine's clock against the server's `Date`: minutes apart break relative times on
//! screen and, with some servers, signed requests.

use super::check::Check;
use chrono::{DateTime, Utc};
use reqwest::header::{DATE, HeaderMap};

/// More than this apart is worth fixing.
pub const TOLERANCE_SECONDS: i64 = 60;

pub fn check(source: &str, headers: &HeaderMap, now: DateTime<Utc>) -> Check {
    let date = headers
        .get(DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok());
    let Some(date) = date else {
        return Check::pass(
            source,
            "clock",
            "the server sent no Date header: nothing to compare",
        );
    };
    let skew = now
        .signed_duration_since(date.with_timezone(&Utc))
        .num_seconds();
    if skew.abs() <= TOLERANCE_SECONDS {
        return Check::pass(
            source,
            "clock",
            format!("within {} s of the server's", skew.abs().max(1)),
        );
    }
    let way = if skew > 0 { "ahead of" } else { "behind" };
    Check::warn(
        source,
        "clock",
        format!(
            "this machine's clock is {} {way} the server's",
            span(skew.abs())
        ),
        "turn on time sync (timedatectl set-ntp true, or your OS's date settings)",
    )
}

fn span(seconds: i64) -> String {
    match seconds {
        s if s < 120 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s => format!("{} h", s / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn at(date: &str) -> Check {
        let mut headers = HeaderMap::new();
        headers.insert(DATE, HeaderValue::from_str(date).unwrap());
        let now = DateTime::parse_from_rfc3339("2026-03-02T09:15:00Z").unwrap();
        check("jira", &headers, now.with_timezone(&Utc))
    }

    #[test]
    fn a_minute_is_fine_more_is_a_warning_that_says_which_way() {
        let near = at("Mon, 02 Mar 2026 09:14:10 GMT");
        assert!(near.ok && near.fix.is_none(), "{near:?}");
        let ahead = at("Mon, 02 Mar 2026 09:05:00 GMT");
        assert_eq!(
            ahead.detail,
            "this machine's clock is 10 min ahead of the server's"
        );
        assert!(ahead.fix.is_some());
        let behind = at("Mon, 02 Mar 2026 12:15:00 GMT");
        assert_eq!(
            behind.detail,
            "this machine's clock is 3 h behind the server's"
        );
    }
}
