use super::support::*;
use serde_json::{Value, json};
use shipdeck::domain::IssueKey;
use shipdeck::providers::{IssueTracker, ProviderError};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "PVT_kwDOBx3_zs4AXyZ1";
const STATUS_FIELD: &str = "PVTSSF_lADOBx3_zs4AXyZ1zgQ9b0c";

/// Both pages of acme's project 3, each expected `times` times; the second only for the
/// cursor the first ends with.
async fn mount_pages(server: &MockServer, times: u64) {
    for (cursor, body) in [
        (Value::Null, fixture!("project-page-1.json")),
        (json!("Y3Vyc29yOjg="), fixture!("project-page-2.json")),
    ] {
        Mock::given(method("POST"))
            .and(path("/api/graphql"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .and(body_partial_json(json!({
                "variables": { "owner": "acme", "number": 3, "cursor": cursor }
            })))
            .respond_with(json(body))
            .expect(times)
            .mount(server)
            .await;
    }
}

fn query_of(request: &wiremock::Request) -> String {
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    body["query"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn items_are_read_page_by_page_with_the_cursor() {
    let server = MockServer::start().await;
    mount_pages(&server, 1).await;

    let board = project_tracker(&server, 3).load_board().await.unwrap();

    assert_eq!(board.name, "Payments roadmap");
    let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.ends_with(&["Todo", "In progress", "In review", "Done"]),
        "{names:?}"
    );
    assert_eq!(column(&board, "In progress").max, Some(4));
    // Today is in Iteration 5: its items are the board, the other iterations' are not.
    assert_eq!(
        board.sprint.as_ref().map(|s| s.name.as_str()),
        Some("Iteration 5")
    );
    let shown = keys(&board);
    assert!(shown.contains(&"acme/payments#12"), "{shown:?}");
    assert!(shown.contains(&"acme/ledger#40"), "{shown:?}");
    for other in ["acme/payments#3", "acme/ledger#2"] {
        assert!(
            !shown.contains(&other),
            "{other} is in another iteration: {shown:?}"
        );
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert!(query_of(&requests[1]).contains("items(first: 100, after: $cursor)"));
}

#[tokio::test]
async fn outside_every_iteration_the_board_holds_every_open_item() {
    let server = MockServer::start().await;
    mount_pages(&server, 1).await;
    let after_the_last = "2026-05-04T12:00:00Z".parse().unwrap();

    let board = project_tracker_at(&server, 3, after_the_last)
        .load_board()
        .await
        .unwrap();

    assert!(board.sprint.is_none(), "{:?}", board.sprint);
    let shown = keys(&board);
    for key in ["acme/payments#12", "acme/payments#3", "acme/ledger#2"] {
        assert!(shown.contains(&key), "{key}: {shown:?}");
    }
    assert!(!shown.contains(&"acme/payments#7"), "archived: {shown:?}");
}

#[tokio::test]
async fn items_of_the_second_page_are_known_to_moves() {
    let server = MockServer::start().await;
    mount_pages(&server, 1).await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .and(body_partial_json(json!({
            "variables": { "item": "PVTI_lADOBx3_zs4AXyZ1zgJ8a10", "option": "f75ad846" }
        })))
        .respond_with(json(fixture!("set-status.json")))
        .expect(1)
        .mount(&server)
        .await;
    let tracker = project_tracker(&server, 3);
    let board = tracker.load_board().await.unwrap();

    let todo = column(&board, "Todo").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#21".into()), &todo)
        .await
        .unwrap();
    // Two pages and the mutation: no reload was needed.
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn moving_sends_the_status_mutation_with_the_remembered_ids() {
    let server = MockServer::start().await;
    mount_pages(&server, 1).await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .and(body_partial_json(json!({
            "variables": {
                "project": PROJECT,
                "item": "PVTI_lADOBx3_zs4AXyZ1zgJ8a01",
                "field": STATUS_FIELD,
                "option": "5a1b2c3d"
            }
        })))
        .respond_with(json(fixture!("set-status.json")))
        .expect(1)
        .mount(&server)
        .await;
    let tracker = project_tracker(&server, 3);
    let board = tracker.load_board().await.unwrap();

    let to = column(&board, "In review").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#12".into()), &to)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let mutation = query_of(&requests[2]);
    assert!(
        mutation.contains("updateProjectV2ItemFieldValue")
            && mutation.contains("singleSelectOptionId: $option"),
        "{mutation}"
    );
}

#[tokio::test]
async fn moving_to_no_status_clears_the_field_after_one_reload_for_an_unknown_key() {
    let server = MockServer::start().await;
    // Not loaded before either move: each reads the project once to learn the ids.
    mount_pages(&server, 2).await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .and(body_partial_json(json!({
            "variables": {
                "project": PROJECT,
                "item": "PVTI_lADOBx3_zs4AXyZ1zgJ8a10",
                "field": STATUS_FIELD
            }
        })))
        .respond_with(json(
            r#"{"data":{"clearProjectV2ItemFieldValue":{"projectV2Item":{"id":"PVTI_lADOBx3_zs4AXyZ1zgJ8a10"}}}}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let tracker = project_tracker(&server, 3);
    let no_status = shipdeck::domain::Column {
        name: "No status".into(),
        statuses: vec![shipdeck::domain::StatusId("no-status".into())],
        min: None,
        max: None,
    };

    tracker
        .move_issue(&IssueKey("acme/payments#21".into()), &no_status)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let mutation = query_of(&requests[2]);
    assert!(
        mutation.contains("clearProjectV2ItemFieldValue"),
        "{mutation}"
    );
    let body: Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(body["variables"].get("option"), None);

    let err = tracker
        .move_issue(&IssueKey("acme/payments#999".into()), &no_status)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::NotFound(m) if m.contains("acme/payments#999") && m.contains("GitHub acme")),
        "{err}"
    );
}

async fn failing(body: &str) -> ProviderError {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    project_tracker(&server, 9).load_board().await.unwrap_err()
}

#[tokio::test]
async fn missing_scopes_name_read_project() {
    let err = failing(fixture!("project-scopes.json")).await;
    let ProviderError::Forbidden(message) = &err else {
        panic!("{err:?}");
    };
    assert!(
        message.contains("GitHub acme") && message.contains("read:project"),
        "{message}"
    );
    assert!(!err.to_string().contains(TOKEN));
}

#[tokio::test]
async fn a_missing_project_says_so_with_http_200() {
    let err = failing(fixture!("project-not-found.json")).await;
    assert_eq!(
        err.to_string(),
        "GitHub acme: Could not resolve to a ProjectV2 with the number 9. (404)"
    );
}

#[tokio::test]
async fn other_graphql_errors_and_missing_owners_are_reported() {
    let err = failing(
        r#"{"data":null,"errors":[{"message":"Something went wrong while executing your query."}]}"#,
    )
    .await;
    assert!(
        matches!(&err, ProviderError::Rejected(m) if m.contains("GitHub acme") && m.contains("Something went wrong")),
        "{err:?}"
    );
    let err = failing(r#"{"data":{"repositoryOwner":null}}"#).await;
    assert!(
        matches!(&err, ProviderError::NotFound(m) if m.contains("\"acme\"")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_project_without_a_status_field_is_explained() {
    let page: Value = serde_json::from_str(fixture!("project-page-2.json")).unwrap();
    let mut page = page;
    let fields = page["data"]["repositoryOwner"]["projectV2"]["fields"]["nodes"]
        .as_array_mut()
        .unwrap();
    fields.retain(|f| f["name"] != "Status");
    let err = failing(&page.to_string()).await;
    let text = err.to_string();
    assert!(
        text.starts_with("GitHub acme: project 9 has no Status field"),
        "{text}"
    );
}
