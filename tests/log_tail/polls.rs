//! `tail_log` without a stream (polling to completion) and against logs it cannot follow.

use crate::collect::{quick, tail};
use crate::server::{PollStep, Script, StreamStep, after_line, log_lines, serve};
use shipdeck::domain::pipeline::TailState;

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
    assert!(
        error.contains("beyond the log") && error.contains("416"),
        "{error}"
    );
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
    assert!(
        error.contains("offset 9000 is beyond the log of job j-1"),
        "{error}"
    );
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
    assert!(
        error.contains("has no job j-1 in pipeline run r-1"),
        "{error}"
    );
    assert!(error.contains("(404)"), "{error}");
}
