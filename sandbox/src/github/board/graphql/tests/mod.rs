//! The executor on the seeded board: aliases, fragments, `__typename`, variables,
//! directives, null propagation, connections, the mutation, and errors in GitHub's shapes.

mod clear;
mod errors;
mod query;
mod served;

use super::{Scopes, run};
use crate::github::board::model::Board;
use crate::github::board::seed;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

const ALL: Scopes = Scopes { project: true };

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

fn board() -> Board {
    seed::seed(now()).unwrap()
}

fn ask_on(board: &mut Board, query: &str, variables: Value, scopes: Scopes) -> Value {
    let request = json!({ "query": query, "variables": variables });
    serde_json::to_value(run::run(board, &request, scopes, now())).unwrap()
}

fn ask(query: &str, variables: Value) -> Value {
    ask_on(&mut board(), query, variables, ALL)
}
