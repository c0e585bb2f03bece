//! The protocol's `log/stream` (SSE): opened at an offset, read chunk by chunk as the job
//! writes, parsed into `LogEvent`s. A server without it gets `None` and is polled instead.

use super::HttpDeploy;
use super::client::segment;
use super::sse::{SseEvent, SseParser};
use crate::domain::text::sanitize;
use crate::providers::http::{HttpClient, Reply, server_text};
use crate::providers::{LogEvent, LogStream, ProviderError};
use futures::{Stream, StreamExt};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use std::collections::VecDeque;
use std::pin::Pin;
use std::time::Duration;

pub async fn open(
    deploy: &HttpDeploy,
    run: &str,
    job: &str,
    offset: u64,
) -> Result<Option<LogStream>, ProviderError> {
    let http = deploy.client.http();
    let path = format!(
        "/v1/runs/{}/jobs/{}/log/stream",
        segment("pipeline run id", run)?,
        segment("job id", job)?
    );
    let from = offset.to_string();
    let mut headers = vec![("accept", "text/event-stream")];
    // Both ways of saying where to resume: `Last-Event-ID` is what SSE servers read, the query
    // what a plain HTTP server reads.
    if offset > 0 {
        headers.push(("last-event-id", &from));
    }
    let response = http.open(&path, &[("offset", &from)], &headers).await?;
    let status = response.status();
    if matches!(status.as_u16(), 404 | 405 | 406 | 501) {
        // Not offered here (a missing job shows as a 404 of the polled log instead).
        return Ok(None);
    }
    if !status.is_success() {
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(|e| http.network(&e))?;
        let reply = Reply {
            status,
            headers,
            body: body.to_vec(),
        };
        return Err(refusal(deploy, &path, run, job, offset, &reply));
    }
    let event_stream = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim()
                .to_ascii_lowercase()
                .starts_with("text/event-stream")
        });
    if !event_stream {
        return Ok(None);
    }
    let reader = Reader {
        body: Box::pin(response.bytes_stream()),
        parser: SseParser::new(),
        ready: VecDeque::new(),
        http: http.clone(),
        quiet: http.timeout(),
        done: false,
    };
    Ok(Some(LogStream::new(events(reader))))
}

/// Why a stream was refused, in the words the polled log uses for the same status.
fn refusal(
    deploy: &HttpDeploy,
    path: &str,
    run: &str,
    job: &str,
    offset: u64,
    reply: &Reply,
) -> ProviderError {
    let which = format!(
        "job {} in pipeline run {}",
        sanitize(job, false),
        sanitize(run, false)
    );
    match reply.status {
        StatusCode::RANGE_NOT_SATISFIABLE | StatusCode::UNPROCESSABLE_ENTITY => {
            let said = server_text(&reply.body, false)
                .map(|t| format!(": {t}"))
                .unwrap_or_default();
            ProviderError::Rejected(format!(
                "{}: offset {offset} is beyond the log of {which} ({}){said}",
                deploy.name,
                reply.status.as_u16()
            ))
        }
        _ => deploy.client.http().status_error(path, reply),
    }
}

struct Reader<B> {
    body: Pin<Box<B>>,
    parser: SseParser,
    ready: VecDeque<LogEvent>,
    http: HttpClient,
    /// This long without a byte (the protocol's keep-alive comments count) is a dead stream.
    quiet: Duration,
    done: bool,
}

fn events<B, T>(reader: Reader<B>) -> impl Stream<Item = Result<LogEvent, ProviderError>> + Send
where
    B: Stream<Item = reqwest::Result<T>> + Send,
    T: AsRef<[u8]>,
{
    futures::stream::unfold(reader, |mut r| async move {
        loop {
            if let Some(event) = r.ready.pop_front() {
                return Some((Ok(event), r));
            }
            if r.done {
                return None;
            }
            let next = match tokio::time::timeout(r.quiet, r.body.next()).await {
                Ok(next) => next,
                Err(_) => {
                    r.done = true;
                    let quiet = r.quiet.as_secs_f64();
                    let message = format!("the log stream sent nothing for {quiet} s");
                    return Some((Err(r.http.network_error(&message)), r));
                }
            };
            let bytes = match next {
                None => return None,
                Some(Ok(bytes)) => bytes,
                Some(Err(e)) => {
                    r.done = true;
                    return Some((Err(r.http.network(&e)), r));
                }
            };
            match r.parser.push(bytes.as_ref()) {
                Ok(parsed) => {
                    for event in parsed {
                        match log_event(event) {
                            Ok(Some(event)) => r.ready.push_back(event),
                            Ok(None) => {}
                            Err(message) => {
                                r.done = true;
                                let error = r.http.decode_error("log stream", &message);
                                return Some((Err(error), r));
                            }
                        }
                    }
                }
                Err(e) => {
                    r.done = true;
                    let error = r.http.decode_error("log stream", &e.to_string());
                    return Some((Err(error), r));
                }
            }
        }
    })
}

/// `chunk` and `end` are the protocol's events; others (a server's own pings) are skipped.
pub(super) fn log_event(event: SseEvent) -> Result<Option<LogEvent>, String> {
    let end = match &event.id {
        None => None,
        Some(id) => Some(id.trim().parse::<u64>().map_err(|_| {
            format!(
                "an event id must be a byte offset, not {:?}",
                sanitize(id, false)
            )
        })?),
    };
    Ok(match event.event.as_str() {
        "chunk" => Some(LogEvent::Chunk {
            data: event.data,
            end,
        }),
        "end" => Some(LogEvent::End { end }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str, id: Option<&str>, data: &str) -> SseEvent {
        SseEvent {
            event: name.into(),
            data: data.as_bytes().to_vec(),
            id: id.map(String::from),
        }
    }

    #[test]
    fn chunks_carry_their_end_offset() {
        assert_eq!(
            log_event(event("chunk", Some("42"), "a\nb")),
            Ok(Some(LogEvent::Chunk {
                data: b"a\nb".to_vec(),
                end: Some(42)
            }))
        );
        assert_eq!(
            log_event(event("end", None, "succeeded")),
            Ok(Some(LogEvent::End { end: None }))
        );
        assert_eq!(log_event(event("message", None, "ping")), Ok(None));
    }

    #[test]
    fn an_id_that_is_no_offset_is_an_error_without_escapes() {
        let err = log_event(event("chunk", Some("x\u{1b}[2J"), "a")).unwrap_err();
        assert!(
            err.contains("byte offset") && !err.contains('\u{1b}'),
            "{err}"
        );
    }
}
