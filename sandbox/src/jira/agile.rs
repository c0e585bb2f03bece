//! The Agile 1.0 API: a board, its configuration, sprints and issues (the list of boards is
//! `boards`).

use super::boards;
use super::fields::Selection;
use super::params::Params;
use super::render::View;
use super::reply::{JiraError, Reply, ok};
use super::search::{parse, run};
use super::{AppState, Flavour};
use crate::jira::catalog::{
    self, BOARD_NAME, COLUMNS, DEMO_BOARD, FILTER_ID, PROJECT_ID, PROJECT_KEY, PROJECT_NAME,
};
use crate::jira::store::{Issue, SprintState};
use axum::Extension;
use axum::extract::{Path, State};
use serde_json::{Value, json};

pub async fn board(State(state): State<AppState>, Path(board): Path<String>) -> Reply {
    ok(boards::board_json(&state.base, boards::find(&board)?))
}

pub async fn configuration(State(state): State<AppState>, Path(board): Path<String>) -> Reply {
    let found = boards::find(&board)?;
    let base = &*state.base;
    if !found.is_demo() {
        return ok(boards::plain_configuration(base, found));
    }
    let columns: Vec<Value> = COLUMNS
        .iter()
        .map(|c| {
            let statuses: Vec<Value> = c
                .statuses
                .iter()
                .map(|id| json!({ "id": id, "self": format!("{base}/rest/api/2/status/{id}") }))
                .collect();
            let mut column = json!({ "name": c.name, "statuses": statuses });
            // Unset limits are absent, not null, as Jira sends them.
            if let Some(min) = c.min {
                column["min"] = json!(min);
            }
            if let Some(max) = c.max {
                column["max"] = json!(max);
            }
            column
        })
        .collect();
    let rank_id = catalog::RANK_FIELD
        .trim_start_matches("customfield_")
        .parse::<u64>()
        .ok();
    ok(json!({
        "id": DEMO_BOARD,
        "name": BOARD_NAME,
        "type": "scrum",
        "self": format!("{base}/rest/agile/1.0/board/{DEMO_BOARD}/configuration"),
        "location": { "type": "project", "key": PROJECT_KEY, "id": PROJECT_ID, "self": format!("{base}/rest/api/2/project/{PROJECT_ID}"), "name": PROJECT_NAME },
        "filter": { "id": FILTER_ID.to_string(), "self": format!("{base}/rest/api/2/filter/{FILTER_ID}") },
        "columnConfig": { "columns": columns, "constraintType": "issueCount" },
        "estimation": { "type": "field", "field": { "fieldId": catalog::POINTS_FIELD, "displayName": "Story point estimate" } },
        "ranking": { "rankCustomFieldId": rank_id },
    }))
}

pub async fn sprints(
    State(state): State<AppState>,
    Extension(flavour): Extension<Flavour>,
    Path(board): Path<String>,
    params: Params,
) -> Reply {
    let found = boards::find(&board)?;
    if !found.has_sprints() {
        return Err(JiraError::bad_request("The board does not support sprints"));
    }
    let wanted = match params.list("state") {
        None => vec![SprintState::Active, SprintState::Future, SprintState::Closed],
        Some(items) => items
            .iter()
            .map(|s| {
                SprintState::parse(s).ok_or_else(|| {
                    JiraError::bad_request(format!("The sprint state '{s}' is not valid. Valid states are: future, active, closed."))
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let (start, max) = params.window(50, 50)?;
    let store = state.store();
    let view = View {
        base: &state.base,
        flavour,
        agile: true,
    };
    let matching: Vec<_> = store
        .sprints
        .iter()
        .filter(|s| found.is_demo() && wanted.contains(&s.state))
        .collect();
    let values: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|s| view.sprint(s))
        .collect();
    let is_last = start + values.len() >= matching.len();
    ok(json!({ "maxResults": max, "startAt": start, "isLast": is_last, "values": values }))
}

pub async fn sprint(
    State(state): State<AppState>,
    Extension(flavour): Extension<Flavour>,
    Path(id): Path<String>,
) -> Reply {
    let store = state.store();
    let sprint = id
        .parse()
        .ok()
        .and_then(|id| store.sprint(id))
        .ok_or_else(|| no_sprint(&id))?;
    ok(View {
        base: &state.base,
        flavour,
        agile: true,
    }
    .sprint(sprint))
}

fn no_sprint(id: &str) -> JiraError {
    JiraError::not_found(format!(
        "Sprint with id {id} does not exist or you do not have permission to see it."
    ))
}

pub async fn sprint_issues(
    State(state): State<AppState>,
    Extension(flavour): Extension<Flavour>,
    Path((board, sprint)): Path<(String, String)>,
    params: Params,
) -> Reply {
    let found = boards::find(&board)?;
    let id: u64 = sprint.parse().map_err(|_| no_sprint(&sprint))?;
    if !found.is_demo() || state.store().sprint(id).is_none() {
        return Err(no_sprint(&sprint));
    }
    issue_page(&state, flavour, &params, |issue| {
        issue.sprints.contains(&id)
    })
}

pub async fn board_issues(
    State(state): State<AppState>,
    Extension(flavour): Extension<Flavour>,
    Path(board): Path<String>,
    params: Params,
) -> Reply {
    // The demo board's filter is the whole project, so every issue belongs; the other
    // boards' projects have none.
    let demo = boards::find(&board)?.is_demo();
    issue_page(&state, flavour, &params, |_| demo)
}

/// The Agile issue search: optional extra `jql`, rank order unless it names one, `startAt` paging.
fn issue_page(
    state: &AppState,
    flavour: Flavour,
    params: &Params,
    belongs: impl Fn(&Issue) -> bool,
) -> Reply {
    let (start, max) = params.window(50, 100)?;
    let fields = params.list("fields").map_or_else(
        || Selection::all(true),
        |items| Selection::parse(&items, true),
    );
    let query = parse(params.get("jql").unwrap_or_default())?.rank_order_by_default();
    let store = state.store();
    let hits: Vec<&Issue> = run(&query, &store)?
        .into_iter()
        .filter(|i| belongs(i))
        .collect();
    let view = View {
        base: &state.base,
        flavour,
        agile: true,
    };
    let page: Vec<Value> = hits
        .iter()
        .skip(start)
        .take(max)
        .map(|i| view.issue(&store, i, &fields))
        .collect();
    ok(
        json!({ "expand": "schema,names", "startAt": start, "maxResults": max, "total": hits.len(), "issues": page }),
    )
}
