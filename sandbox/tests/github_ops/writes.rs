//! Dispatching the deploy workflow, reviewing held deployments, cancelling and re-running.

use crate::support::{STOREFRONT, Server};
use reqwest::StatusCode;
use serde_json::{Value, json};

const DISPATCHES: &str = "/api/v3/repos/acme/storefront/actions/workflows/deploy.yml/dispatches";

#[tokio::test]
async fn dispatch_answers_run_details_or_no_content() {
    let server = Server::start().await;
    let sha = server.running("production").await;
    let reply = server
        .post(
            DISPATCHES,
            &json!({ "ref": "main", "inputs": { "environment": "staging", "ref": sha },
                     "return_run_details": true }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id = reply.body["workflow_run_id"].as_u64().unwrap();
    let html = format!("https://github.example/acme/storefront/actions/runs/{id}");
    assert_eq!(reply.body["html_url"], html);
    let run = server.ok(reply.body["run_url"].as_str().unwrap()).await;
    assert_eq!(run["id"], id);
    assert_eq!(run["event"], "workflow_dispatch");
    assert_eq!(run["status"], "queued");
    assert_eq!(run["actor"]["login"], "ana-k");
    assert_eq!(
        run["display_title"],
        format!("Deploy {} to staging", &sha[..7])
    );

    let quiet = server
        .post(
            DISPATCHES,
            &json!({ "ref": "main", "inputs": { "environment": "staging", "ref": sha } }),
        )
        .await;
    assert_eq!(quiet.status, StatusCode::NO_CONTENT);
    assert_eq!(quiet.body, Value::String(String::new()));
    let runs = server
        .ok(&format!("{STOREFRONT}/actions/workflows/deploy.yml/runs"))
        .await;
    assert_eq!(runs["total_count"], 21);
}

#[tokio::test]
async fn dispatch_refuses_what_github_refuses() {
    let server = Server::start().await;
    let sha = server.running("staging").await;
    let inputs = json!({ "environment": "staging", "ref": sha });
    let cases = [
        (
            "nope.yml",
            json!({ "ref": "main", "inputs": inputs }),
            404,
            "Not Found",
        ),
        (
            "ci.yml",
            json!({ "ref": "main" }),
            422,
            "Workflow does not have 'workflow_dispatch' trigger",
        ),
        (
            "deploy.yml",
            json!({ "inputs": inputs }),
            422,
            "\"ref\" wasn't supplied",
        ),
        (
            "deploy.yml",
            json!({ "ref": "nope", "inputs": inputs }),
            422,
            "No ref found for: nope",
        ),
        (
            "deploy.yml",
            json!({ "ref": "main" }),
            422,
            "Required input 'environment' not provided",
        ),
        (
            "deploy.yml",
            json!({ "ref": "main", "inputs": { "environment": "staging" } }),
            422,
            "Required input 'ref' not provided",
        ),
        (
            "deploy.yml",
            json!({ "ref": "main", "inputs": { "environment": "qa", "ref": sha } }),
            422,
            "not in the list of allowed values",
        ),
        (
            "deploy.yml",
            json!({ "ref": "main", "inputs": { "environment": "staging", "ref": "v1" } }),
            422,
            "commit sha",
        ),
        (
            "deploy.yml",
            json!({ "ref": "main", "inputs": { "environment": "staging", "ref": sha,
            "force": "yes" } }),
            422,
            "Unexpected inputs provided: [\"force\"]",
        ),
    ];
    for (workflow, body, status, message) in cases {
        let path = format!("{STOREFRONT}/actions/workflows/{workflow}/dispatches");
        let reply = server.post(&path, &body).await;
        assert_eq!(reply.status.as_u16(), status, "{body}: {}", reply.body);
        let said = reply.body["message"].as_str().unwrap();
        assert!(said.contains(message), "{body}: {said}");
        assert!(reply.body["documentation_url"].is_string());
    }
    let garbage = server.http.post(server.url(DISPATCHES)).body("{not json");
    let reply = Server::reply(garbage.send().await.unwrap()).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.body["message"], "Problems parsing JSON");
}

#[tokio::test]
async fn a_staging_deploy_goes_queued_in_progress_success_and_supersedes_the_last() {
    let server = Server::start().await;
    let before = server.deployments("staging").await;
    let sha = server.running("production").await;
    let run = server.dispatch("staging", &sha).await;
    let deployment = server.deployments("staging").await[0].clone();
    assert_eq!(deployment["sha"], sha.as_str());
    assert_eq!(deployment["ref"], sha.as_str());
    assert_eq!(server.states(&deployment).await, ["queued"]);
    server.advance(5);
    assert_eq!(server.states(&deployment).await, ["in_progress", "queued"]);
    assert_eq!(server.run(STOREFRONT, run).await["status"], "in_progress");
    server.advance(15);
    assert_eq!(
        server.states(&deployment).await,
        ["success", "in_progress", "queued"]
    );
    let finished = server.run(STOREFRONT, run).await;
    assert_eq!(finished["conclusion"], "success");
    assert_eq!(server.states(&before[0]).await[0], "inactive");
    assert_eq!(server.running("staging").await, sha);
}

#[tokio::test]
async fn the_bad_release_fails_its_smoke_test() {
    let server = Server::start().await;
    let deployments = server.deployments("staging").await;
    let bad = deployments
        .iter()
        .find(|d| d["sha"].as_str().unwrap().starts_with("deadbeef"))
        .unwrap();
    let run = server
        .dispatch("staging", bad["sha"].as_str().unwrap())
        .await;
    server.advance(30);
    assert_eq!(server.run(STOREFRONT, run).await["conclusion"], "failure");
    let job = &server.jobs(STOREFRONT, run).await[0];
    let failed: Vec<&Value> = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["conclusion"] == "failure")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["name"], "Smoke test");
    let newest = server.deployments("staging").await[0].clone();
    assert_eq!(server.states(&newest).await[0], "failure");
}

#[tokio::test]
async fn cancel_is_accepted_while_running_and_a_conflict_once_done() {
    let server = Server::start().await;
    let body = server
        .ok(&format!("{STOREFRONT}/actions/runs?status=in_progress"))
        .await;
    let run = body["workflow_runs"][0]["id"].as_u64().unwrap();
    let path = format!("{STOREFRONT}/actions/runs/{run}/cancel");
    let reply = server.post(&path, &json!({})).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(reply.body, json!({}));
    let cancelled = server.run(STOREFRONT, run).await;
    assert_eq!(cancelled["conclusion"], "cancelled");
    let reply = server.post(&path, &json!({})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(
        reply.body["message"],
        "Cannot cancel a workflow run that is completed."
    );
    server.advance(60);
    assert_eq!(
        server.run(STOREFRONT, run).await["conclusion"],
        "cancelled",
        "it stays cancelled"
    );
}

#[tokio::test]
async fn rerunning_failed_jobs_starts_a_second_attempt_of_just_those() {
    let server = Server::start().await;
    let body = server
        .ok(&format!(
            "{STOREFRONT}/actions/runs?status=failure&event=push"
        ))
        .await;
    let run = body["workflow_runs"][0]["id"].as_u64().unwrap();
    let before = server.jobs(STOREFRONT, run).await;
    let failed = before
        .iter()
        .find(|j| j["conclusion"] == "failure")
        .unwrap()["name"]
        .clone();

    let path = format!("{STOREFRONT}/actions/runs/{run}/rerun-failed-jobs");
    let reply = server.post(&path, &json!({})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body, json!({}));
    let again = server.run(STOREFRONT, run).await;
    assert_eq!(again["run_attempt"], 2);
    assert_eq!(
        again["status"], "in_progress",
        "the passed jobs count as done"
    );
    assert!(
        again["previous_attempt_url"]
            .as_str()
            .unwrap()
            .ends_with("/attempts/1")
    );
    let latest = server.jobs(STOREFRONT, run).await;
    assert_eq!(latest.len(), before.len());
    for job in &latest {
        let attempt = if job["name"] == failed { 2 } else { 1 };
        assert_eq!(job["run_attempt"], attempt, "{}", job["name"]);
    }
    let all = server
        .ok(&format!("{STOREFRONT}/actions/runs/{run}/jobs?filter=all"))
        .await;
    assert_eq!(all["total_count"], before.len() + 1);
    let refused = server.post(&path, &json!({})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "it is running again");

    server.advance(300);
    assert_eq!(server.run(STOREFRONT, run).await["conclusion"], "success");
}
