//! A small Jira client for the tests: auth flavours, JSON bodies, and a check that every
//! answer says it is JSON.

use reqwest::{RequestBuilder, StatusCode};
use serde_json::{Value, json};
use shipdeck_sandbox::Sandbox;

pub const BOARD_FIELDS: &str = "summary,status,assignee,labels,description,statuscategorychangedate,customfield_10016,customfield_10020";

pub enum Auth {
    Cloud,
    DataCenter,
    None,
}

pub struct Jira {
    pub sandbox: Sandbox,
    http: reqwest::Client,
}

impl Jira {
    pub async fn start() -> Jira {
        let sandbox = Sandbox::start(0).await.expect("sandbox starts");
        Jira {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    pub fn request(&self, method: reqwest::Method, path: &str, auth: Auth) -> RequestBuilder {
        let request = self
            .http
            .request(method, format!("{}{path}", self.sandbox.url()))
            .header("Accept", "application/json");
        match auth {
            Auth::Cloud => request.basic_auth(self.sandbox.demo_user_email(), Some("api-token")),
            Auth::DataCenter => request.bearer_auth("personal-access-token"),
            Auth::None => request,
        }
    }

    pub async fn send(request: RequestBuilder) -> (StatusCode, Value) {
        let response = request.send().await.expect("sandbox answers");
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        assert!(
            content_type
                .as_deref()
                .is_some_and(|t| t.starts_with("application/json")),
            "content type {content_type:?} for {status}"
        );
        let bytes = response.bytes().await.expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).expect("JSON body")
        };
        (status, body)
    }

    pub async fn get(&self, path: &str, query: &[(&str, &str)], auth: Auth) -> (StatusCode, Value) {
        Self::send(self.request(reqwest::Method::GET, path, auth).query(query)).await
    }

    pub async fn cloud(&self, path: &str, query: &[(&str, &str)]) -> Value {
        let (status, body) = self.get(path, query, Auth::Cloud).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body
    }

    pub async fn post_transition(&self, key: &str, id: &str) -> (StatusCode, Value) {
        let path = format!("/rest/api/3/issue/{key}/transitions");
        Self::send(
            self.request(reqwest::Method::POST, &path, Auth::Cloud)
                .json(&json!({ "transition": { "id": id } })),
        )
        .await
    }

    /// Keys and fields of every issue `jql` selects, following nextPageToken.
    pub async fn search_all(&self, jql: &str, page_size: &str) -> (Vec<Value>, usize) {
        let mut issues = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut query = vec![
                ("jql", jql),
                ("fields", "summary,status,customfield_10019"),
                ("maxResults", page_size),
            ];
            if let Some(token) = &token {
                query.push(("nextPageToken", token));
            }
            let page = self.cloud("/rest/api/3/search/jql", &query).await;
            pages += 1;
            issues.extend(page["issues"].as_array().expect("issues").iter().cloned());
            match page["nextPageToken"].as_str() {
                Some(next) => {
                    assert_eq!(page["isLast"], false);
                    token = Some(next.to_string());
                }
                None => {
                    assert_eq!(page["isLast"], true);
                    return (issues, pages);
                }
            }
        }
    }

    pub async fn first_key(&self, jql: &str) -> String {
        let page = self
            .cloud(
                "/rest/api/3/search/jql",
                &[("jql", jql), ("fields", "summary")],
            )
            .await;
        page["issues"][0]["key"]
            .as_str()
            .unwrap_or_else(|| panic!("no issue for {jql}"))
            .to_string()
    }
}

pub fn keys(issues: &[Value]) -> Vec<String> {
    issues
        .iter()
        .map(|i| i["key"].as_str().expect("key").to_string())
        .collect()
}
