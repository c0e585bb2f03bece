//! Changelogs: `expand=changelog` on issues and searches, and Cloud's paged
//! `/rest/api/3/issue/{key}/changelog` (Data Center has no such endpoint).

use super::params::Params;
use super::render::{View, timestamp};
use super::reply::{JiraError, Reply, ok};
use super::{AppState, Flavour};
use crate::jira::catalog::{FLAGGED_FIELD, IMPEDIMENT_OPTION, POINTS_FIELD, SPRINT_FIELD};
use crate::jira::history::{Change, History};
use crate::jira::store::{Issue, Store};
use axum::extract::{Path, State};
use serde_json::{Value, json};

/// Cloud's search sends at most this many of an issue's newest changelog entries; the rest
/// must be paged from the changelog endpoint.
pub const SEARCH_HISTORIES: usize = 100;

/// True when the request's `expand` list names the changelog.
pub fn wanted(params: &Params) -> bool {
    params
        .list("expand")
        .is_some_and(|items| items.iter().any(|i| i == "changelog"))
}

/// `issue.changelog` as a search returns it: Cloud cuts it to the newest entries, Data
/// Center sends it whole.
pub fn embedded(view: &View<'_>, store: &Store, issue: &Issue) -> Value {
    let total = issue.history.len();
    let keep = match view.flavour {
        Flavour::Cloud => SEARCH_HISTORIES.min(total),
        Flavour::DataCenter => total,
    };
    let start = total - keep;
    let histories: Vec<Value> = issue.history[start..]
        .iter()
        .enumerate()
        .map(|(i, h)| entry(view, store, issue, start + i, h))
        .collect();
    json!({ "startAt": start, "maxResults": keep, "total": total, "histories": histories })
}

pub async fn page(
    State(state): State<AppState>,
    Path((v, key)): Path<(String, String)>,
    params: Params,
) -> Reply {
    if Flavour::from_version(&v)? != Flavour::Cloud {
        return Err(JiraError::not_found(format!(
            "null for uri: /rest/api/{v}/issue/{key}/changelog"
        )));
    }
    let (start, max) = params.window(100, 100)?;
    let store = state.store();
    let issue = store.issue(&key).ok_or_else(JiraError::no_issue)?;
    let view = View {
        base: &state.base,
        flavour: Flavour::Cloud,
        agile: false,
    };
    let total = issue.history.len();
    let values: Vec<Value> = issue
        .history
        .iter()
        .enumerate()
        .skip(start)
        .take(max)
        .map(|(i, h)| entry(&view, &store, issue, i, h))
        .collect();
    let next = start + values.len();
    let link = |at: usize| {
        format!(
            "{}/rest/api/3/issue/{}/changelog?startAt={at}&maxResults={max}",
            state.base, issue.key
        )
    };
    let mut body = json!({
        "self": link(start),
        "maxResults": max,
        "startAt": start,
        "total": total,
        "isLast": next >= total,
        "values": values,
    });
    if next < total {
        body["nextPage"] = json!(link(next));
    }
    ok(body)
}

fn entry(view: &View<'_>, store: &Store, issue: &Issue, index: usize, h: &History) -> Value {
    let items: Vec<Value> = h.changes.iter().map(|c| item(view, store, c)).collect();
    json!({
        "id": format!("{}{index:03}", issue.id),
        "author": view.user(h.author),
        "created": timestamp(h.at),
        "items": items,
    })
}

/// Cloud names the field by id as well; Data Center only by name.
fn item(view: &View<'_>, store: &Store, change: &Change) -> Value {
    let (field, kind, id, from, from_text, to, to_text) = match change {
        Change::Status { from, to } => (
            "status",
            "jira",
            "status",
            json!(from.id),
            json!(from.name),
            json!(to.id),
            json!(to.name),
        ),
        Change::Points { from, to } => (
            "Story point estimate",
            "custom",
            POINTS_FIELD,
            Value::Null,
            points(*from),
            Value::Null,
            points(*to),
        ),
        Change::Sprint { from, to } => {
            let (from_ids, from_names) = sprints(store, from);
            let (to_ids, to_names) = sprints(store, to);
            (
                "Sprint",
                "custom",
                SPRINT_FIELD,
                from_ids,
                from_names,
                to_ids,
                to_names,
            )
        }
        Change::Flagged(set) => {
            let (value, text) = if *set {
                (json!(format!("[{IMPEDIMENT_OPTION}]")), json!("Impediment"))
            } else {
                (Value::Null, Value::Null)
            };
            let (before, before_text) = if *set {
                (Value::Null, Value::Null)
            } else {
                (json!(format!("[{IMPEDIMENT_OPTION}]")), json!("Impediment"))
            };
            (
                "Flagged",
                "custom",
                FLAGGED_FIELD,
                before,
                before_text,
                value,
                text,
            )
        }
    };
    let mut out = json!({
        "field": field,
        "fieldtype": kind,
        "from": from,
        "fromString": from_text,
        "to": to,
        "toString": to_text,
    });
    if view.flavour == Flavour::Cloud {
        out["fieldId"] = json!(id);
    }
    out
}

/// `3` not `3.0`, as Jira prints whole estimates.
fn points(p: Option<f64>) -> Value {
    match p {
        Some(p) if p.fract() == 0.0 => json!(format!("{p:.0}")),
        Some(p) => json!(p.to_string()),
        None => Value::Null,
    }
}

/// `("6, 7", "Sprint 22, Sprint 23")`, or nulls for no sprint.
fn sprints(store: &Store, ids: &[u64]) -> (Value, Value) {
    if ids.is_empty() {
        return (Value::Null, Value::Null);
    }
    let list =
        |f: &dyn Fn(u64) -> String| ids.iter().map(|id| f(*id)).collect::<Vec<_>>().join(", ");
    let names = list(&|id| store.sprint(id).map_or(id.to_string(), |s| s.name.clone()));
    (json!(list(&|id| id.to_string())), json!(names))
}
