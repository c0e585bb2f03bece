//! The `http` deploy provider against a wiremock server on loopback: paths, queries, headers,
//! paging, idempotent writes with retries, and every error class.

#[path = "deploy/errors.rs"]
mod errors;
#[path = "deploy/retries.rs"]
mod retries;
#[path = "deploy/support.rs"]
mod support;

use serde_json::json as body;
use shipdeck::domain::deploy::{
    DeployKind, DeployState, DeploymentId, Health, IdempotencyKey, RollbackRequest,
};
use shipdeck::providers::DeployBackend;
use shipdeck::providers::deploy::HttpDeploy;
use support::*;
use wiremock::matchers::query_param_is_missing;
use wiremock::matchers::{body_json, header as has_header, method, path, query_param};
use wiremock::{Mock, MockServer};

async fn mount_get(server: &MockServer, at: &str, body: &str, times: u64) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(json(200, body))
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn services_map_environments_in_promotion_order() {
    let server = MockServer::start().await;
    mount_get(&server, "/v1/services", fixture!("services.json"), 1).await;
    let payments = fixture!("environments-payments.json");
    mount_get(&server, "/v1/services/payments/environments", payments, 1).await;
    let ledger = fixture!("environments-ledger.json");
    mount_get(&server, "/v1/services/ledger/environments", ledger, 1).await;
    // Filtered out by the config, so never asked for.
    mount_get(&server, "/v1/services/search/environments", "{}", 0).await;
    let mut s = settings(&server);
    s.services = Some(vec!["ledger".into(), "payments".into()]);
    s.protected = vec!["prod".into()];

    let services = HttpDeploy::new(s).unwrap().services().await.unwrap();

    let names: Vec<_> = services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["payments", "ledger"], "the server's order");
    let envs = &services[0].environments;
    let env_names: Vec<_> = envs.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(env_names, ["dev", "staging", "prod"]);
    let health: Vec<_> = envs.iter().map(|e| e.health).collect();
    assert_eq!(health, [Health::Unknown, Health::Degraded, Health::Healthy]);
    let lock = envs[1].lock.as_ref().unwrap();
    assert_eq!(
        (lock.by.as_str(), lock.reason.as_str()),
        ("mei", "change freeze")
    );
    let current = envs[2].current.as_ref().unwrap();
    assert_eq!(
        (current.id.0.as_str(), current.state, current.label()),
        ("d-1042", DeployState::Succeeded, "1.8.0".to_string())
    );
    // payments/prod is protected by the server, ledger/prod only by the config.
    let ledger = &services[1].environments;
    let protected: Vec<_> = envs.iter().chain(ledger).map(|e| e.protected).collect();
    assert_eq!(protected, [false, false, true, false, true]);
    assert_eq!(services[1].repo, None);
    let bearer = format!("Bearer {TOKEN}");
    let ua = format!("shipdeck/{}", env!("CARGO_PKG_VERSION"));
    for request in server.received_requests().await.unwrap() {
        assert_eq!(header(&request, "authorization"), Some(bearer.as_str()));
        assert_eq!(header(&request, "user-agent"), Some(ua.as_str()));
    }
}

#[tokio::test]
async fn without_a_token_no_authorization_is_sent_and_all_services_show() {
    let server = MockServer::start().await;
    mount_get(&server, "/v1/services", fixture!("services.json"), 1).await;
    for service in ["payments", "ledger", "search"] {
        let at = format!("/v1/services/{service}/environments");
        mount_get(&server, &at, r#"{"environments":[]}"#, 1).await;
    }
    let mut s = settings(&server);
    s.token = None;

    let services = HttpDeploy::new(s).unwrap().services().await.unwrap();

    assert_eq!(services.len(), 3);
    for request in server.received_requests().await.unwrap() {
        assert_eq!(header(&request, "authorization"), None);
    }
}

#[tokio::test]
async fn history_follows_the_cursor_across_pages() {
    let server = MockServer::start().await;
    let at = "/v1/services/payments/environments/prod/deployments";
    let pages = [
        ("5", None, fixture!("deployments-page-1.json")),
        ("3", Some("c-2"), fixture!("deployments-page-2.json")),
        ("1", Some("c-3"), fixture!("deployments-page-3.json")),
    ];
    for (limit, cursor, page) in pages {
        let mock = Mock::given(method("GET"))
            .and(path(at))
            .and(query_param("limit", limit));
        let mock = match cursor {
            Some(c) => mock.and(query_param("cursor", c)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(json(200, page))
            .expect(1)
            .mount(&server)
            .await;
    }

    let history = deploy(&server)
        .history("payments", "prod", 5)
        .await
        .unwrap();

    let ids: Vec<_> = history.iter().map(|d| d.id.0.as_str()).collect();
    assert_eq!(ids, ["d-1042", "d-1031", "d-1029", "d-1020", "d-1011"]);
    assert_eq!(history[1].rollback_of, Some(DeploymentId("d-1029".into())));
}

#[tokio::test]
async fn history_stops_at_the_limit() {
    let server = MockServer::start().await;
    let at = "/v1/services/payments/environments/prod/deployments";
    Mock::given(path(at))
        .and(query_param_is_missing("cursor"))
        .respond_with(json(200, fixture!("deployments-page-1.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(at))
        .and(query_param("cursor", "c-2"))
        .respond_with(json(200, fixture!("deployments-page-2.json")))
        .expect(0)
        .mount(&server)
        .await;

    let history = deploy(&server)
        .history("payments", "prod", 1)
        .await
        .unwrap();

    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id.0, "d-1042");
}

#[tokio::test]
async fn promote_sends_the_body_and_the_idempotency_key() {
    let server = MockServer::start().await;
    let key = IdempotencyKey::new();
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .and(has_header("idempotency-key", key.0.as_str()))
        .and(has_header(
            "authorization",
            format!("Bearer {TOKEN}").as_str(),
        ))
        .and(body_json(body!({
            "from": "staging", "to": "prod", "revision": "c0ffee1234", "reason": "release 1.9.0"
        })))
        .respond_with(json(202, fixture!("promote-accepted.json")))
        .expect(1)
        .mount(&server)
        .await;

    let d = deploy(&server)
        .promote(&promote_request(), &key)
        .await
        .unwrap();

    assert_eq!((d.id.0.as_str(), d.state), ("d-1050", DeployState::Queued));
    assert_eq!(
        (d.kind, d.from_environment.as_deref()),
        (DeployKind::Promote, Some("staging"))
    );
    assert_eq!(d.changes[0].issue_keys.len(), 2);
}

#[tokio::test]
async fn optional_fields_are_left_out_of_write_bodies() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .and(body_json(body!({"from": "staging", "to": "prod"})))
        .respond_with(json(202, fixture!("promote-accepted.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/services/payments/environments/prod/rollback"))
        .and(body_json(body!({})))
        .respond_with(json(202, fixture!("rollback-accepted.json")))
        .expect(1)
        .mount(&server)
        .await;
    let mut promote = promote_request();
    promote.revision = None;
    promote.reason = None;
    let rollback = RollbackRequest {
        service: "payments".into(),
        environment: "prod".into(),
        to_deployment: None,
        reason: None,
    };
    let backend = deploy(&server);

    backend
        .promote(&promote, &IdempotencyKey::new())
        .await
        .unwrap();
    let d = backend
        .rollback(&rollback, &IdempotencyKey::new())
        .await
        .unwrap();

    assert_eq!(
        (d.kind, d.rollback_of),
        (DeployKind::Rollback, Some(DeploymentId("d-1042".into())))
    );
}

#[tokio::test]
async fn rollback_names_the_target_deployment() {
    let server = MockServer::start().await;
    let key = IdempotencyKey::new();
    Mock::given(method("POST"))
        .and(path("/v1/services/payments/environments/prod/rollback"))
        .and(has_header("idempotency-key", key.0.as_str()))
        .and(body_json(
            body!({"to_deployment": "d-1031", "reason": "5xx spike"}),
        ))
        .respond_with(json(202, fixture!("rollback-accepted.json")))
        .expect(1)
        .mount(&server)
        .await;
    let request = RollbackRequest {
        service: "payments".into(),
        environment: "prod".into(),
        to_deployment: Some(DeploymentId("d-1031".into())),
        reason: Some("5xx spike".into()),
    };

    let d = deploy(&server).rollback(&request, &key).await.unwrap();

    assert_eq!(d.id.0, "d-1051");
}

#[tokio::test]
async fn deployment_and_cancel_by_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/deployments/d-2001"))
        .respond_with(json(200, fixture!("deployment-odd.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/deployments/d-1050/cancel"))
        .respond_with(json(202, fixture!("cancel-accepted.json")))
        .expect(1)
        .mount(&server)
        .await;
    let backend = deploy(&server);

    let odd = backend
        .deployment(&DeploymentId("d-2001".into()))
        .await
        .unwrap();
    let cancelled = backend
        .cancel(&DeploymentId("d-1050".into()))
        .await
        .unwrap();

    assert_eq!(
        (odd.state, odd.kind),
        (DeployState::Unknown, DeployKind::Unknown)
    );
    assert_eq!(cancelled.state, DeployState::Cancelled);
    let keys = keys_seen(&server).await;
    assert!(keys[1] != "<none>", "cancel is a keyed write: {keys:?}");
}
