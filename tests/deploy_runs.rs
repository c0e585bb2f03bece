//! Pipeline runs and job logs of the `http` deploy provider (`CiProvider`) against wiremock on
//! loopback: mapping, paging, reading logs by offset, and the server's refusals.

use shipdeck::config::{Secret, TokenSource};
use shipdeck::domain::pipeline::RunStatus;
use shipdeck::providers::deploy::{HttpDeploy, HttpDeploySettings};
use shipdeck::providers::{CiProvider, ProviderError};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/deploy/",
            $name
        ))
    };
}

#[path = "deploy_runs/logs.rs"]
mod logs;

const TOKEN: &str = "ci-SECRET-789";
const LOG_PATH: &str = "/v1/runs/r-311/jobs/j-2/log";

fn provider(server: &MockServer) -> HttpDeploy {
    HttpDeploy::new(HttpDeploySettings {
        name: "acme-deploy".into(),
        base_url: server.uri(),
        token: Some(Secret::new(TOKEN)),
        token_source: TokenSource::Env("DEPLOY_TOKEN".into()),
        services: None,
        protected: Vec::new(),
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap()
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn text(bytes: &[u8]) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(bytes.to_vec(), "text/plain; charset=utf-8")
}

fn refusal(code: u16, message: &str) -> ResponseTemplate {
    let body = serde_json::json!({ "error": { "code": "not_found", "message": message } });
    ResponseTemplate::new(code).set_body_raw(body.to_string().into_bytes(), "application/json")
}

#[tokio::test]
async fn a_run_maps_with_jobs_and_steps() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/runs/r-311"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(json(fixture!("run-311.json")))
        .expect(1)
        .mount(&server)
        .await;

    let run = provider(&server).run("r-311").await.unwrap();

    assert_eq!(
        (run.name.as_str(), run.status),
        ("deploy prod", RunStatus::Running)
    );
    let jobs: Vec<_> = run.jobs.iter().map(|j| j.name.as_str()).collect();
    assert_eq!(jobs, ["migrate", "rollout canary", "verify"]);
    let steps: Vec<_> = run.jobs[0].steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(steps, ["plan", "apply"]);
    assert_eq!(run.jobs[1].steps[0].status, RunStatus::Running);
}

#[tokio::test]
async fn runs_follow_next_cursor_until_the_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/runs"))
        .and(query_param("service", "payments"))
        .and(query_param("limit", "4"))
        .and(query_param_is_missing("cursor"))
        .respond_with(json(fixture!("runs-page-1.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/runs"))
        .and(query_param("service", "payments"))
        .and(query_param("limit", "1"))
        .and(query_param("cursor", "c-r2"))
        .respond_with(json(fixture!("runs-page-2.json")))
        .expect(1)
        .mount(&server)
        .await;

    let runs = provider(&server).runs(Some("payments"), 4).await.unwrap();

    let ids: Vec<_> = runs.iter().map(|r| r.id.as_str()).collect();
    // The second page holds two runs; the limit keeps one.
    assert_eq!(ids, ["r-312", "r-311", "r-305", "r-290"]);
}

#[tokio::test]
async fn runs_of_every_service_stop_at_a_short_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/runs"))
        .and(query_param_is_missing("service"))
        .and(query_param("limit", "2"))
        .respond_with(json(fixture!("runs-page-1.json")))
        .expect(1)
        .mount(&server)
        .await;

    let runs = provider(&server).runs(None, 2).await.unwrap();

    let statuses: Vec<_> = runs.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [RunStatus::Succeeded, RunStatus::Failed]);
}

#[tokio::test]
async fn unknown_runs_and_jobs_are_not_found_by_name() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/runs/r-9"))
        .respond_with(refusal(404, "no pipeline run r-9"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/runs/r-311/jobs/j-9/log"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let ci = provider(&server);

    let run = ci.run("r-9").await.unwrap_err();
    assert_eq!(
        run.to_string(),
        "acme-deploy has no pipeline run r-9: no pipeline run r-9 (404)"
    );
    let log = ci.log("r-311", "j-9", 0).await.unwrap_err();
    assert_eq!(
        log,
        ProviderError::NotFound("acme-deploy has no job j-9 in pipeline run r-311".into())
    );
    assert!(!format!("{run} {log} {log:?}").contains(TOKEN));
}

#[tokio::test]
async fn a_malformed_run_is_a_decode_error_naming_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/runs/r-311"))
        .respond_with(json(r#"{"id": "r-311", "jobs": "many"}"#))
        .mount(&server)
        .await;

    let err = provider(&server).run("r-311").await.unwrap_err();

    let ProviderError::Decode { what, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(what, "acme-deploy GET /v1/runs/r-311");
}

/// The built-in sandbox speaks the same protocol: listing, one run and its first job's log,
/// read to the end by offset.
#[tokio::test]
async fn the_sandbox_runs_and_logs_read_through_the_provider() {
    let sandbox = shipdeck_sandbox::Sandbox::start(0).await.unwrap();
    let ci = HttpDeploy::new(HttpDeploySettings {
        name: "sandbox".into(),
        base_url: sandbox.url(),
        token: None,
        token_source: TokenSource::Demo,
        services: None,
        protected: Vec::new(),
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap();

    let listed = ci.runs(None, 3).await.unwrap();
    assert_eq!(listed.len(), 3);
    let finished = listed
        .iter()
        .find(|r| !r.status.is_active())
        .expect("a finished run among the newest three");
    let run = ci.run(&finished.id).await.unwrap();
    assert_eq!(run.jobs, finished.jobs);
    let job = &run.jobs[0];

    let first = ci.log(&run.id, &job.id, 0).await.unwrap();
    assert!(!first.bytes.is_empty());
    assert_eq!(first.size, Some(first.bytes.len() as u64));
    assert!(first.complete);
    let rest = ci.log(&run.id, &job.id, first.next_offset()).await.unwrap();
    assert!(rest.bytes.is_empty() && rest.complete);
}
