use shipdeck::config::{Secret, TokenSource};
use shipdeck::providers::github::{GithubActions, GithubClient, GithubSettings};
use std::sync::Arc;
use std::time::Duration;
use wiremock::{Match, MockServer, Request};

pub const TOKEN: &str = "ghp_actions_test_token";
pub const PAYMENTS: &str = "/api/v3/repos/acme/payments";
pub const LEDGER: &str = "/api/v3/repos/acme/ledger";

pub fn actions(server: &MockServer, repos: &[&str]) -> GithubActions {
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
    GithubActions::new(
        Arc::new(client),
        repos.iter().map(|r| r.to_string()).collect(),
    )
}

pub fn both(server: &MockServer) -> GithubActions {
    actions(server, &["acme/payments", "acme/ledger"])
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/github/actions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

pub fn json(name: &str) -> serde_json::Value {
    serde_json::from_slice(&fixture(name)).unwrap()
}

/// A job in `status` (with `conclusion` when completed), from the failed job's fixture.
pub fn job(status: &str, conclusion: Option<&str>) -> serde_json::Value {
    let mut job = json("job-failed.json");
    job["status"] = status.into();
    job["conclusion"] = conclusion.into();
    job
}

/// Storage must never see the token: a request carrying one does not match.
pub struct NoAuthorization;

impl Match for NoAuthorization {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key("authorization")
    }
}

pub fn ids(runs: &[shipdeck::domain::pipeline::Run]) -> Vec<&str> {
    runs.iter().map(|r| r.id.as_str()).collect()
}
