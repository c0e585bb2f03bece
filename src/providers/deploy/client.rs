//! The protocol's endpoints and paging. Knows paths and query shapes; turning answers into
//! domain types is `map`'s job.

use super::dto::{
    DeploymentDto, DeploymentPageDto, EnvironmentsDto, PromoteBody, RollbackBody, RunDto,
    RunPageDto, ServicesDto,
};
use super::write::{self, Write};
use crate::domain::deploy::{IdempotencyKey, PromoteRequest, RollbackRequest};
use crate::providers::ProviderError;
use crate::providers::http::{HttpClient, path_segment};
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::collections::HashSet;

#[derive(Debug)]
pub struct DeployClient {
    http: HttpClient,
}

impl DeployClient {
    pub fn new(http: HttpClient) -> Self {
        Self { http }
    }

    /// For endpoints that read more than a JSON body (log headers, per-status messages).
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    pub async fn services(&self) -> Result<ServicesDto, ProviderError> {
        self.read("/v1/services", &[]).await
    }

    pub async fn environments(&self, service: &str) -> Result<EnvironmentsDto, ProviderError> {
        let path = format!("/v1/services/{}/environments", segment("service", service)?);
        self.read(&path, &[]).await
    }

    /// Up to `limit` deployments, newest first.
    pub async fn deployments(
        &self,
        service: &str,
        environment: &str,
        limit: usize,
    ) -> Result<Vec<DeploymentDto>, ProviderError> {
        let path = format!(
            "/v1/services/{}/environments/{}/deployments",
            segment("service", service)?,
            segment("environment", environment)?
        );
        self.pages::<DeploymentPageDto>(&path, &[], limit).await
    }

    /// Up to `limit` pipeline runs, newest first, of one service or of all.
    pub async fn runs(
        &self,
        service: Option<&str>,
        limit: usize,
    ) -> Result<Vec<RunDto>, ProviderError> {
        let filter: Vec<_> = service.map(|s| ("service", s)).into_iter().collect();
        self.pages::<RunPageDto>("/v1/runs", &filter, limit).await
    }

    /// Up to `limit` items of a list, following `next_cursor` page by page.
    async fn pages<P: Page>(
        &self,
        path: &str,
        filter: &[(&str, &str)],
        limit: usize,
    ) -> Result<Vec<P::Item>, ProviderError> {
        let mut found = Vec::new();
        let mut cursor: Option<String> = None;
        let mut seen = HashSet::new();
        while found.len() < limit {
            let want = (limit - found.len()).to_string();
            let mut query = filter.to_vec();
            query.push(("limit", want.as_str()));
            if let Some(c) = &cursor {
                query.push(("cursor", c.as_str()));
            }
            let (items, next) = self.read::<P>(path, &query).await?.split();
            // An empty page ends the list even if a cursor came with it: no progress is possible.
            let empty = items.is_empty();
            found.extend(items);
            match next.filter(|c| !c.is_empty()) {
                Some(next) if !empty => {
                    if !seen.insert(next.clone()) {
                        let msg = "the same next_cursor came back twice; stopped paging";
                        return Err(self.http.decode_error(&format!("GET {path}"), msg));
                    }
                    cursor = Some(next);
                }
                _ => break,
            }
        }
        found.truncate(limit);
        Ok(found)
    }

    pub async fn deployment(&self, id: &str) -> Result<DeploymentDto, ProviderError> {
        let path = format!("/v1/deployments/{}", segment("deployment id", id)?);
        self.read(&path, &[]).await
    }

    pub async fn promote(
        &self,
        request: &PromoteRequest,
        key: &IdempotencyKey,
    ) -> Result<DeploymentDto, ProviderError> {
        let path = format!(
            "/v1/services/{}/promote",
            segment("service", &request.service)?
        );
        let body = PromoteBody {
            from: &request.from,
            to: &request.to,
            revision: request.revision.as_deref(),
            reason: request.reason.as_deref(),
        };
        let write = Write {
            action: format!(
                "promote {} {} -> {}",
                request.service, request.from, request.to
            ),
            path: &path,
            body: Some(&body),
        };
        write::send(&self.http, write, key).await
    }

    pub async fn rollback(
        &self,
        request: &RollbackRequest,
        key: &IdempotencyKey,
    ) -> Result<DeploymentDto, ProviderError> {
        let path = format!(
            "/v1/services/{}/environments/{}/rollback",
            segment("service", &request.service)?,
            segment("environment", &request.environment)?
        );
        let body = RollbackBody {
            to_deployment: request.to_deployment.as_ref().map(|d| d.0.as_str()),
            reason: request.reason.as_deref(),
        };
        let mut action = format!("rollback {} {}", request.service, request.environment);
        if let Some(to) = &request.to_deployment {
            action.push_str(&format!(" to {to}"));
        }
        let write = Write {
            action,
            path: &path,
            body: Some(&body),
        };
        write::send(&self.http, write, key).await
    }

    /// Cancelling twice is harmless, but a lost answer still leaves the outcome in doubt, so
    /// cancel is a keyed write like the others.
    pub async fn cancel(&self, id: &str) -> Result<DeploymentDto, ProviderError> {
        let path = format!("/v1/deployments/{}/cancel", segment("deployment id", id)?);
        let write = Write::<()> {
            action: format!("cancel deployment {id}"),
            path: &path,
            body: None,
        };
        write::send(&self.http, write, &IdempotencyKey::new()).await
    }

    /// Reads are not retried here: the sync engine decides when to try again.
    async fn read<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ProviderError> {
        let reply = self
            .http
            .exchange(Method::GET, path, query, &[], None::<&()>)
            .await?;
        if !reply.status.is_success() {
            return Err(self.http.status_error(path, &reply));
        }
        self.http.decode(&format!("GET {path}"), &reply.body)
    }
}

/// A list answer: its items and the cursor of the next page.
trait Page: DeserializeOwned {
    type Item;
    fn split(self) -> (Vec<Self::Item>, Option<String>);
}

impl Page for DeploymentPageDto {
    type Item = DeploymentDto;
    fn split(self) -> (Vec<DeploymentDto>, Option<String>) {
        (self.deployments, self.next_cursor)
    }
}

impl Page for RunPageDto {
    type Item = RunDto;
    fn split(self) -> (Vec<RunDto>, Option<String>) {
        (self.runs, self.next_cursor)
    }
}

/// One URL path segment, percent-encoded so a name cannot add segments or a query.
pub fn segment(what: &str, value: &str) -> Result<String, ProviderError> {
    path_segment(value)
        .ok_or_else(|| ProviderError::Rejected(format!("{value:?} is not a usable {what}")))
}
