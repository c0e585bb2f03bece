//! The list of boards: Jira's paging and filters, and boards other than the demo's that load
//! empty.

use crate::client::{Auth, Jira};
use reqwest::StatusCode;
use serde_json::Value;
use shipdeck_sandbox::DEMO_BOARD_ID;

fn names(page: &Value) -> Vec<String> {
    page["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|b| b["name"].as_str().expect("name").to_string())
        .collect()
}

#[tokio::test]
async fn boards_page_fifty_at_a_time_with_total_and_is_last() {
    let jira = Jira::start().await;
    let first = jira.cloud("/rest/agile/1.0/board", &[]).await;
    assert_eq!(
        (&first["startAt"], &first["maxResults"], &first["isLast"]),
        (&Value::from(0), &Value::from(50), &Value::from(false))
    );
    let total = first["total"].as_u64().expect("total");
    assert!(total > 50, "more than one page: {total}");
    assert_eq!(names(&first).len(), 50);
    let second = jira
        .cloud(
            "/rest/agile/1.0/board",
            &[("startAt", "50"), ("maxResults", "500")],
        )
        .await;
    assert_eq!(second["maxResults"], 50, "capped at 50");
    assert_eq!(second["isLast"], true);
    assert_eq!(names(&second).len() as u64, total - 50);
    let demo = first["values"]
        .as_array()
        .expect("values")
        .iter()
        .find(|b| b["id"] == DEMO_BOARD_ID)
        .expect("the demo board on the first page");
    assert_eq!(demo["type"], "scrum");
    assert_eq!(demo["location"]["projectKey"], "PLAT");
    assert_eq!(demo["location"]["displayName"], "Platform (PLAT)");
    let url = jira.sandbox.url();
    assert_eq!(
        demo["self"],
        format!("{url}/rest/agile/1.0/board/{DEMO_BOARD_ID}")
    );
}

#[tokio::test]
async fn boards_filter_by_name_type_and_project() {
    let jira = Jira::start().await;
    let found = jira
        .cloud("/rest/agile/1.0/board", &[("name", "PLATFORM")])
        .await;
    assert_eq!(
        names(&found),
        [
            "Platform delivery",
            "Platform kanban",
            "Platform bug triage",
            "Platform Team board",
            "Platform roadmap"
        ]
    );
    assert_eq!(
        (&found["total"], &found["isLast"]),
        (&5.into(), &true.into())
    );
    let kanban = jira
        .cloud(
            "/rest/agile/1.0/board",
            &[("type", "kanban"), ("name", "pay")],
        )
        .await;
    assert_eq!(names(&kanban), ["Payments kanban", "Payments bug triage"]);
    let project = jira
        .cloud("/rest/agile/1.0/board", &[("projectKeyOrId", "10003")])
        .await;
    assert_eq!(project["total"], 4);
    let none = jira
        .cloud("/rest/agile/1.0/board", &[("name", "no such board")])
        .await;
    assert_eq!((&none["total"], &none["isLast"]), (&0.into(), &true.into()));
    for query in [("type", "agile"), ("projectKeyOrId", "NOPE")] {
        let (status, body) = jira
            .get("/rest/agile/1.0/board", &[query], Auth::Cloud)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query:?}");
        assert!(body["errorMessages"][0].is_string());
    }
}

#[tokio::test]
async fn other_boards_load_empty_and_kanban_boards_have_no_sprints() {
    let jira = Jira::start().await;
    let listed = jira
        .cloud("/rest/agile/1.0/board", &[("name", "payments kanban")])
        .await;
    let id = listed["values"][0]["id"].as_u64().expect("id").to_string();
    let board = jira
        .cloud(&format!("/rest/agile/1.0/board/{id}"), &[])
        .await;
    assert_eq!(board["name"], "Payments kanban");
    let config = jira
        .cloud(&format!("/rest/agile/1.0/board/{id}/configuration"), &[])
        .await;
    let columns: Vec<&str> = config["columnConfig"]["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(columns, ["To Do", "In Progress", "Done"]);
    let filter = config["filter"]["id"].as_str().expect("filter id");
    let search = jira
        .cloud(
            "/rest/api/3/search/jql",
            &[("jql", &format!("filter = {filter} ORDER BY Rank ASC"))],
        )
        .await;
    assert_eq!(search["issues"].as_array().map(Vec::len), Some(0));
    let (status, _) = jira
        .get(
            &format!("/rest/agile/1.0/board/{id}/sprint"),
            &[],
            Auth::Cloud,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = jira
        .get("/rest/agile/1.0/board/999", &[], Auth::Cloud)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
