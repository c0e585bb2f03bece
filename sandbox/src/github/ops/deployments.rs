//! The Deployments reads: environments with their protection rules and branch policies,
//! deployments (newest first, with GitHub's filters) and their statuses.

use super::{ItemPath, OpsState, RepoPath, deploys, find_deployment, find_repo, render};
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use crate::github::page::{Listing, page_of};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;

pub async fn environments(
    State(state): State<OpsState>,
    Path((owner, name)): RepoPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let api = origin.api();
    Ok(page_of(&listing, repo.environments.iter().collect())
        .map(|env| render::environment(repo, env, &api))
        .wrapped("environments"))
}

pub async fn environment(
    State(state): State<OpsState>,
    Path((owner, name, env)): ItemPath,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let e = repo.environment(&env).ok_or_else(GhError::not_found)?;
    Ok(Json(render::environment(
        repo,
        &repo.environments[e],
        &origin.api(),
    ))
    .into_response())
}

/// The custom deployment branch policies of an environment; GitHub answers 404 for an
/// environment that has none (any branch, or protected branches only).
pub async fn branch_policies(
    State(state): State<OpsState>,
    Path((owner, name, env)): ItemPath,
    listing: Listing,
) -> Reply {
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let env = &repo.environments[repo.environment(&env).ok_or_else(GhError::not_found)?];
    if env.branch_policies.is_empty() {
        return Err(GhError::not_found());
    }
    let all: Vec<usize> = (0..env.branch_policies.len()).collect();
    Ok(page_of(&listing, all)
        .map(|n| render::branch_policy(env, n))
        .wrapped("branch_policies"))
}

pub async fn deployments(
    State(state): State<OpsState>,
    Path((owner, name)): RepoPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = find_repo(&world, &owner, &name)?;
    let wanted = |name: &str| listing.param(name).filter(|v| !v.is_empty());
    let found: Vec<usize> = (0..world.deployments.len())
        .rev()
        .filter(|&i| {
            let d = &world.deployments[i];
            let env = world.repos[repo].environments[d.environment].name;
            d.repo == repo
                && wanted("environment").is_none_or(|e| e == env)
                && wanted("sha").is_none_or(|s| s == d.sha)
                && wanted("ref").is_none_or(|r| r == d.sha)
                && wanted("task").is_none_or(|t| t == "deploy")
        })
        .collect();
    let now = state.now();
    let api = origin.api();
    Ok(page_of(&listing, found)
        .map(|i| render::deployment(&world, i, &deploys::statuses(&world, i, now), &api))
        .array())
}

pub async fn deployment(
    State(state): State<OpsState>,
    Path(path): ItemPath,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let d = find_deployment(&world, &path)?;
    let events = deploys::statuses(&world, d, state.now());
    Ok(Json(render::deployment(&world, d, &events, &origin.api())).into_response())
}

pub async fn statuses(
    State(state): State<OpsState>,
    Path(path): ItemPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let d = find_deployment(&world, &path)?;
    let mut events = deploys::statuses(&world, d, state.now());
    events.reverse();
    let api = origin.api();
    Ok(page_of(&listing, events)
        .map(|event| render::status(&world, d, &event, &api))
        .array())
}
