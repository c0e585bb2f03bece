use super::support::{REPO, SHA_C, backend, get, pending, t0};
use serde_json::json;
use shipdeck::domain::deploy::{DeployKind, DeployState, Deployment, DeploymentId};
use shipdeck::providers::{DeployBackend, ProviderError};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PENDING: &str = "/actions/runs/9200/pending_deployments";

fn waiting() -> Deployment {
    Deployment {
        id: DeploymentId("1803".into()),
        service: "payments".into(),
        environment: "production".into(),
        revision: SHA_C.into(),
        version: None,
        kind: DeployKind::Deploy,
        state: DeployState::Waiting,
        from_environment: None,
        rollback_of: None,
        created_at: t0(),
        finished_at: None,
        by: Some("marcus-b".into()),
        reason: None,
        run_id: Some("9200".into()),
        changes: Vec::new(),
    }
}

/// Counts review posts; `expect` of them.
async fn review_post(server: &MockServer, body: serde_json::Value, expect: u64) {
    Mock::given(method("POST"))
        .and(path(format!("{REPO}{PENDING}")))
        .and(body_json(body))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(expect)
        .mount(server)
        .await;
}

#[tokio::test]
async fn approving_posts_the_environment_ids_of_the_deployment() {
    let server = MockServer::start().await;
    get(
        &server,
        PENDING,
        json!([
            pending(161088002, "staging", true),
            pending(161088003, "production", true)
        ]),
    )
    .await;
    review_post(
        &server,
        json!({ "environment_ids": [161088003], "state": "approved", "comment": "ship it" }),
        1,
    )
    .await;
    backend(&server, Some("deploy.yml"))
        .review(&waiting(), true, "ship it")
        .await
        .unwrap();
}

#[tokio::test]
async fn rejecting_says_rejected() {
    let server = MockServer::start().await;
    get(
        &server,
        PENDING,
        json!([pending(161088003, "production", true)]),
    )
    .await;
    review_post(
        &server,
        json!({ "environment_ids": [161088003], "state": "rejected", "comment": "" }),
        1,
    )
    .await;
    backend(&server, None)
        .review(&waiting(), false, "")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_user_who_may_not_approve_is_told_and_nothing_is_posted() {
    let server = MockServer::start().await;
    get(
        &server,
        PENDING,
        json!([pending(161088003, "production", false)]),
    )
    .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = backend(&server, None)
        .review(&waiting(), true, "ok")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Forbidden("you are not a required reviewer of production".into())
    );
}

#[tokio::test]
async fn a_deployment_no_longer_waiting_is_a_conflict() {
    let server = MockServer::start().await;
    get(
        &server,
        PENDING,
        json!([pending(161088002, "staging", true)]),
    )
    .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = backend(&server, None)
        .review(&waiting(), true, "ok")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Conflict("deployment 1803 is no longer waiting for review".into())
    );
}
