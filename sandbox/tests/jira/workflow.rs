//! Moving issues through the workflow, and the moves it refuses.

use crate::client::{Jira, keys};
use reqwest::StatusCode;
use serde_json::json;

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
