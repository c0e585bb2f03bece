//! The Actions writes: cancel a run, re-run its failed jobs, dispatch the deploy workflow.

use super::catalog::ME;
use super::lifecycle::{self, DeployOrder};
use super::{ItemPath, OpsState, decide, find_repo, find_run};
use crate::github::body;
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use crate::github::ops::catalog::WEB;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde_json::{Map, Value, json};

pub async fn cancel(State(state): State<OpsState>, Path(path): ItemPath) -> Reply {
    let now = state.now();
    let mut world = state.world();
    let r = find_run(&world, &path)?;
    decide::cancel(&mut world, r, now)?;
    Ok((StatusCode::ACCEPTED, Json(json!({}))).into_response())
}

pub async fn rerun_failed(
    State(state): State<OpsState>,
    Path(path): ItemPath,
    bytes: Bytes,
) -> Reply {
    body::object(&bytes)?;
    let now = state.now();
    let mut world = state.world();
    let r = find_run(&world, &path)?;
    decide::rerun_failed(&mut world, r, ME, now)?;
    Ok((StatusCode::CREATED, Json(json!({}))).into_response())
}

/// `deploy.yml`'s inputs: both required.
const INPUTS: [&str; 2] = ["environment", "ref"];

/// Starts the deploy workflow (the only one with a `workflow_dispatch` trigger): a run whose
/// `deploy` job deploys `inputs.ref` to `inputs.environment`.
pub async fn dispatch(
    State(state): State<OpsState>,
    Path((owner, name, workflow)): ItemPath,
    origin: Origin,
    bytes: Bytes,
) -> Reply {
    let now = state.now();
    let mut world = state.world();
    let repo = find_repo(&world, &owner, &name)?;
    let w = world.repos[repo]
        .workflow(&workflow)
        .ok_or_else(GhError::not_found)?;
    if !world.repos[repo].workflows[w].dispatch {
        return Err(GhError::unprocessable(
            "Workflow does not have 'workflow_dispatch' trigger",
        ));
    }
    let body = body::object(&bytes)?;
    let reference = body::required_str(&body, "ref")?.to_string();
    let details = match body.get("return_run_details") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(body::mistyped("return_run_details", other, "a boolean")),
    };
    let inputs = match body.get("inputs") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(inputs)) => inputs.clone(),
        Some(other) => return Err(body::mistyped("inputs", other, "an object")),
    };
    if world.repos[repo].resolve(&reference, now).is_none() {
        return Err(GhError::unprocessable(format!(
            "No ref found for: {reference}"
        )));
    }
    let (environment, sha) = check_inputs(&world.repos[repo], &inputs)?;
    let start = lifecycle::deploy_start(&world, repo, environment, &reference, now);
    let branch = reference
        .strip_prefix("refs/heads/")
        .or_else(|| reference.strip_prefix("refs/tags/"))
        .unwrap_or(&reference)
        .to_string();
    let order = DeployOrder {
        repo,
        workflow: w,
        environment,
        sha,
        branch,
        by: ME,
        at: now,
        start,
    };
    let run = lifecycle::deploy(&mut world, order);
    if !details {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let id = world.runs[run].id;
    let full = world.repos[repo].full_name();
    Ok(Json(json!({
        "workflow_run_id": id,
        "run_url": format!("{}/repos/{full}/actions/runs/{id}", origin.api()),
        "html_url": format!("{WEB}/{full}/actions/runs/{id}"),
    }))
    .into_response())
}

/// The environment's index and the sha to deploy, or GitHub's complaint about the inputs.
fn check_inputs(
    repo: &super::model::Repo,
    inputs: &Map<String, Value>,
) -> Result<(usize, String), GhError> {
    let unexpected: Vec<&String> = inputs
        .keys()
        .filter(|k| !INPUTS.contains(&k.as_str()))
        .collect();
    if !unexpected.is_empty() {
        return Err(GhError::unprocessable(format!(
            "Unexpected inputs provided: {}",
            json!(unexpected)
        )));
    }
    let text = |name: &str| match inputs.get(name) {
        None | Some(Value::Null) => Err(GhError::unprocessable(format!(
            "Required input '{name}' not provided"
        ))),
        Some(Value::String(s)) if !s.is_empty() => Ok(s.as_str()),
        Some(other) => Err(GhError::unprocessable(format!(
            "Provided value {other} for input '{name}' is not a non-empty string"
        ))),
    };
    let env_name = text("environment")?;
    let environment = repo.environment(env_name).ok_or_else(|| {
        GhError::unprocessable(format!(
            "Provided value '{env_name}' for input 'environment' not in the list of allowed values"
        ))
    })?;
    let sha = text("ref")?;
    if sha.len() != 40 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(GhError::unprocessable(format!(
            "Provided value '{sha}' for input 'ref' is not a full 40-character commit sha"
        )));
    }
    Ok((environment, sha.to_ascii_lowercase()))
}
