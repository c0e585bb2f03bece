//! Promote, rollback and cancel: one POST, retried while the outcome is in doubt, always with
//! the same `Idempotency-Key` so the server deploys at most once.

use super::dto::{AcceptedDto, DeploymentDto};
use crate::domain::deploy::IdempotencyKey;
use crate::providers::ProviderError;
use crate::providers::http::{HttpClient, Reply, retry_after};
use reqwest::Method;
use serde::Serialize;
use std::time::Duration;

/// Attempts in total, the first included.
pub const MAX_ATTEMPTS: u32 = 3;
/// A longer `Retry-After` is cut short: the user is waiting in front of a spinner.
const MAX_WAIT: Duration = Duration::from_secs(30);
/// Pause before retrying after a 5xx or a transport failure, times the attempt number.
const BACKOFF: Duration = Duration::from_millis(250);

/// What the user asked for, in words for an `UnknownOutcome` ("promote payments staging ->
/// prod"), and where it goes.
pub struct Write<'a, B: ?Sized> {
    pub action: String,
    pub path: &'a str,
    pub body: Option<&'a B>,
}

pub async fn send<B: Serialize + ?Sized>(
    http: &HttpClient,
    write: Write<'_, B>,
    key: &IdempotencyKey,
) -> Result<DeploymentDto, ProviderError> {
    let key = header_value(key)?;
    let headers = [("Idempotency-Key", key)];
    let mut attempt = 1;
    loop {
        let answer = http
            .exchange(Method::POST, write.path, &[], &headers, write.body)
            .await;
        let (error, wait) = match answer {
            Ok(reply) if reply.status.is_success() => {
                let what = format!("POST {}", write.path);
                match http.decode::<AcceptedDto>(&what, &reply.body) {
                    Ok(accepted) => return Ok(accepted.deployment),
                    // Accepted, but which deployment is unreadable (a proxy's page, a body
                    // cut short): the same key asks the server to say it again.
                    Err(error) => (error, BACKOFF * attempt),
                }
            }
            Ok(reply) => {
                let error = http.status_error(write.path, &reply);
                match retry_wait(&reply, attempt) {
                    Some(wait) => (error, wait),
                    // The server answered and refused: the outcome is known, nothing happened.
                    None => return Err(error),
                }
            }
            // Sent or not, answered or not: only a retry with the same key can tell.
            Err(error @ ProviderError::Network { .. }) => (error, BACKOFF * attempt),
            Err(other) => return Err(other),
        };
        if attempt >= MAX_ATTEMPTS {
            return Err(ProviderError::UnknownOutcome {
                action: write.action,
                detail: format!("{error}, after {MAX_ATTEMPTS} attempts"),
            });
        }
        tracing::warn!(action = %write.action, attempt, %error, ?wait, "retrying write");
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// How long to wait before retrying `reply`, or `None` when it must not be retried.
fn retry_wait(reply: &Reply, attempt: u32) -> Option<Duration> {
    match reply.status.as_u16() {
        429 | 503 => Some(
            retry_after(&reply.headers)
                .unwrap_or(BACKOFF * attempt)
                .min(MAX_WAIT),
        ),
        // Not implemented will not start working on a retry.
        501 => None,
        500..=599 => Some(BACKOFF * attempt),
        _ => None,
    }
}

/// The key goes into a header, so it must be one visible-ASCII token (a UUID always is).
fn header_value(key: &IdempotencyKey) -> Result<&str, ProviderError> {
    let k = key.0.as_str();
    if k.is_empty() || k.len() > 200 || !k.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ProviderError::Rejected(
            "the idempotency key must be 1 to 200 visible ASCII characters".to_string(),
        ));
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    fn reply(status: u16, retry: Option<&str>) -> Reply {
        let mut headers = HeaderMap::new();
        if let Some(r) = retry {
            headers.insert(RETRY_AFTER, HeaderValue::from_str(r).unwrap());
        }
        Reply {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body: Vec::new(),
        }
    }

    #[test]
    fn only_doubtful_answers_are_retried() {
        assert_eq!(
            retry_wait(&reply(503, Some("2")), 1),
            Some(Duration::from_secs(2))
        );
        assert_eq!(retry_wait(&reply(429, Some("0")), 1), Some(Duration::ZERO));
        assert_eq!(retry_wait(&reply(503, Some("86400")), 1), Some(MAX_WAIT));
        assert_eq!(retry_wait(&reply(503, None), 2), Some(BACKOFF * 2));
        assert_eq!(retry_wait(&reply(502, None), 1), Some(BACKOFF));
        for status in [400, 401, 403, 404, 409, 422, 501] {
            assert_eq!(retry_wait(&reply(status, None), 1), None, "{status}");
        }
    }

    #[test]
    fn keys_that_cannot_be_a_header_are_refused() {
        assert!(header_value(&IdempotencyKey::new()).is_ok());
        for bad in ["", "a b", "line\nbreak", "é"] {
            let key = IdempotencyKey(bad.to_string());
            assert!(
                matches!(header_value(&key), Err(ProviderError::Rejected(_))),
                "{bad:?}"
            );
        }
    }
}
