//! Mapping tests on GraphQL pages shaped like GitHub's (tests/fixtures/github/tracker).

mod sprints;

use super::board::board;
use super::dto::{FieldDto, PageData, ProjectDto};
use super::project::{self, NO_STATUS, Project};
use crate::domain::{BoardKind, Column, SprintState, StatusId};
use chrono::{NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;

macro_rules! page {
    ($name:literal) => {{
        let envelope: serde_json::Value = serde_json::from_str(include_str!(concat!(
            "../../../../../tests/fixtures/github/tracker/",
            $name
        )))
        .unwrap();
        let data: PageData = serde_json::from_value(envelope["data"].clone()).unwrap();
        data.repository_owner.unwrap().project_v2.unwrap()
    }};
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn wip() -> BTreeMap<String, u32> {
    BTreeMap::from([("in PROGRESS".to_string(), 4), ("In review".to_string(), 3)])
}

/// Both pages mapped the way `fetch::project` does.
fn loaded(points_field: Option<&str>) -> Project {
    let first: ProjectDto = page!("project-page-1.json");
    let second: ProjectDto = page!("project-page-2.json");
    let fields = project::fields(&first.fields.into_vec(), points_field).unwrap();
    let items = first
        .items
        .nodes
        .into_iter()
        .chain(second.items.nodes)
        .flatten()
        .filter_map(|dto| project::item(dto, &fields, &first.url))
        .collect();
    Project {
        id: first.id,
        number: 3,
        title: first.title,
        url: first.url,
        fields,
        items,
    }
}

fn column(name: &str, status: &str, max: Option<u32>) -> Column {
    Column {
        name: name.into(),
        statuses: vec![StatusId(status.into())],
        min: None,
        max,
    }
}

#[test]
fn status_options_in_order_are_the_columns_with_wip_and_a_leading_no_status() {
    let board = board(&loaded(None), &wip(), day(3, 10));
    assert_eq!(
        (board.id, board.name.as_str(), board.kind),
        (3, "Payments roadmap", BoardKind::Scrum)
    );
    assert_eq!(
        board.columns,
        [
            column("No status", NO_STATUS, None),
            column("Todo", "f75ad846", None),
            column("In progress", "47fc9ee4", Some(4)),
            column("In review", "5a1b2c3d", Some(3)),
            column("Done", "98236657", None),
        ]
    );
}

#[test]
fn the_current_iteration_picks_the_cards_in_project_order() {
    let board = board(&loaded(None), &wip(), day(3, 10));
    let keys: Vec<&str> = board.issues.iter().map(|i| i.key.0.as_str()).collect();
    // Archived (#7), redacted, other iterations (#3, ledger#2) and no iteration (#21) left out.
    assert_eq!(
        keys,
        [
            "acme/payments#12",
            "acme/ledger#40",
            "draft:PVTI_lADOBx3_zs4AXyZ1zgJ8a03",
            "acme/payments#9",
            "acme/payments#15",
        ]
    );
    let sprint = board.sprint.unwrap();
    assert_eq!(
        (sprint.id, sprint.name.as_str(), sprint.state),
        (0xc1d2_e3f4, "Iteration 5", SprintState::Active)
    );
    assert_eq!(
        board.issues[0].sprint.as_deref(),
        Some("Iteration 5"),
        "the card names its iteration"
    );
}

#[test]
fn without_a_current_iteration_every_live_item_shows() {
    let board = board(&loaded(None), &wip(), day(6, 1));
    assert_eq!(board.sprint, None);
    let keys: Vec<&str> = board.issues.iter().map(|i| i.key.0.as_str()).collect();
    assert_eq!(
        keys,
        [
            "acme/payments#12",
            "acme/ledger#40",
            "draft:PVTI_lADOBx3_zs4AXyZ1zgJ8a03",
            "acme/payments#9",
            "acme/payments#3",
            "acme/ledger#2",
            "acme/payments#15",
            "acme/payments#21",
        ]
    );
}

#[test]
fn issues_prs_and_drafts_become_cards() {
    let board = board(&loaded(None), &wip(), day(3, 10));
    let issue = &board.issues[0];
    assert_eq!(
        (issue.status.0.as_str(), issue.status_name.as_str()),
        ("47fc9ee4", "In progress")
    );
    let ana = issue.assignee.as_ref().unwrap();
    assert_eq!(
        (ana.id.as_str(), ana.display_name.as_str()),
        ("ana", "Ana Kowalski")
    );
    assert_eq!(issue.labels, ["backend", "payments"]);
    assert_eq!(issue.points, Some(3.0), "Estimate, not Effort");
    assert_eq!(
        issue.description,
        "Webhooks that fail are dropped.\nRetry them with backoff."
    );
    assert_eq!(issue.url, "https://github.com/acme/payments/issues/12");
    assert_eq!(
        issue.status_since,
        Some(Utc.with_ymd_and_hms(2026, 3, 4, 9, 30, 0).unwrap())
    );

    let pr = &board.issues[1];
    let bjorn = pr.assignee.as_ref().unwrap();
    assert_eq!(
        (bjorn.id.as_str(), bjorn.display_name.as_str()),
        ("bjorn", "bjorn")
    );
    assert_eq!(
        (pr.status_name.as_str(), pr.points),
        ("In review", Some(5.0))
    );

    let draft = &board.issues[2];
    assert_eq!(
        (draft.status.0.as_str(), draft.status_name.as_str()),
        (NO_STATUS, "No status")
    );
    assert_eq!(
        (
            draft.summary.as_str(),
            draft.url.as_str(),
            draft.status_since
        ),
        (
            "Write the rollback runbook",
            "https://github.com/orgs/acme/projects/3",
            None
        )
    );
    assert_eq!(board.issues[4].points, None);
}

#[test]
fn hostile_text_is_sanitised() {
    let board = board(&loaded(None), &wip(), day(3, 10));
    let hostile = &board.issues[3];
    assert_eq!(hostile.summary, "Fix login redirect");
    assert_eq!(hostile.description, "red body");
    assert_eq!(
        hostile.assignee.as_ref().map(|p| p.display_name.as_str()),
        Some("Ana Kowalski")
    );
}

#[test]
fn the_points_field_can_be_named() {
    let board = board(&loaded(Some("effort")), &wip(), day(3, 10));
    assert_eq!(board.issues[0].points, Some(40.0));
    assert_eq!(board.issues[1].points, None);
    let first: ProjectDto = page!("project-page-1.json");
    let err = project::fields(&first.fields.into_vec(), Some("Story points")).unwrap_err();
    assert_eq!(
        err,
        "has no number field named \"Story points\" (points_field)"
    );
}

fn field(value: serde_json::Value) -> FieldDto {
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_project_without_status_is_explained_and_without_iterations_is_kanban() {
    let priority = field(serde_json::json!({
        "id": "F1", "name": "Priority", "dataType": "SINGLE_SELECT", "options": []
    }));
    let err = project::fields(&[priority], None).unwrap_err();
    assert!(err.starts_with("has no Status field"), "{err}");

    let status = field(serde_json::json!({
        "id": "F2", "name": "status", "dataType": "SINGLE_SELECT",
        "options": [{"id": "aa", "name": "Backlog"}]
    }));
    let size = field(serde_json::json!({"id": "F3", "name": "SIZE", "dataType": "NUMBER"}));
    let fields = project::fields(&[status, size], None).unwrap();
    assert_eq!(
        (&fields.iteration, fields.points_id.as_deref()),
        (&None, Some("F3"))
    );
    let kanban = Project {
        id: "P".into(),
        number: 1,
        title: "Ops".into(),
        url: String::new(),
        fields,
        items: Vec::new(),
    };
    let board = board(&kanban, &BTreeMap::new(), day(3, 10));
    assert_eq!((board.kind, board.columns.len()), (BoardKind::Kanban, 1));
}
