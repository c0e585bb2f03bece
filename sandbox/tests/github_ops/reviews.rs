//! Deployments held for production's reviewers: listed, approved, rejected.

use crate::support::{STOREFRONT, Server};
use reqwest::StatusCode;
use serde_json::json;

/// Promotes what staging runs to production, which waits for a reviewer.
async fn held_promotion(server: &Server) -> (u64, String) {
    let sha = server.running("staging").await;
    let run = server.dispatch("production", &sha).await;
    let body = server.run(STOREFRONT, run).await;
    assert_eq!(body["status"], "waiting");
    (run, sha)
}

fn pending_path(run: u64) -> String {
    format!("{STOREFRONT}/actions/runs/{run}/pending_deployments")
}

#[tokio::test]
async fn production_waits_for_a_reviewer_and_deploys_once_approved() {
    let server = Server::start().await;
    let (run, sha) = held_promotion(&server).await;
    server.advance(600);
    assert_eq!(
        server.run(STOREFRONT, run).await["status"],
        "waiting",
        "it waits for ever"
    );
    let pending = server.ok(&pending_path(run)).await;
    let pending = pending.as_array().unwrap();
    assert_eq!(pending.len(), 1);
    let held = &pending[0];
    assert_eq!(held["environment"]["name"], "production");
    assert_eq!(held["wait_timer"], 5);
    assert_eq!(held["current_user_can_approve"], true);
    let reviewers: Vec<&str> = held["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reviewer"]["login"].as_str().unwrap())
        .collect();
    assert_eq!(reviewers, ["ana-k", "marcus-b"]);
    let deployment = server.deployments("production").await[0].clone();
    assert_eq!(deployment["sha"], sha.as_str());
    assert_eq!(server.states(&deployment).await, ["queued"]);
    let job = &server.jobs(STOREFRONT, run).await[0];
    assert_eq!(job["status"], "waiting");

    let env_id = held["environment"]["id"].as_u64().unwrap();
    let wrong = json!({ "environment_ids": [env_id + 1], "state": "approved", "comment": "" });
    assert_eq!(
        server.post(&pending_path(run), &wrong).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let no_comment = json!({ "environment_ids": [env_id], "state": "approved" });
    assert_eq!(
        server.post(&pending_path(run), &no_comment).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let approve = json!({ "environment_ids": [env_id], "state": "approved", "comment": "Ship it" });
    let reply = server.post(&pending_path(run), &approve).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body[0]["id"], deployment["id"]);
    assert_eq!(server.ok(&pending_path(run)).await, json!([]));
    server.advance(20);
    assert_eq!(server.run(STOREFRONT, run).await["conclusion"], "success");
    assert_eq!(server.states(&deployment).await[0], "success");
    assert_eq!(server.running("production").await, sha);
}

#[tokio::test]
async fn a_rejected_deployment_fails_its_run() {
    let server = Server::start().await;
    let (run, _) = held_promotion(&server).await;
    let env_id = server.ok(&pending_path(run)).await[0]["environment"]["id"].clone();
    let reject =
        json!({ "environment_ids": [env_id], "state": "rejected", "comment": "Not on a Friday" });
    assert_eq!(
        server.post(&pending_path(run), &reject).await.status,
        StatusCode::OK
    );
    let body = server.run(STOREFRONT, run).await;
    assert_eq!(
        (body["status"].as_str(), body["conclusion"].as_str()),
        (Some("completed"), Some("failure"))
    );
    let deployment = server.deployments("production").await[0].clone();
    let statuses = server
        .ok(deployment["statuses_url"].as_str().unwrap())
        .await;
    assert_eq!(statuses[0]["state"], "failure");
    assert_eq!(
        statuses[0]["description"],
        "Rejected by ana-k: Not on a Friday"
    );
    // A decided run has nothing left to review.
    let again = server.post(&pending_path(run), &reject).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}
