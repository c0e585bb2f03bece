//! What GitHub refuses, and how it says so.

use super::query::BOARD_QUERY;
use super::{ask, ask_on, board};
use crate::github::board::graphql::Scopes;
use serde_json::{Value, json};

#[test]
fn variables_are_checked_like_github() {
    let answer = ask(BOARD_QUERY, json!({"number": "three"}));
    assert_eq!(answer["data"], Value::Null);
    let messages: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "Variable $owner of type String! was provided invalid value",
            "Variable $number of type Int! was provided invalid value",
        ]
    );
    assert_eq!(
        answer["errors"][1]["extensions"]["problems"][0]["explanation"],
        "Could not coerce value \"three\" to Int"
    );
    let undeclared = ask(
        "query Q { organization(login: $who) { login } }",
        Value::Null,
    );
    assert_eq!(
        undeclared["errors"][0]["message"],
        "Variable $who is used by Q but not declared"
    );
    let mismatch = ask(
        "query Q($n: String!) { organization(login: \"acme\") { projectV2(number: $n) { id } } }",
        Value::Null,
    );
    assert_eq!(
        mismatch["errors"][0]["message"],
        "Type mismatch on variable $n and argument number (String! / Int!)"
    );
}

#[test]
fn an_unknown_field_is_refused_before_running() {
    let answer = ask(
        "query Board {\n  organization(login: \"acme\") {\n    projectV2(number: 3) { x }\n  }\n}",
        Value::Null,
    );
    assert_eq!(
        answer,
        json!({"errors": [{
            "path": ["query Board", "organization", "projectV2", "x"],
            "extensions": {"code": "undefinedField", "typeName": "ProjectV2", "fieldName": "x"},
            "locations": [{"line": 3, "column": 28}],
            "message": "Field 'x' doesn't exist on type 'ProjectV2'",
        }]})
    );
}

#[test]
fn fragments_must_fit_be_used_and_not_loop() {
    let answer = ask(
        "{ viewer { ...A } } fragment A on User { ...B } fragment B on User { ...A }",
        Value::Null,
    );
    let codes: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["extensions"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["infiniteLoop", "infiniteLoop"]);
    let misplaced = ask("{ viewer { ... on ProjectV2 { id } } }", Value::Null);
    assert_eq!(
        misplaced["errors"][0]["message"],
        "Fragment on ProjectV2 can't be spread inside User"
    );
    let unused = ask(
        "{ viewer { login } } fragment F on User { name }",
        Value::Null,
    );
    assert_eq!(
        unused["errors"][0]["message"],
        "Fragment F was defined, but not used"
    );
}

#[test]
fn a_missing_project_is_null_with_a_not_found_error() {
    let answer = ask(
        "{ organization(login: \"acme\") { login projectV2(number: 9) { title } } }",
        Value::Null,
    );
    assert_eq!(
        answer["data"],
        json!({"organization": {"login": "acme", "projectV2": null}})
    );
    let error = &answer["errors"][0];
    assert_eq!(error["type"], "NOT_FOUND");
    assert_eq!(error["path"], json!(["organization", "projectV2"]));
    assert_eq!(
        error["message"],
        "Could not resolve to a ProjectV2 with the number 9."
    );
}

#[test]
fn errors_in_non_null_fields_null_the_nearest_nullable_parent() {
    let answer = ask(
        "{ organization(login: \"acme\") { login projectV2(number: 3) { title items(first: 101) { totalCount } } } }",
        Value::Null,
    );
    assert_eq!(
        answer["data"]["organization"],
        json!({"login": "acme", "projectV2": null})
    );
    assert_eq!(answer["errors"][0]["type"], "EXCESSIVE_PAGINATION");
    assert_eq!(
        answer["errors"][0]["path"],
        json!(["organization", "projectV2", "items"])
    );
    let unbounded = ask(
        "{ organization(login: \"acme\") { projectV2(number: 3) { items { totalCount } } } }",
        Value::Null,
    );
    assert_eq!(
        unbounded["errors"][0]["type"],
        "MISSING_PAGINATION_BOUNDARIES"
    );
}

#[test]
fn projects_need_a_project_scope() {
    let answer = ask_on(
        &mut board(),
        "{ viewer { login } organization(login: \"acme\") { projectV2(number: 3) { title } } }",
        Value::Null,
        Scopes { project: false },
    );
    assert_eq!(answer["data"], Value::Null);
    assert_eq!(answer["errors"][0]["type"], "INSUFFICIENT_SCOPES");
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("The 'projectV2' field requires one of the following scopes: ['read:project'], but your token has only been granted the: ['repo'] scopes.")
    );
    let plain = ask_on(
        &mut board(),
        "{ viewer { login } }",
        Value::Null,
        Scopes { project: false },
    );
    assert_eq!(plain["data"]["viewer"]["login"], "ana-k");
}

#[test]
fn syntax_errors_name_the_token_and_place() {
    let answer = ask("query {\n  viewer {\n    }\n  }\n}", Value::Null);
    assert_eq!(
        answer,
        json!({"errors": [{"locations": [{"line": 3, "column": 5}], "message": "Parse error on \"}\" (RCURLY) at [3, 5]"}]})
    );
}
