use super::support::{budget, client};
use serde_json::Value;
use shipdeck::providers::ProviderError;
use std::time::Duration;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn waited(err: &ProviderError) -> Option<Duration> {
    match err {
        ProviderError::RateLimited { retry_after, .. } => Some(*retry_after),
        _ => None,
    }
}

fn with_headers(
    mut response: ResponseTemplate,
    headers: &[(&'static str, String)],
) -> ResponseTemplate {
    for (name, value) in headers {
        response = response.insert_header(*name, value.as_str());
    }
    response
}

#[tokio::test]
async fn budgets_from_headers_reach_the_watchers() {
    let server = MockServer::start().await;
    let reset = chrono::Utc::now().timestamp() + 600;
    Mock::given(path("/api/v3/user"))
        .respond_with(with_headers(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({})),
            &budget(42, reset),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let mut budgets = client.budget();
    client.get::<Value>("/user", &[]).await.unwrap();
    assert!(budgets.has_changed().unwrap());
    let seen = budgets.borrow_and_update().clone().unwrap();
    assert_eq!(
        (seen.service.as_str(), seen.remaining, seen.limit),
        ("acme", 42, 5000)
    );
    assert!(seen.is_low());
}

#[tokio::test]
async fn an_exhausted_budget_waits_until_reset_and_stops_asking() {
    let server = MockServer::start().await;
    let reset = chrono::Utc::now().timestamp() + 120;
    Mock::given(path("/api/v3/repos/acme/payments"))
        .respond_with(with_headers(
            ResponseTemplate::new(403).set_body_json(serde_json::json!({
                "message": "API rate limit exceeded for user ID 1.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
            })),
            &budget(0, reset),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    // The client reads the clock while the call runs: its wait lies between the reset seen
    // from just before and from just after the call, however slow the machine is.
    let before = chrono::Utc::now();
    let err = client
        .get::<Value>("/repos/acme/payments", &[])
        .await
        .unwrap_err();
    let after = chrono::Utc::now();
    let wait = waited(&err).unwrap_or_else(|| panic!("{err:?}"));
    let reset = chrono::DateTime::from_timestamp(reset, 0).unwrap();
    let (least, most) = (
        (reset - after).to_std().unwrap(),
        (reset - before).to_std().unwrap(),
    );
    assert!(
        least <= wait && wait <= most,
        "{least:?} <= {wait:?} <= {most:?}"
    );
    // Known to be empty until the reset: the next call is refused without a request.
    let again = client
        .get::<Value>("/repos/acme/payments", &[])
        .await
        .unwrap_err();
    assert!(waited(&again).is_some(), "{again:?}");
}

#[tokio::test]
async fn retry_after_is_obeyed_on_403_and_429() {
    let server = MockServer::start().await;
    for (route, status) in [("/api/v3/a", 403), ("/api/v3/b", 429)] {
        Mock::given(path(route))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("retry-after", "37")
                    .set_body_json(serde_json::json!({
                        "message": "You have exceeded a secondary rate limit."
                    })),
            )
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for route in ["/a", "/b"] {
        let err = client.get::<Value>(route, &[]).await.unwrap_err();
        assert_eq!(
            waited(&err),
            Some(Duration::from_secs(37)),
            "{route}: {err:?}"
        );
    }
}

#[tokio::test]
async fn secondary_limits_without_headers_back_off_from_a_minute() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/busy"))
        .respond_with(ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let mut waits = Vec::new();
    for _ in 0..3 {
        let err = client.get::<Value>("/busy", &[]).await.unwrap_err();
        waits.push(waited(&err).map(|d| d.as_secs()));
    }
    assert_eq!(waits, [Some(60), Some(120), Some(240)]);
}

#[tokio::test]
async fn a_403_that_is_not_a_rate_limit_is_a_permission_error() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/repos/acme/payments/actions/runs/1/cancel"))
        .respond_with(ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "message": "Resource not accessible by integration"
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .send(
            reqwest::Method::POST,
            "/repos/acme/payments/actions/runs/1/cancel",
            None::<&()>,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Forbidden(text) if text.contains("Resource not accessible")),
        "{err:?}"
    );
}
