//! Who speaks when: the configured order, or a shuffle seeded from the date, so the order
//! changes from day to day yet is the same on every screen that day (and in tests).

use crate::domain::Person;
use chrono::{Datelike, NaiveDate};

/// `people` with the configured names first, in their order, and everyone else after them by
/// name. A configured name nobody in the sprint has still gets a page: they are at the standup
/// with nothing on the board.
pub fn configured(people: &[Person], names: &[String]) -> Vec<Person> {
    let mut rest = by_name(people);
    let mut order = Vec::new();
    for name in names {
        let wanted = name.trim();
        if wanted.is_empty() || order.iter().any(|p: &Person| is(p, wanted)) {
            continue;
        }
        match rest.iter().position(|p| is(p, wanted)) {
            Some(at) => order.push(rest.remove(at)),
            None => order.push(Person {
                id: wanted.to_string(),
                display_name: wanted.to_string(),
            }),
        }
    }
    order.extend(rest);
    order
}

/// `people` (and the configured extras) in an order drawn from `day`.
pub fn shuffled(people: &[Person], extra: &[String], day: NaiveDate) -> Vec<Person> {
    // Sorted first, so the result does not depend on the order the tracker listed them in.
    let mut order = configured(people, extra);
    order.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seed = u64::try_from(day.num_days_from_ce()).unwrap_or_default();
    for i in (1..order.len()).rev() {
        let j = usize::try_from(splitmix(&mut seed) % (i as u64 + 1)).unwrap_or(0);
        order.swap(i, j);
    }
    order
}

fn by_name(people: &[Person]) -> Vec<Person> {
    let mut sorted = people.to_vec();
    sorted.sort_by_key(|p| (p.display_name.to_lowercase(), p.id.clone()));
    sorted
}

/// A configured name matches a person's id, full name or first name, in any case.
fn is(person: &Person, name: &str) -> bool {
    let first = person.display_name.split_whitespace().next().unwrap_or("");
    [person.id.as_str(), person.display_name.as_str(), first]
        .iter()
        .any(|n| n.to_lowercase() == name.to_lowercase())
}

/// SplitMix64: small, well mixed, and stable across Rust versions (std's hashers are not).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(names: &[&str]) -> Vec<Person> {
        names
            .iter()
            .map(|n| Person {
                id: n.to_lowercase().replace(' ', "."),
                display_name: n.to_string(),
            })
            .collect()
    }

    fn names(order: &[Person]) -> Vec<&str> {
        order.iter().map(|p| p.display_name.as_str()).collect()
    }

    #[test]
    fn configured_names_first_then_the_rest_by_name() {
        let team = people(&["Marcus Bell", "Ana Kowalski", "Priya Raman", "Bo Li"]);
        let names_cfg = [
            "priya".to_string(),
            "Dana".to_string(),
            "ana kowalski".into(),
        ];
        let order = configured(&team, &names_cfg);
        assert_eq!(
            names(&order),
            [
                "Priya Raman",
                "Dana",
                "Ana Kowalski",
                "Bo Li",
                "Marcus Bell"
            ]
        );
    }

    #[test]
    fn the_shuffle_depends_on_the_day_only() {
        let team = people(&["A a", "B b", "C c", "D d", "E e", "F f"]);
        let mut reversed = team.clone();
        reversed.reverse();
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let order = shuffled(&team, &[], day);
        assert_eq!(order, shuffled(&reversed, &[], day));
        let mut sorted = names(&order);
        sorted.sort();
        assert_eq!(sorted, ["A a", "B b", "C c", "D d", "E e", "F f"]);
        let week: Vec<Vec<Person>> = (0..7)
            .map(|d| shuffled(&team, &[], day + chrono::Days::new(d)))
            .collect();
        assert!(week.iter().any(|o| *o != order), "{week:?}");
    }
}
