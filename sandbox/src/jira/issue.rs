//! One issue, its workflow transitions, and moving it through them.

use super::changelog;
use super::fields::Selection;
use super::params::Params;
use super::render::{self, View};
use super::reply::{JiraError, Reply, ok};
use super::{AppState, Flavour};
use crate::jira::catalog;
use crate::jira::store::Refusal;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

pub async fn get_issue(
    State(state): State<AppState>,
    Path((v, key)): Path<(String, String)>,
    params: Params,
) -> Reply {
    let flavour = Flavour::from_version(&v)?;
    let fields = params.list("fields").map_or_else(
        || Selection::all(false),
        |items| Selection::parse(&items, false),
    );
    let store = state.store();
    let issue = store.issue(&key).ok_or_else(JiraError::no_issue)?;
    let view = View {
        base: &state.base,
        flavour,
        agile: false,
    };
    let mut value = view.issue(&store, issue, &fields);
    if changelog::wanted(&params) {
        value["changelog"] = changelog::embedded(&view, &store, issue);
    }
    ok(value)
}

pub async fn transitions(
    State(state): State<AppState>,
    Path((v, key)): Path<(String, String)>,
    params: Params,
) -> Reply {
    let flavour = Flavour::from_version(&v)?;
    let store = state.store();
    let issue = store.issue(&key).ok_or_else(JiraError::no_issue)?;
    let view = View {
        base: &state.base,
        flavour,
        agile: false,
    };
    let only = params.get("transitionId");
    let offered: Vec<Value> = catalog::transitions_from(issue.status)
        .filter(|t| only.is_none_or(|id| id == t.id))
        .map(|t| render::transition(&view, t))
        .collect();
    ok(json!({ "expand": "transitions", "transitions": offered }))
}

#[derive(Deserialize)]
struct TransitionRequest {
    transition: Option<TransitionRef>,
}

#[derive(Deserialize)]
struct TransitionRef {
    id: Option<Value>,
}

pub async fn transition(
    State(state): State<AppState>,
    Path((v, key)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    Flavour::from_version(&v)?;
    let request: TransitionRequest = serde_json::from_slice(&body)
        .map_err(|e| JiraError::bad_request(format!("The request body is not valid JSON: {e}")))?;
    // Jira accepts the id as a string or a number.
    let id = match request.transition.and_then(|t| t.id) {
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        _ => return Err(JiraError::bad_request("Missing 'transition' identifier.")),
    };
    let mut store = state.store();
    match store.transition(&key, &id, Utc::now()) {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(Refusal::NoSuchIssue) => Err(JiraError::no_issue()),
        Err(Refusal::Unavailable) => Err(JiraError::bad_request(format!(
            "Transition id '{id}' is not valid for this issue."
        ))),
        Err(Refusal::Unassigned) => Err(JiraError::bad_request(
            "Assign the issue before starting work.",
        )),
    }
}
