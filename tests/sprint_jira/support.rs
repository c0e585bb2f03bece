//! A Jira provider pointed at a wiremock server on loopback, with the board set-up
//! endpoints answered from tests/fixtures/jira.

use shipdeck::config::{JiraAuth, Secret, TokenSource};
use shipdeck::providers::jira::{JiraProvider, JiraSettings};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
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

pub const SPRINT_FIELDS: &str = "summary,status,assignee,labels,description,statuscategorychangedate,customfield_10016,customfield_10020,created,customfield_10021";
pub const VELOCITY_FIELDS: &str = "summary,status,assignee,labels,description,statuscategorychangedate,customfield_10016,customfield_10020";
pub const EMPTY_CLOUD_SEARCH: &str = r#"{"issues": [], "isLast": true}"#;

pub fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

pub fn provider(server: &MockServer, auth: JiraAuth) -> JiraProvider {
    JiraProvider::new(JiraSettings {
        base_url: server.uri(),
        board: 42,
        auth,
        email: (auth == JiraAuth::Basic).then(|| "ana@example.com".to_string()),
        token: Secret::new("tok-SECRET-123"),
        token_source: TokenSource::Env("JIRA_API_TOKEN".into()),
        jql: None,
        scope: None,
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap()
}

/// Board, configuration and the field list (with Flagged) under `api`.
pub async fn mount_setup(server: &MockServer, board_json: &str, api: &str) {
    let agile = "/rest/agile/1.0/board/42";
    for (at, body) in [
        (agile.to_string(), board_json),
        (
            format!("{agile}/configuration"),
            fixture!("configuration.json"),
        ),
        (format!("{api}/field"), fixture!("fields-flagged.json")),
    ] {
        Mock::given(method("GET"))
            .and(path(at))
            .respond_with(json(body))
            .mount(server)
            .await;
    }
}

/// `GET path` with `jql` (and the sprint fields, `expand=changelog` when `expand`).
pub async fn mount_search(
    server: &MockServer,
    at: &str,
    jql: &str,
    expand: bool,
    body: &str,
    times: u64,
) {
    let fields = if expand {
        SPRINT_FIELDS
    } else {
        VELOCITY_FIELDS
    };
    let mock = Mock::given(method("GET"))
        .and(path(at))
        .and(query_param("jql", jql))
        .and(query_param("fields", fields));
    let reply = json(body);
    if expand {
        let mock = mock.and(query_param("expand", "changelog"));
        mock.respond_with(reply).expect(times).mount(server).await;
    } else {
        let mock = mock.and(query_param_is_missing("expand"));
        mock.respond_with(reply).expect(times).mount(server).await;
    }
}
