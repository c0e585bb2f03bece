//! What every GitHub response goes through: auth, the rate limit, ETags, the API version.

use crate::support::{STOREFRONT, Server, start_instant};
use reqwest::StatusCode;

#[tokio::test]
async fn requests_without_a_token_get_githubs_401() {
    let server = Server::start().await;
    let url = server.url(&format!("{STOREFRONT}/actions/runs"));
    let reply = Server::reply(server.bare.get(&url).send().await.unwrap()).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["message"], "Requires authentication");
    assert_eq!(
        reply.body["documentation_url"],
        "https://docs.github.com/rest"
    );
    let basic = server.bare.get(&url).header("authorization", "Basic YTpi");
    let reply = Server::reply(basic.send().await.unwrap()).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["message"], "Bad credentials");
    let token = server.bare.get(&url).header("authorization", "token abc");
    assert_eq!(token.send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn every_response_reports_the_budget_and_spends_one() {
    let server = Server::start().await;
    let first = server.get(&format!("{STOREFRONT}/environments")).await;
    assert_eq!(first.header("x-ratelimit-limit"), "5000");
    assert_eq!(first.header("x-ratelimit-resource"), "core");
    let remaining = |reply: &crate::support::Reply| -> u64 {
        reply.header("x-ratelimit-remaining").parse().unwrap()
    };
    assert_eq!(remaining(&first), 4999);
    assert_eq!(first.header("x-ratelimit-used"), "1");
    let reset: i64 = first.header("x-ratelimit-reset").parse().unwrap();
    assert_eq!(reset, start_instant().timestamp() + 3600);
    // Errors cost as much as answers.
    let missing = server.get(&format!("{STOREFRONT}/environments/qa")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(remaining(&missing), 4998);
    server.advance(3600);
    let next_hour = server.get(&format!("{STOREFRONT}/environments")).await;
    assert_eq!(remaining(&next_hour), 4999);
}

#[tokio::test]
async fn a_matching_etag_gets_an_empty_304_that_costs_nothing() {
    let server = Server::start().await;
    let path = server.url(&format!("{STOREFRONT}/actions/runs?per_page=5"));
    let first = server.get(&path).await;
    let etag = first.header("etag").to_string();
    assert!(etag.starts_with("W/\"") && etag.len() > 20, "{etag}");
    let spent = first.header("x-ratelimit-remaining").to_string();

    let again = server.http.get(&path).header("if-none-match", &etag);
    let again = again.send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()["etag"], etag.as_str());
    assert_eq!(again.headers()["x-ratelimit-remaining"], spent.as_str());
    assert_eq!(again.bytes().await.unwrap().len(), 0);

    // The live run moves on, so the list changes and the old tag no longer matches.
    server.advance(60);
    let changed = server.http.get(&path).header("if-none-match", &etag);
    let changed = Server::reply(changed.send().await.unwrap()).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.header("etag"), etag);
    let left: u64 = changed.header("x-ratelimit-remaining").parse().unwrap();
    assert_eq!(left + 1, spent.parse::<u64>().unwrap());
}

#[tokio::test]
async fn the_exhausted_token_is_refused_until_the_reset() {
    let server = Server::start().await;
    let url = server.url(&format!("{STOREFRONT}/actions/runs"));
    let request = server.bare.get(&url).bearer_auth("sandbox-exhausted");
    let reply = Server::reply(request.send().await.unwrap()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.header("x-ratelimit-remaining"), "0");
    let reset: i64 = reply.header("x-ratelimit-reset").parse().unwrap();
    assert_eq!(reset, start_instant().timestamp() + 60);
    let message = reply.body["message"].as_str().unwrap();
    assert!(message.starts_with("API rate limit exceeded"), "{message}");
}

#[tokio::test]
async fn other_api_versions_are_refused() {
    let server = Server::start().await;
    let url = server.url(&format!("{STOREFRONT}/actions/runs"));
    let request = server
        .http
        .get(&url)
        .header("x-github-api-version", "2099-01-01");
    let reply = Server::reply(request.send().await.unwrap()).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body["message"]
            .as_str()
            .unwrap()
            .contains("\"2099-01-01\"")
    );
    let without = server.bare.get(&url).bearer_auth("t").send().await.unwrap();
    assert_eq!(without.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_paths_and_methods_are_githubs_404() {
    let server = Server::start().await;
    for path in [
        "/api/v3/repos/acme/nope/actions/runs",
        "/api/v3/nothing/here",
    ] {
        let reply = server.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.body["message"], "Not Found");
    }
    let delete = server
        .http
        .delete(server.url(&format!("{STOREFRONT}/environments")));
    assert_eq!(delete.send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let run = server.get(&format!("{STOREFRONT}/actions/runs/12")).await;
    assert_eq!(run.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_sandbox_serves_github_beside_jira_and_the_deploy_protocol() {
    let sandbox = shipdeck_sandbox::Sandbox::start(0).await.unwrap();
    let http = reqwest::Client::new();
    let api = sandbox.github_api_url();
    assert!(api.ends_with("/api/v3"));
    let runs = http
        .get(format!("{api}/repos/acme/storefront/actions/runs"))
        .bearer_auth(shipdeck_sandbox::DEMO_GITHUB_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(runs.status(), StatusCode::OK);
    let protocol = http
        .get(format!("{}/v1/services", sandbox.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(protocol.status(), StatusCode::OK);
    let jira = http
        .get(format!("{}/rest/api/3/myself", sandbox.url()))
        .basic_auth(sandbox.demo_user_email(), Some("token"))
        .send()
        .await
        .unwrap();
    assert_eq!(jira.status(), StatusCode::OK);
}
