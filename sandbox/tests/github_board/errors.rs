//! GraphQL errors in GitHub's shapes, with HTTP 200 as GitHub sends them.

use super::support::Server;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn errors_come_in_githubs_shapes() {
    let server = Server::start().await;
    let syntax = server
        .graphql("query {\n  viewer {\n    }\n  }\n}", Value::Null)
        .await;
    assert_eq!(
        syntax.body,
        json!({"errors": [{"locations": [{"line": 3, "column": 5}], "message": "Parse error on \"}\" (RCURLY) at [3, 5]"}]})
    );
    let unknown = server
        .graphql(
            "{ organization(login: \"acme\") { projectV2(number: 3) { x } } }",
            Value::Null,
        )
        .await;
    assert!(unknown.body.get("data").is_none());
    let error = &unknown.body["errors"][0];
    assert_eq!(
        error["message"],
        "Field 'x' doesn't exist on type 'ProjectV2'"
    );
    assert_eq!(
        error["extensions"],
        json!({"code": "undefinedField", "typeName": "ProjectV2", "fieldName": "x"})
    );
    let missing = server
        .graphql(
            "query($n: Int!) { organization(login: \"acme\") { projectV2(number: $n) { title } } }",
            json!({"n": 9}),
        )
        .await;
    assert_eq!(
        missing.body["data"],
        json!({"organization": {"projectV2": null}})
    );
    assert_eq!(
        missing.body["errors"][0],
        json!({
            "type": "NOT_FOUND",
            "path": ["organization", "projectV2"],
            "locations": [{"line": 1, "column": 49}],
            "message": "Could not resolve to a ProjectV2 with the number 9.",
        })
    );
    let broken = server.post_text("/api/graphql", "{\"query\": ").await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.body["message"], "Problems parsing JSON");
}

#[tokio::test]
async fn a_token_without_project_scope_is_refused_projects() {
    let server = Server::start().await;
    let query =
        "{ viewer { login } organization(login: \"acme\") { projectV2(number: 3) { title } } }";
    let refused = server
        .graphql_as("sandbox-no-project-scope", query, Value::Null)
        .await;
    assert_eq!(refused.header("x-oauth-scopes"), "repo");
    assert!(refused.body.get("data").is_none());
    let error = &refused.body["errors"][0];
    assert_eq!(error["type"], "INSUFFICIENT_SCOPES");
    assert_eq!(
        error["message"],
        "Your token has not been granted the required scopes to execute this query. The \
         'projectV2' field requires one of the following scopes: ['read:project'], but your \
         token has only been granted the: ['repo'] scopes. Please modify your token's scopes at: \
         https://github.com/settings/tokens."
    );
    let allowed = server.graphql(query, Value::Null).await;
    assert_eq!(
        allowed.body["data"]["organization"]["projectV2"]["title"],
        "Storefront delivery"
    );
    assert!(allowed.header("x-oauth-scopes").contains("project"));
}
