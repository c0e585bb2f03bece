use shipdeck::config::{Secret, TokenSource};
use shipdeck::providers::github::{GithubClient, GithubSettings};
use std::time::Duration;
use wiremock::MockServer;

pub const TOKEN: &str = "ghp_sekrit_token_value";

pub fn client(server: &MockServer) -> GithubClient {
    GithubClient::new(GithubSettings {
        name: "acme".into(),
        api_url: format!("{}/api/v3", server.uri()),
        graphql_url: format!("{}/api/graphql", server.uri()),
        token: Secret::new(TOKEN),
        token_source: TokenSource::Env("GITHUB_TOKEN".into()),
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap()
    .with_timeout(Duration::from_secs(5))
}

/// Headers of an answer with `remaining` requests left of 5,000, resetting at `reset`.
pub fn budget(remaining: u64, reset: i64) -> [(&'static str, String); 5] {
    [
        ("x-ratelimit-limit", "5000".into()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-used", (5000 - remaining).to_string()),
        ("x-ratelimit-reset", reset.to_string()),
        ("x-ratelimit-resource", "core".into()),
    ]
}
