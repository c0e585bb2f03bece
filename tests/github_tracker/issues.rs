use super::support::*;
use chrono::Duration;
use serde_json::{Value, json};
use shipdeck::config::LabelColumn;
use shipdeck::domain::{BoardKind, IssueKey};
use shipdeck::providers::IssueTracker;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ISSUES: &str = "/api/v3/repos/acme/payments/issues";

fn label_columns() -> Vec<LabelColumn> {
    let column = |name: &str, labels: &[&str], closed: bool| LabelColumn {
        name: name.into(),
        labels: labels.iter().map(|l| l.to_string()).collect(),
        closed,
    };
    vec![
        column("Todo", &[], false),
        column("In progress", &["in progress", "wip"], false),
        column("Review", &["needs review"], false),
        column("Done", &[], true),
    ]
}

/// The closed list with one issue closed 3 days and one 20 days before the tracker's today.
fn closed_list() -> String {
    let recent = (today() - Duration::days(3)).to_rfc3339();
    let old = (today() - Duration::days(20)).to_rfc3339();
    fixture!("issues-closed.json")
        .replace("CLOSED_RECENTLY", &recent)
        .replace("CLOSED_LONG_AGO", &old)
}

/// Open issues in two pages (the second under `/repositories/{id}/`), and closed ones.
async fn mount_issues(server: &MockServer) {
    let next = format!(
        "<{uri}/api/v3/repositories/4711/issues?state=open&per_page=100&page=2>; rel=\"next\", \
         <{uri}/api/v3/repositories/4711/issues?state=open&per_page=100&page=2>; rel=\"last\"",
        uri = server.uri()
    );
    Mock::given(method("GET"))
        .and(path(ISSUES))
        .and(query_param("state", "open"))
        .and(query_param("per_page", "100"))
        .and(query_param_is_missing("page"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(json(fixture!("issues-open-1.json")).insert_header("link", next.as_str()))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repositories/4711/issues"))
        .and(query_param("state", "open"))
        .and(query_param("page", "2"))
        .respond_with(json(fixture!("issues-open-2.json")))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(ISSUES))
        .and(query_param("state", "closed"))
        .and(query_param("per_page", "100"))
        // Two weeks before the tracker's clock, from the start of that day.
        .and(query_param("since", "2026-02-18T00:00:00Z"))
        .respond_with(json(&closed_list()))
        .expect(1)
        .mount(server)
        .await;
}

async fn ok(server: &MockServer, verb: &str, at: &str, body: Value) {
    Mock::given(method(verb))
        .and(path(at))
        .and(body_json(body))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn open_and_recently_closed_issues_fill_label_columns_without_pull_requests() {
    let server = MockServer::start().await;
    mount_issues(&server).await;

    let board = issues_tracker(&server, label_columns())
        .load_board()
        .await
        .unwrap();

    assert_eq!(
        (board.id, board.name.as_str(), board.kind),
        (0, "acme/payments", BoardKind::Kanban)
    );
    assert_eq!(
        keys(&board),
        [
            "acme/payments#31",
            "acme/payments#28",
            "acme/payments#25",
            "acme/payments#22",
            "acme/payments#20",
        ]
    );
    let columns: Vec<&str> = board
        .issues
        .iter()
        .map(|i| i.status_name.as_str())
        .collect();
    assert_eq!(columns, ["In progress", "Todo", "Review", "Todo", "Done"]);
    assert_eq!(
        board.issues[0].description,
        "Budget retries per merchant.\nSee the design doc."
    );
    assert_eq!(board.issues[3].summary, "Hostile title");
    assert_eq!(board.issues[2].labels, ["needs review"]);
    assert_eq!(
        board.issues[1].assignee.as_ref().map(|p| p.id.as_str()),
        Some("ana-k")
    );
    let requests = server.received_requests().await.unwrap();
    let since = requests
        .iter()
        .find_map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "since")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap();
    assert!(
        since.ends_with("T00:00:00Z"),
        "a day boundary keeps the ETag: {since}"
    );
}

#[tokio::test]
async fn a_label_move_swaps_the_column_labels() {
    let server = MockServer::start().await;
    mount_issues(&server).await;
    Mock::given(method("DELETE"))
        .and(path(format!("{ISSUES}/25/labels/needs%20review")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    ok(
        &server,
        "POST",
        &format!("{ISSUES}/25/labels"),
        json!({ "labels": ["in progress"] }),
    )
    .await;
    let tracker = issues_tracker(&server, label_columns());
    let board = tracker.load_board().await.unwrap();

    let to = column(&board, "In progress").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#25".into()), &to)
        .await
        .unwrap();

    assert_eq!(writes(&server).await.len(), 2);
}

#[tokio::test]
async fn moving_to_the_closed_column_closes_as_completed_and_back_reopens() {
    let server = MockServer::start().await;
    mount_issues(&server).await;
    let body = json!({ "state": "closed", "state_reason": "completed" });
    ok(&server, "PATCH", &format!("{ISSUES}/31"), body).await;
    ok(
        &server,
        "POST",
        &format!("{ISSUES}/20/labels"),
        json!({ "labels": ["needs review"] }),
    )
    .await;
    ok(
        &server,
        "PATCH",
        &format!("{ISSUES}/20"),
        json!({ "state": "open" }),
    )
    .await;
    let tracker = issues_tracker(&server, label_columns());
    let board = tracker.load_board().await.unwrap();

    let done = column(&board, "Done").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#31".into()), &done)
        .await
        .unwrap();
    let review = column(&board, "Review").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#20".into()), &review)
        .await
        .unwrap();

    assert_eq!(writes(&server).await.len(), 3);
}

#[tokio::test]
async fn default_columns_follow_assignment() {
    let server = MockServer::start().await;
    mount_issues(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(json(fixture!("user.json")))
        .expect(2)
        .mount(&server)
        .await;
    ok(
        &server,
        "POST",
        &format!("{ISSUES}/22/assignees"),
        json!({ "assignees": ["ana-k"] }),
    )
    .await;
    ok(
        &server,
        "PATCH",
        &format!("{ISSUES}/28"),
        json!({ "state": "open", "assignees": [] }),
    )
    .await;
    let tracker = issues_tracker(&server, Vec::new());
    let board = tracker.load_board().await.unwrap();

    let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Open", "In progress", "Closed recently"]);
    let placed: Vec<(&str, &str)> = board
        .issues
        .iter()
        .map(|i| (i.key.0.as_str(), i.status_name.as_str()))
        .collect();
    assert_eq!(
        placed,
        [
            ("acme/payments#31", "Open"),
            ("acme/payments#28", "In progress"),
            ("acme/payments#25", "In progress"),
            ("acme/payments#22", "Open"),
            ("acme/payments#20", "Closed recently"),
        ]
    );
    let in_progress = column(&board, "In progress").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#22".into()), &in_progress)
        .await
        .unwrap();
    let open = column(&board, "open").clone();
    tracker
        .move_issue(&IssueKey("acme/payments#28".into()), &open)
        .await
        .unwrap();

    let me = tracker.myself().await.unwrap();
    assert_eq!(
        (me.id.as_str(), me.display_name.as_str()),
        ("ana-k", "Ana Kowalski")
    );
    assert_eq!(writes(&server).await.len(), 2);
}
