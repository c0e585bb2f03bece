//! Turns an HTTP failure (status, headers, body) into a `ProviderError` a user can act on.

use crate::config::TokenSource;
use crate::domain::text::sanitize;
use crate::providers::ProviderError;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde_json::Value;
use serde_json::error::Category;
use std::time::Duration;

/// Used when a 429 carries no usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(10);
/// A server asking for longer is capped so the app retries within the hour.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);
/// Longest server text put into an error message, in characters.
const MAX_TEXT: usize = 300;

pub(super) struct Context<'a> {
    pub service: &'a str,
    pub path: &'a str,
    pub token_source: &'a TokenSource,
}

pub(super) fn status_error(
    cx: &Context<'_>,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> ProviderError {
    let html = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("text/html"));
    let text = server_text(body, html);
    let service = cx.service;
    let path = cx.path;
    let with_text = |lead: String| match &text {
        Some(t) => format!("{lead}: {t}"),
        None => lead,
    };
    match status.as_u16() {
        401 => ProviderError::Unauthorized {
            service: service.to_string(),
            token_source: cx.token_source.to_string(),
        },
        403 => ProviderError::Forbidden(with_text(format!("{service} denied access to {path}"))),
        404 => ProviderError::NotFound(with_text(format!("{service} has nothing at {path}"))),
        410 => ProviderError::Gone(with_text(format!(
            "{service} has retired the endpoint {path}"
        ))),
        409 => ProviderError::Conflict(
            text.unwrap_or_else(|| format!("{service} reports a conflict on {path}")),
        ),
        400 | 422 => ProviderError::Rejected(
            text.unwrap_or_else(|| format!("{service} refused the request to {path} ({status})")),
        ),
        429 => ProviderError::RateLimited {
            service: service.to_string(),
            retry_after: retry_after(headers).unwrap_or(DEFAULT_RETRY_AFTER),
        },
        code @ 402..=499 => {
            ProviderError::Rejected(with_text(format!("{service} answered {code} for {path}")))
        }
        code => ProviderError::Server {
            service: service.to_string(),
            status: code,
            message: text.unwrap_or_else(|| "no details given".to_string()),
        },
    }
}

/// `Retry-After` in seconds, capped; `None` when absent, an HTTP date or garbage.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|s| Duration::from_secs(s).min(MAX_RETRY_AFTER))
}

/// The server's own words from an error body, sanitised and short: Jira's
/// `errorMessages` + `errors` values, or a `message` field (GitHub and most JSON APIs), or a
/// short plain-text body. An HTML page (a proxy's or a login page) becomes a short note.
pub fn server_text(body: &[u8], html: bool) -> Option<String> {
    let raw = String::from_utf8_lossy(body);
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    if html || trimmed.starts_with('<') {
        return Some("the server answered with an HTML page instead of JSON".to_string());
    }
    let text = match serde_json::from_str::<Value>(trimmed) {
        Ok(json) => json_text(&json)?,
        Err(_) => trimmed.to_string(),
    };
    let text = short(&text);
    (!text.is_empty()).then_some(text)
}

fn json_text(json: &Value) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(list) = json.get("errorMessages").and_then(Value::as_array) {
        parts.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(map) = json.get("errors").and_then(Value::as_object) {
        parts.extend(map.values().filter_map(Value::as_str).map(str::to_string));
    }
    for key in ["message", "error_description", "error"] {
        if let Some(s) = json.get(key).and_then(Value::as_str) {
            parts.push(s.to_string());
        }
    }
    // `{"error": {"code": .., "message": ..}}` (the shipdeck deploy protocol, Google APIs).
    if let Some(s) = json.pointer("/error/message").and_then(Value::as_str) {
        parts.push(s.to_string());
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.dedup();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Why `body` did not decode: not JSON at all (an HTML page, nothing, cut short), or JSON of
/// another shape, where it stopped fitting (`at`, a path such as `issues[3].key`).
pub(super) fn undecodable(body: &[u8], at: &str, error: &serde_json::Error) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim_start();
    match error.classify() {
        Category::Data if at.is_empty() || at == "." => error.to_string(),
        Category::Data => format!("at {at}: {error}"),
        _ if text.is_empty() => "an empty answer where JSON was expected".to_string(),
        _ if text.starts_with('<') => {
            "an HTML page instead of JSON (a proxy's or a login page?)".to_string()
        }
        Category::Eof => format!("the JSON answer ends before it is complete ({error})"),
        Category::Syntax | Category::Io => format!("the answer is not JSON ({error})"),
    }
}

/// One sanitised line of at most `MAX_TEXT` characters.
pub(crate) fn short(text: &str) -> String {
    let clean = sanitize(text, false);
    let clean = clean.trim();
    if clean.chars().count() <= MAX_TEXT {
        return clean.to_string();
    }
    let mut cut: String = clean.chars().take(MAX_TEXT).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn error(status: u16, headers: HeaderMap, body: &str) -> ProviderError {
        let source = TokenSource::Env("JIRA_API_TOKEN".into());
        let cx = Context {
            service: "Jira",
            path: "/rest/api/3/myself",
            token_source: &source,
        };
        let status = StatusCode::from_u16(status).unwrap();
        status_error(&cx, status, &headers, body.as_bytes())
    }

    fn retry(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn jira_messages_and_field_errors_are_joined() {
        let body = r#"{"errorMessages":["Assign it first."],"errors":{"resolution":"Pick one."}}"#;
        assert_eq!(
            error(400, HeaderMap::new(), body),
            ProviderError::Rejected("Assign it first.; Pick one.".into())
        );
        assert_eq!(
            error(409, HeaderMap::new(), r#"{"message":"busy"}"#).to_string(),
            "busy (409)"
        );
    }

    #[test]
    fn unauthorized_names_the_source() {
        assert_eq!(
            error(401, HeaderMap::new(), "<html>login</html>").to_string(),
            "Jira rejected the token from $JIRA_API_TOKEN (401)"
        );
    }

    #[test]
    fn retry_after_seconds_default_and_cap() {
        let wait = |h| match error(429, h, "") {
            ProviderError::RateLimited { retry_after, .. } => retry_after,
            other => panic!("{other:?}"),
        };
        assert_eq!(wait(retry("7")), Duration::from_secs(7));
        assert_eq!(wait(retry("soon")), DEFAULT_RETRY_AFTER);
        assert_eq!(wait(HeaderMap::new()), DEFAULT_RETRY_AFTER);
        assert_eq!(wait(retry("999999")), MAX_RETRY_AFTER);
    }

    #[test]
    fn html_and_escapes_never_reach_the_message() {
        let page = format!("<html><body>{}</body></html>", "x".repeat(5000));
        let ProviderError::Server {
            status, message, ..
        } = error(502, HeaderMap::new(), &page)
        else {
            panic!("not a server error");
        };
        assert_eq!(status, 502);
        assert_eq!(
            message,
            "the server answered with an HTML page instead of JSON"
        );
        let evil = r#"{"errorMessages":["bad\u001b]0;x\u0007 \u001b[2Jthing"]}"#;
        assert_eq!(
            error(403, HeaderMap::new(), evil).to_string(),
            "Jira denied access to /rest/api/3/myself: bad thing (403)"
        );
    }

    #[test]
    fn long_plain_text_is_cut() {
        let msg = match error(500, HeaderMap::new(), &"e".repeat(1000)) {
            ProviderError::Server { message, .. } => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(msg.chars().count(), MAX_TEXT + 1);
        assert!(msg.ends_with('…'));
    }

    #[test]
    fn nested_error_message_is_the_text() {
        let body = r#"{"error":{"code":"conflict","message":"prod is locked"}}"#;
        assert_eq!(
            error(409, HeaderMap::new(), body),
            ProviderError::Conflict("prod is locked".into())
        );
    }

    #[test]
    fn an_undecodable_answer_says_what_it_was() {
        let why = |body: &str, at: &str| {
            let error = serde_json::from_str::<Vec<u8>>(body).unwrap_err();
            undecodable(body.as_bytes(), at, &error)
        };
        assert_eq!(why("", "."), "an empty answer where JSON was expected");
        assert_eq!(
            why("<html>sign in</html>", "."),
            "an HTML page instead of JSON (a proxy's or a login page?)"
        );
        assert!(why("SSH-2.0-OpenSSH", ".").starts_with("the answer is not JSON ("));
        assert!(why("[1, 2", ".").starts_with("the JSON answer ends before it is complete ("));
        assert!(why(r#"["x"]"#, "[0]").starts_with("at [0]: invalid type: string"));
    }

    #[test]
    fn gone_says_retired() {
        assert_eq!(
            error(410, HeaderMap::new(), "").to_string(),
            "Jira has retired the endpoint /rest/api/3/myself (410)"
        );
    }
}
