use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use shipdeck::config::{Secret, TokenSource};
use shipdeck::providers::github::{
    GithubClient, GithubDeploy, GithubDeploySettings, GithubSettings,
};
use std::sync::Arc;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const REPO: &str = "/api/v3/repos/acme/payments";
/// What staging runs and a promote to production should dispatch.
pub const STAGING_SHA: &str = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f";
pub const SHA_A: &str = "4b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c";
pub const SHA_B: &str = "9f2c1e7d5b8a4c3e2f1a0b9c8d7e6f5a4b3c2d1e";
pub const SHA_C: &str = "c0ffee1d5b8a4c3e2f1a0b9c8d7e6f5a4b3c2d1e";

pub fn backend(server: &MockServer, workflow: Option<&str>) -> GithubDeploy {
    let client = GithubClient::new(GithubSettings {
        name: "acme".into(),
        api_url: format!("{}/api/v3", server.uri()),
        graphql_url: format!("{}/api/graphql", server.uri()),
        token: Secret::new("ghp_sekrit_token_value"),
        token_source: TokenSource::Env("GITHUB_TOKEN".into()),
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap()
    .with_timeout(std::time::Duration::from_secs(5));
    GithubDeploy::new(
        Arc::new(client),
        GithubDeploySettings {
            repos: vec!["acme/payments".into(), "acme/search".into()],
            deploy_workflow: workflow.map(String::from),
            workflow_ref: None,
            protected: Vec::new(),
        },
    )
}

pub fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn user(login: &str) -> Value {
    json!({
        "login": login, "id": 101, "node_id": "MDQ6VXNlcjEwMQ==",
        "avatar_url": "https://avatars.githubusercontent.com/u/101?v=4", "gravatar_id": "",
        "url": format!("https://api.github.com/users/{login}"),
        "html_url": format!("https://github.com/{login}"), "type": "User", "site_admin": false
    })
}

/// A deployment of `sha` to `env`, `hours` after t0.
pub fn deployment(id: u64, sha: &str, git_ref: &str, env: &str, hours: i64) -> Value {
    let at = stamp(t0() + Duration::hours(hours));
    json!({
        "url": format!("https://api.github.com/repos/acme/payments/deployments/{id}"),
        "id": id, "node_id": format!("DE_kwDO{id}"), "sha": sha, "ref": git_ref,
        "task": "deploy", "payload": {}, "original_environment": env, "environment": env,
        "description": null, "creator": user("ana-k"), "created_at": at, "updated_at": at,
        "statuses_url": format!("https://api.github.com/repos/acme/payments/deployments/{id}/statuses"),
        "repository_url": "https://api.github.com/repos/acme/payments",
        "transient_environment": false, "production_environment": env == "production"
    })
}

/// A status list holding one status in `state`, written by Actions run `run`.
pub fn statuses(id: u64, state: &str, env: &str, run: u64) -> Value {
    let log = format!(
        "https://github.com/acme/payments/actions/runs/{run}/job/{}",
        run + 1
    );
    json!([{
        "url": format!("https://api.github.com/repos/acme/payments/deployments/{id}/statuses/{}", id * 10),
        "id": id * 10, "node_id": "DES_kwDO", "state": state, "creator": user("github-actions[bot]"),
        "description": "", "environment": env, "target_url": log, "log_url": log,
        "created_at": stamp(t0() + Duration::hours(30)), "updated_at": stamp(t0() + Duration::hours(30)),
        "deployment_url": format!("https://api.github.com/repos/acme/payments/deployments/{id}"),
        "repository_url": "https://api.github.com/repos/acme/payments",
        "environment_url": ""
    }])
}

/// A pending review of `env` (id `env_id`) for the run.
pub fn pending(env_id: u64, env: &str, can_approve: bool) -> Value {
    json!({
        "environment": {
            "id": env_id, "node_id": "EN_kwDO", "name": env,
            "url": format!("https://api.github.com/repos/acme/payments/environments/{env}"),
            "html_url": format!("https://github.com/acme/payments/deployments/activity_log?environments_filter={env}")
        },
        "wait_timer": 5, "wait_timer_started_at": stamp(t0()),
        "current_user_can_approve": can_approve,
        "reviewers": [{ "type": "User", "reviewer": user("ana-k") }]
    })
}

/// A workflow run of deploy.yml.
pub fn run(id: u64, status: &str, conclusion: Option<&str>, created: DateTime<Utc>) -> Value {
    json!({
        "id": id, "name": "Deploy", "node_id": "WFR_kwLO", "head_branch": "main",
        "head_sha": SHA_A, "path": ".github/workflows/deploy.yml", "run_number": id - 9000,
        "event": "workflow_dispatch", "display_title": "Deploy", "status": status,
        "conclusion": conclusion, "workflow_id": 55, "run_attempt": 1,
        "url": format!("https://api.github.com/repos/acme/payments/actions/runs/{id}"),
        "html_url": format!("https://github.com/acme/payments/actions/runs/{id}"),
        "created_at": stamp(created), "updated_at": stamp(created + Duration::seconds(40)),
        "run_started_at": stamp(created)
    })
}

/// Answers GET `at` (under the repository) with `body`.
pub async fn get(server: &MockServer, at: &str, body: Value) {
    Mock::given(method("GET"))
        .and(path(format!("{REPO}{at}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// Deployments of `env`, and each one's latest status (`state`, run) as listed.
pub async fn environment_history(server: &MockServer, env: &str, entries: &[(Value, &str, u64)]) {
    let list: Vec<Value> = entries.iter().map(|(d, ..)| d.clone()).collect();
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments")))
        .and(query_param("environment", env))
        .respond_with(ResponseTemplate::new(200).set_body_json(list))
        .mount(server)
        .await;
    for (d, state, run) in entries {
        let id = d["id"].as_u64().unwrap();
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/deployments/{id}/statuses")))
            .and(query_param("per_page", "1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(statuses(id, state, env, *run)))
            .mount(server)
            .await;
    }
}

/// The repository itself, for its default branch.
pub async fn repository(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(REPO))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 1296269, "node_id": "R_kgDO", "name": "payments", "full_name": "acme/payments",
            "private": true, "default_branch": "main",
            "url": "https://api.github.com/repos/acme/payments"
        })))
        .mount(server)
        .await;
}
