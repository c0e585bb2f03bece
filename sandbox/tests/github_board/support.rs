//! A GitHub sandbox on a random loopback port with a manual clock, and a client for it.

use chrono::DateTime;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shipdeck_sandbox::github::Clock;
use std::time::Duration;

pub const STOREFRONT: &str = "/api/v3/repos/acme/storefront";

pub struct Server {
    base: String,
    http: reqwest::Client,
}

pub use crate::github_sandbox::Reply;
use crate::github_sandbox::{github_headers, serve};

impl Server {
    pub async fn start() -> Server {
        let start = DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .unwrap()
            .to_utc();
        let base = serve(Clock::manual(start)).await;
        // A safety net so a broken server fails the test instead of hanging it.
        let http = reqwest::Client::builder()
            .default_headers(github_headers())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Server { base, http }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        self.send_as("test-token", method, path, body).await
    }

    pub async fn send_as(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Reply {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let mut request = self.http.request(method, url).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        Reply::of(request.send().await.unwrap()).await
    }

    /// A POST whose body is sent as is, to see how broken JSON is answered.
    pub async fn post_text(&self, path: &str, text: &str) -> Reply {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth("test-token")
            .header("content-type", "application/json")
            .body(text.to_string())
            .send()
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.json().await.unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    /// A GET that must answer 200; returns the body.
    pub async fn ok(&self, path: &str) -> Value {
        let reply = self.send(Method::GET, path, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        reply.body
    }

    /// A GraphQL request with the test token.
    pub async fn graphql(&self, query: &str, variables: Value) -> Reply {
        self.graphql_as("test-token", query, variables).await
    }

    pub async fn graphql_as(&self, token: &str, query: &str, variables: Value) -> Reply {
        let body = json!({ "query": query, "variables": variables });
        let reply = self
            .send_as(token, Method::POST, "/api/graphql", Some(&body))
            .await;
        // GitHub answers GraphQL errors with a 200 too.
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply
    }
}
