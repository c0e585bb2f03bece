//! The shared HTTP client: timeouts, user agent, auth, status -> error mapping. Jira uses it
//! first; the GitHub and deploy providers reuse it, so nothing here knows about Jira paths.

mod failure;
mod network;
pub mod proxy;
mod segment;
pub mod tls;
mod transport;

pub use failure::{DEFAULT_RETRY_AFTER, retry_after, server_text};
pub use network::{CONNECT_TIMEOUT, Network, TOTAL_TIMEOUT, USER_AGENT};
pub use segment::path_segment;

use super::ProviderError;
use crate::config::{Secret, TokenSource};
use crate::domain::text::sanitize;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url, header};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// reqwest's total timeout covers the body too; a stream follows a job for as long as it
/// runs, so only this outer bound applies (the reader bounds the quiet time instead).
const STREAM_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// How requests prove who they are. Debug never shows the token (`Secret` hides it).
#[derive(Clone, Debug)]
pub enum Auth {
    /// `Authorization: Basic base64(user:token)` (Jira Cloud: email + API token).
    Basic { user: String, token: Secret },
    /// `Authorization: Bearer token` (Jira Data Center PAT, GitHub, deploy backends).
    Bearer(Secret),
    /// No `Authorization` header (a deploy backend that asks for no token).
    None,
}

/// One service's client. Paths are appended to the base URL verbatim so a context path such
/// as `https://jira.corp/jira` survives.
#[derive(Clone, Debug)]
pub struct HttpClient {
    http: reqwest::Client,
    base: String,
    host: String,
    service: String,
    auth: Auth,
    token_source: TokenSource,
    timeout: Duration,
    network: Network,
}

/// What came back, before any status mapping: for callers that decide on retries themselves.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl HttpClient {
    /// `service` names the server in every error ("Jira"); `token_source` is what a 401 tells
    /// the user to fix; `network` is what it trusts and which proxy it goes through.
    pub fn new(
        service: &str,
        base_url: &str,
        auth: Auth,
        token_source: TokenSource,
        network: &Network,
    ) -> Result<Self, ProviderError> {
        let base = base_url.trim().trim_end_matches('/').to_string();
        // The URL itself is never echoed: it may carry `user:password@`.
        let invalid = |why: &str| {
            ProviderError::Rejected(format!(
                "the {service} URL in the configuration is not usable: {why}"
            ))
        };
        let url = Url::parse(&base).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("it must start with http:// or https://"));
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| invalid("it has no host"))?
            .to_string();
        let http = build(&host, network, reqwest::redirect::Policy::default())?;
        Ok(Self {
            http,
            base,
            host,
            service: service.to_string(),
            auth,
            token_source,
            timeout: TOTAL_TIMEOUT,
            network: network.clone(),
        })
    }

    /// Redirects come back as replies instead of being followed: GitHub's log downloads
    /// redirect to storage on another host, which must not see the token.
    pub fn without_redirects(mut self) -> Result<Self, ProviderError> {
        self.http = build(&self.host, &self.network, reqwest::redirect::Policy::none())?;
        Ok(self)
    }

    /// True when `url` is on this client's scheme, host and port: only there may the token go.
    pub fn same_origin(&self, url: &str) -> bool {
        match (Url::parse(&self.base), Url::parse(url)) {
            (Ok(base), Ok(other)) => base.origin() == other.origin(),
            _ => false,
        }
    }

    /// Replaces the total per-request timeout (tests use a short one).
    pub fn with_timeout(mut self, total: Duration) -> Self {
        self.timeout = total;
        self
    }

    /// The configured base URL without a trailing slash (for links such as `/browse/KEY`).
    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// GET `path` with `query`, decoded as `T`; a body that does not fit is a `Decode` error
    /// naming the service and path.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ProviderError> {
        let body = self.send(Method::GET, path, query, None::<&()>).await?;
        self.decode(path, &body)
    }

    /// POST a JSON body; the answer's body is returned raw (often empty, e.g. 204).
    pub async fn post<B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<Vec<u8>, ProviderError> {
        self.send(Method::POST, path, &[], Some(body)).await
    }

    pub fn decode<T: DeserializeOwned>(&self, path: &str, body: &[u8]) -> Result<T, ProviderError> {
        let mut de = serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let at = e.path().to_string();
            self.decode_error(path, &failure::undecodable(body, &at, &e.into_inner()))
        })
    }

    /// A `Decode` error for an answer that parsed but makes no sense (a repeated page token).
    pub fn decode_error(&self, path: &str, message: &str) -> ProviderError {
        ProviderError::Decode {
            what: format!("{} {path}", self.service),
            message: failure::short(message),
        }
    }

    async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
    ) -> Result<Vec<u8>, ProviderError> {
        let reply = self.exchange(method, path, query, &[], body).await?;
        if reply.status.is_success() {
            return Ok(reply.body);
        }
        Err(self.status_error(path, &reply))
    }

    /// One request with extra `headers`; any status comes back as a `Reply`, only transport
    /// failures are errors.
    pub async fn exchange<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        headers: &[(&str, &str)],
        body: Option<&B>,
    ) -> Result<Reply, ProviderError> {
        let mut request = self.request(method, path, query, headers, self.timeout);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| self.network(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(|e| self.network(&e))?;
        tracing::debug!(service = %self.service, path, status = status.as_u16(), "http");
        Ok(Reply {
            status,
            headers,
            body: bytes.to_vec(),
        })
    }

    /// One request to an absolute `url` (a page link, a redirect target) with `timeout`; the
    /// token is sent only when `auth` is true and the URL is on this client's origin.
    pub async fn exchange_url<B: Serialize + ?Sized>(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&B>,
        auth: bool,
        timeout: Duration,
    ) -> Result<Reply, ProviderError> {
        let url = Url::parse(url)
            .map_err(|e| self.decode_error("a link in an answer", &e.to_string()))?;
        let auth = auth && self.same_origin(url.as_str());
        let mut request = self.prepare(
            self.http.request(method, url.clone()),
            headers,
            timeout,
            auth,
        );
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| self.network(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(|e| self.network(&e))?;
        tracing::debug!(service = %self.service, path = url.path(), status = status.as_u16(), "http");
        Ok(Reply {
            status,
            headers,
            body: bytes.to_vec(),
        })
    }

    /// A GET whose body is read as it arrives (a log stream): the answer's head must come
    /// within the total timeout, the body may last as long as the job it follows. Reading it
    /// is the caller's, with `network` for a body that breaks.
    pub async fn open(
        &self,
        path: &str,
        query: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Result<reqwest::Response, ProviderError> {
        let request = self.request(Method::GET, path, query, headers, STREAM_LIFETIME);
        let response = tokio::time::timeout(self.timeout, request.send())
            .await
            .map_err(|_| self.failed(&format!("no answer from {} {}", self.host, self.within())))?
            .map_err(|e| self.network(&e))?;
        tracing::debug!(service = %self.service, path, status = response.status().as_u16(), "http stream");
        Ok(response)
    }

    /// The total per-request timeout; a stream treats this long without a byte as a dead
    /// connection.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// A `Network` error: "cannot reach HOST: `message`" (sanitised).
    pub fn network_error(&self, message: &str) -> ProviderError {
        self.failed(&format!("cannot reach {}: {message}", self.host))
    }

    fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        headers: &[(&str, &str)],
        timeout: Duration,
    ) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.base);
        let mut request = self.http.request(method, url);
        if !query.is_empty() {
            request = request.query(query);
        }
        self.prepare(request, headers, timeout, true)
    }

    fn prepare(
        &self,
        mut request: reqwest::RequestBuilder,
        headers: &[(&str, &str)],
        timeout: Duration,
        auth: bool,
    ) -> reqwest::RequestBuilder {
        request = request.timeout(timeout);
        // A caller's own Accept (GitHub's media type) replaces the JSON default.
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            request = request.header(header::ACCEPT, "application/json");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        match (&self.auth, auth) {
            (_, false) | (Auth::None, _) => request,
            (Auth::Basic { user, token }, true) => request.basic_auth(user, Some(token.expose())),
            (Auth::Bearer(token), true) => request.bearer_auth(token.expose()),
        }
    }

    /// The typed error for a non-2xx `reply` to `path`.
    pub fn status_error(&self, path: &str, reply: &Reply) -> ProviderError {
        let cx = failure::Context {
            service: &self.service,
            path,
            token_source: &self.token_source,
        };
        failure::status_error(&cx, reply.status, &reply.headers, &reply.body)
    }

    /// Host only: the URL may hold a query or credentials, and reqwest's own message holds
    /// the URL.
    pub fn network(&self, e: &reqwest::Error) -> ProviderError {
        self.failed(&transport::describe(&self.host, e, &self.within()))
    }

    /// "within 30 s (10 s to connect)", for a request that got no answer in time.
    fn within(&self) -> String {
        format!(
            "within {} s ({} s to connect)",
            self.timeout.as_secs_f64(),
            CONNECT_TIMEOUT.as_secs_f64()
        )
    }

    /// A `Network` error whose `message` names the host, sanitised.
    fn failed(&self, message: &str) -> ProviderError {
        ProviderError::Network {
            host: self.host.clone(),
            message: sanitize(message, false),
        }
    }
}

fn build(
    host: &str,
    network: &Network,
    redirect: reqwest::redirect::Policy,
) -> Result<reqwest::Client, ProviderError> {
    network
        .client(redirect)
        .map_err(|why| ProviderError::Network {
            host: host.to_string(),
            message: format!("cannot reach {host}: cannot set up the HTTP client: {why}"),
        })
}

#[cfg(test)]
mod tests;
