//! A tracker pointed at a wiremock server, and the fixtures under tests/fixtures/github/tracker.

use chrono::{DateTime, Utc};
use shipdeck::config::{LabelColumn, ProjectRef, Secret, TokenSource};
use shipdeck::domain::{Board, Column};
use shipdeck::providers::github::{
    GithubClient, GithubSettings, GithubTracker, GithubTrackerSettings,
};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use wiremock::{MockServer, ResponseTemplate};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/github/tracker/",
            $name
        ))
    };
}
pub(crate) use fixture;

pub const TOKEN: &str = "ghp_tracker_secret_value";

/// The tracker's clock in these tests: inside the fixture project's current iteration
/// ("Iteration 5", 2026-03-02 for 14 days), whatever day the tests run.
pub fn today() -> DateTime<Utc> {
    "2026-03-04T12:00:00Z".parse().unwrap()
}

pub fn client(server: &MockServer) -> Arc<GithubClient> {
    let client = GithubClient::new(GithubSettings {
        name: "acme".into(),
        api_url: format!("{}/api/v3", server.uri()),
        graphql_url: format!("{}/api/graphql", server.uri()),
        token: Secret::new(TOKEN),
        token_source: TokenSource::Env("GITHUB_TOKEN".into()),
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap()
    .with_timeout(Duration::from_secs(5));
    Arc::new(client)
}

pub fn project_tracker(server: &MockServer, number: u64) -> GithubTracker {
    project_tracker_at(server, number, today())
}

pub fn project_tracker_at(server: &MockServer, number: u64, now: DateTime<Utc>) -> GithubTracker {
    let settings = GithubTrackerSettings {
        repos: vec!["acme/payments".into()],
        project: Some(ProjectRef {
            owner: "acme".into(),
            number,
        }),
        wip: BTreeMap::from([("In progress".to_string(), 4)]),
        columns: Vec::new(),
        points_field: None,
    };
    GithubTracker::new(client(server), settings).with_clock(Arc::new(move || now))
}

pub fn issues_tracker(server: &MockServer, columns: Vec<LabelColumn>) -> GithubTracker {
    let settings = GithubTrackerSettings {
        repos: vec!["acme/payments".into()],
        project: None,
        wip: BTreeMap::new(),
        columns,
        points_field: None,
    };
    GithubTracker::new(client(server), settings).with_clock(Arc::new(today))
}

pub fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

pub fn keys(board: &Board) -> Vec<&str> {
    board.issues.iter().map(|i| i.key.0.as_str()).collect()
}

pub fn column<'a>(board: &'a Board, name: &str) -> &'a Column {
    &board.columns[board.column_named(name).unwrap()]
}

/// The writes the server saw, as "METHOD path body".
pub async fn writes(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method != wiremock::http::Method::GET)
        .map(|r| {
            let body = String::from_utf8_lossy(&r.body).into_owned();
            format!("{} {} {body}", r.method, r.url.path())
        })
        .collect()
}
