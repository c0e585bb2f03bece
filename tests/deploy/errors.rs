//! Refusals come back typed, with the server's own words and never a token; reads are not
//! retried by the provider.

use super::support::*;
use shipdeck::domain::deploy::{DeploymentId, IdempotencyKey};
use shipdeck::providers::deploy::HttpDeploy;
use shipdeck::providers::{DeployBackend, ProviderError};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Promote against a server that always gives `answer`, which it must see exactly once.
async fn promote_refused(answer: ResponseTemplate) -> ProviderError {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    let key = IdempotencyKey::new();
    deploy(&server)
        .promote(&promote_request(), &key)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn locked_environment_is_a_conflict_in_the_servers_words() {
    let answer = error(409, "conflict", "prod is locked by mei: change freeze");
    assert_eq!(
        promote_refused(answer).await,
        ProviderError::Conflict("prod is locked by mei: change freeze".into())
    );
}

#[tokio::test]
async fn invalid_revision_is_rejected() {
    let answer = error(
        422,
        "invalid",
        "revision c0ffee1234 is not deployed in staging",
    );
    assert_eq!(
        promote_refused(answer).await,
        ProviderError::Rejected("revision c0ffee1234 is not deployed in staging".into())
    );
}

#[tokio::test]
async fn forbidden_keeps_the_message_sanitised() {
    let answer = error(
        403,
        "forbidden",
        "only \u{1b}[31mrelease managers\u{1b}[0m may promote prod",
    );
    let err = promote_refused(answer).await;
    let ProviderError::Forbidden(message) = &err else {
        panic!("{err:?}");
    };
    assert!(
        message.ends_with("only release managers may promote prod"),
        "{message}"
    );
}

#[tokio::test]
async fn unauthorized_names_the_variable_and_never_the_token() {
    let err = promote_refused(error(401, "unauthorized", "bad token")).await;
    assert_eq!(
        err,
        ProviderError::Unauthorized {
            service: NAME.into(),
            token_source: "$DEPLOY_TOKEN".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "acme-deploy rejected the token from $DEPLOY_TOKEN (401)"
    );
    let server = MockServer::start().await;
    let shown = format!("{err:?} {:?} {:?}", settings(&server), deploy(&server));
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test]
async fn html_error_pages_are_not_dumped() {
    let page = format!(
        "<html><body>{}</body></html>",
        "<p>Bad gateway</p>".repeat(200)
    );
    let err = promote_refused(ResponseTemplate::new(404).set_body_raw(page, "text/html")).await;
    let text = err.to_string();
    assert!(matches!(err, ProviderError::NotFound(_)), "{err:?}");
    assert!(!text.contains('<') && text.len() < 200, "{text}");
}

#[tokio::test]
async fn cancelling_a_finished_deployment_is_a_conflict() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/deployments/d-1042/cancel"))
        .respond_with(error(
            409,
            "conflict",
            "d-1042 already finished (succeeded)",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = deploy(&server)
        .cancel(&DeploymentId("d-1042".into()))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Conflict("d-1042 already finished (succeeded)".into())
    );
}

#[tokio::test]
async fn malformed_json_names_the_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/services"))
        .respond_with(json(200, fixture!("services.json")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/services/payments/environments"))
        .respond_with(json(
            200,
            r#"{"environments": [{"name": "prod", "current": "#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/services/ledger/environments"))
        .respond_with(json(200, fixture!("environments-ledger.json")))
        .mount(&server)
        .await;
    let mut s = settings(&server);
    s.services = Some(vec!["payments".into(), "ledger".into()]);
    let err = HttpDeploy::new(s).unwrap().services().await.unwrap_err();
    assert!(
        matches!(&err, ProviderError::Decode { what, .. }
            if what == "acme-deploy GET /v1/services/payments/environments"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_repeated_cursor_stops_paging() {
    let server = MockServer::start().await;
    let looping = r#"{"deployments": [{"id": "d-1", "service": "payments", "environment": "prod",
        "revision": "abc", "kind": "deploy", "state": "succeeded",
        "created_at": "2026-03-01T00:00:00Z"}], "next_cursor": "again"}"#;
    Mock::given(path("/v1/services/payments/environments/prod/deployments"))
        .respond_with(json(200, looping))
        .expect(2)
        .mount(&server)
        .await;
    let err = deploy(&server)
        .history("payments", "prod", 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Decode { message, .. } if message.contains("twice")),
        "{err:?}"
    );
}

#[tokio::test]
async fn reads_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/deployments/d-1"))
        .respond_with(error(503, "unavailable", "maintenance").insert_header("Retry-After", "0"))
        .expect(1)
        .mount(&server)
        .await;
    let err = deploy(&server)
        .deployment(&DeploymentId("d-1".into()))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Server {
            service: NAME.into(),
            status: 503,
            message: "maintenance".into()
        }
    );
}

#[tokio::test]
async fn a_slow_read_is_a_network_error() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/services"))
        .respond_with(json(200, fixture!("services.json")).set_delay(Duration::from_millis(1500)))
        .mount(&server)
        .await;
    let backend = HttpDeploy::with_timeout(settings(&server), Duration::from_millis(200)).unwrap();
    let err = backend.services().await.unwrap_err();
    assert!(
        matches!(&err, ProviderError::Network { host, message }
            if host == "127.0.0.1" && message.contains("0.2 s")),
        "{err:?}"
    );
}
