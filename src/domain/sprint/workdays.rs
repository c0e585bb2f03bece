//! Calendar arithmetic on plain dates: the caller has already picked the sprint's offset.

use super::SprintRules;
use chrono::{Days, NaiveDate};

/// Working days in `start..=end`; empty when `end` is before `start`.
pub fn working_days_in(start: NaiveDate, end: NaiveDate, rules: &SprintRules) -> Vec<NaiveDate> {
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| rules.is_working(*d))
        .collect()
}

/// How many working days `start..=end` holds; 0 when `end` is before `start`.
pub fn working_days_between(start: NaiveDate, end: NaiveDate, rules: &SprintRules) -> u32 {
    u32::try_from(working_days_in(start, end, rules).len()).unwrap_or(u32::MAX)
}

/// Working days after `since` up to and including `today`: a card that entered a column on
/// Monday is 1 day old on Tuesday, and still 1 on the weekend after a Friday start.
pub fn age_in_working_days(since: NaiveDate, today: NaiveDate, rules: &SprintRules) -> u32 {
    match since.checked_add_days(Days::new(1)) {
        Some(next) => working_days_between(next, today, rules),
        None => 0,
    }
}

/// The last working day strictly before `day`, looking back at most two weeks (a rule set
/// with no working day at all has none).
pub fn previous_working_day(day: NaiveDate, rules: &SprintRules) -> Option<NaiveDate> {
    let mut d = day;
    for _ in 0..14 {
        d = d.pred_opt()?;
        if rules.is_working(d) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekends_are_skipped_across_a_month_end() {
        let rules = SprintRules::default();
        // Wed 29 May 2024 .. Tue 4 Jun 2024: Wed Thu Fri Mon Tue.
        assert_eq!(
            working_days_between(date("2024-05-29"), date("2024-06-04"), &rules),
            5
        );
        assert_eq!(
            working_days_in(date("2024-05-31"), date("2024-06-03"), &rules),
            vec![date("2024-05-31"), date("2024-06-03")]
        );
        assert_eq!(
            working_days_between(date("2024-06-04"), date("2024-05-29"), &rules),
            0
        );
    }

    #[test]
    fn custom_week_and_ages() {
        let rules = SprintRules {
            working_days: vec![
                Weekday::Sun,
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
            ],
            aging_days: 2,
        };
        // Thu 2024-06-06 -> Sun 2024-06-09: Fri and Sat are off, so one day old.
        assert_eq!(
            age_in_working_days(date("2024-06-06"), date("2024-06-09"), &rules),
            1
        );
        assert_eq!(
            previous_working_day(date("2024-06-09"), &rules),
            Some(date("2024-06-06"))
        );
        let none = SprintRules {
            working_days: Vec::new(),
            aging_days: 2,
        };
        assert_eq!(previous_working_day(date("2024-06-09"), &none), None);
    }
}
