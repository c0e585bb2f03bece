use super::support::{NoAuthorization, TOKEN, both, fixture, job};
use shipdeck::providers::github::actions::WAITING;
use shipdeck::providers::{CiProvider, ProviderError};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RUN: &str = "30433642";
const JOB: &str = "399444497";
const JOB_PATH: &str = "/api/v3/repos/acme/payments/actions/jobs/399444497";
const LOGS_PATH: &str = "/api/v3/repos/acme/payments/actions/jobs/399444497/logs";

async fn job_is(server: &MockServer, status: &str, conclusion: Option<&str>) {
    Mock::given(method("GET"))
        .and(path(JOB_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(job(status, conclusion)))
        .mount(server)
        .await;
}

/// The API answers the log with a redirect to `storage`, which serves `log` once.
async fn redirect(api: &MockServer, storage: &MockServer, log: Vec<u8>) {
    let location = format!(
        "{}/actions-results/4d1e/logs/job-399444497.txt?sig=c2lnbmF0dXJl&se=2026-03-02T10%3A00%3A00Z",
        storage.uri()
    );
    Mock::given(method("GET"))
        .and(path(LOGS_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(api)
        .await;
    Mock::given(method("GET"))
        .and(path("/actions-results/4d1e/logs/job-399444497.txt"))
        .and(query_param("sig", "c2lnbmF0dXJl"))
        .and(NoAuthorization)
        .respond_with(ResponseTemplate::new(200).set_body_raw(log, "text/plain; charset=utf-8"))
        .expect(1)
        .mount(storage)
        .await;
}

async fn no_log(server: &MockServer) {
    Mock::given(path(LOGS_PATH))
        .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({
            "message": "Not Found",
            "documentation_url": "https://docs.github.com/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run"
        })))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_finished_log_comes_through_the_redirect_intact_and_without_the_token() {
    let api = MockServer::start().await;
    let storage = MockServer::start().await;
    job_is(&api, "completed", Some("failure")).await;
    let log = fixture("job-log-test.log");
    redirect(&api, &storage, log.clone()).await;
    let chunk = both(&api).log(RUN, JOB, 0).await.unwrap();
    assert_eq!(chunk.bytes, log);
    assert_eq!((chunk.offset, chunk.size), (0, Some(log.len() as u64)));
    assert!(chunk.complete);
    assert_eq!(chunk.waiting, None);
    let text = String::from_utf8(chunk.bytes).unwrap();
    for line in [
        "2026-03-02T09:43:06.2100000Z ##[group]Run cargo test --locked\r\n",
        "2026-03-02T09:43:06.2100518Z \u{1b}[36;1mcargo test --locked\u{1b}[0m\r\n",
        "2026-03-02T09:46:58.0100000Z ##[warning]Test results were not uploaded: no report found\r\n",
        "2026-03-02T09:46:58.0200000Z ##[error]Process completed with exit code 101.\r\n",
    ] {
        assert!(text.contains(line), "{line:?} missing");
    }
}

#[tokio::test]
async fn a_running_job_without_a_log_says_why_and_keeps_the_offset() {
    let server = MockServer::start().await;
    job_is(&server, "in_progress", None).await;
    no_log(&server).await;
    let chunk = both(&server).log(RUN, JOB, 120).await.unwrap();
    assert_eq!(
        (chunk.offset, chunk.bytes.len(), chunk.size),
        (120, 0, None)
    );
    assert!(!chunk.complete);
    assert_eq!(chunk.waiting.as_deref(), Some(WAITING));
}

#[tokio::test]
async fn partial_text_of_a_running_job_is_delivered() {
    let api = MockServer::start().await;
    let storage = MockServer::start().await;
    job_is(&api, "in_progress", None).await;
    let so_far = b"2026-03-02T09:43:05.1200000Z Requested labels: ubuntu-latest\r\n".to_vec();
    redirect(&api, &storage, so_far.clone()).await;
    let ci = both(&api);
    let chunk = ci.log(RUN, JOB, 0).await.unwrap();
    assert_eq!(chunk.bytes, so_far);
    assert_eq!((chunk.complete, chunk.waiting), (false, None));
    // The rest of what arrived is read from memory; the storage mock allows one download.
    let rest = ci.log(RUN, JOB, 10).await.unwrap();
    assert_eq!(rest.bytes, so_far[10..]);
    assert!(!rest.complete);
}

#[tokio::test]
async fn a_finished_job_without_a_log_is_gone() {
    let server = MockServer::start().await;
    job_is(&server, "completed", Some("success")).await;
    no_log(&server).await;
    let Err(ProviderError::NotFound(message)) = both(&server).log(RUN, JOB, 0).await else {
        panic!("not a NotFound");
    };
    assert!(
        message.contains("no log of job 399444497 in run 30433642"),
        "{message}"
    );
    assert!(message.contains("retention"), "{message}");
}

#[tokio::test]
async fn a_large_log_comes_in_chunks_from_one_download() {
    let api = MockServer::start().await;
    let storage = MockServer::start().await;
    Mock::given(path(JOB_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("completed", Some("failure"))))
        .expect(1)
        .mount(&api)
        .await;
    let line = b"2026-03-02T09:44:00.0000000Z test checkout::case ... ok\r\n";
    let log: Vec<u8> = line.iter().copied().cycle().take(5 << 20).collect();
    redirect(&api, &storage, log.clone()).await;
    let ci = both(&api);
    let first = ci.log(RUN, JOB, 0).await.unwrap();
    assert_eq!(first.bytes.len(), 4 << 20);
    assert_eq!((first.complete, first.size), (false, Some(5 << 20)));
    let second = ci.log(RUN, JOB, first.next_offset()).await.unwrap();
    assert_eq!(second.bytes, log[4 << 20..]);
    assert!(second.complete);
    let again = ci.log(RUN, JOB, 100).await.unwrap();
    assert_eq!(again.bytes, log[100..(4 << 20) + 100]);
    let end = ci.log(RUN, JOB, 5 << 20).await.unwrap();
    assert_eq!((end.bytes.len(), end.complete), (0, true));
    let Err(ProviderError::Rejected(message)) = ci.log(RUN, JOB, (5 << 20) + 1).await else {
        panic!("an offset past the end was accepted");
    };
    assert!(
        message.contains("offset 5242881 is beyond the log"),
        "{message}"
    );
}

#[tokio::test]
async fn a_job_of_another_run_is_not_found() {
    let server = MockServer::start().await;
    job_is(&server, "completed", Some("success")).await;
    Mock::given(path("/api/v3/repos/acme/ledger/actions/jobs/399444497"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let Err(ProviderError::NotFound(message)) = both(&server).log("111", JOB, 0).await else {
        panic!("not a NotFound");
    };
    assert_eq!(
        message,
        "GitHub acme: no job 399444497 of run 111 in acme/payments, acme/ledger"
    );
    let downloads = server.received_requests().await.unwrap();
    assert!(downloads.iter().all(|r| !r.url.path().ends_with("/logs")));
}
