//! Reads: services and environments in the protocol's shape, errors, auth, and paging.

use super::support::{DEPLOYMENT_FIELDS, Server, assert_time};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;

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
    let (status, body) = server.get("/v1/services/payments").await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::NOT_FOUND, &json!("not_found"))
    );
    assert_eq!(
        server.get("/rest/api/3/myself").await.0,
        StatusCode::IM_A_TEAPOT
    );
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
        let mut runs = server
            .collect(&format!("/v1/runs?service={service}"), "runs", 7)
            .await;
        // The firehose demo is a run no deployment made.
        runs.retain(|r| r["id"] != "r-firehose");
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
