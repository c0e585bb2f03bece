//! What every source's authenticated calls share: the time limit, the `http` line for a first
//! call, and a fix in words for each kind of refusal.

use super::check::Check;
use super::target::{Kind, Target};
use crate::providers::ProviderError;
use crate::providers::http::Reply;
use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(5);

/// The `http` line for `GET path`, and the answer when it was a success.
pub fn first_call(
    target: &Target,
    path: &str,
    answer: Result<Reply, ProviderError>,
) -> (Check, Option<Reply>) {
    match answer {
        Ok(reply) => {
            let detail = format!("GET {path} → {}", reply.status);
            (Check::pass(&target.name, "http", detail), Some(reply))
        }
        Err(e) => (failed(target, "http", &e), None),
    }
}

/// The line for a call that failed, its fix picked by the kind of failure.
pub fn failed(target: &Target, check: &'static str, e: &ProviderError) -> Check {
    let table = &target.table;
    let fix = match e {
        ProviderError::Unauthorized { token_source, .. } => {
            format!(
                "{token_source} holds a token the server refuses: {}",
                renew(target)
            )
        }
        ProviderError::Forbidden(_) => {
            "the token is valid but may not read this: ask for access, or use a token that has it"
                .into()
        }
        ProviderError::NotFound(_) | ProviderError::Gone(_) => format!(
            "check the url in {table} (a context path such as /jira belongs in it) and the ids it names"
        ),
        ProviderError::RateLimited { .. } => "wait a minute and run doctor again".into(),
        ProviderError::Network { .. } => {
            "the connection opened but the request failed: a proxy or firewall may cut it".into()
        }
        ProviderError::Decode { .. } => {
            format!("this does not look like the server {table} expects: check its url")
        }
        ProviderError::Server { .. } => {
            "the server failed: try again later, or ask its owners".into()
        }
        ProviderError::Conflict(_)
        | ProviderError::Rejected(_)
        | ProviderError::UnknownOutcome { .. } => {
            format!("check {table}")
        }
    };
    Check::fail(&target.name, check, e.to_string(), fix)
}

/// Where a new token comes from.
fn renew(target: &Target) -> &'static str {
    match &target.kind {
        Kind::Jira { cloud: true, .. } => {
            "make a new API token at id.atlassian.com (Security → API tokens) and check `email`"
        }
        Kind::Jira { cloud: false, .. } => {
            "make a new personal access token in Jira (Profile → Personal Access Tokens)"
        }
        Kind::Github { .. } => {
            "make a new token in GitHub (Settings → Developer settings → Personal access tokens)"
        }
        Kind::Deploy => "ask the deploy backend's owners for a valid token",
    }
}

/// A JSON string field of an answer, for naming what was found.
pub fn text(value: &serde_json::Value, field: &str) -> Option<String> {
    value
        .get(field)
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.is_empty())
        .map(|s| crate::domain::text::sanitize(s, false))
}
