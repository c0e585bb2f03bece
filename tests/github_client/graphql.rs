use super::support::{TOKEN, client};
use serde::Deserialize;
use shipdeck::providers::ProviderError;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize)]
struct Viewer {
    viewer: Login,
}

#[derive(Debug, Deserialize)]
struct Login {
    login: String,
}

async fn answer(body: serde_json::Value) -> Result<Viewer, ProviderError> {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_partial_json(serde_json::json!({
            "query": "query { viewer { login } }",
            "variables": { "n": 3 }
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .graphql("query { viewer { login } }", serde_json::json!({ "n": 3 }))
        .await
}

#[tokio::test]
async fn data_is_decoded() {
    let viewer = answer(serde_json::json!({ "data": { "viewer": { "login": "ana-k" } } }))
        .await
        .unwrap();
    assert_eq!(viewer.viewer.login, "ana-k");
}

#[tokio::test]
async fn missing_scopes_say_which_scope() {
    let err = answer(serde_json::json!({
        "data": null,
        "errors": [{
            "type": "INSUFFICIENT_SCOPES",
            "locations": [{ "line": 1, "column": 9 }],
            "message": "Your token has not been granted the required scopes to execute this query. The 'projectV2' field requires one of the following scopes: ['read:project'], but your token has only been granted the: ['repo'] scopes."
        }]
    }))
    .await
    .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ProviderError::Forbidden(_)), "{err:?}");
    assert!(
        text.contains("read:project") && text.contains("GitHub acme"),
        "{text}"
    );
}

#[tokio::test]
async fn not_found_and_other_errors_arrive_with_http_200() {
    let err = answer(serde_json::json!({
        "data": { "organization": { "projectV2": null } },
        "errors": [{
            "type": "NOT_FOUND",
            "path": ["organization", "projectV2"],
            "message": "Could not resolve to a ProjectV2 with the number 9."
        }]
    }))
    .await
    .unwrap_err();
    assert!(
        matches!(&err, ProviderError::NotFound(t) if t.contains("number 9")),
        "{err:?}"
    );
    let err = answer(serde_json::json!({
        "errors": [{
            "message": "Field 'nope' doesn't exist on type 'Query'",
            "extensions": { "code": "undefinedField", "typeName": "Query", "fieldName": "nope" }
        }]
    }))
    .await
    .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Rejected(t) if t.contains("doesn't exist on type 'Query'")),
        "{err:?}"
    );
}

#[tokio::test]
async fn data_of_the_wrong_shape_names_where() {
    let err = answer(serde_json::json!({ "data": { "viewer": { "login": 5 } } }))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Decode { message, .. } if message.contains("viewer.login")),
        "{err:?}"
    );
}
