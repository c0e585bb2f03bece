//! Reading and changing one issue: title, body, state (close / reopen with a reason),
//! labels and assignees.

use super::{IssuePath, MAX_ASSIGNEES, dedup, ensure_labels, find, json, label_names, string_list};
use crate::github::board::Shared;
use crate::github::board::model::{Issue, State as IssueState, StateReason};
use crate::github::board::people;
use crate::github::body;
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use serde_json::Value;

const GET_DOCS: &str = "https://docs.github.com/rest/issues/issues#get-an-issue";
const UPDATE_DOCS: &str = "https://docs.github.com/rest/issues/issues#update-an-issue";

pub async fn show(
    State(state): State<Shared>,
    Path((o, r, n)): IssuePath,
    origin: Origin,
) -> Reply {
    let board = state.board();
    let index = find(&board, &o, &r, &n, GET_DOCS)?;
    Ok(Json(json::issue(&origin.api(), &board, &board.issues[index])).into_response())
}

pub async fn update(
    State(state): State<Shared>,
    Path((o, r, n)): IssuePath,
    origin: Origin,
    bytes: Bytes,
) -> Reply {
    let now = state.now();
    let mut board = state.board();
    let index = find(&board, &o, &r, &n, UPDATE_DOCS)?;
    let body = body::value(&bytes)?;
    let invalid =
        |field: &str| GhError::invalid_field("Issue", field, "invalid").documented_at(UPDATE_DOCS);
    let text = |field: &str| match body.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(body::mistyped(field, other, "a string")),
    };
    let title = text("title")?;
    let issue_body = text("body")?;
    let state_wanted = match text("state")?.as_deref() {
        None => None,
        Some("open") => Some(IssueState::Open),
        Some("closed") => Some(IssueState::Closed),
        Some(_) => return Err(invalid("state")),
    };
    let reason = match body.get("state_reason") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            Some(StateReason::parse_rest(s).ok_or_else(|| invalid("state_reason"))?)
        }
        Some(other) => return Err(body::mistyped("state_reason", other, "a string")),
    };
    let labels = match body.get("labels") {
        None => None,
        Some(value) => Some(label_names(value, "labels")?),
    };
    let assignees = match body.get("assignees") {
        None => None,
        Some(value) => {
            let logins = string_list(value, "assignees")?;
            let found: Option<Vec<_>> = logins.iter().map(|l| people::by_login(l)).collect();
            let found = found.ok_or_else(|| invalid("assignees"))?;
            if found.len() > MAX_ASSIGNEES {
                return Err(invalid("assignees"));
            }
            Some(found)
        }
    };
    if let Some(names) = &labels {
        ensure_labels(&mut board, index, names);
    }
    let issue = &mut board.issues[index];
    if let Some(title) = title {
        issue.title = title;
    }
    if let Some(text) = issue_body {
        issue.body = text;
    }
    if let Some(names) = labels {
        issue.labels = names;
    }
    if let Some(accounts) = assignees {
        issue.assignees = dedup(accounts);
    }
    match state_wanted {
        Some(IssueState::Closed) if issue.state == IssueState::Open => close(issue, reason, now),
        Some(IssueState::Open) if issue.state == IssueState::Closed => reopen(issue),
        _ => {
            if let Some(reason) = reason.filter(|_| issue.state == IssueState::Closed) {
                issue.state_reason = Some(reason);
            }
        }
    }
    issue.updated_at = now;
    Ok(Json(json::issue(&origin.api(), &board, &board.issues[index])).into_response())
}

fn close(issue: &mut Issue, reason: Option<StateReason>, now: DateTime<Utc>) {
    issue.state = IssueState::Closed;
    issue.state_reason = Some(reason.unwrap_or(StateReason::Completed));
    issue.closed_at = Some(now);
    issue.closed_by = Some(people::VIEWER);
}

fn reopen(issue: &mut Issue) {
    issue.state = IssueState::Open;
    issue.state_reason = Some(StateReason::Reopened);
    issue.closed_at = None;
    issue.closed_by = None;
}
