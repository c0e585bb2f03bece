//! Projects v2 pages against answers that nearly fit (the fixtures of
//! tests/fixtures/github/tracker, mutated) and any JSON, read as `fetch::project` reads
//! them, on any day: an error or a board and sprints, never a panic, and every card clean.

use super::board::board;
use super::dto::PageData;
use super::history::sprint_data;
use super::iterations::{self, sprint_id};
use super::project::{self, Project};
use crate::providers::fuzz_json::{
    assert_clean, assert_clean_issue, config, decode, near, share_decoding,
};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use std::collections::BTreeMap;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/github/tracker/",
            $name
        ))
    };
}

fn pages() -> Vec<&'static str> {
    vec![
        fixture!("project-page-1.json"),
        fixture!("project-page-2.json"),
        fixture!("project-not-found.json"),
    ]
}

/// The project of one page as `fetch::project` builds it; `None` where it stops.
fn project(bytes: &[u8], points_field: Option<&str>) -> Option<Project> {
    let envelope = decode::<serde_json::Value>("GitHub", bytes)?;
    let data: PageData = serde_json::from_value(envelope.get("data")?.clone()).ok()?;
    let dto = data.repository_owner?.project_v2?;
    let fields = match project::fields(&dto.fields.into_vec(), points_field) {
        Ok(fields) => fields,
        Err(why) => {
            assert_clean(&why, false);
            return None;
        }
    };
    let items = dto
        .items
        .nodes
        .into_iter()
        .flatten()
        .filter_map(|item| project::item(item, &fields, &dto.url))
        .collect();
    Some(Project {
        id: dto.id,
        number: 3,
        title: project::line(&dto.title),
        url: project::line(&dto.url),
        fields,
        items,
    })
}

/// Days near the fixtures' iterations, and the ends of the calendar.
fn day() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2026, 3, 10).expect("a date");
    prop_oneof![
        4 => (0u64..120).prop_map(move |d| base - Days::new(60) + Days::new(d)),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn project_pages_give_a_board_and_sprints_or_refuse(
        bytes in near(&pages()),
        points_field in proptest::option::of(proptest::sample::select(vec!["Effort", "Estimate", "x"])),
        wip in proptest::collection::btree_map(any::<String>(), any::<u32>(), 0..3),
        today in day(),
    ) {
        let Some(project) = project(&bytes, points_field) else { return Ok(()) };
        let shown = board(&project, &wip, today);
        shown.issues.iter().for_each(assert_clean_issue);
        for column in &shown.columns {
            assert_clean(&column.name, false);
        }
        let all = project.fields.iteration.as_ref().map(|f| f.iterations.clone()).unwrap_or_default();
        for sprint in iterations::sprints(&all, today) {
            assert_clean(&sprint.name, false);
        }
        for iteration in &all {
            let data = sprint_data(&project, sprint_id(&iteration.id), &wip, today);
            prop_assert!(data.is_some());
            for history in data.iter().flat_map(|d| &d.issues) {
                assert_clean_issue(&history.issue);
            }
        }
        prop_assert!(sprint_data(&project, 0, &BTreeMap::new(), today).is_none() || all.iter().any(|i| sprint_id(&i.id) == 0));
    }
}

/// The property above is worth its time only if pages get past decoding.
#[test]
fn a_fair_share_of_pages_reach_the_mappers() {
    let share = share_decoding(near(&[fixture!("project-page-1.json")]), 200, |b| {
        project(b, None).is_some_and(|p| !p.items.is_empty())
    });
    assert!(share > 0.2, "{share}");
}
