//! The repository and its history: `GET /repos/{owner}/{repo}`, the viewer's repositories
//! (`GET /user/repos`) and the comparison of two commits, which tells what a deployment
//! brought.

use super::model::{Commit, Repo};
use super::{ItemPath, OpsState, RepoPath, compare, find_repo, render};
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use crate::github::page::{Listing, page_of};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};

/// Commits a comparison lists when the request does not page them: the newest this many.
const UNPAGED_COMMITS: usize = 250;
const COMPARE_DOCS: &str = "https://docs.github.com/rest/commits/commits#compare-two-commits";

const USER_REPOS_DOCS: &str =
    "https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user";

pub async fn repository(
    State(state): State<OpsState>,
    Path((owner, name)): RepoPath,
    origin: Origin,
) -> Reply {
    let now = state.now();
    let world = state.world();
    let repo = &world.repos[find_repo(&world, &owner, &name)?];
    let body = render::full_repository(repo, pushed_at(repo, now), &origin.api());
    Ok(Json(body).into_response())
}

/// When the repository's newest commit, on any branch, arrived.
fn pushed_at(repo: &Repo, now: DateTime<Utc>) -> DateTime<Utc> {
    repo.commits
        .iter()
        .chain(repo.branches.iter().map(|b| &b.tip))
        .map(|c| c.at)
        .filter(|at| *at <= now)
        .max()
        .unwrap_or(repo.created_at)
}

/// `GET /user/repos`. The viewer owns nothing and collaborates on nothing directly: every
/// repository (all private) is theirs through membership of the organisation.
pub async fn user_repos(State(state): State<OpsState>, listing: Listing, origin: Origin) -> Reply {
    let has = |name: &str| listing.param(name).is_some();
    if has("type") && (has("visibility") || has("affiliation")) {
        let message = "If you specify visibility or affiliation, you cannot specify type.";
        return Err(GhError::unprocessable(message).documented_at(USER_REPOS_DOCS));
    }
    let visible = match listing.param("visibility").unwrap_or("all") {
        "all" | "private" => true,
        "public" => false,
        other => return Err(invalid(other, "visibility")),
    };
    let affiliation = listing
        .param("affiliation")
        .unwrap_or("organization_member");
    let mut member = false;
    for part in affiliation.split(',').map(str::trim) {
        match part {
            "organization_member" => member = true,
            "owner" | "collaborator" => {}
            other => return Err(invalid(other, "affiliation")),
        }
    }
    let typed = match listing.param("type").unwrap_or("all") {
        "all" | "member" | "private" => true,
        "owner" | "public" => false,
        other => return Err(invalid(other, "type")),
    };
    let now = state.now();
    let world = state.world();
    let mut repos: Vec<(&Repo, DateTime<Utc>)> = world
        .repos
        .iter()
        .filter(|_| visible && member && typed)
        .map(|r| (r, pushed_at(r, now)))
        .collect();
    let sort = listing.param("sort").unwrap_or("full_name");
    match sort {
        "full_name" => repos.sort_by_key(|(r, _)| r.full_name().to_lowercase()),
        "created" => repos.sort_by_key(|(r, _)| std::cmp::Reverse(r.created_at)),
        "updated" | "pushed" => repos.sort_by_key(|(_, at)| std::cmp::Reverse(*at)),
        other => return Err(invalid(other, "sort")),
    }
    let ascending = sort == "full_name";
    match listing.param("direction") {
        None => {}
        Some("asc") if !ascending => repos.reverse(),
        Some("desc") if ascending => repos.reverse(),
        Some("asc" | "desc") => {}
        Some(other) => return Err(invalid(other, "direction")),
    }
    let api = origin.api();
    Ok(page_of(&listing, repos)
        .map(|(repo, at)| render::full_repository(repo, at, &api))
        .array())
}

fn invalid(value: &str, parameter: &str) -> GhError {
    let message = format!("Invalid value {value:?} for the parameter {parameter}.");
    GhError::unprocessable(message).documented_at(USER_REPOS_DOCS)
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
