use super::support::{TOKEN, client};
use serde::Deserialize;
use shipdeck::providers::ProviderError;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    number: u64,
}

fn items(range: std::ops::Range<u64>) -> serde_json::Value {
    range.map(|n| serde_json::json!({ "number": n })).collect()
}

#[tokio::test]
async fn lists_follow_link_next_even_onto_repository_id_paths() {
    let server = MockServer::start().await;
    let next = format!(
        "<{0}/api/v3/repositories/7001/issues?state=open&per_page=2&page=2>; rel=\"next\", <{0}/api/v3/repositories/7001/issues?state=open&per_page=2&page=2>; rel=\"last\"",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/payments/issues"))
        .and(query_param("per_page", "2"))
        .and(header("accept", "application/vnd.github+json"))
        .and(header("x-github-api-version", "2022-11-28"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(items(1..3))
                .insert_header("link", next.as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repositories/7001/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(items(3..4)))
        .expect(1)
        .mount(&server)
        .await;
    let got: Vec<Item> = client(&server)
        .get_list(
            "/repos/acme/payments/issues",
            &[("state", "open"), ("per_page", "2")],
            100,
        )
        .await
        .unwrap();
    assert_eq!(got.iter().map(|i| i.number).collect::<Vec<_>>(), [1, 2, 3]);
}

#[tokio::test]
async fn paging_stops_at_the_limit() {
    let server = MockServer::start().await;
    let next = format!("<{}/api/v3/x?page=2>; rel=\"next\"", server.uri());
    Mock::given(path("/api/v3/x"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(items(1..4))
                .insert_header("link", next.as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let got: Vec<Item> = client(&server).get_list("/x", &[], 2).await.unwrap();
    assert_eq!(got.len(), 2);
}

#[tokio::test]
async fn a_page_link_to_another_host_is_not_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(path("/api/v3/x"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(items(1..2))
                .insert_header(
                    "link",
                    format!("<{}/steal?page=2>; rel=\"next\"", elsewhere.uri()).as_str(),
                ),
        )
        .mount(&server)
        .await;
    Mock::given(path("/steal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(items(2..3)))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let err = client(&server)
        .get_list::<Item>("/x", &[], 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Decode { message, .. } if message.contains("another host")),
        "{err:?}"
    );
}

#[tokio::test]
async fn wrapped_lists_are_taken_apart_by_the_caller() {
    #[derive(Deserialize)]
    struct Runs {
        workflow_runs: Vec<Item>,
    }
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/repos/acme/payments/actions/runs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "total_count": 2, "workflow_runs": items(10..12)
        })))
        .mount(&server)
        .await;
    let got = client(&server)
        .get_list_in(
            "/repos/acme/payments/actions/runs",
            &[("per_page", "30")],
            30,
            |page: Runs| page.workflow_runs,
        )
        .await
        .unwrap();
    assert_eq!(got, [Item { number: 10 }, Item { number: 11 }]);
}

#[tokio::test]
async fn a_second_get_sends_the_etag_and_a_304_answers_from_memory() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/repos/acme/payments"))
        .and(header("if-none-match", "W/\"abc\""))
        .respond_with(ResponseTemplate::new(304))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/repos/acme/payments"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "number": 7 }))
                .insert_header("etag", "W/\"abc\""),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let first: Item = client.get("/repos/acme/payments", &[]).await.unwrap();
    let second: Item = client.get("/repos/acme/payments", &[]).await.unwrap();
    assert_eq!(first, second);
}

#[tokio::test]
async fn errors_carry_githubs_words_and_never_the_token() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/repos/acme/nope"))
        .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({
            "message": "Not Found",
            "documentation_url": "https://docs.github.com/rest/repos/repos#get-a-repository"
        })))
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/user"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "message": "Bad credentials"
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .get::<Item>("/repos/acme/nope", &[])
        .await
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound(_)), "{err:?}");
    assert!(err.to_string().contains("Not Found"), "{err}");
    let err = client.get::<Item>("/user", &[]).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("GITHUB_TOKEN") && !text.contains(TOKEN),
        "{text}"
    );
}
