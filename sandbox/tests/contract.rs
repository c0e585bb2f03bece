//! The sandbox against docs/deploy-protocol.md: every answer it gives has the shape of the
//! document's example for that endpoint (keys and value kinds, all the way down), it takes the
//! document's request bodies, and its log stream uses the document's events and fields. The
//! client side of the same examples is src/providers/deploy/contract.rs.

#[path = "contract/doc.rs"]
mod doc;
#[path = "deploy/support.rs"]
#[allow(dead_code)] // shared support: this crate uses the server and its plain calls only
mod support;

use doc::{blocks, example, same_shape, sse_fields};
use reqwest::StatusCode;
use serde_json::Value;
use support::Server;

/// Every JSON example of the document; each must be one these tests check.
const CHECKED: [&str; 12] = [
    "json error",
    "json response GET /v1/services",
    "json response GET /v1/services/{service}/environments",
    "json response GET /v1/deployments/{id}",
    "json response GET /v1/services/{service}/environments/{env}/deployments",
    "json request POST /v1/services/{service}/promote",
    "json response POST /v1/services/{service}/promote",
    "json request POST /v1/services/{service}/environments/{env}/rollback",
    "json response POST /v1/services/{service}/environments/{env}/rollback",
    "json response POST /v1/deployments/{id}/cancel",
    "json response GET /v1/runs",
    "json response GET /v1/runs/{id}",
];

fn check(label: &str, real: &Value) {
    same_shape("$", &example(label), real).unwrap_or_else(|e| panic!("{label}: {e}"));
}

async fn get(server: &Server, label: &str, path: &str) -> Value {
    let (status, body) = server.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    check(label, &body);
    body
}

#[test]
fn every_json_example_is_checked() {
    let mut found: Vec<String> = blocks()
        .into_iter()
        .map(|(info, _)| info)
        .filter(|info| info.starts_with("json"))
        .collect();
    found.sort();
    let mut checked = CHECKED.map(String::from).to_vec();
    checked.sort();
    assert_eq!(found, checked);
}

#[tokio::test]
async fn reads_answer_as_the_document_shows() {
    let server = Server::start().await;
    get(&server, CHECKED[1], "/v1/services").await;
    get(&server, CHECKED[2], "/v1/services/payments/environments").await;
    let path = "/v1/services/payments/environments/prod/deployments?limit=5";
    let page = get(&server, CHECKED[4], path).await;
    let id = page["deployments"][0]["id"].as_str().unwrap();
    get(&server, CHECKED[3], &format!("/v1/deployments/{id}")).await;
    let runs = get(&server, CHECKED[10], "/v1/runs?service=payments&limit=5").await;
    let id = runs["runs"][0]["id"].as_str().unwrap();
    get(&server, CHECKED[11], &format!("/v1/runs/{id}")).await;
}

#[tokio::test]
async fn writes_take_the_documents_requests_and_answer_as_it_shows() {
    let server = Server::start().await;
    let staging = server.environment("payments", "staging").await;
    let mut promote = example(CHECKED[5]);
    promote["revision"] = staging["current"]["revision"].clone();
    let path = "/v1/services/payments/promote";
    let (status, made) = server.post(path, Some("contract-promote"), &promote).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{made}");
    check(CHECKED[6], &made);

    let id = made["deployment"]["id"].as_str().unwrap();
    let cancel = format!("/v1/deployments/{id}/cancel");
    let (status, cancelled) = server
        .post(&cancel, Some("contract-cancel"), &Value::Null)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{cancelled}");
    check(CHECKED[9], &cancelled);

    // An earlier success of gateway's prod to go back to.
    let history = "/v1/services/gateway/environments/prod/deployments?limit=20";
    let (_, page) = server.get(history).await;
    let earlier = page["deployments"].as_array().unwrap()[1..]
        .iter()
        .find(|d| d["state"] == "succeeded")
        .expect("an earlier success");
    let mut rollback = example(CHECKED[7]);
    rollback["to_deployment"] = earlier["id"].clone();
    let path = "/v1/services/gateway/environments/prod/rollback";
    let (status, made) = server
        .post(path, Some("contract-rollback"), &rollback)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{made}");
    check(CHECKED[8], &made);

    // ledger's prod is locked: the refusal is the document's error body.
    let mut locked = example(CHECKED[5]);
    let ledger = server.environment("ledger", "staging").await;
    locked["revision"] = ledger["current"]["revision"].clone();
    let path = "/v1/services/ledger/promote";
    let (status, refused) = server.post(path, Some("contract-locked"), &locked).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    check(CHECKED[0], &refused);
}

#[tokio::test]
async fn the_log_stream_has_the_documents_events_and_fields() {
    let server = Server::start().await;
    let (_, runs) = server.get("/v1/runs?service=payments&limit=20").await;
    let run = runs["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "succeeded")
        .expect("a finished run");
    let (id, job) = (&run["id"], &run["jobs"][0]["id"]);
    let url = format!(
        "{}/v1/runs/{}/jobs/{}/log/stream?offset=0",
        server.base,
        id.as_str().unwrap(),
        job.as_str().unwrap()
    );
    let streamed = server
        .http
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let label = "sse response GET /v1/runs/{id}/jobs/{job}/log/stream";
    let (_, shown) = blocks()
        .into_iter()
        .find(|(info, _)| info == label)
        .expect("the stream example");
    assert_eq!(sse_fields(&streamed), sse_fields(&shown), "{streamed}");
}
