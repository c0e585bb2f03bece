//! The engine's pipeline requests: tails started, replaced and refused through `sync::spawn`,
//! and run lists, single runs and saved logs from the in-process sandbox.

use crate::server::{After, JOB, RUN, Script, StreamStep, chunk, log_lines, provider, rest, serve};
use shipdeck::domain::pipeline::TailState;
use shipdeck::providers::deploy::HttpDeploy;
use shipdeck::sync::{self, DeployLink, Providers, Request, SyncEvent};
use shipdeck_sandbox::Sandbox;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

fn link(deploy: Arc<HttpDeploy>, with_ci: bool) -> DeployLink {
    DeployLink {
        backend: deploy.clone(),
        ci: with_ci.then_some(deploy),
    }
}

fn engine(links: Vec<DeployLink>) -> (sync::Engine, UnboundedReceiver<SyncEvent>) {
    sync::spawn(Providers {
        deploys: links,
        ..Providers::default()
    })
}

fn tail(run_id: &str) -> Request {
    Request::TailLog {
        backend: 0,
        run_id: run_id.into(),
        job_id: JOB.into(),
        offset: 0,
    }
}

/// Bytes and states of tails until one ends (complete or failed).
async fn until_ended(events: &mut UnboundedReceiver<SyncEvent>) -> (Vec<u8>, Vec<TailState>) {
    let (mut bytes, mut states) = (Vec::new(), Vec::new());
    while let Some(event) = events.recv().await {
        match event {
            SyncEvent::LogBytes { bytes: b, .. } => bytes.extend(b),
            SyncEvent::TailChanged { tail, .. } => {
                let ended = matches!(tail, TailState::Complete | TailState::Failed { .. });
                states.push(tail);
                if ended {
                    break;
                }
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    (bytes, states)
}

#[tokio::test]
async fn a_new_tail_replaces_the_one_before() {
    let log = log_lines(20);
    let script = Script {
        log: log.clone(),
        streams: [
            // The first tail waits on a stream that never says more...
            StreamStep::Sse(chunk(&log, 0, 10), After::Hang),
            StreamStep::Sse(rest(&log, 0, 5), After::Close),
        ]
        .into(),
        ..Script::default()
    };
    let (url, _) = serve(script).await;
    let (engine, mut events) = engine(vec![link(provider(&url, Duration::from_secs(30)), true)]);
    engine.send(tail(RUN));
    loop {
        match events.recv().await.unwrap() {
            SyncEvent::TailChanged { tail, .. } => assert_eq!(tail, TailState::Following),
            SyncEvent::LogBytes { bytes, .. } => {
                assert_eq!(bytes, log[..10]);
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    // ...until a new tail replaces it: its bytes are the whole log once, with no reconnect.
    engine.send(tail(RUN));
    let (bytes, states) = until_ended(&mut events).await;
    assert_eq!(bytes, log);
    assert_eq!(states, [TailState::Following, TailState::Complete]);
}

#[tokio::test]
async fn a_backend_without_pipelines_fails_the_tail() {
    let (url, _) = serve(Script::default()).await;
    let (engine, mut events) = engine(vec![link(provider(&url, Duration::from_secs(5)), false)]);
    engine.send(tail(RUN));
    let (bytes, states) = until_ended(&mut events).await;
    assert!(bytes.is_empty());
    assert!(
        matches!(&states[..], [TailState::Failed { error }] if error.contains("no pipeline logs")),
        "{states:?}"
    );
}

#[tokio::test]
async fn runs_a_run_and_a_saved_log_come_from_the_sandbox() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let deploy = provider(&sandbox.url(), Duration::from_secs(10));
    let (engine, mut events) = engine(vec![link(deploy, true)]);
    engine.send(Request::FetchRuns);
    let runs = match events.recv().await.unwrap() {
        SyncEvent::RunsLoaded {
            backend: 0, runs, ..
        } => runs,
        other => panic!("unexpected {other:?}"),
    };
    assert!(runs.len() >= 10, "{}", runs.len());
    let done = runs.iter().find(|r| !r.status.is_active()).unwrap();
    let job = done.jobs[0].id.clone();

    engine.send(Request::FetchRun {
        backend: 0,
        run_id: done.id.clone(),
    });
    match events.recv().await.unwrap() {
        SyncEvent::RunLoaded { backend: 0, run } => assert_eq!(&run, done),
        other => panic!("unexpected {other:?}"),
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved").join("build.log");
    let url = format!("{}/v1/runs/{}/jobs/{job}/log", sandbox.url(), done.id);
    let raw = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    assert!(raw.contains(&0x1b), "the sandbox's logs carry colour");
    for expected in ["build.log", "build (1).log"] {
        engine.send(Request::SaveLog {
            backend: 0,
            run_id: done.id.clone(),
            job_id: job.clone(),
            path: path.clone(),
        });
        match events.recv().await.unwrap() {
            SyncEvent::LogSaved { path: saved, bytes } => {
                assert_eq!(saved, dir.path().join("saved").join(expected));
                assert_eq!(bytes, raw.len() as u64);
                assert_eq!(std::fs::read(&saved).unwrap(), raw);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn saving_a_log_that_is_not_there_leaves_no_file() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let deploy = provider(&sandbox.url(), Duration::from_secs(10));
    let (engine, mut events) = engine(vec![link(deploy, true)]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.log");
    engine.send(Request::SaveLog {
        backend: 0,
        run_id: "r-nope".into(),
        job_id: JOB.into(),
        path: path.clone(),
    });
    match events.recv().await.unwrap() {
        SyncEvent::SaveFailed { error } => {
            assert!(error.contains("r-nope") && error.contains("404"), "{error}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!path.exists());
}
