//! The Projects v2 GraphQL server: a board read the way a client reads it, paging, the
//! move mutation, and GitHub's error shapes.

use super::support::Server;
use serde_json::{Value, json};

const BOARD: &str = r#"
query Board($owner: String!, $number: Int!, $cursor: String) {
  repositoryOwner(login: $owner) {
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        ...Project
        items(first: 20, after: $cursor) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...Card }
        }
      }
    }
  }
  rateLimit { cost remaining }
}

fragment Project on ProjectV2 {
  id title number url
  fields(first: 30) {
    nodes {
      __typename
      ... on ProjectV2FieldCommon { id name dataType }
      ... on ProjectV2SingleSelectField { options { id name color } }
      ... on ProjectV2IterationField {
        configuration {
          duration startDay
          iterations { id title startDate duration }
          completedIterations { id title startDate duration }
        }
      }
    }
  }
}

fragment Card on ProjectV2Item {
  id type isArchived updatedAt
  fieldValues(first: 20) {
    nodes {
      __typename
      ... on ProjectV2ItemFieldSingleSelectValue { name optionId field { ... on ProjectV2FieldCommon { name } } }
      ... on ProjectV2ItemFieldIterationValue { iterationId title startDate duration }
      ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { name } } }
    }
  }
  content {
    __typename
    ... on Issue {
      number title url state stateReason
      assignees(first: 10) { nodes { login name } }
      labels(first: 20) { nodes { name color } }
      repository { nameWithOwner }
    }
    ... on PullRequest { number title isDraft merged repository { nameWithOwner } }
    ... on DraftIssue { id title assignees(first: 10) { nodes { login } } creator { login } }
  }
}
"#;

async fn board(server: &Server, cursor: Value) -> Value {
    let reply = server
        .graphql(
            BOARD,
            json!({"owner": "acme", "number": 3, "cursor": cursor}),
        )
        .await;
    assert!(reply.body["errors"].is_null(), "{}", reply.body);
    reply.body["data"].clone()
}

fn status_of(card: &Value) -> Option<&str> {
    card["fieldValues"]["nodes"]
        .as_array()?
        .iter()
        .find(|v| v["__typename"] == "ProjectV2ItemFieldSingleSelectValue")?["name"]
        .as_str()
}

#[tokio::test]
async fn a_board_query_reads_columns_sprints_and_every_card() {
    let server = Server::start().await;
    let data = board(&server, Value::Null).await;
    let project = &data["repositoryOwner"]["projectV2"];
    assert_eq!(project["title"], "Storefront delivery");
    let fields = project["fields"]["nodes"].as_array().unwrap();
    let status = fields.iter().find(|f| f["name"] == "Status").unwrap();
    let columns: Vec<&str> = status["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        columns,
        ["Backlog", "Todo", "In progress", "In review", "Done"]
    );
    let ids: Vec<&str> = status["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.iter()
            .all(|id| id.len() == 8 && id.bytes().all(|b| b.is_ascii_hexdigit()))
    );
    let sprint = fields
        .iter()
        .find(|f| f["__typename"] == "ProjectV2IterationField")
        .unwrap();
    let config = &sprint["configuration"];
    assert_eq!(config["duration"], 14);
    assert_eq!(
        config["iterations"].as_array().unwrap().len(),
        2,
        "current and next"
    );
    assert_eq!(config["completedIterations"].as_array().unwrap().len(), 3);

    let mut cards: Vec<Value> = Vec::new();
    let mut cursor = Value::Null;
    loop {
        let data = board(&server, cursor).await;
        let items = &data["repositoryOwner"]["projectV2"]["items"];
        cards.extend(items["nodes"].as_array().unwrap().iter().cloned());
        if items["pageInfo"]["hasNextPage"] != true {
            assert_eq!(cards.len() as u64, items["totalCount"].as_u64().unwrap());
            break;
        }
        cursor = items["pageInfo"]["endCursor"].clone();
    }
    assert!(cards.len() > 30, "{} cards", cards.len());
    let in_progress = cards
        .iter()
        .filter(|c| status_of(c) == Some("In progress"))
        .count();
    assert_eq!(in_progress, 5);
    let kinds: Vec<&str> = cards.iter().map(|c| c["type"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "DRAFT_ISSUE").count(), 2);
    assert!(kinds.contains(&"PULL_REQUEST") && kinds.contains(&"ISSUE"));
    let first = cards
        .iter()
        .find(|c| c["content"]["number"] == 182)
        .unwrap();
    assert_eq!(
        first["content"]["repository"]["nameWithOwner"],
        "acme/storefront"
    );
    assert_eq!(
        first["content"]["assignees"]["nodes"][0],
        json!({"login": "ana-k", "name": "Ana Kowalski"})
    );
    let values = first["fieldValues"]["nodes"].as_array().unwrap();
    assert!(
        values
            .iter()
            .any(|v| v["__typename"] == "ProjectV2ItemFieldIterationValue" && v["duration"] == 14)
    );
    assert!(
        values
            .iter()
            .any(|v| v["number"] == 5.0 && v["field"]["name"] == "Estimate")
    );
}

#[tokio::test]
async fn the_move_mutation_changes_the_status_a_read_then_shows() {
    let server = Server::start().await;
    let data = board(&server, Value::Null).await;
    let project = &data["repositoryOwner"]["projectV2"];
    let status = project["fields"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Status")
        .unwrap();
    let done = status["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Done")
        .unwrap();
    let card = project["items"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| status_of(c) == Some("Todo"))
        .unwrap();
    let mutation = r#"mutation Move($project: ID!, $item: ID!, $field: ID!, $option: String!) {
      updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field,
          value: {singleSelectOptionId: $option}, clientMutationId: "shipdeck"}) {
        clientMutationId
        projectV2Item { id updatedAt fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name } } }
      }
    }"#;
    let vars = |option: &Value| json!({"project": project["id"], "item": card["id"], "field": status["id"], "option": option});
    let moved = server.graphql(mutation, vars(&done["id"])).await;
    let payload = &moved.body["data"]["updateProjectV2ItemFieldValue"];
    assert_eq!(payload["clientMutationId"], "shipdeck");
    assert_eq!(payload["projectV2Item"]["fieldValueByName"]["name"], "Done");
    let again = board(&server, Value::Null).await;
    let cards = again["repositoryOwner"]["projectV2"]["items"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    let reread = cards.iter().find(|c| c["id"] == card["id"]).unwrap();
    assert_eq!(status_of(reread), Some("Done"));
    assert_eq!(reread["updatedAt"], payload["projectV2Item"]["updatedAt"]);
    let wrong = server.graphql(mutation, vars(&json!("0badbeef"))).await;
    assert_eq!(
        wrong.body["data"]["updateProjectV2ItemFieldValue"],
        Value::Null
    );
    assert_eq!(
        wrong.body["errors"][0]["message"],
        "The single select option Id does not belong to the field"
    );
    assert_eq!(
        wrong.body["errors"][0]["path"],
        json!(["updateProjectV2ItemFieldValue"])
    );
}
