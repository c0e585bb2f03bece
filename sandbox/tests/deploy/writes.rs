//! Writes: promote, rollback and cancel, with Idempotency-Keys, conflicts, and deployments
//! that progress to their end on their own.

use super::support::{Server, assert_time};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn promote_reaches_succeeded_and_becomes_current() {
    let server = Server::start().await;
    let staging = server.environment("payments", "staging").await["current"].clone();
    let before = server.environment("payments", "prod").await["current"]["id"].clone();
    let body = json!({"from": "staging", "to": "prod", "reason": "release 1.9.0"});
    let (status, created) = server
        .post("/v1/services/payments/promote", Some("k-promote"), &body)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let d = &created["deployment"];
    assert_eq!(
        (&d["kind"], &d["state"], &d["from_environment"]),
        (&json!("promote"), &json!("queued"), &json!("staging"))
    );
    assert_eq!(
        (&d["revision"], &d["version"]),
        (&staging["revision"], &staging["version"])
    );
    assert_eq!(d["reason"], "release 1.9.0");
    assert!(!d["changes"].as_array().unwrap().is_empty());
    assert_eq!(
        server.environment("payments", "prod").await["current"]["id"],
        before
    );

    let done = server.wait_finished(d["id"].as_str().unwrap()).await;
    assert_eq!(done["state"], "succeeded");
    assert_time(&done["finished_at"]);
    assert_eq!(
        server.environment("payments", "prod").await["current"]["id"],
        d["id"]
    );
    let run = server
        .get(&format!("/v1/runs/{}", d["run_id"].as_str().unwrap()))
        .await
        .1;
    assert_eq!(run["status"], "succeeded");
    for step in run["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|j| j["steps"].as_array().unwrap())
    {
        assert_eq!(step["status"], "succeeded");
        assert_time(&step["started_at"]);
    }
}

#[tokio::test]
async fn one_idempotency_key_makes_one_deployment() {
    let server = Server::start().await;
    let path = "/v1/services/gateway/promote";
    let body = json!({"from": "staging", "to": "prod"});
    let (status, missing) = server.post(path, None, &body).await;
    assert_eq!(
        (status, &missing["error"]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("invalid"))
    );
    let history = "/v1/services/gateway/environments/prod/deployments?limit=100";
    let before = server.get(history).await.1["deployments"]
        .as_array()
        .unwrap()
        .len();
    let first = server.post(path, Some("k-once"), &body).await;
    let second = server.post(path, Some("k-once"), &body).await;
    assert_eq!(
        (first.0, second.0),
        (StatusCode::ACCEPTED, StatusCode::ACCEPTED)
    );
    assert_eq!(first.1["deployment"]["id"], second.1["deployment"]["id"]);
    let after = server.get(history).await.1["deployments"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(after, before + 1);
    let (status, reused) = server
        .post("/v1/services/payments/promote", Some("k-once"), &body)
        .await;
    assert_eq!(
        (status, &reused["error"]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("invalid"))
    );
}

#[tokio::test]
async fn locked_and_busy_environments_conflict() {
    let server = Server::start().await;
    let body = json!({"from": "staging", "to": "prod"});
    let (status, locked) = server
        .post("/v1/services/ledger/promote", Some("k-frozen"), &body)
        .await;
    assert_eq!(
        (status, &locked["error"]["code"]),
        (StatusCode::CONFLICT, &json!("conflict"))
    );
    assert!(
        locked["error"]["message"]
            .as_str()
            .unwrap()
            .contains("change freeze")
    );

    let (status, first) = server
        .post("/v1/services/payments/promote", Some("k-a"), &body)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, busy) = server
        .post("/v1/services/payments/promote", Some("k-b"), &body)
        .await;
    assert_eq!(
        (status, &busy["error"]["code"]),
        (StatusCode::CONFLICT, &json!("conflict"))
    );
    assert!(
        busy["error"]["message"]
            .as_str()
            .unwrap()
            .contains(first["deployment"]["id"].as_str().unwrap())
    );
    let rollback = "/v1/services/payments/environments/prod/rollback";
    assert_eq!(
        server.post(rollback, Some("k-c"), &json!({})).await.0,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn invalid_promotes_are_refused() {
    let server = Server::start().await;
    let path = "/v1/services/payments/promote";
    let cases = [
        (
            json!({"from": "staging", "to": "prod", "revision": "0000000"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"from": "dev", "to": "prod"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (json!({"from": "staging"}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"from": "staging", "to": "qa"}),
            StatusCode::NOT_FOUND,
        ),
    ];
    for (i, (body, want)) in cases.into_iter().enumerate() {
        let (status, reply) = server.post(path, Some(&format!("k-bad-{i}")), &body).await;
        assert_eq!(status, want, "{body}: {reply}");
    }
    let (status, _) = server
        .post("/v1/services/billing/promote", Some("k-x"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An abbreviated revision that staging did run is fine.
    let staging = server.environment("payments", "staging").await["current"]["revision"].clone();
    let short = &staging.as_str().unwrap()[..7];
    let body = json!({"from": "staging", "to": "prod", "revision": short});
    let (status, reply) = server.post(path, Some("k-short"), &body).await;
    assert_eq!(
        (status, &reply["deployment"]["revision"]),
        (StatusCode::ACCEPTED, &staging)
    );
}

#[tokio::test]
async fn promoting_the_bad_revision_fails_and_keeps_the_old_current() {
    let server = Server::start().await;
    let before = server.environment("gateway", "staging").await["current"]["id"].clone();
    let body = json!({"from": "dev", "to": "staging"});
    let (status, created) = server
        .post("/v1/services/gateway/promote", Some("k-bad"), &body)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let d = &created["deployment"];
    assert_eq!(d["version"], "3.6.0");
    let done = server.wait_finished(d["id"].as_str().unwrap()).await;
    assert_eq!(done["state"], "failed");
    assert_eq!(
        server.environment("gateway", "staging").await["current"]["id"],
        before
    );
    let run = d["run_id"].as_str().unwrap();
    assert_eq!(
        server.get(&format!("/v1/runs/{run}")).await.1["status"],
        "failed"
    );
    let (log, _, complete) = server.log(run, "j-2", 0).await;
    assert!(complete && log.contains("\x1b[31merror:\x1b[0m"), "{log}");
}

#[tokio::test]
async fn rollback_defaults_to_the_newest_success_before_current() {
    let server = Server::start().await;
    let current = server.environment("payments", "prod").await["current"].clone();
    let history = server
        .get("/v1/services/payments/environments/prod/deployments?limit=100")
        .await
        .1;
    let history = history["deployments"].as_array().unwrap();
    let at = history
        .iter()
        .position(|d| d["id"] == current["id"])
        .unwrap();
    let expected = history[at + 1..]
        .iter()
        .find(|d| d["state"] == "succeeded")
        .unwrap();

    let path = "/v1/services/payments/environments/prod/rollback";
    let wrong_env = server.environment("payments", "staging").await["current"]["id"].clone();
    for target in [json!("d-9999"), wrong_env, current["id"].clone()] {
        let (status, _) = server
            .post(path, Some("k-wrong"), &json!({"to_deployment": target}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{target}");
    }
    let (status, created) = server
        .post(path, Some("k-rollback"), &json!({"reason": "5xx spike"}))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let d = &created["deployment"];
    assert_eq!(
        (&d["kind"], &d["revision"]),
        (&json!("rollback"), &expected["revision"])
    );
    assert_eq!(
        (&d["rollback_of"], &d["from_environment"]),
        (&current["id"], &Value::Null)
    );
}

#[tokio::test]
async fn cancel_stops_a_deployment_once() {
    let server = Server::start().await;
    let before = server.environment("payments", "prod").await["current"]["id"].clone();
    let body = json!({"from": "staging", "to": "prod"});
    let created = server
        .post("/v1/services/payments/promote", Some("k-cancel"), &body)
        .await
        .1;
    let id = created["deployment"]["id"].as_str().unwrap();
    let path = format!("/v1/deployments/{id}/cancel");
    let (status, cancelled) = server.post(&path, None, &json!({})).await;
    assert_eq!(
        (status, &cancelled["deployment"]["state"]),
        (StatusCode::ACCEPTED, &json!("cancelled"))
    );
    let (status, again) = server.post(&path, None, &json!({})).await;
    assert_eq!(
        (status, &again["error"]["code"]),
        (StatusCode::CONFLICT, &json!("conflict"))
    );
    assert_eq!(
        server.get(&format!("/v1/deployments/{id}")).await.1["state"],
        "cancelled"
    );
    let run = created["deployment"]["run_id"].as_str().unwrap();
    assert_eq!(
        server.get(&format!("/v1/runs/{run}")).await.1["status"],
        "cancelled"
    );
    assert!(server.log(run, "j-1", 0).await.2);
    assert_eq!(
        server.environment("payments", "prod").await["current"]["id"],
        before
    );
    let (status, _) = server
        .post("/v1/deployments/d-9999/cancel", None, &json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
