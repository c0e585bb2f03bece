//! Moving cards: the transition is picked by target status, and refusals keep Jira's words.

use super::support::*;
use shipdeck::domain::{Column, IssueKey, StatusId};
use shipdeck::providers::{IssueTracker, ProviderError};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn column(name: &str, statuses: &[&str]) -> Column {
    let statuses = statuses.iter().map(|s| StatusId(s.to_string())).collect();
    Column {
        name: name.into(),
        statuses,
        min: None,
        max: None,
    }
}

async fn transitions(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/rest/api/3/issue/PLAT-101/transitions"))
        .respond_with(json(fixture!("transitions.json")))
        .mount(server)
        .await;
}

#[tokio::test]
async fn transition_is_chosen_by_target_status_not_name() {
    let server = MockServer::start().await;
    transitions(&server).await;
    Mock::given(method("POST"))
        .and(path("/rest/api/3/issue/PLAT-101/transitions"))
        .and(body_json(serde_json::json!({"transition": {"id": "21"}})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let jira = cloud(&server);
    let key = IssueKey("PLAT-101".into());

    jira.move_issue(&key, &column("In Progress", &["3"]))
        .await
        .unwrap();
    let err = jira
        .move_issue(&key, &column("Blocked", &[]))
        .await
        .unwrap_err();

    let expected = "Jira offers no transition that takes PLAT-101 into Blocked";
    assert_eq!(err, ProviderError::Rejected(expected.into()));
}

#[tokio::test]
async fn refused_transition_surfaces_jira_text() {
    let server = MockServer::start().await;
    transitions(&server).await;
    let refusal = r#"{"errorMessages":["Assign the issue before starting work."],"errors":{"assignee":"Assignee is required."}}"#;
    Mock::given(method("POST"))
        .and(path("/rest/api/3/issue/PLAT-101/transitions"))
        .and(body_json(serde_json::json!({"transition": {"id": "31"}})))
        .respond_with(status(400, refusal))
        .expect(1)
        .mount(&server)
        .await;
    let review = column("Code Review", &["10100", "10101"]);
    let err = cloud(&server)
        .move_issue(&IssueKey("PLAT-101".into()), &review)
        .await
        .unwrap_err();
    let text = "Assign the issue before starting work.; Assignee is required.";
    assert_eq!(err, ProviderError::Rejected(text.into()));
}
