//! Pipeline runs and job logs of the deploy protocol (`/v1/runs`): `CiProvider` for
//! `HttpDeploy`.

use super::client::segment;
use super::{HttpDeploy, pipeline};
use crate::domain::pipeline::{LogChunk, Run};
use crate::domain::text::sanitize;
use crate::providers::http::{Reply, server_text};
use crate::providers::{CiProvider, LogStream, ProviderError};
use async_trait::async_trait;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

const LOG_SIZE: &str = "x-log-size";
/// The most one log read holds: a finished 60 MB log arrives in pieces by offset instead of
/// in one body, so memory stays bounded whatever the log's size.
pub const LOG_READ_CAP: usize = 4 << 20;
const ERROR_BODY_CAP: usize = 64 << 10;
const LOG_COMPLETE: &str = "x-log-complete";

#[async_trait]
impl CiProvider for HttpDeploy {
    async fn run(&self, id: &str) -> Result<Run, ProviderError> {
        let http = self.client.http();
        let path = format!("/v1/runs/{}", segment("pipeline run id", id)?);
        let reply = http
            .exchange(Method::GET, &path, &[], &[], None::<&()>)
            .await?;
        if reply.status == StatusCode::NOT_FOUND {
            let lead = format!("{} has no pipeline run {}", self.name, shown(id));
            return Err(not_found(lead, &reply));
        }
        if !reply.status.is_success() {
            return Err(http.status_error(&path, &reply));
        }
        Ok(pipeline::run(
            http.decode(&format!("GET {path}"), &reply.body)?,
        ))
    }

    async fn runs(&self, service: Option<&str>, limit: usize) -> Result<Vec<Run>, ProviderError> {
        let found = self.client.runs(service, limit).await?;
        Ok(found.into_iter().map(pipeline::run).collect())
    }

    async fn log(&self, run: &str, job: &str, offset: u64) -> Result<LogChunk, ProviderError> {
        let http = self.client.http();
        let path = format!(
            "/v1/runs/{}/jobs/{}/log",
            segment("pipeline run id", run)?,
            segment("job id", job)?
        );
        let from = offset.to_string();
        // The JSON Accept the client always sends would make a strict server refuse text.
        let accept = [("accept", "text/plain")];
        let mut response = http.open(&path, &[("offset", &from)], &accept).await?;
        let status = response.status();
        let headers = response.headers().clone();
        // An error body is only read for its message; a log body is read up to the cap.
        let limit = if status.is_success() {
            LOG_READ_CAP
        } else {
            ERROR_BODY_CAP
        };
        let (body, whole) = read_capped(http, &mut response, limit).await?;
        let reply = Reply {
            status,
            headers,
            body,
        };
        let which = format!("job {} in pipeline run {}", shown(job), shown(run));
        match reply.status {
            StatusCode::NOT_FOUND => {
                Err(not_found(format!("{} has no {which}", self.name), &reply))
            }
            StatusCode::RANGE_NOT_SATISFIABLE => Err(ProviderError::Rejected(format!(
                "{}: offset {offset} is beyond the log of {which} (416); read it again from 0",
                self.name
            ))),
            status if status.is_success() => Ok(LogChunk {
                offset,
                size: log_size(&reply.headers),
                // A capped read is never the end: the rest comes with the next offset.
                complete: whole && log_complete(&reply.headers),
                waiting: None,
                // Raw on purpose: the log viewer sanitises while it parses colours.
                bytes: reply.body,
            }),
            _ => Err(http.status_error(&path, &reply)),
        }
    }

    async fn stream_log(
        &self,
        run: &str,
        job: &str,
        offset: u64,
    ) -> Result<Option<LogStream>, ProviderError> {
        super::stream::open(self, run, job, offset).await
    }
}

/// Caller-given ids in a message: they may be anything a user typed.
fn shown(id: &str) -> String {
    sanitize(id, false)
}

/// A 404 naming what was asked for, with the server's own words when it gave some.
fn not_found(lead: String, reply: &Reply) -> ProviderError {
    ProviderError::NotFound(match server_text(&reply.body, false) {
        Some(text) => format!("{lead}: {text}"),
        None => lead,
    })
}

/// `X-Log-Size` is advisory: absent or unreadable means unknown.
fn log_size(headers: &HeaderMap) -> Option<u64> {
    headers.get(LOG_SIZE)?.to_str().ok()?.trim().parse().ok()
}

/// Only an explicit `true` ends a log; anything else means more may come.
fn log_complete(headers: &HeaderMap) -> bool {
    headers
        .get(LOG_COMPLETE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Reads at most `limit` bytes of a body, each chunk within the client's timeout; true when
/// the whole body was read.
async fn read_capped(
    http: &crate::providers::http::HttpClient,
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<(Vec<u8>, bool), ProviderError> {
    let mut body = Vec::new();
    loop {
        let chunk = tokio::time::timeout(http.timeout(), response.chunk())
            .await
            .map_err(|_| http.network_error("the log stopped arriving mid-body"))?
            .map_err(|e| http.network(&e))?;
        let Some(chunk) = chunk else {
            return Ok((body, true));
        };
        body.extend_from_slice(&chunk);
        if body.len() >= limit {
            // Whole chunks are kept: the next read starts at offset + what we return.
            return Ok((body, false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn size_is_a_byte_count_or_unknown() {
        assert_eq!(log_size(&headers(&[(LOG_SIZE, " 1834 ")])), Some(1834));
        assert_eq!(log_size(&headers(&[(LOG_SIZE, "lots")])), None);
        assert_eq!(log_size(&headers(&[(LOG_SIZE, "-3")])), None);
        assert_eq!(log_size(&HeaderMap::new()), None);
    }

    #[test]
    fn complete_only_when_the_server_says_true() {
        assert!(log_complete(&headers(&[(LOG_COMPLETE, "true")])));
        assert!(log_complete(&headers(&[(LOG_COMPLETE, "True")])));
        assert!(!log_complete(&headers(&[(LOG_COMPLETE, "false")])));
        assert!(!log_complete(&headers(&[(LOG_COMPLETE, "1")])));
        assert!(!log_complete(&HeaderMap::new()));
    }
}
