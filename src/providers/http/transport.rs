//! Why a request failed on the way, in words that tell a user (and a write's caller) how far
//! it got: no connection, no answer in time, an answer that broke off, a reset, or bytes that
//! are not HTTP. Only the host is named: reqwest's own text holds the URL, which may carry a
//! query or credentials.

use super::tls;
use std::error::Error;
use std::io;

/// The message for `e`; `no_answer` is "within …" for a timeout.
pub(super) fn describe(host: &str, e: &reqwest::Error, no_answer: &str) -> String {
    let root = root_cause(e);
    if e.is_timeout() {
        return format!("no answer from {host} {no_answer}");
    }
    if let Some(why) = tls::find_rustls(e.source()).and_then(tls::refusal) {
        return format!("cannot reach {host}: TLS: {why}");
    }
    if e.is_connect() {
        return format!("cannot reach {host}: connection failed: {root}");
    }
    // Past this point the request may have reached the server.
    if e.is_body() || e.is_decode() {
        return format!("the answer from {host} broke off before its end ({root})");
    }
    if let Some(hyper) = find::<hyper::Error>(e) {
        if hyper.is_parse() {
            return format!(
                "{host} answered with something that is not HTTP ({root}); check the port in the URL"
            );
        }
        if hyper.is_incomplete_message() {
            return format!("{host} closed the connection without answering ({root})");
        }
    }
    if find::<io::Error>(e).is_some_and(|io| io.kind() == io::ErrorKind::ConnectionReset) {
        return format!("{host} reset the connection before answering ({root})");
    }
    format!("the request to {host} failed: {root}")
}

/// The first error of type `T` among `e`'s causes.
fn find<T: Error + 'static>(e: &reqwest::Error) -> Option<&T> {
    let mut cause = e.source();
    while let Some(c) = cause {
        if let Some(found) = c.downcast_ref::<T>() {
            return Some(found);
        }
        cause = c.source();
    }
    None
}

/// The innermost cause (an io error such as "Connection refused"), which never holds the URL.
fn root_cause(e: &reqwest::Error) -> String {
    let mut last = None;
    let mut cause = e.source();
    while let Some(c) = cause {
        last = Some(c);
        cause = c.source();
    }
    // Without an inner cause reqwest's own text would name the URL, so say less.
    last.map_or_else(|| "the request failed".to_string(), ToString::to_string)
}
