//! The Jira provider against a wiremock server on loopback: paths, queries, auth headers,
//! paging, caching, transitions and every error class.

#[path = "jira/errors.rs"]
mod errors;
#[path = "jira/moves.rs"]
mod moves;
#[path = "jira/scale.rs"]
mod scale;
#[path = "jira/support.rs"]
mod support;

use shipdeck::config::{JiraAuth, JiraScope};
use shipdeck::domain::{Board, BoardKind};
use shipdeck::providers::IssueTracker;
use shipdeck::providers::jira::JiraProvider;
use support::*;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer};

fn keys(board: &Board) -> Vec<&str> {
    board.issues.iter().map(|i| i.key.0.as_str()).collect()
}

#[tokio::test]
async fn cloud_pages_through_every_token_page_in_order() {
    let server = MockServer::start().await;
    mount_setup(&server, 42, fixture!("board-scrum.json"), "/rest/api/3", 1).await;
    mount_sprints(&server, fixture!("sprints.json"), 1).await;
    let pages = [
        (None, fixture!("search-cloud-1.json")),
        (Some("CAEaAggB"), fixture!("search-cloud-2.json")),
        (Some("CAEaAggC"), fixture!("search-cloud-3.json")),
    ];
    for (token, body) in pages {
        let mock = Mock::given(method("GET"))
            .and(path("/rest/api/3/search/jql"))
            .and(query_param(
                "jql",
                "filter = 10042 AND sprint = 7 ORDER BY Rank ASC",
            ))
            .and(query_param("fields", FIELDS))
            .and(query_param("maxResults", "100"));
        let mock = match token {
            Some(t) => mock.and(query_param("nextPageToken", t)),
            None => mock.and(query_param_is_missing("nextPageToken")),
        };
        mock.respond_with(json(body)).expect(1).mount(&server).await;
    }

    let board = cloud(&server).load_board().await.unwrap();

    assert_eq!(
        keys(&board),
        [
            "PLAT-101", "PLAT-102", "PLAT-103", "PLAT-104", "PLAT-105", "PLAT-106"
        ]
    );
    assert_eq!(
        (board.id, board.name.as_str(), board.kind),
        (42, "Platform Team board", BoardKind::Scrum)
    );
    assert_eq!(
        board.sprint.as_ref().map(|s| s.name.as_str()),
        Some("Sprint 23")
    );
    assert_eq!(board.columns.len(), 5);
    assert_eq!(board.issues[1].summary, "Fix title now");
    assert_eq!(
        board.issues[0].url,
        format!("{}/browse/PLAT-101", server.uri())
    );
    let ua = format!("shipdeck/{}", env!("CARGO_PKG_VERSION"));
    for request in server.received_requests().await.unwrap() {
        let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
        assert_eq!(header("authorization"), Some(BASIC), "{}", request.url);
        assert_eq!(header("accept"), Some("application/json"));
        assert_eq!(header("user-agent"), Some(ua.as_str()));
        assert!(
            !request.url.path().starts_with("/rest/api/2"),
            "{}",
            request.url
        );
    }
}

#[tokio::test]
async fn data_center_uses_bearer_v2_and_start_at_paging() {
    let server = MockServer::start().await;
    mount_setup(&server, 42, fixture!("board-scrum.json"), "/rest/api/2", 1).await;
    mount_sprints(&server, fixture!("sprints.json"), 1).await;
    for (start, body) in [
        ("0", fixture!("search-dc-1.json")),
        ("2", fixture!("search-dc-2.json")),
    ] {
        Mock::given(method("GET"))
            .and(path("/rest/api/2/search"))
            .and(query_param(
                "jql",
                "filter = 10042 AND sprint = 7 ORDER BY Rank ASC",
            ))
            .and(query_param("fields", FIELDS))
            .and(query_param("startAt", start))
            .respond_with(json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/rest/api/2/myself"))
        .respond_with(json(fixture!("myself-dc.json")))
        .mount(&server)
        .await;
    let jira = JiraProvider::new(settings(&server, 42, JiraAuth::Bearer)).unwrap();

    let board = jira.load_board().await.unwrap();
    let me = jira.myself().await.unwrap();

    assert_eq!(keys(&board), ["OPS-7", "OPS-8", "OPS-9"]);
    assert_eq!(board.issues[0].assignee.as_ref().unwrap().id, "bjorn.l");
    assert_eq!(
        (me.id.as_str(), me.display_name.as_str()),
        ("bjorn.l", "Björn Lindqvist")
    );
    let bearer = format!("Bearer {TOKEN}");
    for request in server.received_requests().await.unwrap() {
        let auth = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok());
        assert_eq!(auth, Some(bearer.as_str()));
        assert!(
            !request.url.path().starts_with("/rest/api/3"),
            "{}",
            request.url
        );
    }
}

#[tokio::test]
async fn cloud_myself_is_the_account_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/myself"))
        .respond_with(json(fixture!("myself-cloud.json")))
        .mount(&server)
        .await;
    let me = cloud(&server).myself().await.unwrap();
    assert_eq!(
        (me.id.as_str(), me.display_name.as_str()),
        ("712020:5b10ac8d82e05b22cc7d4ef5", "Ana Kowalski")
    );
}

#[tokio::test]
async fn kanban_board_sends_no_sprint_request_and_honours_its_sub_filter() {
    let server = MockServer::start().await;
    mount_setup(&server, 43, fixture!("board-kanban.json"), "/rest/api/3", 1).await;
    Mock::given(path("/rest/agile/1.0/board/43/sprint"))
        .respond_with(status(
            400,
            r#"{"errorMessages":["The board does not support sprints"],"errors":{}}"#,
        ))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/search/jql"))
        .and(query_param(
            "jql",
            "filter = 10042 AND (fixVersion in unreleasedVersions() OR fixVersion is EMPTY) ORDER BY Rank ASC",
        ))
        .respond_with(json(fixture!("search-cloud-3.json")))
        .expect(1)
        .mount(&server)
        .await;
    let jira = JiraProvider::new(settings(&server, 43, JiraAuth::Basic)).unwrap();

    let board = jira.load_board().await.unwrap();

    assert_eq!((board.kind, &board.sprint), (BoardKind::Kanban, &None));
    assert_eq!(keys(&board), ["PLAT-105", "PLAT-106"]);
}

#[tokio::test]
async fn scope_all_with_extra_jql_skips_the_sprint() {
    let server = MockServer::start().await;
    mount_setup(&server, 42, fixture!("board-scrum.json"), "/rest/api/3", 1).await;
    mount_sprints(&server, fixture!("sprints.json"), 0).await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/search/jql"))
        .and(query_param(
            "jql",
            "filter = 10042 AND (labels = k8s) ORDER BY Rank ASC",
        ))
        .respond_with(json(fixture!("search-cloud-3.json")))
        .expect(1)
        .mount(&server)
        .await;
    let board = with_scope(&server, JiraScope::All, "labels = k8s")
        .load_board()
        .await
        .unwrap();
    assert_eq!(board.sprint, None);
    assert_eq!(board.issues.len(), 2);
}

#[tokio::test]
async fn board_setup_is_fetched_once_across_loads() {
    let server = MockServer::start().await;
    mount_setup(&server, 42, fixture!("board-scrum.json"), "/rest/api/3", 1).await;
    mount_sprints(&server, fixture!("sprints.json"), 2).await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/search/jql"))
        .respond_with(json(fixture!("search-cloud-3.json")))
        .expect(2)
        .mount(&server)
        .await;
    let jira = cloud(&server);
    let first = jira.load_board().await.unwrap();
    let second = jira.load_board().await.unwrap();
    assert_eq!(first, second);
}

#[tokio::test]
async fn scrum_board_without_active_sprint_is_empty() {
    let server = MockServer::start().await;
    mount_setup(&server, 42, fixture!("board-scrum.json"), "/rest/api/3", 1).await;
    mount_sprints(&server, fixture!("sprints-future-only.json"), 1).await;
    Mock::given(path("/rest/api/3/search/jql"))
        .respond_with(json(fixture!("search-cloud-3.json")))
        .expect(0)
        .mount(&server)
        .await;
    let board = cloud(&server).load_board().await.unwrap();
    assert_eq!(
        (board.sprint, board.issues.len(), board.columns.len()),
        (None, 0, 5)
    );
}
