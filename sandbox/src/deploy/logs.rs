//! Job logs: by byte offset (`X-Log-Size`, `X-Log-Complete`) and as an SSE stream whose event
//! ids are offsets, so a client resumes with `Last-Event-ID` without loss or duplication.

use super::AppState;
use super::error::{ApiError, Reply};
use super::firehose;
use super::model::{Job, World};
use super::reads::find_run;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream};
use serde::Deserialize;
use std::convert::Infallible;
use tokio::sync::watch;

#[derive(Deserialize)]
pub struct Offset {
    offset: Option<String>,
}

fn find_job<'w>(world: &'w World, run: &str, job: &str) -> Result<&'w Job, ApiError> {
    find_run(world, run)?
        .job(job)
        .ok_or_else(|| ApiError::not_found(format!("pipeline run {run} has no job {job:?}")))
}

fn bad_query(e: QueryRejection) -> ApiError {
    ApiError::invalid(format!("bad query string: {e}"))
}

fn parse_offset(text: Option<&str>, size: usize) -> Result<usize, ApiError> {
    let Some(text) = text else { return Ok(0) };
    match text.trim().parse::<usize>() {
        Ok(n) if n <= size => Ok(n),
        Ok(n) => Err(ApiError::invalid(format!(
            "offset {n} is past the end of the log ({size} bytes)"
        ))),
        Err(_) => Err(ApiError::invalid(format!(
            "offset must be a byte count, not {text:?}"
        ))),
    }
}

pub async fn log(
    State(state): State<AppState>,
    Path((run, job)): Path<(String, String)>,
    query: Result<Query<Offset>, QueryRejection>,
) -> Reply {
    let Query(query) = query.map_err(bad_query)?;
    firehose::wake(&state, &run);
    let world = state.world();
    let job = find_job(&world, &run, &job)?;
    let bytes = job.log.as_bytes();
    let offset = parse_offset(query.offset.as_deref(), bytes.len())?;
    let headers = [
        (
            header::CONTENT_TYPE,
            "text/plain; charset=utf-8".to_string(),
        ),
        (
            header::HeaderName::from_static("x-log-size"),
            bytes.len().to_string(),
        ),
        (
            header::HeaderName::from_static("x-log-complete"),
            job.status.is_finished().to_string(),
        ),
    ];
    Ok((headers, bytes[offset..].to_vec()).into_response())
}

pub async fn stream(
    State(state): State<AppState>,
    Path((run, job)): Path<(String, String)>,
    query: Result<Query<Offset>, QueryRejection>,
    headers: HeaderMap,
) -> Reply {
    let Query(query) = query.map_err(bad_query)?;
    firehose::wake(&state, &run);
    // Subscribe before the first read, so no change between the read and the wait is missed.
    let changes = state.subscribe();
    let offset = {
        let world = state.world();
        let size = find_job(&world, &run, &job)?.log.len();
        // A reconnecting EventSource keeps the original URL, so its Last-Event-ID wins.
        let resume = headers
            .get("last-event-id")
            .map(|v| v.to_str().unwrap_or_default());
        parse_offset(resume.or(query.offset.as_deref()), size)?
    };
    let tail = Tail {
        state,
        run,
        job,
        offset,
        changes,
        ended: false,
    };
    Ok(Sse::new(events(tail))
        .keep_alive(KeepAlive::default())
        .into_response())
}

struct Tail {
    state: AppState,
    run: String,
    job: String,
    offset: usize,
    changes: watch::Receiver<u64>,
    ended: bool,
}

/// What the job has that the client has not, as an event; `None` when there is nothing yet.
fn next_event(tail: &mut Tail) -> Option<Event> {
    let world = tail.state.world();
    let Ok(job) = find_job(&world, &tail.run, &tail.job) else {
        tail.ended = true;
        return Some(Event::default().event("end").data("gone"));
    };
    let log = job.log.as_bytes();
    let finished = job.status.is_finished();
    let fresh = log.get(tail.offset..).unwrap_or_default();
    // While the job runs, send whole lines only; a line being written waits for its newline.
    let end = if finished {
        log.len()
    } else {
        tail.offset + fresh.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
    };
    let end = event_end(log, tail.offset, end);
    if end > tail.offset {
        let text = String::from_utf8_lossy(&log[tail.offset..end]);
        tail.offset = end;
        return Some(
            Event::default()
                .event("chunk")
                .id(end.to_string())
                .data(data_lines(&text)),
        );
    }
    if finished {
        tail.ended = true;
        return Some(
            Event::default()
                .event("end")
                .id(end.to_string())
                .data(job.status.as_str()),
        );
    }
    None
}

/// The most one `chunk` event carries: a finished 60 MB log goes out as many events, not one
/// that the server and the client would each have to build whole.
const EVENT_MAX: usize = 1 << 20;

/// Where an event from `from` that could run to `end` stops: at the last newline within
/// `EVENT_MAX`, or mid-line for a line longer than that.
fn event_end(log: &[u8], from: usize, end: usize) -> usize {
    if end - from <= EVENT_MAX {
        return end;
    }
    let window = &log[from..from + EVENT_MAX];
    from + window
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(EVENT_MAX, |i| i + 1)
}

fn events(tail: Tail) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(tail, |mut tail| async move {
        while !tail.ended {
            tail.changes.borrow_and_update();
            if let Some(event) = next_event(&mut tail) {
                return Some((Ok(event), tail));
            }
            if tail.changes.changed().await.is_err() {
                return None;
            }
        }
        None
    })
}

/// One `data:` line per log line. SSE ends a field at a bare CR too, so a progress line drawn
/// with CRs is sent as what a terminal ends up showing: its last segment.
fn data_lines(chunk: &str) -> String {
    let chunk = chunk.strip_suffix('\n').unwrap_or(chunk);
    let lines: Vec<&str> = chunk
        .split('\n')
        .map(|line| {
            let line = line.trim_end_matches('\r');
            line.rsplit('\r').next().unwrap_or(line)
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::{EVENT_MAX, data_lines, event_end};

    #[test]
    fn carriage_returns_keep_the_last_segment() {
        assert_eq!(data_lines("a\n 10%\r 90%\rdone\nb\r\n"), "a\ndone\nb");
    }

    #[test]
    fn a_long_log_goes_out_in_events_of_whole_lines() {
        let line = b"0123456789abcde\n";
        let log = line.repeat(3 * EVENT_MAX / line.len());
        let first = event_end(&log, 0, log.len());
        assert!(first <= EVENT_MAX && log[first - 1] == b'\n', "{first}");
        assert_eq!(event_end(&log, first, first + 10), first + 10);
        let long = vec![b'x'; 2 * EVENT_MAX];
        assert_eq!(event_end(&long, 0, long.len()), EVENT_MAX);
    }

    #[test]
    fn the_trailing_newline_is_implied() {
        assert_eq!(data_lines("one\ntwo\n"), "one\ntwo");
        assert_eq!(data_lines("tail"), "tail");
    }
}
