//! The plumbing every GitHub-shaped response goes through, as one middleware: the API version
//! header, auth, the primary rate limit, and conditional GETs (ETag / 304). Blob URLs get
//! none of it and refuse credentials instead.

pub mod blob;
mod budget;

use super::clock::Clock;
use super::error::GhError;
use crate::hex;
use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use budget::{Budgets, Snapshot};
use std::convert::Infallible;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

pub const API_VERSION: &str = "2022-11-28";
/// A token that always finds its rate limit spent: lets tests see the 403 without 5,000
/// requests.
pub const EXHAUSTED_TOKEN: &str = "sandbox-exhausted";

#[derive(Clone)]
pub struct Plumbing {
    clock: Clock,
    budgets: Arc<Mutex<Budgets>>,
}

impl Plumbing {
    pub fn new(clock: Clock) -> Plumbing {
        Plumbing {
            clock,
            budgets: Arc::default(),
        }
    }

    fn budget(&self, spend: bool, resource: &'static str) -> Snapshot {
        let now = self.clock.now();
        let mut budgets = self.budgets.lock().unwrap_or_else(PoisonError::into_inner);
        if spend {
            budgets.spend(resource, now)
        } else {
            budgets.peek(resource, now)
        }
    }
}

/// The caller's token, for handlers that answer differently per token. Debug hides it.
#[derive(Clone)]
pub struct Token(pub String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

/// `http://HOST` as the client addressed this server, for absolute URLs in bodies and headers.
#[derive(Clone, Debug)]
pub struct Origin(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let host = parts
            .uri
            .authority()
            .map(|a| a.as_str().to_string())
            .or_else(|| {
                let value = parts.headers.get(header::HOST)?.to_str().ok()?;
                Some(value.to_string())
            })
            // Whatever lands in a Location or Link header must be a plain host[:port].
            .filter(|host| {
                !host.is_empty()
                    && host
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
            })
            .unwrap_or_else(|| "localhost".into());
        Ok(Origin(format!("http://{host}")))
    }
}

impl Origin {
    /// The REST base, `http://HOST/api/v3`.
    pub fn api(&self) -> String {
        format!("{}/api/v3", self.0)
    }
}

pub async fn plumbing(
    State(plumbing): State<Plumbing>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("/_blobs/") {
        if request.headers().contains_key(header::AUTHORIZATION) {
            return blob::authorization_refused();
        }
        return next.run(request).await;
    }
    let resource = if path == "/api/graphql" {
        "graphql"
    } else {
        "core"
    };
    if let Err(refusal) = check_version(request.headers()) {
        return with_budget(refusal.into_response(), plumbing.budget(false, resource));
    }
    let token = match token(request.headers()) {
        Ok(token) => token,
        Err(refusal) => {
            return with_budget(refusal.into_response(), plumbing.budget(false, resource));
        }
    };
    if token == EXHAUSTED_TOKEN {
        let spent = Snapshot::exhausted(resource, plumbing.clock.now());
        return with_budget(rate_limited().into_response(), spent);
    }
    let before = plumbing.budget(false, resource);
    if before.remaining() == 0 {
        return with_budget(rate_limited().into_response(), before);
    }
    let conditional = (request.method() == Method::GET)
        .then(|| request.headers().get(header::IF_NONE_MATCH).cloned())
        .flatten();
    let is_get = request.method() == Method::GET;
    request.extensions_mut().insert(Token(token));
    let response = next.run(request).await;
    if is_get && response.status() == StatusCode::OK {
        let (response, unchanged) = tag(response, conditional.as_ref()).await;
        // A 304 costs nothing: that is the point of sending If-None-Match.
        return with_budget(response, plumbing.budget(!unchanged, resource));
    }
    with_budget(response, plumbing.budget(true, resource))
}

fn with_budget(mut response: Response, budget: Snapshot) -> Response {
    let headers = response.headers_mut();
    budget.write(headers);
    headers.insert(
        "x-github-api-version-selected",
        HeaderValue::from_static(API_VERSION),
    );
    headers.insert(
        "x-github-media-type",
        HeaderValue::from_static("github.v3; format=json"),
    );
    response
}

fn check_version(headers: &HeaderMap) -> Result<(), GhError> {
    let Some(value) = headers.get("x-github-api-version") else {
        return Ok(());
    };
    if value.as_bytes() == API_VERSION.as_bytes() {
        return Ok(());
    }
    let shown = value
        .to_str()
        .ok()
        .filter(|v| v.len() <= 40 && v.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("(unreadable)");
    Err(GhError::bad_request(format!(
        "The version you specified in the \"X-GitHub-Api-Version\" request header, \"{shown}\", \
         is not a supported version. The following versions are currently supported: \
         \"{API_VERSION}\" (most recent)."
    ))
    .documented_at("https://docs.github.com/rest/about-the-rest-api/api-versions"))
}

/// `Bearer X` or `token X`; anything else is GitHub's 401.
fn token(headers: &HeaderMap) -> Result<String, GhError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(GhError::new(
            StatusCode::UNAUTHORIZED,
            "Requires authentication",
        ));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| {
            scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token")
        })
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty());
    match token {
        Some(token) => Ok(token.to_string()),
        None => Err(GhError::new(StatusCode::UNAUTHORIZED, "Bad credentials")),
    }
}

fn rate_limited() -> GhError {
    GhError::forbidden("API rate limit exceeded for user ID 1.")
        .documented_at("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")
}

/// Adds a weak ETag (a digest of the body) to a 200, or turns it into an empty 304 when the
/// client already has that body. True when it became a 304.
async fn tag(response: Response, if_none_match: Option<&HeaderValue>) -> (Response, bool) {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        let error = GhError::new(StatusCode::INTERNAL_SERVER_ERROR, "Server Error");
        return (error.into_response(), false);
    };
    let etag = format!("W/\"{}\"", hex::digest(&bytes, 32));
    let unchanged = if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|wanted| matches(wanted, &etag));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    parts.headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=60, s-maxage=60"),
    );
    parts.headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Authorization, Cookie, X-GitHub-OTP"),
    );
    if unchanged {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::LINK);
        return (Response::from_parts(parts, Body::empty()), true);
    }
    (Response::from_parts(parts, Body::from(bytes)), false)
}

/// `If-None-Match` holds one or more tags, or `*`; weak comparison, as for GETs.
fn matches(wanted: &str, etag: &str) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    wanted
        .split(',')
        .any(|tag| tag.trim() == "*" || bare(tag) == bare(etag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_compare_weakly_and_in_lists() {
        let etag = "W/\"abc\"";
        assert!(matches("W/\"abc\"", etag));
        assert!(matches("\"abc\"", etag));
        assert!(matches("\"x\", W/\"abc\"", etag));
        assert!(matches("*", etag));
        assert!(!matches("W/\"abd\"", etag));
    }

    #[test]
    fn tokens_come_as_bearer_or_token() {
        let headers = |value: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, value.parse().unwrap());
            h
        };
        assert_eq!(token(&headers("Bearer abc")).unwrap(), "abc");
        assert_eq!(token(&headers("token abc")).unwrap(), "abc");
        assert_eq!(
            token(&headers("Basic abc")).unwrap_err().message(),
            "Bad credentials"
        );
        assert_eq!(
            token(&headers("Bearer  ")).unwrap_err().message(),
            "Bad credentials"
        );
        let missing = token(&HeaderMap::new()).unwrap_err();
        assert_eq!(missing.message(), "Requires authentication");
        assert!(!format!("{:?}", Token("secret".into())).contains("secret"));
    }
}
