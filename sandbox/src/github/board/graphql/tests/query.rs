//! Reading and writing: the shapes a client asks for come back as asked.

use super::{ALL, ask, ask_on, board, now};
use crate::github::board::graphql::run;
use serde_json::{Value, json};
use std::collections::BTreeSet;

#[test]
fn aliases_and_typename_shape_the_answer_in_selection_order() {
    let answer = ask(
        "{ me: viewer { who: login __typename name } org: organization(login: \"acme\") { __typename login } }",
        Value::Null,
    );
    assert_eq!(answer["errors"], Value::Null, "{answer}");
    assert_eq!(
        answer["data"]["me"],
        json!({"who": "ana-k", "__typename": "User", "name": "Ana Kowalski"})
    );
    assert_eq!(answer["data"]["org"]["__typename"], "Organization");
    let text = serde_json::to_string(&run::run(
        &mut board(),
        &json!({"query": "{ z: viewer { login } a: viewer { name login } }"}),
        ALL,
        now(),
    ))
    .unwrap();
    assert_eq!(
        text,
        r#"{"data":{"z":{"login":"ana-k"},"a":{"name":"Ana Kowalski","login":"ana-k"}}}"#
    );
}

pub(super) const BOARD_QUERY: &str = r#"
query Board($owner: String!, $number: Int!, $cursor: String, $first: Int = 50) {
  repositoryOwner(login: $owner) {
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        id title
        status: field(name: "Status") { ...FieldBits }
        fields(first: 20) { nodes { ...FieldBits } }
        items(first: $first, after: $cursor) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...ItemBits }
        }
      }
    }
  }
}
fragment FieldBits on ProjectV2FieldConfiguration {
  __typename
  ... on ProjectV2FieldCommon { id name dataType }
  ... on ProjectV2SingleSelectField { options { id name } }
  ... on ProjectV2IterationField { configuration { iterations { id title startDate } } }
}
fragment ItemBits on ProjectV2Item {
  id type
  status: fieldValueByName(name: "Status") {
    ... on ProjectV2ItemFieldSingleSelectValue { name optionId }
  }
  fieldValues(first: 20) {
    nodes {
      __typename
      ... on ProjectV2ItemFieldIterationValue { title iterationId field { ... on ProjectV2FieldCommon { name } } }
      ... on ProjectV2ItemFieldNumberValue { number }
    }
  }
  content {
    __typename
    ... on Issue { number title repository { nameWithOwner } assignees(first: 10) { nodes { login } } }
    ... on PullRequest { number isDraft }
    ... on DraftIssue { title }
  }
}
"#;

#[test]
fn named_and_inline_fragments_on_unions_and_interfaces() {
    let answer = ask(
        BOARD_QUERY,
        json!({"owner": "acme", "number": 3, "first": 100}),
    );
    assert_eq!(answer["errors"], Value::Null, "{answer}");
    let project = &answer["data"]["repositoryOwner"]["projectV2"];
    let options: Vec<&str> = project["status"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        options,
        ["Backlog", "Todo", "In progress", "In review", "Done"]
    );
    assert_eq!(
        project["status"]["__typename"],
        "ProjectV2SingleSelectField"
    );
    let kinds: BTreeSet<&str> = project["fields"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["__typename"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    let items = project["items"]["nodes"].as_array().unwrap();
    assert_eq!(
        items.len(),
        project["items"]["totalCount"].as_u64().unwrap() as usize
    );
    let in_progress = items
        .iter()
        .filter(|i| i["status"]["name"] == "In progress")
        .count();
    assert_eq!(in_progress, 5);
    let draft = items.iter().find(|i| i["type"] == "DRAFT_ISSUE").unwrap();
    assert_eq!(draft["content"]["__typename"], "DraftIssue");
    assert_eq!(
        draft["content"].as_object().unwrap().len(),
        2,
        "only DraftIssue's fields"
    );
    let sprint = items
        .iter()
        .flat_map(|i| i["fieldValues"]["nodes"].as_array().unwrap())
        .find(|v| v["__typename"] == "ProjectV2ItemFieldIterationValue")
        .unwrap();
    assert_eq!(sprint["field"]["name"], "Iteration");
}

#[test]
fn variables_page_through_items_with_cursors() {
    let vars = |cursor: Value| json!({"owner": "acme", "number": 3, "first": 10, "cursor": cursor});
    let first = ask(BOARD_QUERY, vars(Value::Null));
    let page = &first["data"]["repositoryOwner"]["projectV2"]["items"];
    assert_eq!(page["nodes"].as_array().unwrap().len(), 10);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let second = ask(BOARD_QUERY, vars(page["pageInfo"]["endCursor"].clone()));
    let next = &second["data"]["repositoryOwner"]["projectV2"]["items"]["nodes"];
    assert_ne!(next[0]["id"], page["nodes"][9]["id"]);
    let total = page["totalCount"].as_u64().unwrap() as usize;
    let mut seen = 0;
    let mut cursor = Value::Null;
    loop {
        let answer = ask(BOARD_QUERY, vars(cursor));
        let items = &answer["data"]["repositoryOwner"]["projectV2"]["items"];
        seen += items["nodes"].as_array().unwrap().len();
        if items["pageInfo"]["hasNextPage"] != true {
            break;
        }
        cursor = items["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, total);
}

#[test]
fn skip_and_include_follow_their_conditions() {
    let answer = ask(
        "query($yes: Boolean!) { viewer { login @include(if: $yes) name @skip(if: $yes) } }",
        json!({"yes": true}),
    );
    assert_eq!(answer["data"]["viewer"], json!({"login": "ana-k"}));
}

#[test]
fn the_mutation_moves_an_item_and_a_read_shows_it() {
    let mut board = board();
    let lookup = "{ organization(login: \"acme\") { projectV2(number: 3) { id
        field(name: \"Status\") { ... on ProjectV2SingleSelectField { id options { id name } } }
        items(first: 1) { nodes { id updatedAt status: fieldValueByName(name: \"Status\") { ... on ProjectV2ItemFieldSingleSelectValue { name } } } } } } }";
    let before = ask_on(&mut board, lookup, Value::Null, ALL);
    let project = &before["data"]["organization"]["projectV2"];
    let item = &project["items"]["nodes"][0];
    assert_eq!(item["status"]["name"], "In progress");
    let review = project["field"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "In review")
        .unwrap();
    let mutation = "mutation Move($input: UpdateProjectV2ItemFieldValueInput!) {
        updateProjectV2ItemFieldValue(input: $input) { clientMutationId projectV2Item { id } } }";
    let input = |option: &Value| {
        json!({"input": {
            "projectId": project["id"], "itemId": item["id"], "fieldId": project["field"]["id"],
            "value": {"singleSelectOptionId": option}, "clientMutationId": "move-1",
        }})
    };
    let moved = ask_on(&mut board, mutation, input(&review["id"]), ALL);
    assert_eq!(
        moved["data"]["updateProjectV2ItemFieldValue"],
        json!({"clientMutationId": "move-1", "projectV2Item": {"id": item["id"]}})
    );
    let after = ask_on(&mut board, lookup, Value::Null, ALL);
    assert_eq!(
        after["data"]["organization"]["projectV2"]["items"]["nodes"][0]["status"]["name"],
        "In review"
    );
    let wrong = ask_on(&mut board, mutation, input(&json!("deadbeef")), ALL);
    assert_eq!(
        wrong["data"],
        json!({"updateProjectV2ItemFieldValue": null})
    );
    assert_eq!(
        wrong["errors"][0]["message"],
        "The single select option Id does not belong to the field"
    );
}

#[test]
fn rate_limit_reports_cost_and_spends_the_budget() {
    let mut board = board();
    let query = "{ rateLimit { cost limit remaining used nodeCount } organization(login: \"acme\") { projectV2(number: 3) { items(first: 100) { nodes { fieldValues(first: 10) { totalCount } } } } } }";
    let first = ask_on(&mut board, query, Value::Null, ALL);
    assert_eq!(
        first["data"]["rateLimit"],
        json!({"cost": 1, "limit": 5000, "remaining": 4999, "used": 1, "nodeCount": 1100})
    );
    let second = ask_on(&mut board, query, Value::Null, ALL);
    assert_eq!(second["data"]["rateLimit"]["remaining"], 4998);
}

#[test]
fn the_viewer_lists_its_organisations_and_their_projects() {
    let query = "query($first: Int!, $after: String) { viewer { login \
        projectsV2(first: $first) { totalCount nodes { number } } \
        organizations(first: $first, after: $after) { totalCount \
          pageInfo { hasNextPage endCursor } \
          nodes { login projectsV2(first: $first) { nodes { number title closed } } } } } }";
    let answer = ask(query, json!({ "first": 10 }));
    assert_eq!(answer["errors"], Value::Null, "{answer}");
    let viewer = &answer["data"]["viewer"];
    assert_eq!(
        viewer["projectsV2"]["totalCount"], 0,
        "users own no projects"
    );
    let orgs = &viewer["organizations"];
    assert_eq!(orgs["totalCount"], 1);
    assert_eq!(orgs["pageInfo"]["hasNextPage"], false);
    assert_eq!(
        orgs["nodes"][0],
        json!({ "login": "acme", "projectsV2": { "nodes": [
            { "number": 3, "title": "Storefront delivery", "closed": false }
        ] } })
    );
    let cursor = orgs["pageInfo"]["endCursor"].clone();
    let after = ask(query, json!({ "first": 10, "after": cursor }));
    assert_eq!(after["data"]["viewer"]["organizations"]["nodes"], json!([]));
}
