//! Deployments held for an environment's required reviewers: listing them and approving or
//! rejecting them.

use super::catalog::ME;
use super::timeline::{self, Status};
use super::{ItemPath, OpsState, decide, deploys, find_run, render};
use crate::github::body;
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use serde_json::Value;

pub async fn pending(State(state): State<OpsState>, Path(path): ItemPath, origin: Origin) -> Reply {
    let world = state.world();
    let r = find_run(&world, &path)?;
    let now = state.now();
    let api = origin.api();
    let held: Vec<Value> = timeline::latest(&world, r)
        .into_iter()
        .filter(|&j| timeline::job(&world.jobs[j], now).status == Status::Waiting)
        .filter_map(|j| render::pending(&world, j, &api))
        .collect();
    Ok(Json(held).into_response())
}

pub async fn decide(
    State(state): State<OpsState>,
    Path(path): ItemPath,
    origin: Origin,
    bytes: Bytes,
) -> Reply {
    let body = body::object(&bytes)?;
    let ids: Vec<u64> = match body.get("environment_ids") {
        None | Some(Value::Null) => return Err(body::missing("environment_ids")),
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|v| v.as_u64())
            .collect::<Option<_>>()
            .ok_or_else(|| {
                body::mistyped(
                    "environment_ids",
                    &Value::Array(items.clone()),
                    "an array of integers",
                )
            })?,
        Some(other) => {
            return Err(body::mistyped(
                "environment_ids",
                other,
                "a non-empty array",
            ));
        }
    };
    let approved = match body::required_str(&body, "state")? {
        "approved" => true,
        "rejected" => false,
        other => {
            return Err(body::mistyped(
                "state",
                &Value::String(other.into()),
                "one of approved, rejected",
            ));
        }
    };
    let comment = body::required_str(&body, "comment")?.to_string();
    let now = state.now();
    let mut world = state.world();
    let r = find_run(&world, &path)?;
    let repo = world.runs[r].repo;
    let env_of = |id: u64| world.repos[repo].environments.iter().find(|e| e.id == id);
    if let Some(env) = ids
        .iter()
        .filter_map(|&id| env_of(id))
        .find(|e| !e.reviewers.contains(&ME))
    {
        return Err(GhError::forbidden(format!(
            "You are not a required reviewer of the {} environment.",
            env.name
        )));
    }
    let deployments = decide::review(&mut world, r, &ids, approved, &comment, now)?;
    let api = origin.api();
    let body: Vec<Value> = deployments
        .into_iter()
        .map(|d| render::deployment(&world, d, &deploys::statuses(&world, d, now), &api))
        .collect();
    Ok(Json(body).into_response())
}
