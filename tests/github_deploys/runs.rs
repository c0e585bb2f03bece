use super::support::{
    REPO, STAGING_SHA, backend, deployment, environment_history, repository, run, statuses,
};
use chrono::{Duration, Utc};
use serde_json::json;
use shipdeck::domain::deploy::{
    DeployKind, DeployState, DeploymentId, IdempotencyKey, PromoteRequest,
};
use shipdeck::providers::{DeployBackend, ProviderError};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn json_answer(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test]
async fn a_dispatched_run_is_followed_to_the_deployment_it_makes() {
    let server = MockServer::start().await;
    repository(&server).await;
    let d = deployment(2001, STAGING_SHA, "main", "staging", 20);
    environment_history(&server, "staging", &[(d, "success", 9150)]).await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{REPO}/actions/workflows/deploy.yml/dispatches"
        )))
        .respond_with(json_answer(json!({
            "workflow_run_id": 9300,
            "run_url": "https://api.github.com/repos/acme/payments/actions/runs/9300",
            "html_url": "https://github.com/acme/payments/actions/runs/9300"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let started = Utc::now() - Duration::seconds(5);
    // First the run waits for reviewers and has made nothing; then its deployment is there.
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9300")))
        .respond_with(json_answer(run(9300, "waiting", None, started)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9300")))
        .respond_with(json_answer(run(9300, "in_progress", None, started)))
        .mount(&server)
        .await;
    let list = |body| {
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/deployments")))
            .and(query_param("environment", "production"))
            .and(query_param("sha", STAGING_SHA))
            .respond_with(json_answer(body))
    };
    list(json!([])).up_to_n_times(1).mount(&server).await;
    let mut made = deployment(1804, STAGING_SHA, "main", "production", 0);
    made["created_at"] = json!(super::support::stamp(started + Duration::seconds(3)));
    let mut older = deployment(1790, STAGING_SHA, "main", "production", 0);
    older["created_at"] = json!(super::support::stamp(started - Duration::days(1)));
    list(json!([made.clone(), older])).mount(&server).await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments/1804/statuses")))
        .respond_with(json_answer(statuses(
            1804,
            "in_progress",
            "production",
            9300,
        )))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments/1804/statuses")))
        .respond_with(json_answer(statuses(1804, "success", "production", 9300)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments/1804")))
        .respond_with(json_answer(made))
        .mount(&server)
        .await;

    let github = backend(&server, Some("deploy.yml"));
    let request = PromoteRequest {
        service: "payments".into(),
        from: "staging".into(),
        to: "production".into(),
        revision: None,
        reason: None,
    };
    let accepted = github
        .promote(&request, &IdempotencyKey::new())
        .await
        .unwrap();
    let watched = accepted.id.clone();
    assert_eq!(watched, DeploymentId("run:9300".into()));

    let before = github.deployment(&watched).await.unwrap();
    assert_eq!(
        (before.id.0.as_str(), before.state, before.revision.as_str()),
        ("run:9300", DeployState::Waiting, STAGING_SHA)
    );

    let found = github.deployment(&watched).await.unwrap();
    assert_eq!(
        (found.id.0.as_str(), found.state, found.run_id.as_deref()),
        ("1804", DeployState::InProgress, Some("9300"))
    );
    // GitHub does not record a promote; shipdeck remembers what it dispatched.
    assert_eq!(
        (found.kind, found.from_environment.as_deref()),
        (DeployKind::Promote, Some("staging"))
    );

    let done = github.deployment(&watched).await.unwrap();
    assert_eq!(
        (done.id.0.as_str(), done.state),
        ("1804", DeployState::Succeeded)
    );
}

#[tokio::test]
async fn a_run_that_ends_before_its_deployment_does_ends_the_watch() {
    let server = MockServer::start().await;
    let started = Utc::now() - Duration::minutes(3);
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9500")))
        .respond_with(json_answer(run(
            9500,
            "completed",
            Some("cancelled"),
            started,
        )))
        .mount(&server)
        .await;
    let mut made = deployment(1805, STAGING_SHA, "main", "production", 0);
    made["created_at"] = json!(super::support::stamp(started + Duration::seconds(3)));
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments")))
        .respond_with(json_answer(json!([made])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments/1805/statuses")))
        .respond_with(json_answer(statuses(
            1805,
            "in_progress",
            "production",
            9500,
        )))
        .mount(&server)
        .await;
    let github = backend(&server, None);
    let d = github
        .deployment(&DeploymentId("run:9500".into()))
        .await
        .unwrap();
    assert_eq!((d.id.0.as_str(), d.state), ("1805", DeployState::Cancelled));
    assert!(d.finished_at.is_some());
}

#[tokio::test]
async fn cancel_cancels_the_run_and_reads_its_deployment_again() {
    let server = MockServer::start().await;
    let started = Utc::now() - Duration::minutes(1);
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9600")))
        .respond_with(json_answer(run(9600, "in_progress", None, started)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9600")))
        .respond_with(json_answer(run(
            9600,
            "completed",
            Some("cancelled"),
            started,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/search/actions/runs/9600"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({ "message": "Not Found" })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/actions/runs/9600/cancel")))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let mut made = deployment(1806, STAGING_SHA, "main", "production", 0);
    made["created_at"] = json!(super::support::stamp(started + Duration::seconds(3)));
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments")))
        .respond_with(json_answer(json!([made])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments/1806/statuses")))
        .respond_with(json_answer(statuses(
            1806,
            "in_progress",
            "production",
            9600,
        )))
        .mount(&server)
        .await;
    let d = backend(&server, None)
        .cancel(&DeploymentId("run:9600".into()))
        .await
        .unwrap();
    assert_eq!((d.id.0.as_str(), d.state), ("1806", DeployState::Cancelled));
}

#[tokio::test]
async fn an_unknown_run_that_made_nothing_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9700")))
        .respond_with(json_answer(run(9700, "queued", None, Utc::now())))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments")))
        .respond_with(json_answer(json!([])))
        .mount(&server)
        .await;
    let err = backend(&server, None)
        .deployment(&DeploymentId("run:9700".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::NotFound(t) if t.contains("run 9700 has made no deployment")),
        "{err:?}"
    );
}
