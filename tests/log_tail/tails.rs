//! `tail_log` over SSE streams that break, go quiet, repeat or rewrite: what arrives, in what
//! order, and the states reported.

use crate::collect::{quick, tail, tail_quietly};
use crate::server::{
    After, Script, StreamStep, after_line, chunk, log_lines, provider, rest, serve,
};
use shipdeck::domain::pipeline::TailState;
use shipdeck::sync::TailTiming;
use std::time::Duration;

#[tokio::test]
async fn a_stream_reset_mid_line_resumes_at_the_last_event_id() {
    let log = log_lines(40);
    let ten = after_line(&log, 10);
    let mut first = chunk(&log, 0, after_line(&log, 4));
    first.extend(chunk(&log, after_line(&log, 4), ten));
    // Half of the next event, cut inside a line.
    first.extend(
        format!(
            "event: chunk\nid: {}\ndata: \x1b[32m✔",
            after_line(&log, 11)
        )
        .bytes(),
    );
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
    assert_eq!(
        String::from_utf8(seen.bytes.clone()).unwrap(),
        String::from_utf8(log).unwrap()
    );
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
    sse.extend(
        format!(
            "event: chunk\nid: {}\ndata: bad \u{fffd} byte\n\n",
            after_line(&log, 3)
        )
        .bytes(),
    );
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
