//! GitHub Actions and Deployments for two repositories, `acme/storefront` (staging and a
//! protected production) and `acme/search` (CI only): runs with jobs and steps that progress
//! with the clock, job logs behind signed blob URLs, workflow dispatch, re-runs, cancels and
//! deployment reviews; the repositories themselves and comparisons of their commits.

mod catalog;
mod code;
mod compare;
mod control;
mod decide;
mod deployments;
mod deploys;
mod lifecycle;
mod logs;
mod logtext;
mod model;
mod pattern;
mod render;
mod repos;
mod review;
mod runs;
mod seed;
mod timeline;

use super::clock::Clock;
use super::error::GhError;
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use axum::routing::post;
use chrono::{DateTime, Utc};
use model::World;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

#[derive(Clone)]
pub struct OpsState {
    world: Arc<Mutex<World>>,
    signed: Arc<Mutex<logs::Signed>>,
    clock: Clock,
}

impl OpsState {
    /// A panic in one handler must not take the sandbox down, so poisoning is ignored: every
    /// change leaves the world consistent before the lock is released.
    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn signed(&self) -> MutexGuard<'_, logs::Signed> {
        self.signed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// The Actions and Deployments routes (full paths) over a world seeded at the clock's now.
pub fn router(clock: Clock) -> Router {
    let state = OpsState {
        world: Arc::new(Mutex::new(seed::seed(clock.now()))),
        signed: Arc::default(),
        clock,
    };
    let repo = "/api/v3/repos/{owner}/{repo}";
    let route = |path: &str| format!("{repo}{path}");
    Router::new()
        .route(repo, get(code::repository))
        .route("/api/v3/user/repos", get(code::user_repos))
        // Branch names hold slashes, and GitHub takes them unencoded here.
        .route(&route("/compare/{*basehead}"), get(code::compare))
        .route(&route("/actions/workflows"), get(runs::workflows))
        .route(&route("/actions/workflows/{workflow}"), get(runs::workflow))
        .route(
            &route("/actions/workflows/{workflow}/runs"),
            get(runs::workflow_runs),
        )
        .route(
            &route("/actions/workflows/{workflow}/dispatches"),
            post(control::dispatch),
        )
        .route(&route("/actions/runs"), get(runs::runs))
        .route(&route("/actions/runs/{run}"), get(runs::run))
        .route(&route("/actions/runs/{run}/jobs"), get(runs::jobs))
        .route(&route("/actions/runs/{run}/cancel"), post(control::cancel))
        .route(
            &route("/actions/runs/{run}/rerun-failed-jobs"),
            post(control::rerun_failed),
        )
        .route(
            &route("/actions/runs/{run}/pending_deployments"),
            get(review::pending).post(review::decide),
        )
        .route(&route("/actions/jobs/{job}"), get(runs::job))
        .route(&route("/actions/jobs/{job}/logs"), get(logs::job_log))
        .route(&route("/environments"), get(deployments::environments))
        .route(
            &route("/environments/{name}"),
            get(deployments::environment),
        )
        .route(
            &route("/environments/{name}/deployment-branch-policies"),
            get(deployments::branch_policies),
        )
        .route(&route("/deployments"), get(deployments::deployments))
        .route(&route("/deployments/{id}"), get(deployments::deployment))
        .route(
            &route("/deployments/{id}/statuses"),
            get(deployments::statuses),
        )
        .route("/_blobs/job-logs/{job}", get(logs::blob))
        .with_state(state)
}

/// `{owner}/{repo}`.
type RepoPath = Path<(String, String)>;
/// `{owner}/{repo}` and the one thing a route names below it: a workflow, run, job,
/// environment or deployment.
type ItemPath = Path<(String, String, String)>;

/// GitHub matches owner and repository names without regard to case.
fn find_repo(world: &World, owner: &str, name: &str) -> Result<usize, GhError> {
    world
        .repos
        .iter()
        .position(|r| r.owner.eq_ignore_ascii_case(owner) && r.name.eq_ignore_ascii_case(name))
        .ok_or_else(GhError::not_found)
}

fn find_run(world: &World, path: &(String, String, String)) -> Result<usize, GhError> {
    find_in(world, path, &world.runs, |r| (r.repo, r.id))
}

fn find_job(world: &World, path: &(String, String, String)) -> Result<usize, GhError> {
    find_in(world, path, &world.jobs, |j| (world.runs[j.run].repo, j.id))
}

fn find_deployment(world: &World, path: &(String, String, String)) -> Result<usize, GhError> {
    find_in(world, path, &world.deployments, |d| (d.repo, d.id))
}

/// The index in `items` of the one of repository `{owner}/{repo}` with the path's id; `key`
/// tells an item's repository and id.
fn find_in<T>(
    world: &World,
    (owner, name, id): &(String, String, String),
    items: &[T],
    key: impl Fn(&T) -> (usize, u64),
) -> Result<usize, GhError> {
    let repo = find_repo(world, owner, name)?;
    items
        .iter()
        .position(|item| {
            let (of, item_id) = key(item);
            of == repo && item_id.to_string() == *id
        })
        .ok_or_else(GhError::not_found)
}
