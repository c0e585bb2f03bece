//! GraphQL over the same budget rules: errors come back with HTTP 200 in an `errors` array,
//! and are typed here (missing token scopes, not found, rate limited, anything else).

use super::GithubClient;
use crate::domain::text::sanitize;
use crate::providers::ProviderError;
use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct Envelope {
    data: Option<Value>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
struct GraphqlError {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    message: String,
}

impl GithubClient {
    /// Runs `query` with `variables`; `data` is decoded as `T`. Any error in `errors` fails
    /// the whole call: a board built from half an answer would be wrong without saying so.
    pub async fn graphql<T: DeserializeOwned>(
        &self,
        query: &str,
        variables: Value,
    ) -> Result<T, ProviderError> {
        let body = json!({ "query": query, "variables": variables });
        let url = self.graphql_url.clone();
        let reply = self
            .exchange(Method::POST, &url, &[], Some(&body), "graphql")
            .await?;
        if !reply.status.is_success() {
            return Err(self.failure("graphql", &reply));
        }
        let envelope: Envelope = self.http.decode("graphql", &reply.body)?;
        if let Some(error) = self.graphql_error(&envelope.errors) {
            return Err(error);
        }
        let data = envelope.data.ok_or_else(|| {
            self.decode_error("graphql", "an answer with neither data nor errors")
        })?;
        serde_path_to_error::deserialize(data).map_err(|e| {
            let at = e.path().to_string();
            self.decode_error("graphql", &format!("at {at}: {}", e.into_inner()))
        })
    }

    fn graphql_error(&self, errors: &[GraphqlError]) -> Option<ProviderError> {
        let first = errors.first()?;
        let words: Vec<String> = errors
            .iter()
            .map(|e| sanitize(&e.message, false))
            .filter(|m| !m.is_empty())
            .collect();
        let text = if words.is_empty() {
            "no message".to_string()
        } else {
            words.join("; ")
        };
        let service = self.service();
        Some(match first.kind.as_deref() {
            Some("INSUFFICIENT_SCOPES") => ProviderError::Forbidden(format!(
                "{service}: the token lacks a scope this needs (Projects need read:project to read, project to move cards): {text}"
            )),
            Some("NOT_FOUND") => ProviderError::NotFound(format!("{service}: {text}")),
            Some("RATE_LIMITED") => {
                let wait = self
                    .limits
                    .wait_before("graphql", chrono::Utc::now())
                    .unwrap_or(super::SECONDARY_BACKOFF);
                self.rate_limited(wait)
            }
            Some("FORBIDDEN") => ProviderError::Forbidden(format!("{service}: {text}")),
            _ => ProviderError::Rejected(format!("{service} GraphQL: {text}")),
        })
    }
}
