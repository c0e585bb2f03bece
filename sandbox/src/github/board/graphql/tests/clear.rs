//! `clearProjectV2ItemFieldValue`: a card goes to "No status", and unknown ids are refused
//! the way GitHub refuses them.

use super::{ALL, ask_on, board, now};
use crate::github::board::graphql::Scopes;
use crate::github::board::model::Board;
use serde_json::{Value, json};

const LOOKUP: &str = "{ organization(login: \"acme\") { projectV2(number: 3) { id updatedAt
    fields(first: 20) { nodes { ... on ProjectV2FieldCommon { id name } } }
    items(first: 1) { nodes { id updatedAt
      status: fieldValueByName(name: \"Status\") { ... on ProjectV2ItemFieldSingleSelectValue { name } }
      fieldValues(first: 20) { nodes { __typename } }
      content { ... on Issue { number assignees(first: 5) { totalCount } labels(first: 5) { totalCount } } } } } } } }";

const CLEAR: &str = "mutation Clear($input: ClearProjectV2ItemFieldValueInput!) {
    clearProjectV2ItemFieldValue(input: $input) { __typename clientMutationId projectV2Item { id updatedAt } } }";

/// The seeded project and its first item, as a client reads them.
fn lookup(board: &mut Board) -> Value {
    let answer = ask_on(board, LOOKUP, Value::Null, ALL);
    assert_eq!(answer["errors"], Value::Null, "{answer}");
    answer["data"]["organization"]["projectV2"].clone()
}

fn field_id(project: &Value, name: &str) -> Value {
    project["fields"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))["id"]
        .clone()
}

/// Clears the field `name` of the project's first item.
fn clear(board: &mut Board, project: &Value, name: &str) -> Value {
    let input = json!({"input": {
        "projectId": project["id"],
        "itemId": project["items"]["nodes"][0]["id"],
        "fieldId": field_id(project, name),
    }});
    ask_on(board, CLEAR, input, ALL)
}

fn typenames(item: &Value) -> Vec<&str> {
    item["fieldValues"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["__typename"].as_str().unwrap())
        .collect()
}

#[test]
fn clearing_the_status_leaves_the_item_without_one() {
    let mut board = board();
    let project = lookup(&mut board);
    let item = &project["items"]["nodes"][0];
    assert_eq!(item["status"]["name"], "In progress");
    assert_ne!(item["updatedAt"], "2026-11-25T10:00:00Z");
    let input = json!({"input": {
        "projectId": project["id"], "itemId": item["id"],
        "fieldId": field_id(&project, "Status"), "clientMutationId": "clear-1",
    }});

    let cleared = ask_on(&mut board, CLEAR, input, ALL);

    assert_eq!(cleared["errors"], Value::Null, "{cleared}");
    assert_eq!(
        cleared["data"]["clearProjectV2ItemFieldValue"],
        json!({
            "__typename": "ClearProjectV2ItemFieldValuePayload",
            "clientMutationId": "clear-1",
            "projectV2Item": {"id": item["id"], "updatedAt": "2026-11-25T10:00:00Z"},
        })
    );
    let after = lookup(&mut board);
    let read = &after["items"]["nodes"][0];
    assert_eq!(read["id"], item["id"]);
    assert_eq!(read["status"], Value::Null);
    assert_eq!(read["updatedAt"], "2026-11-25T10:00:00Z");
    assert_eq!(after["updatedAt"], "2026-11-25T10:00:00Z");
    assert!(
        typenames(item).contains(&"ProjectV2ItemFieldSingleSelectValue")
            && !typenames(read).contains(&"ProjectV2ItemFieldSingleSelectValue"),
        "{item} / {read}"
    );
    // Clearing an empty value again is no error, as on GitHub.
    let again = clear(&mut board, &after, "Status");
    assert_eq!(again["errors"], Value::Null, "{again}");
}

#[test]
fn clearing_assignees_or_labels_empties_the_issue_itself() {
    let mut board = board();
    let project = lookup(&mut board);
    let content = &project["items"]["nodes"][0]["content"];
    assert_eq!(content["assignees"]["totalCount"], 1);
    assert_eq!(content["labels"]["totalCount"], 2);
    let number = content["number"].as_u64().unwrap();

    for name in ["Assignees", "Labels", "Estimate"] {
        let answer = clear(&mut board, &project, name);
        assert_eq!(answer["errors"], Value::Null, "{name}: {answer}");
    }

    let after = lookup(&mut board);
    let read = &after["items"]["nodes"][0];
    assert_eq!(read["content"]["assignees"]["totalCount"], 0);
    assert_eq!(read["content"]["labels"]["totalCount"], 0);
    let gone = [
        "ProjectV2ItemFieldUserValue",
        "ProjectV2ItemFieldLabelValue",
        "ProjectV2ItemFieldNumberValue",
    ];
    let (before, now_shown) = (typenames(&project["items"]["nodes"][0]), typenames(read));
    for kind in gone {
        assert!(before.contains(&kind), "{kind} before: {before:?}");
        assert!(!now_shown.contains(&kind), "{kind} after: {now_shown:?}");
    }
    assert!(now_shown.contains(&"ProjectV2ItemFieldSingleSelectValue"));
    let issue = board.issues.iter().find(|i| i.number == number).unwrap();
    assert_eq!(issue.updated_at, now());
}

#[test]
fn fields_a_client_cannot_clear_are_refused() {
    let mut board = board();
    let project = lookup(&mut board);
    let answer = clear(&mut board, &project, "Title");
    assert_eq!(
        answer["data"],
        json!({"clearProjectV2ItemFieldValue": null})
    );
    assert_eq!(
        answer["errors"][0]["message"],
        "The field of type title cannot be cleared with clearProjectV2ItemFieldValue"
    );
    assert_eq!(
        answer["errors"][0]["path"],
        json!(["clearProjectV2ItemFieldValue"])
    );
}

#[test]
fn unknown_ids_are_refused_and_nothing_changes() {
    let mut board = board();
    let project = lookup(&mut board);
    let item = project["items"]["nodes"][0]["id"].clone();
    let status = field_id(&project, "Status");
    let cases = [
        (
            json!({"projectId": "PVT_nope", "itemId": item, "fieldId": status}),
            Some("NOT_FOUND"),
            "Could not resolve to a node with the global id of 'PVT_nope'",
        ),
        (
            json!({"projectId": project["id"], "itemId": item, "fieldId": "PVTSSF_nope"}),
            Some("NOT_FOUND"),
            "Could not resolve to a node with the global id of 'PVTSSF_nope'",
        ),
        (
            json!({"projectId": project["id"], "itemId": "PVTI_nope", "fieldId": status}),
            None,
            "The item PVTI_nope does not exist in the project",
        ),
    ];
    for (input, kind, message) in cases {
        let answer = ask_on(&mut board, CLEAR, json!({ "input": input }), ALL);
        assert_eq!(
            answer["data"],
            json!({"clearProjectV2ItemFieldValue": null})
        );
        let error = &answer["errors"][0];
        assert_eq!(error["message"], message);
        assert_eq!(error.get("type").and_then(Value::as_str), kind, "{error}");
    }
    assert_eq!(lookup(&mut board), project);
}

#[test]
fn the_input_is_githubs_and_needs_the_project_scope() {
    let mut board = board();
    let project = lookup(&mut board);
    let mut input = json!({
        "projectId": project["id"],
        "itemId": project["items"]["nodes"][0]["id"],
        "fieldId": field_id(&project, "Status"),
    });
    let refused = ask_on(
        &mut board,
        CLEAR,
        json!({ "input": input }),
        Scopes { project: false },
    );
    assert_eq!(refused["errors"][0]["type"], "INSUFFICIENT_SCOPES");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("The 'clearProjectV2ItemFieldValue' field requires one of the following scopes: ['project']"),
        "{refused}"
    );
    input["value"] = json!({"text": "x"});
    let extra = ask_on(&mut board, CLEAR, json!({ "input": input }), ALL);
    assert_eq!(extra["data"], Value::Null, "{extra}");
    assert_eq!(
        extra["errors"][0]["message"],
        "Variable $input of type ClearProjectV2ItemFieldValueInput! was provided invalid value"
    );
    assert_eq!(lookup(&mut board), project);
}
