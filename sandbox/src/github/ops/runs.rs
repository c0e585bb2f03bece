//! The Actions reads: workflows, workflow runs (with GitHub's filters) and their jobs.

use super::model::World;
use super::timeline::{self, RunView};
use super::{ItemPath, OpsState, RepoPath, find_job, find_repo, find_run, render};
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use crate::github::page::{Listing, page_of};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};

pub async fn workflows(
    State(state): State<OpsState>,
    Path((owner, name)): RepoPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let api = origin.api();
    let page = page_of(&listing, repo.workflows.iter().collect());
    Ok(page
        .map(|w| render::workflow(repo, w, &api))
        .wrapped("workflows"))
}

pub async fn workflow(
    State(state): State<OpsState>,
    Path((owner, name, workflow)): ItemPath,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let w = repo.workflow(&workflow).ok_or_else(GhError::not_found)?;
    Ok(Json(render::workflow(repo, &repo.workflows[w], &origin.api())).into_response())
}

pub async fn runs(
    State(state): State<OpsState>,
    Path((owner, name)): RepoPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = find_repo(&world, &owner, &name)?;
    Ok(list_runs(
        &world,
        repo,
        None,
        &listing,
        &origin,
        state.now(),
    ))
}

pub async fn workflow_runs(
    State(state): State<OpsState>,
    Path((owner, name, workflow)): ItemPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let repo = find_repo(&world, &owner, &name)?;
    let w = world.repos[repo]
        .workflow(&workflow)
        .ok_or_else(GhError::not_found)?;
    Ok(list_runs(
        &world,
        repo,
        Some(w),
        &listing,
        &origin,
        state.now(),
    ))
}

/// Newest first, filtered by `actor`, `branch`, `event`, `head_sha` and `status` (a status or
/// a conclusion, as GitHub accepts either).
fn list_runs(
    world: &World,
    repo: usize,
    workflow: Option<usize>,
    listing: &Listing,
    origin: &Origin,
    now: DateTime<Utc>,
) -> axum::response::Response {
    let wanted = |name: &str| listing.param(name).filter(|v| !v.is_empty());
    let runs: Vec<(usize, RunView)> = (0..world.runs.len())
        .rev()
        .filter(|&i| {
            let run = &world.runs[i];
            run.repo == repo
                && workflow.is_none_or(|w| run.workflow == w)
                && wanted("actor").is_none_or(|a| run.actor.login.eq_ignore_ascii_case(a))
                && wanted("branch").is_none_or(|b| run.branch == b)
                && wanted("event").is_none_or(|e| run.event == e)
                && wanted("head_sha").is_none_or(|s| run.sha == s)
        })
        .map(|i| (i, timeline::run(world, i, now)))
        .filter(|(_, view)| {
            wanted("status").is_none_or(|s| {
                view.status.as_str() == s || view.conclusion.is_some_and(|c| c.as_str() == s)
            })
        })
        .collect();
    let api = origin.api();
    page_of(listing, runs)
        .map(|(i, view)| render::run(world, i, &view, &api))
        .wrapped("workflow_runs")
}

pub async fn run(State(state): State<OpsState>, Path(path): ItemPath, origin: Origin) -> Reply {
    let world = state.world();
    let r = find_run(&world, &path)?;
    let view = timeline::run(&world, r, state.now());
    Ok(Json(render::run(&world, r, &view, &origin.api())).into_response())
}

/// `filter=latest` (the default) shows each job's newest attempt; `all` every attempt's.
pub async fn jobs(
    State(state): State<OpsState>,
    Path(path): ItemPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let world = state.world();
    let r = find_run(&world, &path)?;
    let jobs = match listing.param("filter") {
        None | Some("latest") => timeline::latest(&world, r),
        Some("all") => world.runs[r].jobs.clone(),
        Some(other) => {
            return Err(GhError::unprocessable(format!(
                "filter must be one of latest, all, not {other:?}"
            )));
        }
    };
    let now = state.now();
    let api = origin.api();
    Ok(page_of(&listing, jobs)
        .map(|j| render::job(&world, j, &timeline::job(&world.jobs[j], now), &api))
        .wrapped("jobs"))
}

pub async fn job(State(state): State<OpsState>, Path(path): ItemPath, origin: Origin) -> Reply {
    let world = state.world();
    let j = find_job(&world, &path)?;
    let view = timeline::job(&world.jobs[j], state.now());
    Ok(Json(render::job(&world, j, &view, &origin.api())).into_response())
}
