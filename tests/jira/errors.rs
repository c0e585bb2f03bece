//! Every error class, as a user would read it.

use super::support::*;
use shipdeck::config::JiraAuth;
use shipdeck::providers::jira::JiraProvider;
use shipdeck::providers::{IssueTracker, ProviderError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn board_error(board: u64, answer: ResponseTemplate) -> ProviderError {
    let server = MockServer::start().await;
    Mock::given(path(format!("/rest/agile/1.0/board/{board}")))
        .respond_with(answer)
        .mount(&server)
        .await;
    let jira = JiraProvider::new(settings(&server, board, JiraAuth::Basic)).unwrap();
    jira.load_board().await.unwrap_err()
}

async fn search_error(answer: ResponseTemplate) -> ProviderError {
    let server = MockServer::start().await;
    cloud_board_with_search(&server, answer).await;
    cloud(&server).load_board().await.unwrap_err()
}

#[tokio::test]
async fn unauthorized_names_the_variable_and_never_the_token() {
    let login = ResponseTemplate::new(401).set_body_raw("<html>Log in</html>", "text/html");
    let err = board_error(42, login).await;
    assert_eq!(
        err.to_string(),
        "Jira rejected the token from $JIRA_API_TOKEN (401)"
    );
    assert!(!format!("{err:?}").contains(TOKEN));
}

#[tokio::test]
async fn missing_board_names_its_id() {
    let body = r#"{"errorMessages":["Board 99 does not exist or you do not have permission to see it."],"errors":{}}"#;
    let err = board_error(99, status(404, body)).await;
    assert_eq!(
        err.to_string(),
        "Jira board 99 was not found, or the token cannot see it (404)"
    );
}

#[tokio::test]
async fn forbidden_keeps_jira_text() {
    let body = r#"{"errorMessages":["You cannot browse this project."],"errors":{}}"#;
    let err = board_error(42, status(403, body)).await;
    assert_eq!(
        err,
        ProviderError::Forbidden(
            "Jira denied access to /rest/agile/1.0/board/42: You cannot browse this project."
                .into()
        )
    );
}

#[tokio::test]
async fn retired_endpoint_is_gone() {
    let err = search_error(status(
        410,
        r#"{"errorMessages":["This API has been removed."]}"#,
    ))
    .await;
    assert!(
        matches!(&err, ProviderError::Gone(m) if m.contains("retired the endpoint /rest/api/3/search/jql")),
        "{err:?}"
    );
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let err = search_error(ResponseTemplate::new(429).insert_header("Retry-After", "42")).await;
    assert_eq!(
        err,
        ProviderError::RateLimited {
            service: "Jira".into(),
            retry_after: Duration::from_secs(42)
        }
    );
}

#[tokio::test]
async fn server_error_is_short_and_transient() {
    let page = format!("<!DOCTYPE html><html>{}</html>", "<p>oops</p>".repeat(500));
    let err = search_error(ResponseTemplate::new(500).set_body_raw(page, "text/html")).await;
    let expected = ProviderError::Server {
        service: "Jira".into(),
        status: 500,
        message: "the server answered with an HTML page instead of JSON".into(),
    };
    assert_eq!(err, expected);
    assert!(err.is_transient());
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let err = search_error(json(r#"{"issues":[{"key":"PLAT-1","fields":"#)).await;
    assert!(
        matches!(&err, ProviderError::Decode { what, .. } if what == "Jira /rest/api/3/search/jql"),
        "{err:?}"
    );
}

#[tokio::test]
async fn repeated_page_token_stops_paging() {
    let looping = r#"{"issues":[],"nextPageToken":"again","isLast":false}"#;
    let err = search_error(json(looping)).await;
    assert!(
        matches!(&err, ProviderError::Decode { message, .. } if message.contains("twice")),
        "{err:?}"
    );
}

#[tokio::test]
async fn unreachable_server_names_the_host_only() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut s = settings(&MockServer::start().await, 42, JiraAuth::Basic);
    s.base_url = format!("http://127.0.0.1:{port}");
    let err = JiraProvider::new(s)
        .unwrap()
        .load_board()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Network { host, .. } if host == "127.0.0.1"),
        "{err:?}"
    );
    assert!(
        !err.to_string().contains("/rest/") && !err.to_string().contains(TOKEN),
        "{err}"
    );
}

#[tokio::test]
async fn endless_empty_pages_stop_paging() {
    let server = MockServer::start().await;
    mount_setup(&server, 42, fixture!("board-scrum.json"), "/rest/api/3", 1).await;
    mount_sprints(&server, fixture!("sprints.json"), 1).await;
    let counter = AtomicUsize::new(0);
    // A new token every time, so only the run of empty pages can stop it; the page after the
    // last may already be asked for.
    Mock::given(path("/rest/api/3/search/jql"))
        .respond_with(move |_: &wiremock::Request| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            json(&format!(
                r#"{{"issues":[],"nextPageToken":"t{n}","isLast":false}}"#
            ))
        })
        .expect(20..=21)
        .mount(&server)
        .await;
    let err = cloud(&server).load_board().await.unwrap_err();
    assert!(
        matches!(&err, ProviderError::Decode { message, .. } if message.contains("20 pages in a row held no issue")),
        "{err:?}"
    );
}
