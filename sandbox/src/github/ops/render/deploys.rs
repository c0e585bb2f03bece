//! Environments, deployments, deployment statuses and pending deployments.

use super::{node_id, time, user};
use crate::github::ops::catalog::{self, ACTIONS_BOT, WEB};
use crate::github::ops::deploys::StatusEvent;
use crate::github::ops::model::{Environment, Repo, World};
use serde_json::{Value, json};

fn environment_head(repo: &Repo, env: &Environment, api: &str) -> Value {
    let full = repo.full_name();
    json!({
        "id": env.id,
        "node_id": node_id("EN", env.id),
        "name": env.name,
        "url": format!("{api}/repos/{full}/environments/{}", env.name),
        "html_url": format!(
            "{WEB}/{full}/deployments/activity_log?environments_filter={}",
            env.name
        ),
    })
}

fn reviewers(env: &Environment, api: &str) -> Value {
    env.reviewers
        .iter()
        .map(|r| json!({ "type": "User", "reviewer": user(r, api) }))
        .collect()
}

pub fn environment(repo: &Repo, env: &Environment, api: &str) -> Value {
    let rule_id = |n: u64| env.id % 100_000 * 10 + n;
    let mut rules = Vec::new();
    if !env.reviewers.is_empty() {
        rules.push(json!({
            "id": rule_id(1),
            "node_id": node_id("GA", rule_id(1)),
            "prevent_self_review": false,
            "type": "required_reviewers",
            "reviewers": reviewers(env, api),
        }));
    }
    if let Some(minutes) = env.wait_timer {
        rules.push(json!({
            "id": rule_id(2),
            "node_id": node_id("GA", rule_id(2)),
            "type": "wait_timer",
            "wait_timer": minutes,
        }));
    }
    let mut policy = Value::Null;
    if !env.branch_policies.is_empty() {
        rules.push(json!({
            "id": rule_id(3),
            "node_id": node_id("GA", rule_id(3)),
            "type": "branch_policy",
        }));
        policy = json!({ "protected_branches": false, "custom_branch_policies": true });
    }
    let mut body = environment_head(repo, env, api);
    body["created_at"] = json!(time(env.created_at));
    body["updated_at"] = json!(time(env.created_at));
    body["protection_rules"] = Value::Array(rules);
    body["deployment_branch_policy"] = policy;
    body
}

/// The `n`th (from 0) custom deployment branch policy of an environment.
pub fn branch_policy(env: &Environment, n: usize) -> Value {
    let id = env.id % 100_000 * 100 + n as u64 + 1;
    json!({
        "id": id,
        "node_id": node_id("GBP", id),
        "name": env.branch_policies[n],
        "type": "branch",
    })
}

pub fn deployment(world: &World, index: usize, events: &[StatusEvent], api: &str) -> Value {
    let d = &world.deployments[index];
    let repo = &world.repos[d.repo];
    let env = &repo.environments[d.environment];
    let full = repo.full_name();
    let url = format!("{api}/repos/{full}/deployments/{}", d.id);
    let updated = events.last().map_or(d.created_at, |e| e.at);
    json!({
        "url": url,
        "id": d.id,
        "node_id": node_id("DE", d.id),
        "sha": d.sha,
        "ref": d.sha,
        "task": "deploy",
        "payload": {},
        "original_environment": env.name,
        "environment": env.name,
        "description": null,
        "creator": user(d.creator, api),
        "created_at": time(d.created_at),
        "updated_at": time(updated),
        "statuses_url": format!("{url}/statuses"),
        "repository_url": format!("{api}/repos/{full}"),
        "transient_environment": false,
        "production_environment": env.name == "production",
        "performed_via_github_app": null,
    })
}

pub fn status(world: &World, index: usize, event: &StatusEvent, api: &str) -> Value {
    let d = &world.deployments[index];
    let repo = &world.repos[d.repo];
    let env = &repo.environments[d.environment];
    let run = &world.runs[world.jobs[d.job].run];
    let full = repo.full_name();
    let deployment_url = format!("{api}/repos/{full}/deployments/{}", d.id);
    let id = d.id * 10 + event.seq;
    let log_url = format!(
        "{WEB}/{full}/actions/runs/{}/job/{}",
        run.id, world.jobs[d.job].id
    );
    let site = if event.state == "success" {
        env.site
    } else {
        ""
    };
    json!({
        "url": format!("{deployment_url}/statuses/{id}"),
        "id": id,
        "node_id": node_id("DES", id),
        "state": event.state,
        "creator": user(&ACTIONS_BOT, api),
        "description": event.description,
        "environment": env.name,
        "target_url": log_url,
        "created_at": time(event.at),
        "updated_at": time(event.at),
        "deployment_url": deployment_url,
        "repository_url": format!("{api}/repos/{full}"),
        "environment_url": site,
        "log_url": log_url,
        "performed_via_github_app": null,
    })
}

/// A job held for its environment's reviewers.
pub fn pending(world: &World, job: usize, api: &str) -> Option<Value> {
    let job = &world.jobs[job];
    let repo = &world.repos[world.runs[job.run].repo];
    let env = &repo.environments[job.environment?];
    let me = env.reviewers.iter().any(|r| r.login == catalog::ME.login);
    Some(json!({
        "environment": environment_head(repo, env, api),
        "wait_timer": env.wait_timer.unwrap_or(0),
        "wait_timer_started_at": time(job.created_at),
        "current_user_can_approve": me,
        "reviewers": reviewers(env, api),
    }))
}
