//! How runs come to be, shared by the seed (history) and the API (live): opening runs and
//! their jobs, and deploy runs with the deployment each makes.

use super::catalog::{self, JobSpec, User};
use super::model::{Attempt, Deployment, Job, Run, Start, Step, StepKind, World};
use chrono::{DateTime, TimeDelta, Utc};

/// A runner picks a job up this long after it is queued (more for later jobs of a run).
pub const PICKUP: TimeDelta = TimeDelta::seconds(3);

pub struct NewRun {
    pub repo: usize,
    pub workflow: usize,
    pub event: &'static str,
    pub branch: String,
    pub sha: String,
    pub title: String,
    pub actor: &'static User,
    pub at: DateTime<Utc>,
}

pub fn open_run(world: &mut World, new: NewRun) -> usize {
    let workflow = &mut world.repos[new.repo].workflows[new.workflow];
    workflow.last_number += 1;
    let number = workflow.last_number;
    world.next_run_id += 1;
    world.runs.push(Run {
        id: world.next_run_id,
        repo: new.repo,
        workflow: new.workflow,
        number,
        event: new.event,
        branch: new.branch,
        sha: new.sha,
        title: new.title,
        actor: new.actor,
        created_at: new.at,
        attempts: vec![Attempt {
            at: new.at,
            by: new.actor,
        }],
        jobs: Vec::new(),
    });
    world.runs.len() - 1
}

/// The steps of a catalog job; `fails` marks the one that will fail, if any.
pub fn plan(spec: &JobSpec, environment: Option<&str>, fails: Option<StepKind>) -> Vec<Step> {
    spec.1
        .iter()
        .map(|&(kind, secs)| Step {
            name: catalog::step_name(kind, environment),
            kind,
            secs,
            fails: fails == Some(kind),
        })
        .collect()
}

/// A job of `run`'s newest attempt.
pub fn add_job(
    world: &mut World,
    run: usize,
    name: &str,
    steps: Vec<Step>,
    start: Start,
    environment: Option<usize>,
) -> usize {
    let r = &world.runs[run];
    let attempt = r.attempts.len() as u32;
    let created_at = r.attempts.last().map_or(r.created_at, |a| a.at);
    world.next_job_id += 1;
    let id = world.next_job_id;
    world.jobs.push(Job {
        id,
        run,
        attempt,
        name: name.to_string(),
        created_at,
        start,
        steps,
        cancelled_at: None,
        environment,
        deployment: None,
        review: None,
        runner: format!("GitHub Actions {}", 2 + id % 97),
    });
    let index = world.jobs.len() - 1;
    world.runs[run].jobs.push(index);
    index
}

/// A Deploy run: one `deploy` job for `environment` and the deployment it makes.
pub struct DeployOrder {
    pub repo: usize,
    pub workflow: usize,
    pub environment: usize,
    pub sha: String,
    /// The branch or tag the workflow runs from.
    pub branch: String,
    pub by: &'static User,
    pub at: DateTime<Utc>,
    pub start: Start,
}

pub fn deploy(world: &mut World, order: DeployOrder) -> usize {
    let repo = &world.repos[order.repo];
    let env_name = repo.environments[order.environment].name;
    let head = repo
        .resolve(&order.branch, order.at)
        .unwrap_or_else(|| order.sha.clone());
    let short: String = order.sha.chars().take(7).collect();
    let run = open_run(
        world,
        NewRun {
            repo: order.repo,
            workflow: order.workflow,
            event: "workflow_dispatch",
            branch: order.branch,
            sha: head,
            title: format!("Deploy {short} to {env_name}"),
            actor: order.by,
            at: order.at,
        },
    );
    deploy_job(world, run, order.environment, &order.sha, order.start);
    run
}

/// Why a deploy of `sha` fails: unknown commits have no release artifact, and the bad
/// release fails its smoke test.
fn deploy_failure(world: &World, repo: usize, sha: &str) -> Option<StepKind> {
    if world.repos[repo].commit(sha).is_none() {
        Some(StepKind::Download)
    } else if sha == world.bad_sha {
        Some(StepKind::Smoke)
    } else {
        None
    }
}

pub fn deploy_job(world: &mut World, run: usize, environment: usize, sha: &str, start: Start) {
    let repo = world.runs[run].repo;
    let fails = deploy_failure(world, repo, sha);
    let env_name = world.repos[repo].environments[environment].name;
    let (name, _) = catalog::DEPLOY_JOB;
    let steps = plan(&catalog::DEPLOY_JOB, Some(env_name), fails);
    let job = add_job(world, run, name, steps, start, Some(environment));
    // An environment that refuses the branch stops the job before any deployment exists.
    if matches!(start, Start::Refused(_)) {
        return;
    }
    world.next_deployment_id += 1;
    let r = &world.runs[run];
    world.deployments.push(Deployment {
        id: world.next_deployment_id,
        repo,
        environment,
        sha: sha.to_string(),
        job,
        created_at: r.attempts.last().map_or(r.created_at, |a| a.at),
        creator: r.attempts.last().map_or(r.actor, |a| a.by),
    });
    world.jobs[job].deployment = Some(world.deployments.len() - 1);
}

/// How a new deploy job for `environment` starts: held for reviewers, refused for a branch
/// the environment does not accept, or picked up by a runner.
pub fn deploy_start(
    world: &World,
    repo: usize,
    environment: usize,
    branch: &str,
    at: DateTime<Utc>,
) -> Start {
    let env = &world.repos[repo].environments[environment];
    let branch = branch.strip_prefix("refs/heads/").unwrap_or(branch);
    if !env.allows(branch) {
        Start::Refused(at)
    } else if !env.reviewers.is_empty() {
        Start::Waiting
    } else {
        Start::At(at + PICKUP)
    }
}
