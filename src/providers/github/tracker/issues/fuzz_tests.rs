//! A board of plain issues against lists that nearly fit (the issue fixtures of
//! tests/fixtures/github/tracker, mutated) and any label columns: every card clean, placed
//! in a column that exists, and every move planned without a panic.

use super::card;
use super::dto::IssueDto;
use super::lanes::Lanes;
use crate::config::LabelColumn;
use crate::providers::fuzz_json::{assert_clean_issue, config, decode, near, share_decoding};
use proptest::prelude::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/github/tracker/",
            $name
        ))
    };
}

fn lists() -> Vec<&'static str> {
    vec![
        fixture!("issues-open-1.json"),
        fixture!("issues-open-2.json"),
        fixture!("issues-closed.json"),
    ]
}

fn columns() -> impl Strategy<Value = Vec<LabelColumn>> {
    let label = proptest::sample::select(vec!["bug", "in progress", "BUG", "", "review"]);
    let column = (
        any::<String>(),
        proptest::collection::vec(label.prop_map(String::from), 0..3),
        any::<bool>(),
    )
        .prop_map(|(name, labels, closed)| LabelColumn {
            name,
            labels,
            closed,
        });
    proptest::collection::vec(column, 0..4)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn issues_become_cards_that_can_move_anywhere(
        bytes in near(&lists()),
        repo in any::<String>(),
        columns in columns(),
    ) {
        let Some(found) = decode::<Vec<IssueDto>>("GitHub", &bytes) else { return Ok(()) };
        let lanes = Lanes::new(&columns);
        let count = lanes.names().len();
        for dto in found {
            let (card, issue) = card(&repo, dto);
            assert_clean_issue(&issue);
            if let Some(at) = lanes.place(&card) {
                prop_assert!(at < count);
            }
            for to in 0..=count {
                lanes.plan(&card, to);
            }
        }
    }
}

/// The property above is worth its time only if lists get past decoding.
#[test]
fn a_fair_share_of_lists_reach_the_mappers() {
    let share = share_decoding(near(&lists()), 200, |b| {
        decode::<Vec<IssueDto>>("GitHub", b).is_some_and(|l| !l.is_empty())
    });
    assert!(share > 0.2, "{share}");
}
