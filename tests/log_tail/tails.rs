//! `tail_log` end to end over HTTP: what arrives, in what order, and the states it reports.

use crate::server::{
    After, JOB, PollStep, RUN, Script, StreamStep, after_line, chunk, log_lines, provider, rest,
    serve,
};
use shipdeck::sync::{SyncEvent, TailState, TailTiming, tail_log};
use std::time::Duration;
use tokio::sync::mpsc;

/// What a finished tail reported.
struct Seen {
    bytes: Vec<u8>,
    batches: usize,
    states: Vec<TailState>,
}

impl Seen {
    fn last(&self) -> &TailState {
        self.states.last().unwrap()
    }

    /// The states with reconnect errors left out, for exact comparison.
    fn shape(&self) -> Vec<&'static str> {
        self.states
            .iter()
            .map(|s| match s {
                TailState::Following => "following",
                TailState::Reconnecting { .. } => "reconnecting",
                TailState::Complete => "complete",
                TailState::Failed { .. } => "failed",
            })
            .collect()
    }
}

fn quick() -> TailTiming {
    TailTiming {
        poll: Duration::from_millis(10),
        poll_busy: Duration::from_millis(1),
        backoff: Duration::from_millis(5),
        backoff_max: Duration::from_millis(20),
        batch: Duration::from_millis(16),
    }
}

async fn tail(url: &str, offset: u64, timing: TailTiming) -> Seen {
    let ci = provider(url, Duration::from_secs(5));
    tail_quietly(ci, offset, timing).await
}

async fn tail_quietly(
    ci: std::sync::Arc<shipdeck::providers::deploy::HttpDeploy>,
    offset: u64,
    timing: TailTiming,
) -> Seen {
    let (tx, mut rx) = mpsc::unbounded_channel();
    tail_log(ci, RUN.into(), JOB.into(), offset, timing, tx).await;
    let mut seen = Seen {
        bytes: Vec::new(),
        batches: 0,
        states: Vec::new(),
    };
    while let Ok(event) = rx.try_recv() {
        match event {
            SyncEvent::LogBytes {
                run_id,
                job_id,
                bytes,
            } => {
                assert_eq!((run_id.as_str(), job_id.as_str()), (RUN, JOB));
                seen.bytes.extend(bytes);
                seen.batches += 1;
            }
            SyncEvent::TailChanged { tail, .. } => seen.states.push(tail),
            other => panic!("unexpected {other:?}"),
        }
    }
    seen
}

#[tokio::test]
async fn a_stream_reset_mid_line_resumes_at_the_last_event_id() {
    let log = log_lines(40);
    let ten = after_line(&log, 10);
    let mut first = chunk(&log, 0, after_line(&log, 4));
    first.extend(chunk(&log, after_line(&log, 4), ten));
    // Half of the next event, cut inside a line.
    first.extend(format!("event: chunk\nid: {}\ndata: \x1b[32m✔", after_line(&log, 11)).bytes());
    let script = Script {
        log: log.clone(),
        streams: [
            StreamStep::Sse(first, After::Reset),
            StreamStep::Sse(rest(&log, 10, 7), After::Close),
        ]
        .into(),
        ..Script::default()
    };
    let (url, shared) = serve(script).await;
    let seen = tail(&url, 0, quick()).await;
    assert_eq!(String::from_utf8(seen.bytes.clone()).unwrap(), String::from_utf8(log).unwrap());
    assert_eq!(
        seen.shape(),
        ["following", "reconnecting", "following", "complete"]
    );
    let script = shared.lock().unwrap();
    assert_eq!(script.resumed_at, [None, Some(ten.to_string())]);
}

#[tokio::test]
async fn a_quiet_stream_is_dropped_and_resumed() {
    let log = log_lines(12);
    let five = after_line(&log, 5);
    let script = Script {
        log: log.clone(),
        streams: [
            StreamStep::Sse(chunk(&log, 0, five), After::Hang),
            StreamStep::Sse(rest(&log, 5, 3), After::Close),
        ]
        .into(),
        ..Script::default()
    };
    let (url, shared) = serve(script).await;
    let seen = tail_quietly(provider(&url, Duration::from_millis(300)), 0, quick()).await;
    assert_eq!(seen.bytes, log);
    let TailState::Reconnecting { attempt, error } = &seen.states[1] else {
        panic!("{:?}", seen.states);
    };
    assert_eq!(*attempt, 1);
    assert!(error.contains("sent nothing"), "{error}");
    assert_eq!(shared.lock().unwrap().resumed_at[1], Some(five.to_string()));
}

#[tokio::test]
async fn bytes_repeated_before_the_offset_are_not_delivered_twice() {
    let log = log_lines(30);
    let (six, ten) = (after_line(&log, 6), after_line(&log, 10));
    let script = Script {
        log: log.clone(),
        streams: [
            // Ends cleanly but without `event: end`: a dropped connection.
            StreamStep::Sse(chunk(&log, 0, ten), After::Close),
            // Resumes from line 6 although asked for line 10, then breaks again...
            StreamStep::Sse(chunk(&log, six, after_line(&log, 20)), After::Reset),
            // ...and then starts over from the very beginning.
            StreamStep::Sse(rest(&log, 0, 4), After::Close),
        ]
        .into(),
        ..Script::default()
    };
    let (url, shared) = serve(script).await;
    let seen = tail(&url, 0, quick()).await;
    assert_eq!(seen.bytes, log);
    assert_eq!(seen.last(), &TailState::Complete);
    let twenty = after_line(&log, 20).to_string();
    assert_eq!(
        shared.lock().unwrap().resumed_at,
        [None, Some(ten.to_string()), Some(twenty)]
    );
}

#[tokio::test]
async fn text_the_server_rewrote_is_read_raw_from_the_log() {
    let log = b"start\n 10%\r 50%\r100%\nbad \xff byte\ndone\n".to_vec();
    let progress = after_line(&log, 2);
    let mut sse = chunk(&log, 0, after_line(&log, 1));
    // What a terminal would show of the progress line, with the raw line's offsets.
    sse.extend(format!("event: chunk\nid: {progress}\ndata: 100%\n\n").bytes());
    sse.extend(format!("event: chunk\nid: {}\ndata: bad \u{fffd} byte\n\n", after_line(&log, 3)).bytes());
    sse.extend(rest(&log, 3, 1));
    let script = Script {
        log: log.clone(),
        streams: [StreamStep::Sse(sse, After::Close)].into(),
        ..Script::default()
    };
    let (url, _) = serve(script).await;
    let seen = tail(&url, 0, quick()).await;
    assert_eq!(seen.bytes, log);
    assert_eq!(seen.shape(), ["following", "complete"]);
}

#[tokio::test]
async fn without_a_stream_the_log_is_polled_to_completion() {
    let log = log_lines(50);
    let script = Script {
        log: log.clone(),
        polls: [
            PollStep::Grow(100),
            PollStep::Grow(100),
            PollStep::Status(503),
            PollStep::Grow(after_line(&log, 30)),
        ]
        .into(),
        ..Script::default()
    };
    let (url, shared) = serve(script).await;
    let seen = tail(&url, 0, quick()).await;
    assert_eq!(seen.bytes, log);
    assert_eq!(
        seen.shape(),
        ["following", "reconnecting", "following", "complete"]
    );
    let script = shared.lock().unwrap();
    // Asked once, then never again: the server said it has no stream.
    assert_eq!(script.resumed_at, [None]);
    let thirty = after_line(&log, 30) as u64;
    assert_eq!(script.polled_at, [0, 100, 100, 100, thirty]);
}

#[tokio::test]
async fn an_answer_that_is_not_an_event_stream_means_polling() {
    let log = log_lines(5);
    let script = Script {
        log: log.clone(),
        streams: [StreamStep::Plain].into(),
        ..Script::default()
    };
    let (url, _) = serve(script).await;
    let seen = tail(&url, 7, quick()).await;
    assert_eq!(seen.bytes, log[7..]);
    assert_eq!(seen.last(), &TailState::Complete);
}

#[tokio::test]
async fn an_offset_past_the_end_fails_clearly_without_starting_over() {
    let log = log_lines(3);
    let script = Script {
        log,
        ..Script::default()
    };
    let (url, shared) = serve(script).await;
    let seen = tail(&url, 5000, quick()).await;
    assert!(seen.bytes.is_empty());
    let TailState::Failed { error } = seen.last() else {
        panic!("{:?}", seen.states);
    };
    assert!(error.contains("from byte 5000"), "{error}");
    assert!(error.contains("beyond the log") && error.contains("416"), "{error}");
    assert_eq!(shared.lock().unwrap().polled_at, [5000]);
}

#[tokio::test]
async fn a_stream_refusing_the_offset_fails_too() {
    let script = Script {
        log: log_lines(3),
        streams: [StreamStep::Status(422)].into(),
        ..Script::default()
    };
    let (url, shared) = serve(script).await;
    let seen = tail(&url, 9000, quick()).await;
    assert_eq!(seen.shape(), ["failed"]);
    let TailState::Failed { error } = seen.last() else {
        unreachable!()
    };
    assert!(error.contains("offset 9000 is beyond the log of job j-1"), "{error}");
    assert!(shared.lock().unwrap().polled_at.is_empty());
}

#[tokio::test]
async fn a_log_that_is_not_there_fails_with_the_404() {
    let script = Script {
        polls: [PollStep::Status(404)].into(),
        ..Script::default()
    };
    let (url, _) = serve(script).await;
    let seen = tail(&url, 0, quick()).await;
    let TailState::Failed { error } = seen.last() else {
        panic!("{:?}", seen.states);
    };
    assert!(error.contains("has no job j-1 in pipeline run r-1"), "{error}");
    assert!(error.contains("(404)"), "{error}");
}

#[tokio::test]
async fn a_burst_is_batched_into_few_events() {
    let log = log_lines(500);
    let script = Script {
        log: log.clone(),
        streams: [StreamStep::Sse(rest(&log, 0, 1), After::Close)].into(),
        ..Script::default()
    };
    let (url, _) = serve(script).await;
    // With an hour between batches: the first bytes go at once, the rest with the end.
    let timing = TailTiming {
        batch: Duration::from_secs(3600),
        ..quick()
    };
    let seen = tail(&url, 0, timing).await;
    assert_eq!(seen.bytes, log);
    assert_eq!(seen.batches, 2);
}
