use super::support::{TOKEN, client};
use wiremock::matchers::{header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const LOG: &str = "2026-11-25T10:00:00.1000000Z ##[group]Run actions/checkout@v4\n2026-11-25T10:00:01.2000000Z ##[endgroup]\n2026-11-25T10:00:02.3000000Z ##[error]Process completed with exit code 1.\n";

#[tokio::test]
async fn the_log_redirect_is_followed_without_the_token() {
    let api = MockServer::start().await;
    let storage = MockServer::start().await;
    let location = format!("{}/job-logs/9?sig=abc&se=1800000000", storage.uri());
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/payments/actions/jobs/9/logs"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(400).set_body_string("no tokens here"))
        .expect(0)
        .mount(&storage)
        .await;
    Mock::given(path("/job-logs/9"))
        .and(query_param("sig", "abc"))
        .respond_with(ResponseTemplate::new(200).set_body_string(LOG))
        .expect(1)
        .mount(&storage)
        .await;
    let log = client(&api)
        .download("/repos/acme/payments/actions/jobs/9/logs")
        .await
        .unwrap()
        .expect("a log");
    assert_eq!(String::from_utf8(log).unwrap(), LOG);
    let seen = storage
        .received_requests()
        .await
        .expect("the storage records requests");
    assert_eq!(seen.len(), 1, "one download from storage");
    let leaked = seen
        .iter()
        .any(|r: &Request| r.headers.contains_key("authorization"));
    assert!(!leaked);
}

#[tokio::test]
async fn no_log_yet_is_none_and_an_expired_link_names_only_the_api_path() {
    let api = MockServer::start().await;
    let storage = MockServer::start().await;
    Mock::given(path("/api/v3/repos/acme/payments/actions/jobs/1/logs"))
        .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({
            "message": "Not Found"
        })))
        .mount(&api)
        .await;
    let location = format!("{}/job-logs/2?sig=secret-signature", storage.uri());
    Mock::given(path("/api/v3/repos/acme/payments/actions/jobs/2/logs"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(&api)
        .await;
    Mock::given(path("/job-logs/2"))
        .respond_with(ResponseTemplate::new(403).set_body_string("Signature expired"))
        .mount(&storage)
        .await;
    let client = client(&api);
    let none = client
        .download("/repos/acme/payments/actions/jobs/1/logs")
        .await
        .unwrap();
    assert_eq!(none, None);
    let err = client
        .download("/repos/acme/payments/actions/jobs/2/logs")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("/jobs/2/logs") && !err.contains("secret-signature"),
        "{err}"
    );
}
