//! A GitHub sandbox on a random loopback port with a manual clock, and helpers to talk to it.

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::header::HeaderValue;
use reqwest::{Response, StatusCode};
use serde_json::Value;
use shipdeck_sandbox::github::Clock;
use std::time::Duration;

pub const STOREFRONT: &str = "/api/v3/repos/acme/storefront";
pub const SEARCH: &str = "/api/v3/repos/acme/search";

pub struct Server {
    pub base: String,
    /// Sends a token and follows no redirects, like GitHub clients before a log download.
    pub http: reqwest::Client,
    /// Sends nothing but what a test adds.
    pub bare: reqwest::Client,
    pub clock: Clock,
}

pub use crate::github_sandbox::Reply;
use crate::github_sandbox::{github_headers, serve};

pub fn start_instant() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

impl Server {
    pub async fn start() -> Server {
        let clock = Clock::manual(start_instant());
        let base = serve(clock.clone()).await;
        let mut headers = github_headers();
        headers.insert(
            "authorization",
            HeaderValue::from_static("Bearer test-token"),
        );
        // A safety net so a broken server fails the test instead of hanging it.
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let bare = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Server {
            base,
            http,
            bare,
            clock,
        }
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    pub fn advance(&self, secs: i64) {
        self.clock.advance(TimeDelta::seconds(secs));
    }

    pub async fn reply(response: Response) -> Reply {
        Reply::of(response).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        Self::reply(self.http.get(self.url(path)).send().await.unwrap()).await
    }

    /// A GET that must answer 200; returns the body.
    pub async fn ok(&self, path: &str) -> Value {
        let reply = self.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        reply.body
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        let request = self.http.post(self.url(path)).json(body);
        Self::reply(request.send().await.unwrap()).await
    }

    /// Every item of a list, following `Link: rel="next"` from a first page of `per_page`.
    pub async fn collect(&self, path: &str, field: Option<&str>, per_page: usize) -> Vec<Value> {
        let glue = if path.contains('?') { '&' } else { '?' };
        let mut next = Some(format!("{path}{glue}per_page={per_page}"));
        let mut items = Vec::new();
        while let Some(url) = next {
            let reply = self.get(&url).await;
            assert_eq!(reply.status, StatusCode::OK, "{url}: {}", reply.body);
            let page = match field {
                Some(field) => &reply.body[field],
                None => &reply.body,
            };
            let page = page.as_array().unwrap();
            assert!(page.len() <= per_page);
            items.extend(page.iter().cloned());
            next = reply.link("next");
        }
        items
    }

    /// Deploys `sha` to `environment` of the storefront; returns the new run's id.
    pub async fn dispatch(&self, environment: &str, sha: &str) -> u64 {
        let reply = self
            .post(
                &format!("{STOREFRONT}/actions/workflows/deploy.yml/dispatches"),
                &serde_json::json!({
                    "ref": "main",
                    "inputs": { "environment": environment, "ref": sha },
                    "return_run_details": true,
                }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body["workflow_run_id"].as_u64().unwrap()
    }

    pub async fn run(&self, repo: &str, id: u64) -> Value {
        self.ok(&format!("{repo}/actions/runs/{id}")).await
    }

    pub async fn jobs(&self, repo: &str, id: u64) -> Vec<Value> {
        let body = self.ok(&format!("{repo}/actions/runs/{id}/jobs")).await;
        body["jobs"].as_array().unwrap().clone()
    }

    /// The deployments of an environment, newest first.
    pub async fn deployments(&self, environment: &str) -> Vec<Value> {
        let path = format!("{STOREFRONT}/deployments?environment={environment}");
        self.collect(&path, None, 100).await
    }

    /// A deployment's statuses' states, newest first.
    pub async fn states(&self, deployment: &Value) -> Vec<String> {
        let url = deployment["statuses_url"].as_str().unwrap();
        let body = self.ok(url).await;
        body.as_array()
            .unwrap()
            .iter()
            .map(|s| s["state"].as_str().unwrap().to_string())
            .collect()
    }

    /// The sha of the newest deployment of `environment` whose latest status is success.
    pub async fn running(&self, environment: &str) -> String {
        for deployment in self.deployments(environment).await {
            if self.states(&deployment).await.first().map(String::as_str) == Some("success") {
                return deployment["sha"].as_str().unwrap().to_string();
            }
        }
        panic!("nothing runs in {environment}");
    }
}

/// The logins of the demo team.
pub const TEAM: [&str; 6] = [
    "ana-k",
    "zoe-o",
    "wang-fang",
    "marcus-b",
    "priya-r",
    "diego-a",
];

pub fn is_sha(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// GitHub's timestamps: RFC 3339, UTC, whole seconds.
pub fn assert_time(value: &Value) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {value}"));
    assert!(text.ends_with('Z') && text.len() == 20, "{text}");
    DateTime::parse_from_rfc3339(text).unwrap();
}
