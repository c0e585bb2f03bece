//! Shared set-up for the Jira HTTP tests: providers pointed at a wiremock server on
//! loopback, and the board set-up endpoints mounted from tests/fixtures/jira.

use shipdeck::config::{JiraAuth, JiraScope, Secret, TokenSource};
use shipdeck::providers::jira::{JiraProvider, JiraSettings};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/jira/",
            $name
        ))
    };
}
pub(crate) use fixture;

pub const EMAIL: &str = "ana@example.com";
pub const TOKEN: &str = "tok-SECRET-123";
/// `base64("ana@example.com:tok-SECRET-123")`, worked out by hand so the test does not
/// share the encoder with the code under test.
pub const BASIC: &str = "Basic YW5hQGV4YW1wbGUuY29tOnRvay1TRUNSRVQtMTIz";
pub const FIELDS: &str = "summary,status,assignee,labels,description,statuscategorychangedate,customfield_10016,customfield_10020";

pub fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

pub fn status(code: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

pub fn settings(server: &MockServer, board: u64, auth: JiraAuth) -> JiraSettings {
    JiraSettings {
        // The trailing slash must be tolerated.
        base_url: format!("{}/", server.uri()),
        board,
        auth,
        email: (auth == JiraAuth::Basic).then(|| EMAIL.to_string()),
        token: Secret::new(TOKEN),
        token_source: TokenSource::Env("JIRA_API_TOKEN".into()),
        jql: None,
        scope: None,
        network: shipdeck::providers::http::Network::default(),
    }
}

pub fn cloud(server: &MockServer) -> JiraProvider {
    JiraProvider::new(settings(server, 42, JiraAuth::Basic)).unwrap()
}

pub fn with_scope(server: &MockServer, scope: JiraScope, jql: &str) -> JiraProvider {
    let mut s = settings(server, 42, JiraAuth::Basic);
    s.scope = Some(scope);
    s.jql = Some(jql.to_string());
    JiraProvider::new(s).unwrap()
}

/// Board, configuration and field list, each expected exactly `times` times.
pub async fn mount_setup(server: &MockServer, board: u64, board_json: &str, api: &str, times: u64) {
    let agile = format!("/rest/agile/1.0/board/{board}");
    for (at, body) in [
        (agile.clone(), board_json),
        (
            format!("{agile}/configuration"),
            fixture!("configuration.json"),
        ),
        (format!("{api}/field"), fixture!("fields.json")),
    ] {
        Mock::given(method("GET"))
            .and(path(at))
            .respond_with(json(body))
            .expect(times)
            .mount(server)
            .await;
    }
}

pub async fn mount_sprints(server: &MockServer, body: &str, times: u64) {
    Mock::given(method("GET"))
        .and(path("/rest/agile/1.0/board/42/sprint"))
        .and(query_param("state", "active,future"))
        .and(query_param("startAt", "0"))
        .respond_with(json(body))
        .expect(times)
        .mount(server)
        .await;
}

/// A scrum board on Cloud whose issue search answers `search`.
pub async fn cloud_board_with_search(server: &MockServer, search: ResponseTemplate) {
    mount_setup(server, 42, fixture!("board-scrum.json"), "/rest/api/3", 1).await;
    mount_sprints(server, fixture!("sprints.json"), 1).await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/search/jql"))
        .respond_with(search)
        .mount(server)
        .await;
}
