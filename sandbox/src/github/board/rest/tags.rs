//! The label and assignee endpoints, which is how a label-column board moves a card.

use super::{IssuePath, MAX_ASSIGNEES, dedup, ensure_labels, find, json, label_names, string_list};
use crate::github::board::Shared;
use crate::github::board::people;
use crate::github::body;
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use serde_json::Value;

const LABEL_DOCS: &str = "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue";
const SET_LABEL_DOCS: &str = "https://docs.github.com/rest/issues/labels#set-labels-for-an-issue";
const REMOVE_LABEL_DOCS: &str =
    "https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue";
const ASSIGNEE_DOCS: &str =
    "https://docs.github.com/rest/issues/assignees#add-assignees-to-an-issue";

/// `POST` adds labels and `PUT` replaces them; both take `{"labels": [...]}` or a bare
/// array, of names or `{"name"}`s, and answer with the issue's labels afterwards.
pub async fn write_labels(
    State(state): State<Shared>,
    method: Method,
    Path((o, r, n)): IssuePath,
    origin: Origin,
    bytes: Bytes,
) -> Reply {
    let replace = method == Method::PUT;
    let docs = if replace { SET_LABEL_DOCS } else { LABEL_DOCS };
    let now = state.now();
    let mut board = state.board();
    let index = find(&board, &o, &r, &n, docs)?;
    let body = body::value(&bytes)?;
    let list = match &body {
        Value::Object(map) => map.get("labels").unwrap_or(&Value::Null),
        other => other,
    };
    let names = label_names(list, "labels")?;
    ensure_labels(&mut board, index, &names);
    let issue = &mut board.issues[index];
    let names = dedup(names);
    if replace {
        issue.labels = names;
    } else {
        for name in names {
            if !issue.labels.iter().any(|l| l.eq_ignore_ascii_case(&name)) {
                issue.labels.push(name);
            }
        }
    }
    issue.updated_at = now;
    Ok(Json(json::labels(&origin.api(), &board, &board.issues[index])).into_response())
}

pub async fn remove_label(
    State(state): State<Shared>,
    Path((o, r, n, name)): Path<(String, String, String, String)>,
    origin: Origin,
) -> Reply {
    let now = state.now();
    let mut board = state.board();
    let index = find(&board, &o, &r, &n, REMOVE_LABEL_DOCS)?;
    let issue = &mut board.issues[index];
    let before = issue.labels.len();
    issue.labels.retain(|l| !l.eq_ignore_ascii_case(&name));
    if issue.labels.len() == before {
        return Err(GhError::new(StatusCode::NOT_FOUND, "Label does not exist")
            .documented_at(REMOVE_LABEL_DOCS));
    }
    issue.updated_at = now;
    Ok(Json(json::labels(&origin.api(), &board, &board.issues[index])).into_response())
}

/// `POST` adds assignees (answering 201) and `DELETE` removes them. Logins that cannot be
/// assigned are ignored, as GitHub does.
pub async fn write_assignees(
    State(state): State<Shared>,
    method: Method,
    Path((o, r, n)): IssuePath,
    origin: Origin,
    bytes: Bytes,
) -> Reply {
    let add = method == Method::POST;
    let now = state.now();
    let mut board = state.board();
    let index = find(&board, &o, &r, &n, ASSIGNEE_DOCS)?;
    let body = body::value(&bytes)?;
    let logins = match body.get("assignees") {
        Some(value) => string_list(value, "assignees")?,
        None => Vec::new(),
    };
    let issue = &mut board.issues[index];
    for account in logins.iter().filter_map(|l| people::by_login(l)) {
        let has = issue.assignees.iter().any(|a| a.login == account.login);
        if add && !has && issue.assignees.len() < MAX_ASSIGNEES {
            issue.assignees.push(account);
        } else if !add {
            issue.assignees.retain(|a| a.login != account.login);
        }
    }
    issue.updated_at = now;
    let status = if add {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let body = json::issue(&origin.api(), &board, &board.issues[index]);
    Ok((status, Json(body)).into_response())
}
