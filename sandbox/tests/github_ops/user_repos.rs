//! `GET /user/repos`: the viewer's repositories, sorted and paged as GitHub does, and its
//! refusals.

use crate::support::Server;
use reqwest::StatusCode;
use serde_json::Value;

fn full_names(repos: &[Value]) -> Vec<&str> {
    repos
        .iter()
        .map(|r| r["full_name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_viewers_repositories_page_by_link_in_name_order() {
    let server = Server::start().await;
    let repos = server.collect("/api/v3/user/repos", None, 1).await;
    assert_eq!(full_names(&repos), ["acme/search", "acme/storefront"]);
    assert_eq!(repos[1]["owner"]["login"], "acme");
    assert_eq!(repos[1]["permissions"]["push"], true);
    let first = server.get("/api/v3/user/repos?per_page=1").await;
    let next = first.link("next").unwrap();
    assert!(next.starts_with(&server.base), "absolute: {next}");
    let desc = server
        .ok("/api/v3/user/repos?sort=full_name&direction=desc")
        .await;
    assert_eq!(
        full_names(desc.as_array().unwrap()),
        ["acme/storefront", "acme/search"]
    );
    let owned = server.ok("/api/v3/user/repos?affiliation=owner").await;
    assert_eq!(owned, Value::Array(Vec::new()), "the viewer owns none");
    let public = server.ok("/api/v3/user/repos?visibility=public").await;
    assert_eq!(public, Value::Array(Vec::new()), "all are private");
}

#[tokio::test]
async fn type_with_visibility_and_unknown_values_are_refused() {
    let server = Server::start().await;
    for query in [
        "type=all&visibility=private",
        "sort=stars",
        "affiliation=friend",
    ] {
        let reply = server.get(&format!("/api/v3/user/repos?{query}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(reply.body["message"].is_string(), "{}", reply.body);
    }
}
