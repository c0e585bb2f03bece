//! What a job and a run look like at an instant, computed from the job's plan and the moments
//! recorded in the world (start, cancel). Pure: the same instant always gives the same view.

use super::model::{Job, Start, Step, StepKind, World};
use chrono::{DateTime, TimeDelta, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Queued,
    Waiting,
    InProgress,
    Completed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Waiting => "waiting",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conclusion {
    Success,
    Failure,
    Cancelled,
    Skipped,
}

impl Conclusion {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Cancelled => "cancelled",
            Self::Skipped => "skipped",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub number: usize,
    pub status: Status,
    pub conclusion: Option<Conclusion>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JobView {
    pub status: Status,
    pub conclusion: Option<Conclusion>,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// One per planned step once a runner has the job; empty before (and if it never ran).
    pub steps: Vec<StepView>,
}

impl JobView {
    /// Finished after running on a runner, so it has a log.
    pub fn has_log(&self) -> bool {
        self.status == Status::Completed && !self.steps.is_empty()
    }
}

/// Where each step falls once the job starts at `start`: after a failed step the rest are
/// skipped, except the runner's own "Complete job".
pub fn schedule(steps: &[Step], start: DateTime<Utc>) -> Vec<Slot> {
    let mut at = start;
    let mut failed = false;
    steps
        .iter()
        .map(|step| {
            if failed && step.kind != StepKind::Complete {
                return Slot {
                    start: at,
                    end: at,
                    conclusion: Conclusion::Skipped,
                };
            }
            let end = at + TimeDelta::seconds(step.secs);
            let conclusion = if step.fails {
                failed = true;
                Conclusion::Failure
            } else {
                Conclusion::Success
            };
            let slot = Slot {
                start: at,
                end,
                conclusion,
            };
            at = end;
            slot
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub conclusion: Conclusion,
}

pub fn job(job: &Job, now: DateTime<Utc>) -> JobView {
    let cancelled = job.cancelled_at.filter(|c| *c <= now);
    let ended = |conclusion, at| JobView {
        status: Status::Completed,
        conclusion: Some(conclusion),
        started_at: at,
        completed_at: Some(at),
        steps: Vec::new(),
    };
    let held = JobView {
        status: Status::Waiting,
        conclusion: None,
        started_at: job.created_at,
        completed_at: None,
        steps: Vec::new(),
    };
    match job.start {
        Start::Skipped => ended(Conclusion::Skipped, job.created_at),
        Start::Refused(at) if at <= now => ended(Conclusion::Failure, at),
        Start::Refused(_) | Start::Waiting => match cancelled {
            Some(at) => ended(Conclusion::Cancelled, at),
            None => held,
        },
        Start::At(start) => running(job, start, cancelled, now),
    }
}

fn running(
    job: &Job,
    start: DateTime<Utc>,
    cancelled: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> JobView {
    let slots = schedule(&job.steps, start);
    let end = slots.last().map_or(start, |s| s.end);
    // A cancel that comes after the job ended changes nothing.
    let cut = cancelled.filter(|c| *c < end);
    let horizon = cut.unwrap_or(now);
    if horizon < start {
        return JobView {
            status: if cut.is_some() {
                Status::Completed
            } else {
                Status::Queued
            },
            conclusion: cut.map(|_| Conclusion::Cancelled),
            started_at: cut.unwrap_or(job.created_at),
            completed_at: cut,
            steps: Vec::new(),
        };
    }
    let steps = slots
        .iter()
        .enumerate()
        .map(|(i, slot)| step(i + 1, slot, horizon, cut.is_some()))
        .collect();
    let (status, conclusion, completed_at) = match cut {
        Some(at) => (Status::Completed, Some(Conclusion::Cancelled), Some(at)),
        None if end <= now => {
            let failed = slots.iter().any(|s| s.conclusion == Conclusion::Failure);
            let conclusion = if failed {
                Conclusion::Failure
            } else {
                Conclusion::Success
            };
            (Status::Completed, Some(conclusion), Some(end))
        }
        None => (Status::InProgress, None, None),
    };
    JobView {
        status,
        conclusion,
        started_at: start,
        completed_at,
        steps,
    }
}

fn step(number: usize, slot: &Slot, horizon: DateTime<Utc>, cut: bool) -> StepView {
    let (status, conclusion, started_at, completed_at) = if slot.end <= horizon {
        (
            Status::Completed,
            Some(slot.conclusion),
            Some(slot.start),
            Some(slot.end),
        )
    } else if slot.start <= horizon && cut {
        (
            Status::Completed,
            Some(Conclusion::Cancelled),
            Some(slot.start),
            Some(horizon),
        )
    } else if slot.start <= horizon {
        (Status::InProgress, None, Some(slot.start), None)
    } else if cut {
        (Status::Completed, Some(Conclusion::Skipped), None, None)
    } else {
        (Status::Queued, None, None, None)
    };
    StepView {
        number,
        status,
        conclusion,
        started_at,
        completed_at,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunView {
    pub status: Status,
    pub conclusion: Option<Conclusion>,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The run's current jobs: per job name, the one of the newest attempt (jobs that passed
/// before a re-run stay as they were), in creation order.
pub fn latest(world: &World, run: usize) -> Vec<usize> {
    let jobs = &world.runs[run].jobs;
    jobs.iter()
        .copied()
        .filter(|&j| {
            let job = &world.jobs[j];
            !jobs.iter().any(|&k| {
                let other = &world.jobs[k];
                other.name == job.name && other.attempt > job.attempt
            })
        })
        .collect()
}

pub fn run(world: &World, index: usize, now: DateTime<Utc>) -> RunView {
    let run = &world.runs[index];
    let views: Vec<JobView> = latest(world, index)
        .into_iter()
        .map(|j| job(&world.jobs[j], now))
        .collect();
    let any = |status| views.iter().any(|v| v.status == status);
    let concluded = |c| views.iter().any(|v| v.conclusion == Some(c));
    let status = if any(Status::Waiting) {
        Status::Waiting
    } else if !views.is_empty() && views.iter().all(|v| v.status == Status::Completed) {
        Status::Completed
    } else if any(Status::InProgress) || any(Status::Completed) {
        Status::InProgress
    } else {
        Status::Queued
    };
    let conclusion = (status == Status::Completed).then(|| {
        if concluded(Conclusion::Cancelled) {
            Conclusion::Cancelled
        } else if concluded(Conclusion::Failure) {
            Conclusion::Failure
        } else if views
            .iter()
            .all(|v| v.conclusion == Some(Conclusion::Skipped))
        {
            Conclusion::Skipped
        } else {
            Conclusion::Success
        }
    });
    let started_at = run.attempts.last().map_or(run.created_at, |a| a.at);
    let updated_at = views
        .iter()
        .flat_map(|v| {
            let started = (!v.steps.is_empty()).then_some(v.started_at);
            started.into_iter().chain(v.completed_at)
        })
        .chain([started_at])
        .filter(|t| *t <= now)
        .max()
        .unwrap_or(run.created_at);
    RunView {
        status,
        conclusion,
        started_at,
        updated_at,
    }
}

#[cfg(test)]
mod tests;
