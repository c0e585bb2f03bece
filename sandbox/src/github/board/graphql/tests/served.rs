//! The schema and the resolvers agree.

use super::{board, now};
use crate::github::board::graphql::resolve::{Args, Env, Obj, Rate, Resolved};
use crate::github::board::graphql::schema::{Kind, schema};
use serde_json::json;
use std::collections::{BTreeMap, VecDeque};

/// Every field the schema declares on every object the data can reach has a resolver.
#[test]
fn every_reachable_field_is_served() {
    let schema = schema().unwrap();
    let board = board();
    let rate = Rate {
        limit: 5000,
        used: 1,
        reset_at: now(),
        cost: 1,
        node_count: 1,
    };
    let env = Env {
        board: &board,
        now: now(),
        rate,
    };
    let project = &board.projects[0];
    let args_for = |field: &str| -> Args {
        let args = match field {
            "organization" | "repositoryOwner" => json!({"login": "acme"}),
            "user" => json!({"login": "zoe-o"}),
            "repository" => json!({"owner": "acme", "name": "search"}),
            "node" => json!({"id": project.node_id}),
            "nodes" => json!({"ids": [project.items[0].node_id, "nope"]}),
            "projectV2" => json!({"number": 3}),
            "field" | "fieldValueByName" => json!({"name": "Iteration"}),
            _ => json!({"first": 100}),
        };
        Args(args.as_object().unwrap().clone())
    };
    let mut queue = VecDeque::from([Obj::Query]);
    let mut visits: BTreeMap<&'static str, usize> = BTreeMap::new();
    while let Some(obj) = queue.pop_front() {
        let ty = obj.typename();
        let count = visits.entry(ty).or_default();
        *count += 1;
        if *count > 40 {
            continue;
        }
        let def = schema
            .get(ty)
            .unwrap_or_else(|| panic!("{ty} is not in the schema"));
        assert_eq!(def.kind, Kind::Object, "{ty}");
        for field in &def.fields {
            match obj.resolve(&env, &field.name, &args_for(&field.name)) {
                Ok(value) => push_nodes(value, &mut queue),
                Err(e) => assert!(!e.message.contains("does not serve"), "{}", e.message),
            }
        }
    }
    for ty in [
        "Organization",
        "User",
        "Repository",
        "Label",
        "ProjectV2",
        "ProjectV2Field",
        "ProjectV2SingleSelectField",
        "ProjectV2IterationField",
        "ProjectV2Item",
        "Issue",
        "PullRequest",
        "DraftIssue",
        "ProjectV2ItemFieldSingleSelectValue",
        "ProjectV2ItemFieldIterationValue",
        "ProjectV2ItemFieldNumberValue",
        "ProjectV2ItemFieldTextValue",
        "ProjectV2ItemFieldUserValue",
        "ProjectV2ItemFieldLabelValue",
        "ProjectV2ItemFieldRepositoryValue",
        "RateLimit",
        "PageInfo",
        "ProjectV2IterationFieldIteration",
        "ProjectV2SingleSelectFieldOption",
    ] {
        assert!(
            visits.contains_key(ty),
            "{ty} was never reached: {visits:?}"
        );
    }
}

fn push_nodes<'a>(value: Resolved<'a>, queue: &mut VecDeque<Obj<'a>>) {
    match value {
        Resolved::Node(obj) => queue.push_back(obj),
        Resolved::List(items) => items.into_iter().for_each(|i| push_nodes(i, queue)),
        _ => {}
    }
}
