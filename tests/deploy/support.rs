//! Shared set-up for the deploy HTTP tests: a provider pointed at a wiremock server on
//! loopback, answers built from tests/fixtures/deploy.

use shipdeck::config::{Secret, TokenSource};
use shipdeck::domain::deploy::PromoteRequest;
use shipdeck::providers::deploy::{HttpDeploy, HttpDeploySettings};
use wiremock::{MockServer, Request, ResponseTemplate};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/deploy/",
            $name
        ))
    };
}
pub(crate) use fixture;

pub const NAME: &str = "acme-deploy";
pub const TOKEN: &str = "dep-SECRET-456";
pub const PROMOTE_PATH: &str = "/v1/services/payments/promote";

pub fn settings(server: &MockServer) -> HttpDeploySettings {
    HttpDeploySettings {
        name: NAME.to_string(),
        // The trailing slash must be tolerated.
        base_url: format!("{}/", server.uri()),
        token: Some(Secret::new(TOKEN)),
        token_source: TokenSource::Env("DEPLOY_TOKEN".into()),
        services: None,
        protected: Vec::new(),
        network: shipdeck::providers::http::Network::default(),
    }
}

pub fn deploy(server: &MockServer) -> HttpDeploy {
    HttpDeploy::new(settings(server)).unwrap()
}

pub fn json(code: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// The protocol's error body.
pub fn error(code: u16, kind: &str, message: &str) -> ResponseTemplate {
    let body = serde_json::json!({ "error": { "code": kind, "message": message } });
    json(code, &body.to_string())
}

pub fn promote_request() -> PromoteRequest {
    PromoteRequest {
        service: "payments".into(),
        from: "staging".into(),
        to: "prod".into(),
        revision: Some("c0ffee1234".into()),
        reason: Some("release 1.9.0".into()),
    }
}

pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The `Idempotency-Key` of every request the server saw, in order.
pub async fn keys_seen(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| header(r, "idempotency-key").unwrap_or("<none>").to_string())
        .collect()
}
