use super::support::{NoAuthorization, both, fixture, job};
use shipdeck::domain::pipeline::TailState;
use shipdeck::providers::github::actions::WAITING;
use shipdeck::sync::{SyncEvent, TailTiming, tail_log};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const JOB_PATH: &str = "/api/v3/repos/acme/payments/actions/jobs/399444497";

fn quick() -> TailTiming {
    TailTiming {
        poll: Duration::from_millis(10),
        poll_busy: Duration::from_millis(1),
        backoff: Duration::from_millis(5),
        backoff_max: Duration::from_millis(20),
        batch: Duration::from_millis(16),
    }
}

#[tokio::test]
async fn a_tail_waits_for_the_job_then_delivers_its_whole_log() {
    let api = MockServer::start().await;
    let storage = MockServer::start().await;
    // First read: the job runs and has no log. Afterwards: it has ended, log and all.
    Mock::given(path(JOB_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("in_progress", None)))
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(path(format!("{JOB_PATH}/logs")))
        .respond_with(ResponseTemplate::new(404))
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(path(JOB_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("completed", Some("failure"))))
        .mount(&api)
        .await;
    let location = format!("{}/logs/399444497.txt?sig=x", storage.uri());
    Mock::given(path(format!("{JOB_PATH}/logs")))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(&api)
        .await;
    let log = fixture("job-log-test.log");
    Mock::given(path("/logs/399444497.txt"))
        .and(NoAuthorization)
        .respond_with(ResponseTemplate::new(200).set_body_bytes(log.clone()))
        .expect(1)
        .mount(&storage)
        .await;

    let ci = Arc::new(both(&api).with_log_poll(Duration::from_millis(10)));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let run = "30433642".to_string();
    let job_id = "399444497".to_string();
    tail_log(ci, run, job_id, 0, quick(), tx, None).await;

    let mut bytes = Vec::new();
    let mut states = Vec::new();
    while let Ok(event) = rx.try_recv() {
        match event {
            SyncEvent::LogBytes { bytes: got, .. } => bytes.extend(got),
            SyncEvent::TailChanged { tail, .. } => states.push(tail),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        states,
        [
            TailState::Waiting {
                note: WAITING.into()
            },
            TailState::Following,
            TailState::Complete
        ]
    );
    assert_eq!(bytes, log);
}
