use super::support::{
    REPO, SHA_A, SHA_B, SHA_C, STAGING_SHA, backend, deployment, environment_history, repository,
    run,
};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use shipdeck::domain::deploy::{
    DeployKind, DeployState, DeploymentId, IdempotencyKey, PromoteRequest, RollbackRequest,
};
use shipdeck::providers::{DeployBackend, ProviderError};
use wiremock::matchers::{any, body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const DISPATCH: &str = "/api/v3/repos/acme/payments/actions/workflows/deploy.yml/dispatches";

fn promote() -> PromoteRequest {
    PromoteRequest {
        service: "payments".into(),
        from: "staging".into(),
        to: "production".into(),
        revision: None,
        reason: Some("release 1.9".into()),
    }
}

/// staging runs STAGING_SHA; the repository's default branch is main.
async fn staging(server: &MockServer) {
    repository(server).await;
    let d = deployment(2001, STAGING_SHA, "main", "staging", 20);
    environment_history(server, "staging", &[(d, "success", 9150)]).await;
}

/// The one dispatch a promote of staging to production must send.
async fn dispatch_answer(server: &MockServer, answer: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(DISPATCH))
        .and(body_json(json!({
            "ref": "main",
            "inputs": { "environment": "production", "ref": STAGING_SHA },
            "return_run_details": true
        })))
        .respond_with(answer)
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn promote_dispatches_the_staging_sha_and_follows_the_run_it_names() {
    let server = MockServer::start().await;
    staging(&server).await;
    dispatch_answer(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({
            "workflow_run_id": 9300,
            "run_url": "https://api.github.com/repos/acme/payments/actions/runs/9300",
            "html_url": "https://github.com/acme/payments/actions/runs/9300"
        })),
    )
    .await;
    let d = backend(&server, Some("deploy.yml"))
        .promote(&promote(), &IdempotencyKey::new())
        .await
        .unwrap();
    assert_eq!(d.id, DeploymentId("run:9300".into()));
    assert_eq!(
        (d.state, d.kind, d.run_id.as_deref()),
        (DeployState::Queued, DeployKind::Promote, Some("9300"))
    );
    assert_eq!(
        (
            d.environment.as_str(),
            d.from_environment.as_deref(),
            d.revision.as_str()
        ),
        ("production", Some("staging"), STAGING_SHA)
    );
    assert_eq!(d.reason.as_deref(), Some("release 1.9"));
}

#[tokio::test]
async fn a_204_dispatch_finds_the_run_it_started() {
    let server = MockServer::start().await;
    staging(&server).await;
    // GitHub's clock, not ours, stamps the run: the answer's Date is when it was made. A
    // fixed day long past, so only the Date (never this machine's clock) can find the run.
    let answered: DateTime<Utc> = "2026-03-10T10:00:07Z".parse().unwrap();
    let date = answered.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    dispatch_answer(
        &server,
        ResponseTemplate::new(204).insert_header("date", date),
    )
    .await;
    let now = answered - Duration::seconds(1);
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/workflows/deploy.yml/runs")))
        .and(query_param("event", "workflow_dispatch"))
        .and(query_param("per_page", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total_count": 2,
            "workflow_runs": [
                run(9301, "queued", None, now),
                run(9001, "completed", Some("success"), now - Duration::hours(1))
            ]
        })))
        .mount(&server)
        .await;
    let d = backend(&server, Some("deploy.yml"))
        .promote(&promote(), &IdempotencyKey::new())
        .await
        .unwrap();
    assert_eq!(d.id, DeploymentId("run:9301".into()));
    assert_eq!(d.run_id.as_deref(), Some("9301"));
}

#[tokio::test]
async fn a_refused_dispatch_says_why_in_githubs_words() {
    let server = MockServer::start().await;
    staging(&server).await;
    dispatch_answer(
        &server,
        ResponseTemplate::new(422).set_body_json(json!({
            "message": "Required input 'environment' not provided",
            "documentation_url": "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event",
            "status": "422"
        })),
    )
    .await;
    let err = backend(&server, Some("deploy.yml"))
        .promote(&promote(), &IdempotencyKey::new())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Rejected("Required input 'environment' not provided".into())
    );
}

#[tokio::test]
async fn a_server_error_on_dispatch_is_an_unknown_outcome_sent_once() {
    let server = MockServer::start().await;
    staging(&server).await;
    dispatch_answer(
        &server,
        ResponseTemplate::new(503).set_body_json(json!({ "message": "Service unavailable" })),
    )
    .await;
    let err = backend(&server, Some("deploy.yml"))
        .promote(&promote(), &IdempotencyKey::new())
        .await
        .unwrap_err();
    let ProviderError::UnknownOutcome { action, detail } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(action, "promote payments staging -> production");
    assert!(detail.contains("not sent again"), "{detail}");
}

#[tokio::test]
async fn without_deploy_workflow_nothing_is_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let github = backend(&server, None);
    let err = github
        .promote(&promote(), &IdempotencyKey::new())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ProviderError::Rejected(_)), "{err:?}");
    assert!(
        text.contains("\"acme\"") && text.contains("deploy_workflow"),
        "{text}"
    );
    let rollback = RollbackRequest {
        service: "payments".into(),
        environment: "production".into(),
        to_deployment: None,
        reason: None,
    };
    let err = github
        .rollback(&rollback, &IdempotencyKey::new())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("deploy_workflow"), "{err}");
}

#[tokio::test]
async fn rollback_returns_to_the_earlier_successful_sha() {
    let server = MockServer::start().await;
    repository(&server).await;
    environment_history(
        &server,
        "production",
        &[
            (
                deployment(1803, SHA_C, "main", "production", 24),
                "success",
                9200,
            ),
            (
                deployment(1802, SHA_B, "v1.8.0", "production", 10),
                "failure",
                9100,
            ),
            (
                deployment(1790, SHA_A, "v1.7.0", "production", 2),
                "inactive",
                9000,
            ),
        ],
    )
    .await;
    Mock::given(method("POST"))
        .and(path(DISPATCH))
        .and(body_json(json!({
            "ref": "main",
            "inputs": { "environment": "production", "ref": SHA_A },
            "return_run_details": true
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "workflow_run_id": 9400,
            "run_url": "https://api.github.com/repos/acme/payments/actions/runs/9400",
            "html_url": "https://github.com/acme/payments/actions/runs/9400"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = RollbackRequest {
        service: "payments".into(),
        environment: "production".into(),
        to_deployment: None,
        reason: Some("refunds broke".into()),
    };
    let d = backend(&server, Some("deploy.yml"))
        .rollback(&request, &IdempotencyKey::new())
        .await
        .unwrap();
    assert_eq!(
        (d.id.0.as_str(), d.kind, d.revision.as_str()),
        ("run:9400", DeployKind::Rollback, SHA_A)
    );
    assert_eq!(d.version.as_deref(), Some("v1.7.0"));
    assert_eq!(d.rollback_of, Some(DeploymentId("1803".into())));
}
