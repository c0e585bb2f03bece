//! The `http` deploy backend: the shipdeck deploy protocol v1 (docs/deploy-protocol.md).

/// A reply shaped like the protocol's, from tests/fixtures/deploy, for the mapping tests.
#[cfg(test)]
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/deploy/",
            $name
        ))
    };
}

mod client;
#[cfg(test)]
mod contract;
mod dto;
#[cfg(test)]
mod fuzz_tests;
mod map;
mod pipeline;
mod runs;

pub use runs::LOG_READ_CAP;
pub mod sse;
mod stream;
mod write;

use super::http::{Auth, HttpClient, Network};
use super::{DeployBackend, ProviderError};
use crate::config::{Secret, TokenSource};
use crate::domain::deploy::{
    Deployment, DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest, Service,
};
use async_trait::async_trait;
use client::DeployClient;
use futures::{StreamExt, TryStreamExt};
use std::time::Duration;

/// Environment lists fetched at once: enough to hide latency, few enough to spare the server.
const CONCURRENT_FETCHES: usize = 6;

/// Everything the provider needs from a `[[deploy]]` table and its token source.
#[derive(Clone, Debug)]
pub struct HttpDeploySettings {
    /// The config's `name`: shown in the UI and in every error.
    pub name: String,
    /// A trailing slash is tolerated.
    pub base_url: String,
    /// Sent as `Authorization: Bearer` when present.
    pub token: Option<Secret>,
    /// Named in 401 messages; the value never is.
    pub token_source: TokenSource,
    /// Only these services; `None` shows all the backend offers.
    pub services: Option<Vec<String>>,
    /// Environments that need the typed confirmation on top of what the server marks.
    pub protected: Vec<String>,
    /// The `ca_file` and proxies the client follows.
    pub network: Network,
}

#[derive(Debug)]
pub struct HttpDeploy {
    name: String,
    client: DeployClient,
    services: Option<Vec<String>>,
    protected: Vec<String>,
}

impl HttpDeploy {
    pub fn new(settings: HttpDeploySettings) -> Result<Self, ProviderError> {
        Self::build(settings, None)
    }

    /// Like `new` with a shorter total timeout per request (tests, impatient callers).
    pub fn with_timeout(
        settings: HttpDeploySettings,
        timeout: Duration,
    ) -> Result<Self, ProviderError> {
        Self::build(settings, Some(timeout))
    }

    fn build(
        settings: HttpDeploySettings,
        timeout: Option<Duration>,
    ) -> Result<Self, ProviderError> {
        let auth = settings.token.map_or(Auth::None, Auth::Bearer);
        let mut http = HttpClient::new(
            &settings.name,
            &settings.base_url,
            auth,
            settings.token_source,
            &settings.network,
        )?;
        if let Some(t) = timeout {
            http = http.with_timeout(t);
        }
        Ok(Self {
            name: settings.name,
            client: DeployClient::new(http),
            services: settings.services,
            protected: settings.protected,
        })
    }

    fn wanted(&self, name: &str) -> bool {
        self.services
            .as_ref()
            .is_none_or(|keep| keep.iter().any(|k| k == name))
    }
}

#[async_trait]
impl DeployBackend for HttpDeploy {
    fn name(&self) -> &str {
        &self.name
    }

    async fn services(&self) -> Result<Vec<Service>, ProviderError> {
        let offered = self.client.services().await?.services;
        if let Some(keep) = &self.services {
            for missing in keep
                .iter()
                .filter(|k| !offered.iter().any(|s| &s.name == *k))
            {
                tracing::warn!(backend = %self.name, service = %missing, "configured service not offered");
            }
        }
        // `buffered` keeps the server's service order while fetching side by side.
        futures::stream::iter(offered.into_iter().filter(|s| self.wanted(&s.name)))
            .map(|service| async move {
                let environments = self.client.environments(&service.name).await?;
                Ok(map::service(
                    service,
                    environments.environments,
                    &self.protected,
                ))
            })
            .buffered(CONCURRENT_FETCHES)
            .try_collect()
            .await
    }

    async fn history(
        &self,
        service: &str,
        environment: &str,
        limit: usize,
    ) -> Result<Vec<Deployment>, ProviderError> {
        let found = self.client.deployments(service, environment, limit).await?;
        Ok(found.into_iter().map(map::deployment).collect())
    }

    async fn deployment(&self, id: &DeploymentId) -> Result<Deployment, ProviderError> {
        Ok(map::deployment(self.client.deployment(&id.0).await?))
    }

    async fn promote(
        &self,
        request: &PromoteRequest,
        key: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError> {
        Ok(map::deployment(self.client.promote(request, key).await?))
    }

    async fn rollback(
        &self,
        request: &RollbackRequest,
        key: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError> {
        Ok(map::deployment(self.client.rollback(request, key).await?))
    }

    async fn cancel(&self, id: &DeploymentId) -> Result<Deployment, ProviderError> {
        Ok(map::deployment(self.client.cancel(&id.0).await?))
    }
}
