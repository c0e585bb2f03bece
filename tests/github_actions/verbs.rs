use super::support::{PAYMENTS, TOKEN, actions, json};
use shipdeck::providers::{CiProvider, ProviderError};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn listed(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(format!("{PAYMENTS}/actions/runs")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("runs-payments.json")))
        .mount(server)
        .await;
}

#[tokio::test]
async fn rerunning_failed_jobs_finds_an_unlisted_run_first() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{PAYMENTS}/actions/runs/30433642")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("run-30433642.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{PAYMENTS}/actions/runs/30433642/rerun-failed-jobs"
        )))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let ci = actions(&server, &["acme/payments"]);
    assert!(ci.controls_runs());
    ci.rerun_failed("30433642").await.unwrap();
}

#[tokio::test]
async fn cancelling_a_listed_run_posts_once() {
    let server = MockServer::start().await;
    listed(&server).await;
    Mock::given(method("GET"))
        .and(path(format!("{PAYMENTS}/actions/runs/30433642")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("run-30433642.json")))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{PAYMENTS}/actions/runs/30433642/cancel")))
        .respond_with(ResponseTemplate::new(202).set_body_json(serde_json::json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let ci = actions(&server, &["acme/payments"]);
    ci.runs(None, 30).await.unwrap();
    ci.cancel_run("30433642").await.unwrap();
}

#[tokio::test]
async fn a_refused_cancel_reaches_the_user_in_githubs_words() {
    let server = MockServer::start().await;
    listed(&server).await;
    Mock::given(method("POST"))
        .and(path(format!("{PAYMENTS}/actions/runs/30433600/cancel")))
        .respond_with(ResponseTemplate::new(409).set_body_json(serde_json::json!({
            "message": "Cannot cancel a workflow run that is completed.",
            "documentation_url": "https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run",
            "status": "409"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let ci = actions(&server, &["acme/payments"]);
    ci.runs(None, 30).await.unwrap();
    let Err(e @ ProviderError::Conflict(_)) = ci.cancel_run("30433600").await else {
        panic!("not a conflict");
    };
    assert!(
        e.to_string()
            .contains("Cannot cancel a workflow run that is completed."),
        "{e}"
    );
}
