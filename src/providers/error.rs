use std::time::Duration;
use thiserror::Error;

/// Errors typed at the provider boundary. Each message says what a user can do about it
/// and never holds a token.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ProviderError {
    #[error("{service} rejected the token from {token_source} (401)")]
    Unauthorized {
        service: String,
        token_source: String,
    },
    #[error("{0} (403)")]
    Forbidden(String),
    #[error("{0} (404)")]
    NotFound(String),
    #[error("{0} (410)")]
    Gone(String),
    #[error("rate limited by {service}: waiting {}s as Retry-After asks", retry_after.as_secs())]
    RateLimited {
        service: String,
        retry_after: Duration,
    },
    #[error("{0} (409)")]
    Conflict(String),
    /// The server understood and refused (400/422), with its own words.
    #[error("{0}")]
    Rejected(String),
    #[error("{service} failed with {status}: {message}")]
    Server {
        service: String,
        status: u16,
        message: String,
    },
    /// The request did not get a whole HTTP answer; `message` names the host (never the
    /// URL) and how far it got: a write may have reached the server unless it says
    /// "cannot reach".
    #[error("{message}")]
    Network { host: String, message: String },
    #[error("unexpected answer from {what}: {message}")]
    Decode { what: String, message: String },
    /// A write whose retries ran out: it may or may not have happened.
    #[error("unknown outcome of {action}: {detail}; check the history before trying again")]
    UnknownOutcome { action: String, detail: String },
}

impl ProviderError {
    /// Worth retrying later without anything changing on our side.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Network { .. } | Self::Server { .. }
        )
    }
}
