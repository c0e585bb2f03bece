//! Workflows, workflow runs and jobs as the Actions REST API shows them.

use super::{maybe_time, node_id, repository, time, user};
use crate::github::ops::catalog::WEB;
use crate::github::ops::model::{Repo, Workflow, World};
use crate::github::ops::timeline::{JobView, RunView};
use crate::hex;
use serde_json::{Value, json};

pub fn workflow(repo: &Repo, workflow: &Workflow, api: &str) -> Value {
    let full = repo.full_name();
    json!({
        "id": workflow.id,
        "node_id": node_id("W", workflow.id),
        "name": workflow.name,
        "path": format!(".github/workflows/{}", workflow.file),
        "state": "active",
        "created_at": time(workflow.created_at),
        "updated_at": time(workflow.created_at),
        "url": format!("{api}/repos/{full}/actions/workflows/{}", workflow.id),
        "html_url": format!("{WEB}/{full}/blob/main/.github/workflows/{}", workflow.file),
        "badge_url": format!("{WEB}/{full}/workflows/{}/badge.svg", workflow.name),
    })
}

pub fn run(world: &World, index: usize, view: &RunView, api: &str) -> Value {
    let run = &world.runs[index];
    let repo = &world.repos[run.repo];
    let workflow = &repo.workflows[run.workflow];
    let full = repo.full_name();
    let url = format!("{api}/repos/{full}/actions/runs/{}", run.id);
    let attempt = run.attempts.len();
    let triggering = run.attempts.last().map_or(run.actor, |a| a.by);
    let commit = repo.any_commit(&run.sha);
    let (message, committed_at, author) = match commit {
        Some(c) => (c.message.as_str(), c.at, c.author),
        None => (run.title.as_str(), run.created_at, run.actor),
    };
    let check_suite = run.id + 20_000_000_000;
    json!({
        "id": run.id,
        "name": workflow.name,
        "node_id": node_id("WFR", run.id),
        "check_suite_id": check_suite,
        "check_suite_node_id": node_id("CS", check_suite),
        "head_branch": run.branch,
        "head_sha": run.sha,
        "path": format!(".github/workflows/{}@{}", workflow.file, run.branch),
        "display_title": run.title,
        "run_number": run.number,
        "event": run.event,
        "status": view.status.as_str(),
        "conclusion": view.conclusion.map(|c| c.as_str()),
        "workflow_id": workflow.id,
        "url": url,
        "html_url": format!("{WEB}/{full}/actions/runs/{}", run.id),
        "pull_requests": [],
        "created_at": time(run.created_at),
        "updated_at": time(view.updated_at),
        "actor": user(run.actor, api),
        "run_attempt": attempt,
        "referenced_workflows": [],
        "run_started_at": time(view.started_at),
        "triggering_actor": user(triggering, api),
        "jobs_url": format!("{url}/jobs"),
        "logs_url": format!("{url}/logs"),
        "check_suite_url": format!("{api}/repos/{full}/check-suites/{check_suite}"),
        "artifacts_url": format!("{url}/artifacts"),
        "cancel_url": format!("{url}/cancel"),
        "rerun_url": format!("{url}/rerun"),
        "previous_attempt_url": (attempt > 1).then(|| format!("{url}/attempts/{}", attempt - 1)),
        "workflow_url": format!("{api}/repos/{full}/actions/workflows/{}", workflow.id),
        "head_commit": {
            "id": run.sha,
            "tree_id": hex::digest(format!("tree {}", run.sha), 40),
            "message": message,
            "timestamp": time(committed_at),
            "author": {
                "name": author.name().unwrap_or(author.login),
                "email": format!("{}@users.noreply.github.example", author.login),
            },
            "committer": { "name": "GitHub", "email": "noreply@github.example" },
        },
        "repository": repository(repo, api),
        "head_repository": repository(repo, api),
        "head_repository_id": repo.id,
    })
}

pub fn job(world: &World, index: usize, view: &JobView, api: &str) -> Value {
    let job = &world.jobs[index];
    let run = &world.runs[job.run];
    let repo = &world.repos[run.repo];
    let full = repo.full_name();
    let steps: Vec<Value> = job
        .steps
        .iter()
        .zip(&view.steps)
        .map(|(step, v)| {
            json!({
                "name": step.name,
                "status": v.status.as_str(),
                "conclusion": v.conclusion.map(|c| c.as_str()),
                "number": v.number,
                "started_at": maybe_time(v.started_at),
                "completed_at": maybe_time(v.completed_at),
            })
        })
        .collect();
    // Only a job a runner picked up names its runner.
    let ran = !view.steps.is_empty();
    json!({
        "id": job.id,
        "run_id": run.id,
        "workflow_name": repo.workflows[run.workflow].name,
        "head_branch": run.branch,
        "run_url": format!("{api}/repos/{full}/actions/runs/{}", run.id),
        "run_attempt": job.attempt,
        "node_id": node_id("CR", job.id),
        "head_sha": run.sha,
        "url": format!("{api}/repos/{full}/actions/jobs/{}", job.id),
        "html_url": format!("{WEB}/{full}/actions/runs/{}/job/{}", run.id, job.id),
        "status": view.status.as_str(),
        "conclusion": view.conclusion.map(|c| c.as_str()),
        "created_at": time(job.created_at),
        "started_at": time(view.started_at),
        "completed_at": maybe_time(view.completed_at),
        "name": job.name,
        "steps": steps,
        "check_run_url": format!("{api}/repos/{full}/check-runs/{}", job.id),
        "labels": ["ubuntu-latest"],
        "runner_id": ran.then_some(1000 + job.id % 97),
        "runner_name": ran.then_some(job.runner.as_str()),
        "runner_group_id": ran.then_some(2),
        "runner_group_name": ran.then_some("GitHub Actions"),
    })
}
