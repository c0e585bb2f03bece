//! The label and assignee writes share one handler each; the method decides what they do.

use crate::github::board::model::Board;
use crate::github::board::{BoardState, router, seed};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tower::ServiceExt;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

/// The URL of the first seeded issue that has a label, and that label.
fn labelled_issue(board: &Board) -> (String, String) {
    let issue = board.issues.iter().find(|i| !i.labels.is_empty()).unwrap();
    let repo = &board.repos[issue.repo].full_name;
    let url = format!("/api/v3/repos/{repo}/issues/{}", issue.number);
    (url, issue.labels[0].clone())
}

async fn send(app: &Router, method: Method, uri: &str, body: Value) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

fn names(labels: &Value) -> Vec<&str> {
    let labels = labels.as_array().unwrap();
    labels.iter().map(|l| l["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn post_adds_labels_and_put_replaces_them() {
    let app = router(BoardState::seed(now()));
    let (issue, kept) = labelled_issue(&seed::seed(now()).unwrap());
    let uri = format!("{issue}/labels");
    let (status, added) = send(&app, Method::POST, &uri, json!({"labels": ["triage"]})).await;
    assert_eq!(status, StatusCode::OK);
    let added = names(&added);
    assert!(added.contains(&kept.as_str()) && added.contains(&"triage"));

    let (status, replaced) = send(&app, Method::PUT, &uri, json!(["triage"])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&replaced), ["triage"]);
}

#[tokio::test]
async fn post_assigns_with_201_and_delete_unassigns_with_200() {
    let app = router(BoardState::seed(now()));
    let (issue, _) = labelled_issue(&seed::seed(now()).unwrap());
    let uri = format!("{issue}/assignees");
    let body = json!({"assignees": ["priya-r"]});
    let (_, before) = send(&app, Method::GET, &issue, Value::Null).await;
    assert!(
        before["assignees"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["login"] != "priya-r")
    );
    let (status, added) = send(&app, Method::POST, &uri, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    let logins: Vec<&str> = added["assignees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["login"].as_str().unwrap())
        .collect();
    assert!(logins.contains(&"priya-r"));

    let (status, removed) = send(&app, Method::DELETE, &uri, body).await;
    assert_eq!(status, StatusCode::OK);
    let assignees = removed["assignees"].as_array().unwrap();
    assert!(assignees.iter().all(|a| a["login"] != "priya-r"));
}
