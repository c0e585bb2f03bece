//! Writes whose outcome is in doubt are retried with the same Idempotency-Key, at most three
//! times in all; after that the outcome is reported as unknown.

use super::support::*;
use shipdeck::domain::deploy::IdempotencyKey;
use shipdeck::providers::deploy::HttpDeploy;
use shipdeck::providers::{DeployBackend, ProviderError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ACTION: &str = "promote payments staging -> prod";

/// `first` once, then a 202.
async fn recovers_after(first: ResponseTemplate) -> (MockServer, IdempotencyKey) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(json(202, fixture!("promote-accepted.json")))
        .expect(1)
        .mount(&server)
        .await;
    let key = IdempotencyKey::new();
    let d = deploy(&server)
        .promote(&promote_request(), &key)
        .await
        .unwrap();
    assert_eq!(d.id.0, "d-1050");
    (server, key)
}

#[tokio::test]
async fn a_503_is_retried_with_the_same_key() {
    let busy = error(503, "unavailable", "deploying is paused").insert_header("Retry-After", "0");
    let (server, key) = recovers_after(busy).await;
    assert_eq!(keys_seen(&server).await, [key.0.clone(), key.0]);
}

/// `first` once, then `then`; remembers when each request arrived.
struct Stamped {
    first: ResponseTemplate,
    then: ResponseTemplate,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Respond for Stamped {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        if arrivals.len() == 1 {
            self.first.clone()
        } else {
            self.then.clone()
        }
    }
}

#[tokio::test]
async fn a_429_waits_for_retry_after_then_retries() {
    // Paused tokio time cannot stand in here: while a request is on a real socket it would
    // jump to the client's own timeouts. The server's clock shows the wait instead: the retry
    // cannot arrive sooner than Retry-After after the first request, whatever the load.
    let server = MockServer::start().await;
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let stamped = Stamped {
        first: error(429, "rate_limited", "slow down").insert_header("Retry-After", "1"),
        then: json(202, fixture!("promote-accepted.json")),
        arrivals: arrivals.clone(),
    };
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(stamped)
        .expect(2)
        .mount(&server)
        .await;
    let key = IdempotencyKey::new();
    let d = deploy(&server)
        .promote(&promote_request(), &key)
        .await
        .unwrap();
    assert_eq!(d.id.0, "d-1050");
    assert_eq!(keys_seen(&server).await, [key.0.clone(), key.0]);
    let arrivals = arrivals.lock().unwrap();
    let waited = arrivals[1] - arrivals[0];
    assert!(waited >= Duration::from_secs(1), "retried after {waited:?}");
}

#[tokio::test]
async fn a_500_is_retried() {
    let (server, key) = recovers_after(error(500, "internal", "boom")).await;
    assert_eq!(keys_seen(&server).await, [key.0.clone(), key.0]);
}

#[tokio::test]
async fn retries_run_out_into_an_unknown_outcome() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(error(503, "unavailable", "maintenance").insert_header("Retry-After", "0"))
        .expect(3)
        .mount(&server)
        .await;
    let key = IdempotencyKey::new();
    let err = deploy(&server)
        .promote(&promote_request(), &key)
        .await
        .unwrap_err();
    let ProviderError::UnknownOutcome { action, detail } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(action, ACTION);
    assert!(
        detail.contains("503") && detail.contains("maintenance"),
        "{detail}"
    );
    assert_eq!(keys_seen(&server).await, vec![key.0; 3]);
}

#[tokio::test]
async fn not_implemented_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(error(501, "not_implemented", "promote is not supported"))
        .expect(1)
        .mount(&server)
        .await;
    let err = deploy(&server)
        .promote(&promote_request(), &IdempotencyKey::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Server { status: 501, message, .. }
            if message == "promote is not supported"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_slow_write_ends_in_an_unknown_outcome() {
    let server = MockServer::start().await;
    let slow = json(202, fixture!("promote-accepted.json")).set_delay(Duration::from_millis(1500));
    Mock::given(method("POST"))
        .and(path(PROMOTE_PATH))
        .respond_with(slow)
        .expect(3)
        .mount(&server)
        .await;
    let key = IdempotencyKey::new();
    let backend = HttpDeploy::with_timeout(settings(&server), Duration::from_millis(200)).unwrap();
    let err = backend.promote(&promote_request(), &key).await.unwrap_err();
    assert!(
        matches!(&err, ProviderError::UnknownOutcome { action, detail }
            if action == ACTION && detail.contains("no answer")),
        "{err:?}"
    );
    assert_eq!(keys_seen(&server).await, vec![key.0; 3]);
}

#[tokio::test]
async fn an_unreachable_server_ends_in_an_unknown_outcome() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut s = settings(&MockServer::start().await);
    s.base_url = format!("http://127.0.0.1:{port}");
    let err = HttpDeploy::new(s)
        .unwrap()
        .promote(&promote_request(), &IdempotencyKey::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::UnknownOutcome { action, detail }
            if action == ACTION && detail.contains("127.0.0.1") && !detail.contains(TOKEN)),
        "{err:?}"
    );
}
