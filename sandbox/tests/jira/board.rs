//! Auth, the board, its configuration and sprints, and what is not there.

use crate::client::{Auth, Jira};
use reqwest::StatusCode;
use serde_json::{Value, json};
use shipdeck_sandbox::DEMO_BOARD_ID;

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
