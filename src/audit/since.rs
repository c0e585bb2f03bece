//! `--since 7d`: a span back from now (`30m`, `24h`, `7d`, `2w`) or an RFC 3339 time.

use chrono::{DateTime, Duration, Utc};

pub fn parse_since(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    let bad = || format!("{text:?} is neither a span like 30m, 24h, 7d, 2w nor an RFC 3339 time");
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (digits, unit) = text.split_at(split);
    let count: i64 = digits.parse().map_err(|_| bad())?;
    let span = match unit {
        "m" | "min" => Duration::try_minutes(count),
        "h" => Duration::try_hours(count),
        "d" => Duration::try_days(count),
        "w" => Duration::try_weeks(count),
        _ => None,
    }
    .ok_or_else(bad)?;
    now.checked_sub_signed(span).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2025-03-10T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn spans_count_back_from_now() {
        let at = |s: &str| parse_since(s, now()).unwrap().to_rfc3339();
        assert_eq!(at("30m"), "2025-03-10T11:30:00+00:00");
        assert_eq!(at("24h"), "2025-03-09T12:00:00+00:00");
        assert_eq!(at("7d"), "2025-03-03T12:00:00+00:00");
        assert_eq!(at("2w"), "2025-02-24T12:00:00+00:00");
    }

    #[test]
    fn rfc3339_times_are_taken_as_they_are() {
        let at = parse_since("2025-03-01T08:00:00+01:00", now()).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-03-01T07:00:00+00:00");
    }

    #[test]
    fn nonsense_is_an_error_naming_the_input() {
        for bad in ["", "7", "d", "7y", "-3d", "yesterday", "99999999999999d"] {
            let e = parse_since(bad, now()).unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
    }
}
