//! Searching: both paging styles, field selection, description formats and JQL errors.

use crate::client::{Auth, BOARD_FIELDS, Jira, keys};
use reqwest::StatusCode;
use serde_json::{Value, json};
use shipdeck_sandbox::DEMO_BOARD_ID;
use std::collections::HashSet;

#[tokio::test]
async fn next_page_token_paging_returns_every_issue_once_in_rank_order() {
    let jira = Jira::start().await;
    let (issues, pages) = jira
        .search_all("filter = 10042 ORDER BY Rank ASC", "7")
        .await;
    let (_, everything) = jira
        .get(
            "/rest/api/2/search",
            &[("jql", "project = PLAT"), ("maxResults", "0")],
            Auth::DataCenter,
        )
        .await;
    let total = everything["total"].as_u64().expect("total") as usize;
    assert!(total >= 60);
    assert_eq!(issues.len(), total);
    assert_eq!(pages, total.div_ceil(7));
    let unique: HashSet<_> = keys(&issues).into_iter().collect();
    assert_eq!(unique.len(), total, "no issue twice");
    let ranks: Vec<&str> = issues
        .iter()
        .map(|i| i["fields"]["customfield_10019"].as_str().expect("rank"))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]), "rank order");
}

#[tokio::test]
async fn page_sizes_and_tokens_bound_to_their_query() {
    let jira = Jira::start().await;
    let count = |page: &Value| page["issues"].as_array().map_or(0, Vec::len);
    let first = jira
        .cloud("/rest/api/3/search/jql", &[("jql", "project = PLAT")])
        .await;
    assert_eq!(count(&first), 50, "default page size");
    let big = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", "project = PLAT"), ("maxResults", "500")],
        )
        .await;
    assert!(count(&big) > 50 && count(&big) <= 100);
    let tiny = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", "project = PLAT"), ("maxResults", "0")],
        )
        .await;
    assert_eq!(count(&tiny), 1, "a page always makes progress");
    let token = first["nextPageToken"].as_str().expect("more pages");
    let (status, body) = jira
        .get(
            "/rest/api/3/search/jql",
            &[("jql", "sprint = 7"), ("nextPageToken", token)],
            Auth::Cloud,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = jira
        .get(
            "/rest/api/3/search/jql",
            &[("jql", "ORDER BY Rank")],
            Auth::Cloud,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "unbounded queries are refused"
    );
}

#[tokio::test]
async fn fields_parameter_selects_fields_and_without_it_only_ids_come_back() {
    let jira = Jira::start().await;
    let query = [
        ("jql", "sprint = 7 ORDER BY Rank"),
        ("fields", "summary,status,nonsense"),
        ("maxResults", "5"),
    ];
    let page = jira.cloud("/rest/api/3/search/jql", &query).await;
    for issue in page["issues"].as_array().expect("issues") {
        let names: HashSet<&str> = issue["fields"]
            .as_object()
            .expect("fields")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(names, HashSet::from(["summary", "status"]));
        assert!(
            issue["key"]
                .as_str()
                .is_some_and(|k| k.starts_with("PLAT-"))
        );
    }

    let ids = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", "sprint = 7"), ("maxResults", "5")],
        )
        .await;
    let issues = ids["issues"].as_array().expect("issues");
    assert_eq!(issues.len(), 5);
    for issue in issues {
        assert_eq!(
            issue.as_object().map(|o| o.keys().collect::<Vec<_>>()),
            Some(vec![&"id".to_string()])
        );
        assert!(
            issue["id"]
                .as_str()
                .is_some_and(|id| id.parse::<u64>().is_ok())
        );
    }
}

#[tokio::test]
async fn board_fields_have_the_contract_shapes_on_cloud() {
    let jira = Jira::start().await;
    let jql = "filter = 10042 AND sprint = 7 AND assignee = currentUser() ORDER BY Rank ASC";
    let page = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", jql), ("fields", BOARD_FIELDS)],
        )
        .await;
    let issues = page["issues"].as_array().expect("issues");
    assert!(issues.len() >= 3, "the demo user has cards");
    let myself = jira.cloud("/rest/api/3/myself", &[]).await;
    assert_eq!(myself["emailAddress"], jira.sandbox.demo_user_email());
    for issue in issues {
        let f = &issue["fields"];
        assert_eq!(f["assignee"]["accountId"], myself["accountId"]);
        assert!(f["status"]["statusCategory"]["key"].is_string());
        assert!(
            f["statuscategorychangedate"]
                .as_str()
                .is_some_and(|d| d.ends_with("+0000"))
        );
        let sprints = f["customfield_10020"].as_array().expect("sprint field");
        let current = sprints.last().expect("a sprint");
        assert_eq!(
            (current["id"].as_u64(), current["state"].as_str()),
            (Some(7), Some("active"))
        );
        assert_eq!(current["boardId"], DEMO_BOARD_ID);
        assert!(f["description"].is_null() || f["description"]["type"] == "doc");
    }
}

#[tokio::test]
async fn old_cloud_search_is_gone() {
    let jira = Jira::start().await;
    let (status, body) = jira
        .get(
            "/rest/api/3/search",
            &[("jql", "project = PLAT")],
            Auth::Cloud,
        )
        .await;
    assert_eq!(status, StatusCode::GONE);
    assert!(
        body["errorMessages"][0]
            .as_str()
            .is_some_and(|m| m.contains("/rest/api/3/search/jql"))
    );
    assert_eq!(body["errors"], json!({}));
}

#[tokio::test]
async fn bad_jql_answers_400_naming_the_problem() {
    let jira = Jira::start().await;
    let cases = [
        ("status = Done AND", "field name"),
        ("labels ~ k8s", "operator '~'"),
        ("fixVersion = 1.0", "fixVersion"),
        ("sprint in nextSprints()", "nextSprints"),
        ("status = \"Done", "has not been completed"),
    ];
    for (jql, names) in cases {
        let (status, body) = jira
            .get("/rest/api/3/search/jql", &[("jql", jql)], Auth::Cloud)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{jql}");
        let message = body["errorMessages"][0].as_str().unwrap_or_default();
        assert!(
            message.starts_with("Error in the JQL Query: ") && message.contains(names),
            "{jql}: {message}"
        );
        assert_eq!(body["errors"], json!({}));
    }
    let (status, _) = jira
        .get(
            "/rest/api/2/search",
            &[("jql", "status = ")],
            Auth::DataCenter,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn data_center_search_pages_with_start_at_and_serves_wiki_text() {
    let jira = Jira::start().await;
    let jql = "filter = 10042 ORDER BY Rank ASC";
    let mut seen = Vec::new();
    let mut total = None;
    while total.is_none_or(|t| seen.len() < t) {
        let start = seen.len().to_string();
        let query = [
            ("jql", jql),
            ("fields", BOARD_FIELDS),
            ("startAt", start.as_str()),
            ("maxResults", "25"),
        ];
        let (status, page) = jira
            .get("/rest/api/2/search", &query, Auth::DataCenter)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["startAt"].as_u64(), Some(seen.len() as u64));
        total = page["total"].as_u64().map(|t| t as usize);
        let issues = page["issues"].as_array().expect("issues");
        assert!(!issues.is_empty(), "a page before the end is never empty");
        seen.extend(issues.iter().cloned());
    }
    assert_eq!(
        keys(&seen).into_iter().collect::<HashSet<_>>().len(),
        seen.len()
    );
    let descriptions: Vec<&str> = seen
        .iter()
        .filter_map(|i| i["fields"]["description"].as_str())
        .collect();
    assert!(
        descriptions.len() > seen.len() / 2,
        "descriptions are wiki strings"
    );
    assert!(
        descriptions.iter().any(|d| d.contains("h2. "))
            && descriptions.iter().any(|d| d.contains("{code"))
    );
    let assigned = seen
        .iter()
        .find(|i| i["fields"]["assignee"].is_object())
        .expect("an assignee");
    let user = &assigned["fields"]["assignee"];
    assert!(
        user["name"].is_string()
            && user["displayName"].is_string()
            && user.get("accountId").is_none()
    );
    let info = jira
        .get("/rest/api/2/serverInfo", &[], Auth::DataCenter)
        .await
        .1;
    assert_eq!(info["deploymentType"], "Server");
    assert_eq!(
        jira.cloud("/rest/api/3/serverInfo", &[]).await["deploymentType"],
        "Cloud"
    );
}
