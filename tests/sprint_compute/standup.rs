//! Standup pages: what each person moved since the previous working day, what they hold.

use super::data::*;
use shipdeck::domain::IssueKey;
use shipdeck::domain::sprint::{SprintRules, standup_pages};

fn keys<'a>(list: impl Iterator<Item = &'a IssueKey>) -> Vec<&'a str> {
    list.map(|k| k.0.as_str()).collect()
}

#[test]
fn standup_pages_show_moves_since_the_previous_working_day() {
    let data = data(cards(), Vec::new());
    // Tuesday 10:00 +10:00: since Monday 00:00.
    let tuesday = at(4, 10, 0).to_utc();
    let pages = standup_pages(&data, tuesday, &SprintRules::default());
    let names: Vec<&str> = pages
        .iter()
        .map(|p| p.person.display_name.as_str())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Cy"]);
    let ben = &pages[1];
    let moved: Vec<(&str, &str, &str)> = ben
        .moved
        .iter()
        .map(|m| (m.key.0.as_str(), m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(moved, [("D", "Done", "To Do")]);
    assert_eq!(keys(ben.blocked.iter().map(|i| &i.key)), ["B"]);
    let ana = &pages[0];
    assert!(ana.moved.is_empty());
    let in_progress: Vec<(&str, Option<u32>)> = ana
        .in_progress
        .iter()
        .map(|(i, age)| (i.key.0.as_str(), *age))
        .collect();
    assert_eq!(in_progress, [("C", Some(2))]);

    // Monday 10:00: since Friday 00:00, so the weekend's moves are in.
    let monday = at(3, 10, 0).to_utc();
    let pages = standup_pages(&data, monday, &SprintRules::default());
    let moved =
        |i: usize| -> Vec<&str> { pages[i].moved.iter().map(|m| m.key.0.as_str()).collect() };
    assert_eq!(moved(0), ["A", "C"]);
    assert_eq!(moved(1), ["D"]);
    assert_eq!(moved(2), ["F"]);
}
