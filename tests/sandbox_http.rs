//! The sandbox over real HTTP on loopback, spoken to the way the Jira provider speaks.

use reqwest::{RequestBuilder, StatusCode};
use serde_json::{Value, json};
use shipdeck::sandbox::{DEMO_BOARD_ID, Sandbox};
use std::collections::HashSet;

const BOARD_FIELDS: &str = "summary,status,assignee,labels,description,statuscategorychangedate,customfield_10016,customfield_10020";

enum Auth {
    Cloud,
    DataCenter,
    None,
}

struct Jira {
    sandbox: Sandbox,
    http: reqwest::Client,
}

impl Jira {
    async fn start() -> Jira {
        let sandbox = Sandbox::start(0).await.expect("sandbox starts");
        Jira {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    fn request(&self, method: reqwest::Method, path: &str, auth: Auth) -> RequestBuilder {
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

    async fn send(request: RequestBuilder) -> (StatusCode, Value) {
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

    async fn get(&self, path: &str, query: &[(&str, &str)], auth: Auth) -> (StatusCode, Value) {
        Self::send(self.request(reqwest::Method::GET, path, auth).query(query)).await
    }

    async fn cloud(&self, path: &str, query: &[(&str, &str)]) -> Value {
        let (status, body) = self.get(path, query, Auth::Cloud).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body
    }

    async fn post_transition(&self, key: &str, id: &str) -> (StatusCode, Value) {
        let path = format!("/rest/api/3/issue/{key}/transitions");
        Self::send(
            self.request(reqwest::Method::POST, &path, Auth::Cloud)
                .json(&json!({ "transition": { "id": id } })),
        )
        .await
    }

    /// Keys and fields of every issue `jql` selects, following nextPageToken.
    async fn search_all(&self, jql: &str, page_size: &str) -> (Vec<Value>, usize) {
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

    async fn first_key(&self, jql: &str) -> String {
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

fn keys(issues: &[Value]) -> Vec<String> {
    issues
        .iter()
        .map(|i| i["key"].as_str().expect("key").to_string())
        .collect()
}

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
async fn requests_without_credentials_are_refused() {
    let jira = Jira::start().await;
    for path in [
        "/rest/api/3/myself",
        "/rest/agile/1.0/board/42",
        "/rest/api/3/search/jql",
    ] {
        let (status, body) = jira.get(path, &[], Auth::None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(body["errorMessages"][0].is_string());
    }
    let odd = jira
        .request(reqwest::Method::GET, "/rest/api/3/myself", Auth::None)
        .header("Authorization", "Token abc");
    assert_eq!(Jira::send(odd).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn board_configuration_maps_several_statuses_and_wip_limits() {
    let jira = Jira::start().await;
    let board = jira.cloud("/rest/agile/1.0/board/42", &[]).await;
    assert_eq!(
        (board["id"].as_u64(), board["type"].as_str()),
        (Some(DEMO_BOARD_ID), Some("scrum"))
    );
    let config = jira
        .cloud("/rest/agile/1.0/board/42/configuration", &[])
        .await;
    assert_eq!(config["filter"]["id"], "10042");
    assert_eq!(config["columnConfig"]["constraintType"], "issueCount");
    let columns = config["columnConfig"]["columns"]
        .as_array()
        .expect("columns");
    assert_eq!(columns.len(), 7);
    let column = |name: &str| {
        columns
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    let review = column("Code Review");
    let ids: Vec<&str> = review["statuses"]
        .as_array()
        .expect("statuses")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["10002", "10003"]);
    assert_eq!(review["max"], 3);
    assert_eq!(column("In Progress")["max"], 4);
    assert_eq!(column("Ready to Deploy")["min"], 2);
    let to_do = column("To Do");
    assert!(
        to_do.get("min").is_none() && to_do.get("max").is_none(),
        "unset limits are absent"
    );
    let fields = jira.cloud("/rest/api/3/field", &[]).await;
    let sprint = fields
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["schema"]["custom"] == "com.pyxis.greenhopper.jira:gh-sprint");
    assert_eq!(
        sprint.map(|f| f["id"].clone()),
        Some(json!("customfield_10020"))
    );
}

#[tokio::test]
async fn sprints_filter_by_state_and_page() {
    let jira = Jira::start().await;
    let open = jira
        .cloud(
            "/rest/agile/1.0/board/42/sprint",
            &[("state", "active,future")],
        )
        .await;
    let values = open["values"].as_array().expect("values");
    let found: Vec<(u64, &str)> = values
        .iter()
        .map(|s| {
            (
                s["id"].as_u64().unwrap_or(0),
                s["state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(found, [(7, "active"), (8, "future")]);
    assert!(values[0]["startDate"].is_string() && values[0]["goal"].is_string());
    assert_eq!(open["isLast"], true);
    let first = jira
        .cloud("/rest/agile/1.0/board/42/sprint", &[("maxResults", "1")])
        .await;
    assert_eq!(
        (first["values"].as_array().map(Vec::len), &first["isLast"]),
        (Some(1), &json!(false))
    );
    let (status, _) = jira
        .get(
            "/rest/agile/1.0/board/42/sprint",
            &[("state", "someday")],
            Auth::Cloud,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_boards_and_issues_are_404() {
    let jira = Jira::start().await;
    let (status, body) = jira
        .get("/rest/agile/1.0/board/99/configuration", &[], Auth::Cloud)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["errorMessages"][0],
        "Board 99 does not exist or you do not have permission to see it."
    );
    let (status, _) = jira
        .get("/rest/api/3/issue/PLAT-9999", &[], Auth::Cloud)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = jira.post_transition("PLAT-9999", "21").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_transition_by_id_moves_the_issue_and_later_searches_see_it() {
    let jira = Jira::start().await;
    let key = jira
        .first_key("sprint = 7 AND status = \"To Do\" AND assignee is not EMPTY ORDER BY Rank")
        .await;
    let before = jira
        .cloud(
            &format!("/rest/api/3/issue/{key}"),
            &[("fields", "status,statuscategorychangedate")],
        )
        .await;
    let offered = jira
        .cloud(&format!("/rest/api/3/issue/{key}/transitions"), &[])
        .await;
    let to_review = offered["transitions"]
        .as_array()
        .expect("transitions")
        .iter()
        .find(|t| t["to"]["id"] == "10002")
        .expect("a transition into In Review");
    assert_ne!(
        to_review["name"], to_review["to"]["name"],
        "transition names differ from status names"
    );
    let (status, body) = jira
        .post_transition(&key, to_review["id"].as_str().expect("id"))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(body.is_null());

    let jql = format!("key = {key}");
    let after = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", &jql), ("fields", "status,statuscategorychangedate")],
        )
        .await;
    let fields = &after["issues"][0]["fields"];
    assert_eq!(fields["status"]["id"], "10002");
    assert_ne!(
        fields["statuscategorychangedate"],
        before["fields"]["statuscategorychangedate"]
    );
    let in_review = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", "status = \"In Review\""), ("fields", "summary")],
        )
        .await;
    assert!(keys(in_review["issues"].as_array().expect("issues")).contains(&key));
}

#[tokio::test]
async fn starting_work_on_an_unassigned_issue_is_refused() {
    let jira = Jira::start().await;
    let key = jira
        .first_key("sprint = 7 AND status = \"To Do\" AND assignee is EMPTY")
        .await;
    let (status, body) = jira.post_transition(&key, "21").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({ "errorMessages": ["Assign the issue before starting work."], "errors": {} })
    );
    let issue = jira
        .cloud(&format!("/rest/api/3/issue/{key}"), &[("fields", "status")])
        .await;
    assert_eq!(issue["fields"]["status"]["id"], "10001", "status unchanged");
}

#[tokio::test]
async fn resolved_issues_only_offer_reopen() {
    let jira = Jira::start().await;
    let key = jira.first_key("status = Done").await;
    let offered = jira
        .cloud(&format!("/rest/api/3/issue/{key}/transitions"), &[])
        .await;
    let names: Vec<&str> = offered["transitions"]
        .as_array()
        .expect("transitions")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(names, ["Reopen"]);
    let (status, body) = jira.post_transition(&key, "21").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["errorMessages"][0],
        "Transition id '21' is not valid for this issue."
    );
    assert_eq!(
        jira.post_transition(&key, "91").await.0,
        StatusCode::NO_CONTENT
    );
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

#[tokio::test]
async fn agile_sprint_issues_page_in_rank_order() {
    let jira = Jira::start().await;
    let path = "/rest/agile/1.0/board/42/sprint/7/issue";
    let first = jira
        .cloud(
            path,
            &[
                ("maxResults", "10"),
                ("fields", "summary,customfield_10019"),
            ],
        )
        .await;
    let total = first["total"].as_u64().expect("total");
    assert!((38..=42).contains(&total));
    let second = jira
        .cloud(
            path,
            &[
                ("maxResults", "10"),
                ("startAt", "10"),
                ("fields", "summary,customfield_10019"),
            ],
        )
        .await;
    let rank = |page: &Value, i: usize| {
        page["issues"][i]["fields"]["customfield_10019"]
            .as_str()
            .map(String::from)
    };
    assert!(rank(&first, 9) < rank(&second, 0));
    let mine = jira
        .cloud(path, &[("jql", "assignee = currentUser()")])
        .await;
    assert!(mine["issues"].as_array().is_some_and(|i| !i.is_empty()));
    assert!(
        mine["issues"][0]["fields"]["description"].is_string(),
        "the Agile API serves wiki text"
    );
    let (status, _) = jira
        .get("/rest/agile/1.0/board/42/sprint/99/issue", &[], Auth::Cloud)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
