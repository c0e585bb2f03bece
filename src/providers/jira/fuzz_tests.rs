//! Jira's decoders and mappers against answers that nearly fit (the fixtures of
//! tests/fixtures/jira, mutated), any JSON and any wiki text: an error or a value, never a
//! panic, and no server text reaches the domain or an error message unsanitised.

use super::changelog::{self, ChangelogPageDto, HistoryFields};
use super::dto::{
    BoardConfigDto, BoardDto, CloudSearchDto, DcSearchDto, FieldDto, IssueDto, SprintDto,
    SprintPageDto, TransitionsDto, UserDto,
};
use super::map::{self, IssueContext};
use super::{adf, sprint_data, values, wiki};
use crate::domain::sprint::{Change, ChangeEvent};
use crate::providers::fuzz_json::{
    any_json, assert_clean, assert_clean_issue, assert_clean_person, config, decode, near,
    share_decoding,
};
use proptest::prelude::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/jira/",
            $name
        ))
    };
}

fn searches() -> Vec<&'static str> {
    vec![
        fixture!("search-cloud-1.json"),
        fixture!("search-cloud-2.json"),
        fixture!("search-dc-1.json"),
        fixture!("sprint-search-cloud.json"),
        fixture!("sprint-search-dc.json"),
        fixture!("sprint-touched-cloud.json"),
    ]
}

fn fields() -> Vec<FieldDto> {
    serde_json::from_str(fixture!("fields-flagged.json")).expect("the fields fixture")
}

fn assert_clean_events(events: &[ChangeEvent]) {
    for event in events {
        event.author.iter().for_each(assert_clean_person);
        match &event.change {
            Change::Status { from, to } => {
                assert_clean(&from.0, false);
                assert_clean(&to.0, false);
            }
            Change::Assignee { from, to } => {
                from.iter().chain(to).for_each(assert_clean_person);
            }
            Change::Points { .. } | Change::Sprint { .. } | Change::Flagged(_) => {}
        }
    }
}

/// What the board and the sprint read of one issue: the card, its sprints, its history.
fn map_issue(dto: IssueDto, history: &HistoryFields) {
    let histories = dto.changelog.as_ref().map(|c| c.histories.as_slice());
    assert_clean_events(&changelog::events(histories.unwrap_or_default(), history).0);
    if let Some(sprints) = dto.fields.custom.get("customfield_10020") {
        values::sprint_ids(sprints);
    }
    let cx = IssueContext {
        base: "https://acme.atlassian.net",
        points_field: Some("customfield_10016"),
        sprint_field: Some("customfield_10020"),
        sprint_name: Some("Sprint 23"),
    };
    assert_clean_issue(&map::issue(dto, &cx));
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn board_setups_map_or_refuse(
        board in near(&[fixture!("board-scrum.json"), fixture!("board-kanban.json")]),
        configuration in near(&[fixture!("configuration.json")]),
        fields in near(&[fixture!("fields.json"), fixture!("fields-flagged.json")]),
    ) {
        let (Some(board), Some(configuration), Some(fields)) = (
            decode::<BoardDto>("Jira", &board),
            decode::<BoardConfigDto>("Jira", &configuration),
            decode::<Vec<FieldDto>>("Jira", &fields),
        ) else {
            return Ok(());
        };
        let history = HistoryFields::new(Some("customfield_10016"), Some("customfield_10020"), &fields);
        match map::setup(board, configuration, &fields) {
            Ok(setup) => {
                assert_clean(&setup.name, false);
                for column in &setup.columns {
                    assert_clean(&column.name, false);
                    column.statuses.iter().for_each(|s| assert_clean(&s.0, false));
                }
            }
            Err(why) => assert_clean(&why, false),
        }
        prop_assert!(history.points.is_some() && history.sprint.is_some());
    }

    #[test]
    fn searches_map_or_refuse(bytes in near(&searches())) {
        let history = HistoryFields::new(Some("customfield_10016"), Some("customfield_10020"), &fields());
        if let Some(page) = decode::<CloudSearchDto>("Jira", &bytes) {
            page.issues.into_iter().for_each(|dto| map_issue(dto, &history));
        }
        if let Some(page) = decode::<DcSearchDto>("Jira", &bytes) {
            page.issues.into_iter().for_each(|dto| map_issue(dto, &history));
        }
    }

    #[test]
    fn changelog_pages_map_or_refuse(
        bytes in near(&[fixture!("changelog-302-1.json"), fixture!("changelog-302-2.json")]),
    ) {
        let history = HistoryFields::new(Some("customfield_10016"), Some("customfield_10020"), &fields());
        if let Some(page) = decode::<ChangelogPageDto>("Jira", &bytes) {
            assert_clean_events(&changelog::events(&page.values, &history).0);
        }
    }

    #[test]
    fn sprints_map_or_refuse(
        bytes in near(&[fixture!("sprints.json"), fixture!("sprint-list-1.json"), fixture!("sprint-list-dc.json"), fixture!("sprint-active.json"), fixture!("sprint-active-dc.json")]),
    ) {
        let mut dtos = decode::<SprintPageDto>("Jira", &bytes).map(|p| p.values).unwrap_or_default();
        dtos.extend(decode::<SprintDto>("Jira", &bytes));
        for dto in dtos {
            sprint_data::offset_of(&dto);
            let sprint = map::sprint(dto);
            assert_clean(&sprint.name, false);
            sprint.goal.iter().for_each(|g| assert_clean(g, false));
        }
    }

    #[test]
    fn users_and_transitions_map_or_refuse(
        bytes in near(&[fixture!("myself-cloud.json"), fixture!("myself-dc.json"), fixture!("transitions.json")]),
    ) {
        if let Some(user) = decode::<UserDto>("Jira", &bytes) {
            assert_clean_person(&map::person(user));
        }
        decode::<TransitionsDto>("Jira", &bytes);
    }

    #[test]
    fn any_description_renders(
        doc in prop_oneof![
            near(&[fixture!("adf-description.json")]).prop_filter_map("JSON", |b| serde_json::from_slice(&b).ok()),
            any_json(vec!["type".into(), "content".into(), "text".into(), "attrs".into(), "marks".into()]),
        ],
        wiki_text in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(WIKI).prop_map(String::from),
                any::<String>(),
            ],
            0..24,
        ),
    ) {
        adf::to_text(&doc);
        wiki::to_text(&wiki_text.concat());
    }
}

/// Wiki markup pieces, half-open ones included.
const WIKI: &[&str] = &[
    "{code}",
    "{code:java}",
    "{noformat}",
    "{quote}",
    "{color:red}",
    "{panel}",
    "*",
    "_",
    "-",
    "+",
    "^",
    "~",
    "??",
    "{{",
    "}}",
    "[",
    "]",
    "|",
    "||",
    "[~ana]",
    "[text|http://x]",
    "!a.png!",
    "h1. ",
    "h9. ",
    "# ",
    "## ",
    "* ",
    "** ",
    "*# ",
    "bq. ",
    "----",
    "\n",
    "\r\n",
    " ",
    "\t",
    "修",
    "e\u{301}",
    "\u{1b}[31m",
];

/// The properties above are worth their time only if answers get past decoding.
#[test]
fn a_fair_share_of_answers_reach_the_mappers() {
    let issues = share_decoding(near(&searches()), 200, |b| {
        decode::<CloudSearchDto>("Jira", b).is_some_and(|p| !p.issues.is_empty())
    });
    let sprints = share_decoding(near(&[fixture!("sprints.json")]), 200, |b| {
        decode::<SprintPageDto>("Jira", b).is_some_and(|p| !p.values.is_empty())
    });
    assert!(issues > 0.2 && sprints > 0.2, "{issues} {sprints}");
}
