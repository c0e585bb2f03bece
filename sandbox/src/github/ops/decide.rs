//! What people decide about a run once it exists: cancel it, re-run its failed jobs, or
//! approve or reject the deployments it holds for review.

use super::catalog::{self, User};
use super::lifecycle::{PICKUP, add_job, deploy_job, deploy_start};
use super::model::{Attempt, Review, Start, Step, World};
use super::timeline::{self, Conclusion, Status};
use crate::github::error::GhError;
use chrono::{DateTime, TimeDelta, Utc};

pub fn cancel(world: &mut World, run: usize, at: DateTime<Utc>) -> Result<(), GhError> {
    if timeline::run(world, run, at).status == Status::Completed {
        return Err(GhError::conflict(
            "Cannot cancel a workflow run that is completed.",
        ));
    }
    for j in timeline::latest(world, run) {
        if timeline::job(&world.jobs[j], at).status != Status::Completed {
            world.jobs[j].cancelled_at = Some(at);
        }
    }
    Ok(())
}

/// A new attempt re-running the jobs of the newest one that failed or were cancelled. A
/// failed CI job passes this time (the demo's flakes are fixed by a re-run); a deploy fails
/// again if its release is bad.
pub fn rerun_failed(
    world: &mut World,
    run: usize,
    by: &'static User,
    at: DateTime<Utc>,
) -> Result<(), GhError> {
    if timeline::run(world, run, at).status != Status::Completed {
        return Err(GhError::forbidden("This workflow is already running"));
    }
    let failed: Vec<usize> = timeline::latest(world, run)
        .into_iter()
        .filter(|&j| {
            let conclusion = timeline::job(&world.jobs[j], at).conclusion;
            matches!(
                conclusion,
                Some(Conclusion::Failure | Conclusion::Cancelled)
            )
        })
        .collect();
    if failed.is_empty() {
        return Err(GhError::forbidden(
            "This workflow run has no failed jobs to re-run.",
        ));
    }
    world.runs[run].attempts.push(Attempt { at, by });
    for (n, j) in failed.into_iter().enumerate() {
        let old = &world.jobs[j];
        let delay = PICKUP + TimeDelta::seconds(2 * n as i64);
        match old.environment {
            Some(environment) => {
                let repo = world.runs[run].repo;
                let branch = world.runs[run].branch.clone();
                let sha = old
                    .deployment
                    .map(|d| world.deployments[d].sha.clone())
                    .unwrap_or_else(|| world.runs[run].sha.clone());
                let start = match deploy_start(world, repo, environment, &branch, at) {
                    Start::At(_) => Start::At(at + delay),
                    other => other,
                };
                deploy_job(world, run, environment, &sha, start);
            }
            None => {
                let name = old.name.clone();
                let steps = old
                    .steps
                    .iter()
                    .map(|step| Step {
                        fails: false,
                        ..step.clone()
                    })
                    .collect();
                add_job(world, run, &name, steps, Start::At(at + delay), None);
            }
        }
    }
    Ok(())
}

/// Approves or rejects the jobs of `run` held for the given environments; returns the
/// deployments they made. The wait timer is not enforced after approval (it is reported).
pub fn review(
    world: &mut World,
    run: usize,
    environment_ids: &[u64],
    approved: bool,
    comment: &str,
    at: DateTime<Utc>,
) -> Result<Vec<usize>, GhError> {
    let repo = world.runs[run].repo;
    let held: Vec<usize> = timeline::latest(world, run)
        .into_iter()
        .filter(|&j| timeline::job(&world.jobs[j], at).status == Status::Waiting)
        .filter(|&j| {
            world.jobs[j]
                .environment
                .is_some_and(|e| environment_ids.contains(&world.repos[repo].environments[e].id))
        })
        .collect();
    let waiting_for: Vec<u64> = held
        .iter()
        .filter_map(|&j| world.jobs[j].environment)
        .map(|e| world.repos[repo].environments[e].id)
        .collect();
    if let Some(stray) = environment_ids.iter().find(|id| !waiting_for.contains(id)) {
        return Err(GhError::unprocessable(format!(
            "No pending deployment for environment id {stray} in this workflow run."
        )));
    }
    for &j in &held {
        let job = &mut world.jobs[j];
        job.start = if approved {
            Start::At(at + PICKUP)
        } else {
            Start::Refused(at)
        };
        job.review = Some(Review {
            by: catalog::ME,
            approved,
            comment: comment.to_string(),
        });
    }
    Ok(held
        .iter()
        .filter_map(|&j| world.jobs[j].deployment)
        .collect())
}
