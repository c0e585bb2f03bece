//! The GET side: services, environments, deployment history and pipeline runs.

use super::AppState;
use super::error::{ApiError, Reply};
use super::model::{Deployment, Run, Service, World};
use super::page::{self, Params};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use serde_json::{Value, json};

pub fn find_service<'w>(world: &'w World, name: &str) -> Result<(usize, &'w Service), ApiError> {
    world
        .service(name)
        .map(|i| (i, &world.services[i]))
        .ok_or_else(|| ApiError::not_found(format!("no service named {name:?}")))
}

pub fn find_environment(service: &Service, name: &str) -> Result<usize, ApiError> {
    service.environment(name).ok_or_else(|| {
        ApiError::not_found(format!(
            "{} has no environment named {name:?}",
            service.name
        ))
    })
}

pub fn find_deployment(world: &World, id: &str) -> Result<usize, ApiError> {
    world
        .deployment(id)
        .ok_or_else(|| ApiError::not_found(format!("no deployment with id {id:?}")))
}

pub fn find_run<'w>(world: &'w World, id: &str) -> Result<&'w Run, ApiError> {
    world
        .run(id)
        .map(|i| &world.runs[i])
        .or_else(|| world.demo_runs.iter().find(|r| r.id == id))
        .ok_or_else(|| ApiError::not_found(format!("no pipeline run with id {id:?}")))
}

fn ok(body: Value) -> Reply {
    Ok(Json(body).into_response())
}

pub async fn services(State(state): State<AppState>) -> Reply {
    let world = state.world();
    let services: Vec<Value> = world
        .services
        .iter()
        .map(|s| {
            let environments: Vec<&str> = s.environments.iter().map(|e| e.name.as_str()).collect();
            json!({ "name": s.name, "environments": environments, "repo": s.repo })
        })
        .collect();
    ok(json!({ "services": services }))
}

pub async fn environments(State(state): State<AppState>, Path(service): Path<String>) -> Reply {
    let world = state.world();
    let (_, service) = find_service(&world, &service)?;
    let environments: Vec<Value> = service
        .environments
        .iter()
        .map(|e| {
            json!({
                "name": e.name,
                "protected": e.protected,
                "health": e.health,
                "lock": e.lock,
                "current": e.current.map(|d| &world.deployments[d]),
            })
        })
        .collect();
    ok(json!({ "environments": environments }))
}

pub async fn deployments(
    State(state): State<AppState>,
    Path((service, env)): Path<(String, String)>,
    query: Result<Query<Params>, QueryRejection>,
) -> Reply {
    let (page, _) = page::parse(query)?;
    let world = state.world();
    let (_, s) = find_service(&world, &service)?;
    let env = &s.environments[find_environment(s, &env)?].name;
    let history: Vec<&Deployment> = world
        .deployments
        .iter()
        .rev()
        .filter(|d| d.service == s.name && &d.environment == env)
        .collect();
    let (items, next) = page::slice(history, |d| &d.id, &page)?;
    ok(json!({ "deployments": items, "next_cursor": next }))
}

pub async fn deployment(State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let world = state.world();
    let index = find_deployment(&world, &id)?;
    ok(json!(world.deployments[index]))
}

pub async fn runs(
    State(state): State<AppState>,
    query: Result<Query<Params>, QueryRejection>,
) -> Reply {
    let (page, params) = page::parse(query)?;
    let world = state.world();
    let service = match &params.service {
        Some(name) => Some(find_service(&world, name)?.1.name.as_str()),
        None => None,
    };
    let mut runs: Vec<&Run> = world
        .runs
        .iter()
        .rev()
        .chain(&world.demo_runs)
        .filter(|r| service.is_none_or(|s| r.service == s))
        .collect();
    // Newest first; the sort is stable, so runs made at the same second keep newest-first.
    runs.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    let (items, next) = page::slice(runs, |r| &r.id, &page)?;
    ok(json!({ "runs": items, "next_cursor": next }))
}

pub async fn run(State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let world = state.world();
    ok(json!(find_run(&world, &id)?))
}
