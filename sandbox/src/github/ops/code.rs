//! The repository and its history: `GET /repos/{owner}/{repo}` and the comparison of two
//! commits, which tells what a deployment brought.

use super::model::Commit;
use super::{ItemPath, OpsState, RepoPath, compare, find_repo, render};
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use crate::github::page::{Listing, page_of};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;

/// Commits a comparison lists when the request does not page them: the newest this many.
const UNPAGED_COMMITS: usize = 250;
const COMPARE_DOCS: &str = "https://docs.github.com/rest/commits/commits#compare-two-commits";

pub async fn repository(
    State(state): State<OpsState>,
    Path((owner, name)): RepoPath,
    origin: Origin,
) -> Reply {
    let now = state.now();
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let pushed_at = repo
        .commits
        .iter()
        .chain(repo.branches.iter().map(|b| &b.tip))
        .map(|c| c.at)
        .filter(|at| *at <= now)
        .max()
        .unwrap_or(repo.created_at);
    let body = render::full_repository(repo, pushed_at, &origin.api());
    Ok(Json(body).into_response())
}

/// `GET /repos/{owner}/{repo}/compare/{base}...{head}`: the commits oldest first, paged only
/// when the request names `per_page` or `page`, as GitHub does.
pub async fn compare(
    State(state): State<OpsState>,
    Path((owner, name, basehead)): ItemPath,
    listing: Listing,
    origin: Origin,
) -> Reply {
    let now = state.now();
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let (base, head) = basehead.split_once("...").ok_or_else(GhError::not_found)?;
    let find = |reference: &str| {
        compare::find(repo, reference, now).ok_or_else(|| {
            let message = format!("No commit found for SHA: {reference}");
            GhError::new(StatusCode::NOT_FOUND, message).documented_at(COMPARE_DOCS)
        })
    };
    let found = compare::compare(repo, find(base)?, find(head)?);
    let api = origin.api();
    let render_commit = |c: &Commit| render::commit(repo, c, compare::parent(repo, c), &api);
    let paged = listing.param("per_page").is_some() || listing.param("page").is_some();
    if !paged {
        let newest = &found.commits[found.commits.len().saturating_sub(UNPAGED_COMMITS)..];
        let commits = newest.iter().map(|c| render_commit(c)).collect();
        let body = render::comparison(repo, &found, commits, &basehead, &api);
        return Ok(Json(body).into_response());
    }
    Ok(page_of(&listing, found.commits.clone())
        .map(render_commit)
        .within(|commits| render::comparison(repo, &found, commits, &basehead, &api)))
}
