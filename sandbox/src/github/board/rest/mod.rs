//! The REST side of the board: `/user` and the issue endpoints a label-column board needs
//! (list, read, edit state / labels / assignees).

mod edit;
mod json;
mod list;
mod tags;
#[cfg(test)]
mod tests;

use super::Shared;
use super::ids;
use super::model::{Board, Label};
use super::people;
use crate::github::body;
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use serde_json::Value;

/// GitHub allows ten assignees per issue.
const MAX_ASSIGNEES: usize = 10;

type IssuePath = Path<(String, String, String)>;

pub fn routes() -> Router<Shared> {
    let issue = "/api/v3/repos/{owner}/{repo}/issues/{number}";
    Router::new()
        .route("/api/v3/user", get(user))
        .route("/api/v3/repos/{owner}/{repo}/issues", get(list::by_name))
        .route("/api/v3/repositories/{id}/issues", get(list::by_id))
        .route(issue, get(edit::show).patch(edit::update))
        .route(
            &format!("{issue}/labels"),
            post(tags::write_labels).put(tags::write_labels),
        )
        .route(
            &format!("{issue}/labels/{{name}}"),
            delete(tags::remove_label),
        )
        .route(
            &format!("{issue}/assignees"),
            post(tags::write_assignees).delete(tags::write_assignees),
        )
}

async fn user(State(state): State<Shared>, origin: Origin) -> Reply {
    let board = state.board();
    let body = json::authenticated(&origin.api(), people::VIEWER, board.org.created_at);
    Ok(Json(body).into_response())
}

/// An issue by `owner/repo` and number, or GitHub's 404 for the endpoint.
fn find(
    board: &Board,
    owner: &str,
    repo: &str,
    number: &str,
    docs: &'static str,
) -> Result<usize, GhError> {
    let repo = board.repo_by_name(owner, repo);
    let number = number.parse::<u64>().ok();
    repo.zip(number)
        .and_then(|(repo, number)| board.issue_index(repo, number))
        .ok_or_else(|| GhError::not_found().documented_at(docs))
}

fn string_list(value: &Value, field: &str) -> Result<Vec<String>, GhError> {
    let Value::Array(items) = value else {
        return Err(body::mistyped(field, value, "an array"));
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.clone()),
            other => Err(body::mistyped(field, other, "a string")),
        })
        .collect()
}

/// Label lists hold names or `{"name": ...}` objects.
fn label_names(value: &Value, field: &str) -> Result<Vec<String>, GhError> {
    let Value::Array(items) = value else {
        return Err(body::mistyped(field, value, "an array"));
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Value::Object(map) => match map.get("name") {
                Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                _ => Err(body::mistyped(field, item, "a label name")),
            },
            other => Err(body::mistyped(field, other, "a label name")),
        })
        .collect()
}

/// GitHub creates labels it does not know yet, in its default grey.
fn ensure_labels(board: &mut Board, issue: usize, names: &[String]) {
    let Some(repo) = board.issues.get(issue).map(|i| i.repo) else {
        return;
    };
    for name in names {
        let known = board
            .repos
            .get(repo)
            .is_some_and(|r| r.labels.iter().any(|l| l.name.eq_ignore_ascii_case(name)));
        if known {
            continue;
        }
        let id = board.next_label_id;
        board.next_label_id += 1;
        if let Some(repo) = board.repos.get_mut(repo) {
            repo.labels.push(Label {
                id,
                node_id: ids::node_id("LA", "kwDOABaVrc8AAAAB", id),
                name: name.clone(),
                color: "ededed".into(),
                description: None,
                default: false,
            });
        }
    }
}

fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
