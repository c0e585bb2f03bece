//! Short formats the sprint and standup views share.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// "21p", "2.5p": points without a needless ".0".
pub fn pts(points: f64) -> String {
    if points.fract() == 0.0 && points.abs() < 1e9 {
        format!("{}p", points as i64)
    } else {
        format!("{points:.1}p")
    }
}

/// "Mon 3 Mar".
pub fn day(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// "Mon 3 Mar" of a time, in the offset it was written in (the sprint's).
pub fn day_of(at: DateTime<FixedOffset>) -> String {
    day(at.date_naive())
}

/// "62%" of `part` in `whole`; empty when there is no whole.
pub fn percent(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{:.0}%", 100.0 * part / whole)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_percentages() {
        assert_eq!(pts(21.0), "21p");
        assert_eq!(pts(2.5), "2.5p");
        assert_eq!(percent(21.0, 34.0), "62%");
        assert_eq!(percent(1.0, 0.0), "");
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(day(date), "Mon 2 Mar");
    }
}
