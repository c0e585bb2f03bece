//! `/user` and the issue endpoints.

use super::support::{STOREFRONT, Server};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

#[tokio::test]
async fn the_user_is_the_tokens_owner() {
    let server = Server::start().await;
    let user = server.ok("/api/v3/user").await;
    assert_eq!(user["login"], "ana-k");
    assert_eq!(user["name"], "Ana Kowalski");
    assert_eq!(user["type"], "User");
    assert!(user["id"].is_u64() && user["node_id"].is_string());
}

#[tokio::test]
async fn issue_lists_hold_pull_requests_and_page_onto_repository_ids() {
    let server = Server::start().await;
    let first = server
        .send(
            Method::GET,
            &format!("{STOREFRONT}/issues?state=all&per_page=5"),
            None,
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body.as_array().unwrap().len(), 5);
    let mut next = first.link("next");
    assert!(
        next.as_deref().is_some_and(
            |n| n.contains("/api/v3/repositories/7001/issues?state=all&per_page=5&page=2")
        ),
        "{next:?}"
    );
    let mut items: Vec<Value> = first.body.as_array().unwrap().clone();
    while let Some(url) = next {
        let page = server.send(Method::GET, &url, None).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        items.extend(page.body.as_array().unwrap().iter().cloned());
        next = page.link("next");
    }
    let numbers: BTreeSet<u64> = items
        .iter()
        .map(|i| i["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers.len(), items.len(), "no issue twice");
    assert!(numbers.contains(&182) && numbers.contains(&214));
    let pulls: BTreeSet<u64> = items
        .iter()
        .filter(|i| i["pull_request"].is_object())
        .map(|i| i["number"].as_u64().unwrap())
        .collect();
    assert_eq!(pulls, BTreeSet::from([216, 219, 220]));
    let created: Vec<&str> = items
        .iter()
        .map(|i| i["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[tokio::test]
async fn issue_lists_filter_like_github() {
    let server = Server::start().await;
    let open = server
        .ok(&format!("{STOREFRONT}/issues?per_page=100"))
        .await;
    assert!(
        open.as_array()
            .unwrap()
            .iter()
            .all(|i| i["state"] == "open")
    );
    let bugs = server
        .ok(&format!(
            "{STOREFRONT}/issues?labels=bug,ops&assignee=ana-k&per_page=100"
        ))
        .await;
    let numbers: Vec<u64> = bugs
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [182]);
    let bad = server
        .send(
            Method::GET,
            &format!("{STOREFRONT}/issues?state=bogus"),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["message"], "Validation Failed");
    assert_eq!(bad.body["errors"][0]["field"], "state");
    let missing = server
        .send(Method::GET, "/api/v3/repos/acme/nope/issues", None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body["message"], "Not Found");
    assert!(
        missing.body["documentation_url"]
            .as_str()
            .unwrap()
            .starts_with("https://docs.github.com/")
    );
}

#[tokio::test]
async fn issues_carry_untrusted_text_as_sent() {
    let server = Server::start().await;
    let hostile = server.ok(&format!("{STOREFRONT}/issues/198")).await;
    let title = hostile["title"].as_str().unwrap();
    assert!(
        title.contains("\u{1b}[2J") && title.contains('\u{7}'),
        "{title:?}"
    );
    let wide = server.ok(&format!("{STOREFRONT}/issues/201")).await;
    assert_eq!(wide["title"], "商品详情页在移动端的价格显示错位");
    assert_eq!(wide["user"]["login"], "wang-fang");
}

#[tokio::test]
async fn patch_closes_relabels_and_reopens() {
    let server = Server::start().await;
    let path = format!("{STOREFRONT}/issues/182");
    let change =
        json!({"state": "closed", "state_reason": "not_planned", "labels": ["bug", "hotfix"]});
    let closed = server.send(Method::PATCH, &path, Some(&change)).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(closed.body["state"], "closed");
    assert_eq!(closed.body["state_reason"], "not_planned");
    assert_eq!(closed.body["closed_by"]["login"], "ana-k");
    let labels: Vec<&str> = closed.body["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["bug", "hotfix"]);
    let read = server.ok(&path).await;
    assert_eq!(read["state"], "closed");
    assert!(read["closed_at"].is_string());
    let reopened = server
        .send(Method::PATCH, &path, Some(&json!({"state": "open"})))
        .await;
    assert_eq!(reopened.body["state_reason"], "reopened");
    assert_eq!(reopened.body["closed_at"], Value::Null);
    let bad = server
        .send(Method::PATCH, &path, Some(&json!({"state": "done"})))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let nobody = server
        .send(
            Method::PATCH,
            &path,
            Some(&json!({"assignees": ["nobody"]})),
        )
        .await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(nobody.body["errors"][0]["field"], "assignees");
}

#[tokio::test]
async fn labels_and_assignees_move_a_card_between_label_columns() {
    let server = Server::start().await;
    let issue = format!("{STOREFRONT}/issues/215");
    let added = server
        .send(
            Method::POST,
            &format!("{issue}/labels"),
            Some(&json!({"labels": ["blocked"]})),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK);
    assert!(
        added
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["name"] == "blocked")
    );
    let removed = server
        .send(Method::DELETE, &format!("{issue}/labels/blocked"), None)
        .await;
    assert_eq!(removed.status, StatusCode::OK);
    assert!(
        !removed
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["name"] == "blocked")
    );
    let gone = server
        .send(Method::DELETE, &format!("{issue}/labels/blocked"), None)
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.body["message"], "Label does not exist");
    let assigned = server
        .send(
            Method::POST,
            &format!("{issue}/assignees"),
            Some(&json!({"assignees": ["priya-r", "nobody"]})),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::CREATED);
    let logins: Vec<&str> = assigned.body["assignees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["login"].as_str().unwrap())
        .collect();
    assert_eq!(logins, ["zoe-o", "priya-r"]);
    let unassigned = server
        .send(
            Method::DELETE,
            &format!("{issue}/assignees"),
            Some(&json!({"assignees": ["zoe-o"]})),
        )
        .await;
    assert_eq!(unassigned.body["assignee"]["login"], "priya-r");
    let broken = server.send(Method::PATCH, &issue, None).await;
    assert_eq!(
        broken.status,
        StatusCode::OK,
        "an empty body changes nothing"
    );
    let missing = server
        .send(Method::GET, &format!("{STOREFRONT}/issues/9999"), None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
