//! One `[[github]]` table's HTTP client, shared by its tracker, Actions and Deployments
//! providers so they spend one budget: GitHub's media type and API version on every
//! request, ETags with `If-None-Match` (a 304 is answered from memory and costs nothing),
//! `x-ratelimit-*` budgets with waits and back-off, `Link` paging, at most a few requests at
//! once, GraphQL with its `errors` array, and log downloads whose 302 leads to storage that
//! never sees the token.

mod download;
mod etags;
mod graphql;
mod limits;
mod link;

pub use limits::SECONDARY_BACKOFF;

use crate::config::{Secret, TokenSource};
use crate::domain::RateBudget;
use crate::providers::ProviderError;
use crate::providers::http::{Auth, HttpClient, Network, Reply};
use chrono::Utc;
use etags::Etags;
use limits::Limits;
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::Duration;
use tokio::sync::{Semaphore, watch};

/// Requests one table runs at once; GitHub asks integrations not to run many in parallel.
const PARALLEL: usize = 4;
/// A whole job log may be large and storage slow.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(300);
const API_VERSION: &str = "2022-11-28";
const MEDIA_TYPE: &str = "application/vnd.github+json";

#[derive(Clone, Debug)]
pub struct GithubSettings {
    /// The table's `name`: errors say "GitHub acme".
    pub name: String,
    pub api_url: String,
    pub graphql_url: String,
    pub token: Secret,
    pub token_source: TokenSource,
    /// The `ca_file` and proxies the client follows.
    pub network: Network,
}

pub struct GithubClient {
    http: HttpClient,
    graphql_url: String,
    etags: Etags,
    limits: Limits,
    permits: Semaphore,
    name: String,
    download_timeout: Duration,
}

/// One page of a list and where the next one is.
struct Page {
    body: std::sync::Arc<Vec<u8>>,
    next: Option<String>,
}

impl GithubClient {
    pub fn new(settings: GithubSettings) -> Result<Self, ProviderError> {
        let service = format!("GitHub {}", settings.name);
        let auth = Auth::Bearer(settings.token);
        let http = HttpClient::new(
            &service,
            &settings.api_url,
            auth,
            settings.token_source,
            &settings.network,
        )?
        .without_redirects()?;
        let graphql_url = settings.graphql_url.trim_end_matches('/').to_string();
        Url::parse(&graphql_url).map_err(|e| {
            ProviderError::Rejected(format!(
                "the GraphQL URL of {service} in the configuration is not usable: {e}"
            ))
        })?;
        Ok(Self {
            http,
            graphql_url,
            etags: Etags::default(),
            limits: Limits::new(&settings.name),
            permits: Semaphore::new(PARALLEL),
            name: settings.name,
            download_timeout: DOWNLOAD_TIMEOUT,
        })
    }

    /// Replaces every request's total timeout (tests use a short one).
    pub fn with_timeout(mut self, total: Duration) -> Self {
        self.http = self.http.with_timeout(total);
        self.download_timeout = total;
        self
    }

    /// The table's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// "GitHub acme", as errors name it.
    pub fn service(&self) -> &str {
        self.http.service()
    }

    /// The REST base URL without a trailing slash.
    pub fn api_url(&self) -> &str {
        self.http.base()
    }

    /// The latest budget any answer reported.
    pub fn budget(&self) -> watch::Receiver<Option<RateBudget>> {
        self.limits.subscribe()
    }

    /// A `Decode` error naming this service and `what`.
    pub fn decode_error(&self, what: &str, message: &str) -> ProviderError {
        self.http.decode_error(what, message)
    }

    /// GET `path` decoded as `T`, conditional on the ETag of the last answer.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ProviderError> {
        let page = self.page(&self.url(path, query)?).await?;
        self.http.decode(path, &page.body)
    }

    /// A JSON-array list, following `Link: rel="next"` until `limit` items.
    pub async fn get_list<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        limit: usize,
    ) -> Result<Vec<T>, ProviderError> {
        self.get_list_in(path, query, limit, |items: Vec<T>| items)
            .await
    }

    /// A list wrapped in an object (`{"total_count": 3, "workflow_runs": [...]}`): `items`
    /// takes the page's object apart. Follows `Link: rel="next"` until `limit` items.
    pub async fn get_list_in<W: DeserializeOwned, T>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        limit: usize,
        items: impl Fn(W) -> Vec<T>,
    ) -> Result<Vec<T>, ProviderError> {
        let mut out = Vec::new();
        let mut url = Some(self.url(path, query)?);
        while let Some(at) = url.take() {
            let page = self.page(&at).await?;
            out.extend(items(self.http.decode(path, &page.body)?));
            if out.len() >= limit {
                out.truncate(limit);
                break;
            }
            url = page.next;
        }
        Ok(out)
    }

    /// A write (POST, PATCH, PUT, DELETE) with a JSON body; the 2xx answer is returned.
    /// Never retried here: GitHub writes carry no idempotency key.
    pub async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Reply, ProviderError> {
        let url = self.url(path, &[])?;
        let reply = self.exchange(method, &url, &[], body, "core").await?;
        if reply.status.is_success() {
            return Ok(reply);
        }
        Err(self.failure(path, &reply))
    }

    async fn page(&self, url: &str) -> Result<Page, ProviderError> {
        let tag = self.etags.tag(url);
        let mut headers = Vec::new();
        if let Some(tag) = &tag {
            headers.push(("if-none-match", tag.as_str()));
        }
        let reply = self
            .exchange(Method::GET, url, &headers, None::<&()>, "core")
            .await?;
        let path = path_of(url);
        if reply.status == StatusCode::NOT_MODIFIED
            && let Some(kept) = self.etags.kept(url)
        {
            return Ok(Page {
                body: kept.body,
                next: kept.next,
            });
        }
        if reply.status == StatusCode::NOT_MODIFIED {
            // The kept answer was dropped meanwhile: ask again without a tag.
            let reply = self
                .exchange(Method::GET, url, &[], None::<&()>, "core")
                .await?;
            return self.fresh(url, &path, reply);
        }
        self.fresh(url, &path, reply)
    }

    fn fresh(&self, url: &str, path: &str, reply: Reply) -> Result<Page, ProviderError> {
        if !reply.status.is_success() {
            return Err(self.failure(path, &reply));
        }
        let next = match reply
            .headers
            .get(reqwest::header::LINK)
            .and_then(|v| v.to_str().ok())
            .and_then(link::next)
        {
            Some(next) if !self.http.same_origin(&next) => {
                return Err(self.decode_error(path, "a page link to another host was not followed"));
            }
            next => next,
        };
        if let Some(tag) = reply
            .headers
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
        {
            self.etags.keep(url, tag, &reply.body, next.as_deref());
        }
        Ok(Page {
            body: std::sync::Arc::new(reply.body),
            next,
        })
    }

    /// One request under the parallel bound and the rate-limit rules: refused before it is
    /// sent while the budget is known to be empty.
    async fn exchange<B: Serialize + ?Sized>(
        &self,
        method: Method,
        url: &str,
        extra: &[(&str, &str)],
        body: Option<&B>,
        resource: &str,
    ) -> Result<Reply, ProviderError> {
        if let Some(retry_after) = self.limits.wait_before(resource, Utc::now()) {
            return Err(self.rate_limited(retry_after));
        }
        let _permit = self.permit().await?;
        let mut headers = vec![
            ("accept", MEDIA_TYPE),
            ("x-github-api-version", API_VERSION),
        ];
        headers.extend_from_slice(extra);
        let timeout = self.http.timeout();
        let reply = self
            .http
            .exchange_url(method, url, &headers, body, true, timeout)
            .await?;
        self.limits.observe(&reply.headers, reply.status);
        Ok(reply)
    }

    /// The error for a failed answer: rate limits become waits, the rest the shared mapping.
    fn failure(&self, path: &str, reply: &Reply) -> ProviderError {
        if matches!(reply.status.as_u16(), 403 | 429) {
            let says_limit = String::from_utf8_lossy(&reply.body)
                .to_ascii_lowercase()
                .contains("rate limit");
            if let Some(wait) =
                self.limits
                    .wait_after(reply.status, &reply.headers, says_limit, Utc::now())
            {
                return self.rate_limited(wait);
            }
        }
        self.http.status_error(path, reply)
    }

    fn rate_limited(&self, retry_after: Duration) -> ProviderError {
        ProviderError::RateLimited {
            service: self.service().to_string(),
            retry_after,
        }
    }

    async fn permit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, ProviderError> {
        self.permits
            .acquire()
            .await
            .map_err(|_| self.http.network_error("the client is shutting down"))
    }

    fn url(&self, path: &str, query: &[(&str, &str)]) -> Result<String, ProviderError> {
        let joined = format!("{}{path}", self.http.base());
        let url = if query.is_empty() {
            Url::parse(&joined)
        } else {
            Url::parse_with_params(&joined, query)
        };
        url.map(String::from)
            .map_err(|e| self.decode_error(path, &format!("cannot build the URL: {e}")))
    }
}

/// The path of a URL for messages: never its query (a signature may live there).
fn path_of(url: &str) -> String {
    Url::parse(url).map_or_else(|_| "a link".to_string(), |u| u.path().to_string())
}
