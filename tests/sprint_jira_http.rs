//! The Jira provider's sprint requests against wiremock on loopback: the sprint list with
//! closed sprints, `expand=changelog` on search, changelog paging when Cloud cuts it short,
//! removed issues found through their changelog, velocity, and the Data Center shape.

#[path = "sprint_jira/support.rs"]
mod support;

use chrono::FixedOffset;
use shipdeck::config::JiraAuth;
use shipdeck::domain::sprint::{Change, IssueHistory};
use shipdeck::domain::{Person, SprintState, StatusId};
use shipdeck::providers::{IssueTracker, ProviderError};
use support::*;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer};

const CLOUD_SEARCH: &str = "/rest/api/3/search/jql";

fn issue<'a>(all: &'a [IssueHistory], key: &str) -> &'a IssueHistory {
    all.iter().find(|h| h.issue.key.0 == key).unwrap()
}

async fn mount_sprint_list(server: &MockServer) {
    for (start, body) in [
        ("0", fixture!("sprint-list-1.json")),
        ("5", fixture!("sprint-list-2.json")),
    ] {
        Mock::given(method("GET"))
            .and(path("/rest/agile/1.0/board/42/sprint"))
            .and(query_param("state", "closed,active,future"))
            .and(query_param("startAt", start))
            .respond_with(json(body))
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn sprint_list_pages_and_keeps_the_last_six_closed_then_active_then_future() {
    let server = MockServer::start().await;
    mount_setup(&server, fixture!("board-scrum.json"), "/rest/api/3").await;
    mount_sprint_list(&server).await;
    let sprints = provider(&server, JiraAuth::Basic).sprints().await.unwrap();
    let ids: Vec<(u64, SprintState)> = sprints.iter().map(|s| (s.id, s.state)).collect();
    let closed = SprintState::Closed;
    assert_eq!(
        ids,
        [
            (2, closed),
            (3, closed),
            (4, closed),
            (5, closed),
            (6, closed),
            (7, closed),
            (8, SprintState::Active),
            (9, SprintState::Future)
        ]
    );
}

#[tokio::test]
async fn kanban_boards_have_no_sprints() {
    let server = MockServer::start().await;
    mount_setup(&server, fixture!("board-kanban.json"), "/rest/api/3").await;
    let jira = provider(&server, JiraAuth::Basic);
    assert!(jira.sprints().await.unwrap().is_empty());
    match jira.sprint_data(8).await {
        Err(ProviderError::Rejected(message)) => assert!(message.contains("kanban"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn mount_cloud_sprint(server: &MockServer) {
    mount_setup(server, fixture!("board-scrum.json"), "/rest/api/3").await;
    mount_sprint_list(server).await;
    Mock::given(method("GET"))
        .and(path("/rest/agile/1.0/sprint/8"))
        .respond_with(json(fixture!("sprint-active.json")))
        .mount(server)
        .await;
    let jql = "filter = 10042 AND sprint = 8 ORDER BY Rank ASC";
    let found = fixture!("sprint-search-cloud.json");
    mount_search(server, CLOUD_SEARCH, jql, true, found, 1).await;
    // The sprint started on 18 Nov; a day early covers any server time zone.
    let jql = "filter = 10042 AND updated >= \"2026-11-17\" ORDER BY Rank ASC";
    let touched = fixture!("sprint-touched-cloud.json");
    mount_search(server, CLOUD_SEARCH, jql, true, touched, 1).await;
    for id in 2..=7 {
        let jql = format!("filter = 10042 AND sprint = {id} ORDER BY Rank ASC");
        let body = if id == 7 {
            fixture!("sprint-velocity-cloud.json")
        } else {
            EMPTY_CLOUD_SEARCH
        };
        mount_search(server, CLOUD_SEARCH, &jql, false, body, 1).await;
    }
    for (start, body) in [
        ("0", fixture!("changelog-302-1.json")),
        ("2", fixture!("changelog-302-2.json")),
    ] {
        Mock::given(method("GET"))
            .and(path("/rest/api/3/issue/PLAT-302/changelog"))
            .and(query_param("startAt", start))
            .respond_with(json(body))
            .expect(1)
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn cloud_sprint_data_with_changelogs_paging_removed_issues_and_velocity() {
    let server = MockServer::start().await;
    mount_cloud_sprint(&server).await;
    let data = provider(&server, JiraAuth::Basic)
        .sprint_data(8)
        .await
        .unwrap();

    assert_eq!(
        (data.sprint.id, data.sprint.name.as_str()),
        (8, "Sprint 23")
    );
    assert_eq!(data.offset, FixedOffset::east_opt(0).unwrap());
    assert_eq!(data.board.columns.len(), 5);
    let keys: Vec<&str> = data.issues.iter().map(|h| h.issue.key.0.as_str()).collect();
    assert_eq!(
        keys,
        ["PLAT-301", "PLAT-302", "PLAT-303"],
        "304 never was in sprint 8"
    );

    let done = issue(&data.issues, "PLAT-301");
    assert!(done.flagged && done.complete);
    assert_eq!(done.sprints, [8]);
    assert_eq!(done.events.len(), 3, "two status changes and the flag");
    assert_eq!(done.events[2].change, Change::Flagged(true));
    assert_eq!(
        done.created.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-11-10T10:00:00+00:00")
    );

    // Cloud sent only the newest of three entries; the rest came from the changelog pages.
    let paged = issue(&data.issues, "PLAT-302");
    assert!(paged.complete);
    let changes: Vec<&Change> = paged.events.iter().map(|e| &e.change).collect();
    assert_eq!(
        changes,
        [
            &Change::Status {
                from: StatusId("10001".into()),
                to: StatusId("3".into())
            },
            &Change::Points {
                from: Some(3.0),
                to: Some(5.0)
            },
            &Change::Status {
                from: StatusId("3".into()),
                to: StatusId("10100".into())
            },
        ]
    );
    assert_eq!(
        paged.events[0].author,
        Some(Person {
            id: "712020:ben".into(),
            display_name: "Ben Okafor".into()
        }),
        "names are sanitised"
    );

    let removed = issue(&data.issues, "PLAT-303");
    assert_eq!(removed.sprints, [9]);
    assert_eq!(
        removed.events.last().map(|e| &e.change),
        Some(&Change::Sprint {
            from: vec![8],
            to: vec![9]
        })
    );

    let velocity: Vec<(u64, f64)> = data.closed.iter().map(|(s, p)| (s.id, *p)).collect();
    assert_eq!(
        velocity,
        [(7, 13.0), (6, 0.0), (5, 0.0), (4, 0.0), (3, 0.0), (2, 0.0)],
        "sprint 7: 280 and 281 done; 282 was carried over, 283 is not done"
    );
}

#[tokio::test]
async fn data_center_sprint_in_its_own_offset_with_named_fields_and_a_cut_changelog() {
    let server = MockServer::start().await;
    mount_setup(&server, fixture!("board-scrum.json"), "/rest/api/2").await;
    Mock::given(method("GET"))
        .and(path("/rest/agile/1.0/board/42/sprint"))
        .and(query_param("startAt", "0"))
        .respond_with(json(fixture!("sprint-list-dc.json")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/agile/1.0/sprint/31"))
        .respond_with(json(fixture!("sprint-active-dc.json")))
        .mount(&server)
        .await;
    let dc_search = "/rest/api/2/search";
    let jql = "filter = 10042 AND sprint = 31 ORDER BY Rank ASC";
    let found = fixture!("sprint-search-dc.json");
    mount_search(&server, dc_search, jql, true, found, 1).await;
    let empty = r#"{"startAt": 0, "maxResults": 50, "total": 0, "issues": []}"#;
    let jql = "filter = 10042 AND updated >= \"2026-11-17\" ORDER BY Rank ASC";
    mount_search(&server, dc_search, jql, true, empty, 1).await;
    let jql = "filter = 10042 AND sprint = 30 ORDER BY Rank ASC";
    mount_search(&server, dc_search, jql, false, empty, 1).await;
    // Data Center has no changelog endpoint: a cut changelog is not paged.
    Mock::given(method("GET"))
        .and(path("/rest/api/2/issue/OPS-8/changelog"))
        .respond_with(json("{}"))
        .expect(0)
        .mount(&server)
        .await;

    let data = provider(&server, JiraAuth::Bearer)
        .sprint_data(31)
        .await
        .unwrap();
    assert_eq!(data.offset, FixedOffset::east_opt(10 * 3600).unwrap());
    let done = issue(&data.issues, "OPS-7");
    assert!(done.complete);
    assert_eq!(done.sprints, [31]);
    let changes: Vec<&Change> = done.events.iter().map(|e| &e.change).collect();
    assert_eq!(
        changes[1..],
        [
            &Change::Status {
                from: StatusId("3".into()),
                to: StatusId("10002".into())
            },
            &Change::Points {
                from: Some(2.0),
                to: Some(3.0)
            },
        ]
    );
    assert_eq!(
        done.events[0].at.to_rfc3339(),
        "2026-11-18T10:15:00+10:00",
        "times keep their offset"
    );
    let cut = issue(&data.issues, "OPS-8");
    assert!(!cut.complete, "four entries, one sent");
    assert_eq!(cut.sprints, [30, 31]);
    assert_eq!(
        cut.events[0].change,
        Change::Sprint {
            from: vec![30],
            to: vec![30, 31]
        }
    );
    assert_eq!(data.closed.len(), 1);
}
