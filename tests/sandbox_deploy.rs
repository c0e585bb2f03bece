//! The deploy-protocol sandbox over real HTTP on loopback: shapes, paging, writes with
//! Idempotency-Keys, deployments that progress on their own, logs by offset and over SSE.

#[path = "sandbox_deploy/support.rs"]
mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;
use support::{Server, log_lines, sse_events};

const DEPLOYMENT_FIELDS: [&str; 15] = [
    "id",
    "service",
    "environment",
    "revision",
    "version",
    "kind",
    "state",
    "from_environment",
    "rollback_of",
    "created_at",
    "finished_at",
    "by",
    "reason",
    "run_id",
    "changes",
];

fn assert_time(value: &Value) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {value}"));
    assert!(text.ends_with('Z'), "{text} is not UTC");
    chrono::DateTime::parse_from_rfc3339(text).unwrap();
}

#[tokio::test]
async fn services_and_environments_have_the_protocol_shape() {
    let server = Server::start().await;
    let (status, body) = server.get("/v1/services").await;
    assert_eq!(status, StatusCode::OK);
    let services = body["services"].as_array().unwrap();
    assert!(services.len() >= 3);
    let mut healths = HashSet::new();
    for service in services {
        let name = service["name"].as_str().unwrap();
        assert_eq!(service["environments"], json!(["dev", "staging", "prod"]));
        assert_eq!(service["repo"], format!("acme/{name}"));
        let (status, body) = server
            .get(&format!("/v1/services/{name}/environments"))
            .await;
        assert_eq!(status, StatusCode::OK);
        for env in body["environments"].as_array().unwrap() {
            assert_eq!(env["protected"], env["name"] == "prod");
            healths.insert(env["health"].as_str().unwrap().to_string());
            let current = env["current"].as_object().unwrap();
            for field in DEPLOYMENT_FIELDS {
                assert!(
                    current.contains_key(field),
                    "{name}/{}: no {field}",
                    env["name"]
                );
            }
            assert_eq!(current["state"], "succeeded");
            assert_time(&current["created_at"]);
            assert_time(&current["finished_at"]);
        }
    }
    assert!(
        healths.contains("healthy") && healths.contains("degraded"),
        "{healths:?}"
    );
    let lock = &server.environment("ledger", "prod").await["lock"];
    assert_eq!(lock["by"], "zoe");
    assert!(lock["reason"].as_str().unwrap().contains("freeze"));
    assert_time(&lock["until"]);
}

#[tokio::test]
async fn errors_and_auth_follow_the_protocol() {
    let server = Server::start().await;
    let (status, body) = server.get("/v1/services/billing/environments").await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::NOT_FOUND, &json!("not_found"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("billing")
    );
    let (status, _) = server
        .get("/v1/services/payments/environments/qa/deployments")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = server.get("/v1/runs?limit=zero").await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("invalid"))
    );

    let url = format!("{}/v1/services", server.base);
    let bearer = server
        .http
        .get(&url)
        .bearer_auth("any-token")
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), StatusCode::OK);
    let basic = server
        .http
        .get(&url)
        .basic_auth("ana", Some("pw"))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    let body: Value = basic.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn history_paging_covers_every_deployment_once_newest_first() {
    let server = Server::start().await;
    for service in ["payments", "ledger", "gateway"] {
        let mut total = 0;
        for env in ["dev", "staging", "prod"] {
            let path = format!("/v1/services/{service}/environments/{env}/deployments");
            let all = server.get(&format!("{path}?limit=100")).await.1;
            assert_eq!(all["next_cursor"], Value::Null);
            let all = all["deployments"].as_array().unwrap().clone();
            let paged = server.collect(&path, "deployments", 4).await;
            assert_eq!(paged, all, "{path}");
            let ids: HashSet<&str> = paged.iter().map(|d| d["id"].as_str().unwrap()).collect();
            assert_eq!(ids.len(), paged.len());
            for pair in paged.windows(2) {
                assert!(pair[0]["created_at"].as_str() >= pair[1]["created_at"].as_str());
            }
            assert!(
                paged
                    .iter()
                    .all(|d| d["environment"] == env && d["service"] == service)
            );
            let first = server.get(&path).await.1;
            assert_eq!(
                first["deployments"].as_array().unwrap().len(),
                all.len().min(20)
            );
            total += paged.len();
        }
        assert!(total >= 15, "{service} has {total}");
        let runs = server
            .collect(&format!("/v1/runs?service={service}"), "runs", 7)
            .await;
        assert_eq!(runs.len(), total);
        assert!(
            runs.iter()
                .all(|r| r["service"] == service && !r["jobs"].as_array().unwrap().is_empty())
        );
    }
    let (status, body) = server.get("/v1/runs?cursor=d-1001").await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("invalid"))
    );
}

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

#[tokio::test]
async fn log_by_offset_reads_every_byte_once() {
    let server = Server::start().await;
    let body = json!({"from": "staging", "to": "prod"});
    let created = server
        .post("/v1/services/gateway/promote", Some("k-log"), &body)
        .await
        .1;
    let run = created["deployment"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    // The deploy job waits for the verify job, so it cannot be complete yet.
    let (_, _, complete) = server.log(&run, "j-2", 0).await;
    assert!(!complete);
    for job in ["j-1", "j-2"] {
        let mut read = String::new();
        let mut calls = 0;
        loop {
            let (chunk, size, complete) = server.log(&run, job, read.len()).await;
            read.push_str(&chunk);
            assert!(read.len() <= size);
            calls += 1;
            if complete {
                assert_eq!(read.len(), size);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
        let (whole, _, _) = server.log(&run, job, 0).await;
        assert_eq!(read, whole, "{job} after {calls} reads");
        assert!(whole.contains("\x1b[1m▶ "), "{whole}");
        // The rollout redraws its progress line with carriage returns.
        assert_eq!(whole.contains('\r'), job == "j-2", "{whole}");
        assert_eq!(server.log(&run, job, whole.len()).await.0, "");
        let (status, _) = server
            .get(&format!(
                "/v1/runs/{run}/jobs/{job}/log?offset={}",
                whole.len() + 1
            ))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (status, _) = server.get(&format!("/v1/runs/{run}/jobs/j-9/log")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn log_stream_resumes_without_loss_or_duplication() {
    let server = Server::start().await;
    let body = json!({"from": "staging", "to": "prod"});
    let created = server
        .post("/v1/services/payments/promote", Some("k-sse"), &body)
        .await
        .1;
    let run = created["deployment"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    let url = format!("{}/v1/runs/{run}/jobs/j-1/log/stream", server.base);

    let first = server.http.get(&url).send().await.unwrap();
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let head = sse_events(first, 2).await;
    assert!(head.iter().all(|e| e.event == "chunk"));
    let resume = head.last().unwrap().id.clone();
    let rest = sse_events(
        server
            .http
            .get(&url)
            .header("Last-Event-ID", &resume)
            .send()
            .await
            .unwrap(),
        usize::MAX,
    )
    .await;
    let end = rest.last().unwrap();
    assert_eq!(
        (end.event.as_str(), end.data.as_str()),
        ("end", "succeeded")
    );

    let (log, size, _) = server.log(&run, "j-1", 0).await;
    let streamed: Vec<String> = head
        .iter()
        .chain(&rest)
        .filter(|e| e.event == "chunk")
        .flat_map(|e| e.data.lines().map(String::from).collect::<Vec<_>>())
        .collect();
    assert_eq!(streamed, log_lines(&log));
    assert_eq!(end.id, size.to_string());

    // `?offset=` resumes the same way, from any line boundary of the finished log.
    let middle = log.match_indices('\n').nth(3).unwrap().0 + 1;
    let tail = sse_events(
        server
            .http
            .get(format!("{url}?offset={middle}"))
            .send()
            .await
            .unwrap(),
        usize::MAX,
    )
    .await;
    let tail_lines: Vec<String> = tail
        .iter()
        .filter(|e| e.event == "chunk")
        .flat_map(|e| e.data.lines().map(String::from).collect::<Vec<_>>())
        .collect();
    assert_eq!(tail_lines, log_lines(&log[middle..]));
}
