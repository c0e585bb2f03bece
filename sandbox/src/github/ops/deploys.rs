//! A deployment's statuses at an instant, derived from its job: queued when created,
//! in_progress once a runner has it, then success / failure / error, and inactive once a newer
//! deployment to the same environment succeeds (as GitHub marks superseded ones).

use super::model::World;
use super::timeline::{self, Conclusion, Status};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub struct StatusEvent {
    /// Unique among the deployment's statuses: the status id is the deployment's id * 10 + this.
    pub seq: u64,
    pub state: &'static str,
    pub at: DateTime<Utc>,
    pub description: String,
}

/// Oldest first.
pub fn statuses(world: &World, index: usize, now: DateTime<Utc>) -> Vec<StatusEvent> {
    let deployment = &world.deployments[index];
    let job = &world.jobs[deployment.job];
    let view = timeline::job(job, now);
    let mut events = vec![StatusEvent {
        seq: 1,
        state: "queued",
        at: deployment.created_at,
        description: String::new(),
    }];
    if !view.steps.is_empty() {
        events.push(StatusEvent {
            seq: 2,
            state: "in_progress",
            at: view.started_at,
            description: String::new(),
        });
    }
    let (Status::Completed, Some(conclusion), Some(at)) =
        (view.status, view.conclusion, view.completed_at)
    else {
        return events;
    };
    let rejection = job.review.as_ref().filter(|r| !r.approved);
    let (state, description) = match (conclusion, rejection) {
        (Conclusion::Success, _) => ("success", "Deployment finished successfully.".to_string()),
        (_, Some(review)) if review.comment.is_empty() => {
            ("failure", format!("Rejected by {}.", review.by.login))
        }
        (_, Some(review)) => (
            "failure",
            format!("Rejected by {}: {}", review.by.login, review.comment),
        ),
        (Conclusion::Failure, None) => ("failure", failure_reason(world, index, now)),
        (Conclusion::Cancelled | Conclusion::Skipped, None) => {
            ("error", "The deployment job was cancelled.".to_string())
        }
    };
    events.push(StatusEvent {
        seq: 3,
        state,
        at,
        description: description.clone(),
    });
    if state == "success"
        && let Some(later) = superseded_at(world, index, at, now)
    {
        events.push(StatusEvent {
            seq: 4,
            state: "inactive",
            at: later,
            description: String::new(),
        });
    }
    events
}

fn failure_reason(world: &World, index: usize, now: DateTime<Utc>) -> String {
    let job = &world.jobs[world.deployments[index].job];
    let view = timeline::job(job, now);
    let failed = job
        .steps
        .iter()
        .zip(&view.steps)
        .find(|(_, v)| v.conclusion == Some(Conclusion::Failure))
        .map(|(step, _)| step.name.as_str());
    match failed {
        Some(step) => format!("The deployment failed at \"{step}\"."),
        None => "The deployment was refused by the environment's protection rules.".to_string(),
    }
}

/// When the deployment succeeded, if it has.
pub fn succeeded_at(world: &World, index: usize, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let view = timeline::job(&world.jobs[world.deployments[index].job], now);
    (view.conclusion == Some(Conclusion::Success))
        .then_some(view.completed_at)
        .flatten()
}

/// The first success after `since` of another deployment to the same environment.
fn superseded_at(
    world: &World,
    index: usize,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let d = &world.deployments[index];
    world
        .deployments
        .iter()
        .enumerate()
        .filter(|(i, other)| {
            *i != index && other.repo == d.repo && other.environment == d.environment
        })
        .filter_map(|(i, _)| succeeded_at(world, i, now))
        .filter(|at| *at > since)
        .min()
}
