use super::*;
use crate::jira::seed::seed;
use crate::people::MYSELF;
use chrono::{TimeZone, Utc};

fn world() -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 19, 14, 30, 0)
        .single()
        .expect("valid time");
    seed(now).expect("seed loads")
}

fn search<'a>(jql: &str, store: &'a Store) -> Result<Vec<&'a Issue>, JqlError> {
    Jql::parse(jql)?.run(store)
}

fn keys(jql: &str, store: &Store) -> Vec<String> {
    let hits = search(jql, store).unwrap_or_else(|e| panic!("{jql}: {e}"));
    hits.into_iter().map(|i| i.key.clone()).collect()
}

fn count(jql: &str, store: &Store) -> usize {
    keys(jql, store).len()
}

#[test]
fn board_query_returns_the_sprint_in_rank_order() {
    let store = world();
    let hits = search("filter = 10042 AND sprint = 7 ORDER BY Rank ASC", &store).expect("runs");
    let expected: Vec<_> = store
        .issues
        .iter()
        .filter(|i| i.sprints.contains(&7))
        .collect();
    assert_eq!(hits.len(), expected.len());
    assert!(hits.iter().zip(&expected).all(|(a, b)| a.key == b.key));
    let reversed = keys("filter = 10042 AND sprint = 7 ORDER BY Rank DESC", &store);
    assert_eq!(reversed.first(), hits.last().map(|i| &i.key));
}

#[test]
fn sprint_clauses() {
    let store = world();
    let open = count("sprint in openSprints()", &store);
    assert_eq!(
        open,
        count("sprint = 7", &store) + count("sprint = \"Sprint 24\"", &store)
    );
    let closed: Vec<String> = store
        .sprints
        .iter()
        .filter(|s| s.state == crate::jira::store::SprintState::Closed)
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(
        count("sprint in closedSprints()", &store),
        count(&format!("sprint in ({})", closed.join(", ")), &store)
    );
    let backlog = count("sprint is EMPTY", &store);
    assert!(backlog > 0);
    assert_eq!(
        backlog + count("sprint is not EMPTY", &store),
        store.issues.len()
    );
}

#[test]
fn user_clauses() {
    let store = world();
    let mine = keys("assignee = currentUser()", &store);
    assert!(!mine.is_empty());
    assert_eq!(
        mine,
        keys(&format!("assignee = \"{}\"", MYSELF.account_id), &store)
    );
    let unassigned = count("assignee is EMPTY", &store);
    let others = count("assignee != currentUser()", &store);
    assert!(unassigned > 0);
    assert_eq!(
        mine.len() + unassigned + others,
        store.issues.len(),
        "!= skips empty values"
    );
    assert_eq!(
        count("assignee = \"王芳\"", &store),
        count("assignee in (\"wang.fang\")", &store)
    );
}

#[test]
fn boolean_logic_labels_status_and_text() {
    let store = world();
    let either = count(
        "status = \"In Review\" OR status = \"Awaiting Approval\"",
        &store,
    );
    assert_eq!(either, count("status in (\"in review\", 10003)", &store));
    let k8s = count("labels = K8S", &store);
    assert_eq!(
        k8s + count("project = PLAT AND NOT labels = k8s", &store),
        store.issues.len()
    );
    assert_eq!(keys("text ~ \"PG_UPGRADE link\"", &store), ["PLAT-231"]);
    assert_eq!(
        count("(labels = ci OR labels = k8s) AND sprint = 7", &store),
        count("labels in (ci, k8s) AND sprint = 7", &store)
    );
}

#[test]
fn boundedness() {
    assert!(
        Jql::parse("project = PLAT ORDER BY Rank")
            .expect("parses")
            .is_bounded()
    );
    assert!(!Jql::parse("ORDER BY Rank").expect("parses").is_bounded());
    assert!(!Jql::parse("").expect("parses").is_bounded());
}

#[test]
fn rank_order_only_when_none_is_named() {
    let store = world();
    let ranked = Jql::parse("")
        .expect("parses")
        .rank_order_by_default()
        .run(&store)
        .expect("runs");
    assert!(
        ranked
            .iter()
            .zip(&store.issues)
            .all(|(a, b)| a.key == b.key)
    );
    let by_key = Jql::parse("order by key")
        .expect("parses")
        .rank_order_by_default()
        .run(&store)
        .expect("runs");
    assert_eq!(by_key.first().map(|i| i.key.as_str()), Some("PLAT-190"));
}

#[test]
fn default_and_key_order() {
    let store = world();
    let newest_first = keys("project = PLAT", &store);
    assert_eq!(
        newest_first,
        keys("project = PLAT ORDER BY key DESC", &store)
    );
    assert_eq!(newest_first.first().map(String::as_str), Some("PLAT-266"));
}

#[test]
fn semantic_errors_name_the_problem() {
    let store = world();
    let cases = [
        (
            "priority = High",
            "Field 'priority' does not exist or you do not have permission to view it. (line 1, character 1)",
        ),
        (
            "status ~ Done",
            "The operator '~' is not supported by the 'status' field.",
        ),
        (
            "status = Shipped",
            "The value 'Shipped' does not exist for the field 'status'. (line 1, character 10)",
        ),
        (
            "filter = 99",
            "The value '99' does not exist for the field 'filter'.",
        ),
        (
            "sprint in lastSprint()",
            "Unable to find JQL function 'lastSprint()'.",
        ),
        (
            "sprint = openSprints()",
            "The operator '=' is not supported by the 'openSprints' function.",
        ),
        (
            "status = currentUser()",
            "The function 'currentUser' does not apply to the field 'status'.",
        ),
        (
            "project = PLAT ORDER BY text",
            "Field 'text' does not support sorting.",
        ),
        (
            "project = PLAT ORDER BY votes",
            "Field 'votes' does not exist",
        ),
    ];
    for (jql, message) in cases {
        let err = search(jql, &store).expect_err(jql);
        assert!(err.0.starts_with(message), "{jql}: {}", err.0);
        assert!(err.to_string().starts_with("Error in the JQL Query: "));
    }
}
