//! A pipeline run's state machine: created queued from a plan, then moved along tick by tick,
//! and finished, failed or cancelled, with its jobs' logs growing as it goes.

use super::model::{Job, Run, Status, Step};
use super::script::{self, JobPlan, RESET, Tick, YELLOW};
use chrono::{DateTime, Utc};

pub struct NewRun<'a> {
    pub id: String,
    pub service: &'a str,
    pub name: String,
    pub branch: &'a str,
    pub revision: &'a str,
    pub repo: &'a str,
    pub created_at: DateTime<Utc>,
}

pub fn create(new: NewRun, plan: Vec<JobPlan>) -> Run {
    let jobs = plan
        .into_iter()
        .enumerate()
        .map(|(i, job)| Job {
            id: format!("j-{}", i + 1),
            name: job.name.to_string(),
            status: Status::Queued,
            steps: job
                .steps
                .into_iter()
                .map(|(name, _)| Step {
                    name: name.to_string(),
                    status: Status::Queued,
                    started_at: None,
                    finished_at: None,
                })
                .collect(),
            log: String::new(),
        })
        .collect();
    Run {
        url: format!("https://ci.platform.example/{}/runs/{}", new.repo, new.id),
        id: new.id,
        service: new.service.to_string(),
        name: new.name,
        branch: new.branch.to_string(),
        revision: new.revision.to_string(),
        status: Status::Queued,
        created_at: new.created_at,
        finished_at: None,
        jobs,
    }
}

/// Plays one tick. Ticks that name a job or step the run does not have are ignored: they can
/// only come from a plan for another run.
pub fn apply(run: &mut Run, tick: &Tick, at: DateTime<Utc>) {
    run.status = Status::Running;
    match tick {
        Tick::Start { job, step } => {
            let Some(job) = run.jobs.get_mut(*job) else {
                return;
            };
            job.status = Status::Running;
            if let Some(s) = job.steps.get_mut(*step) {
                s.status = Status::Running;
                s.started_at = Some(at);
                push_line(&mut job.log, &script::header(&s.name));
            }
        }
        Tick::Line { job, text } => {
            if let Some(job) = run.jobs.get_mut(*job) {
                push_line(&mut job.log, text);
            }
        }
        Tick::End { job, step, ok } => end_step(run, *job, *step, *ok, at),
    }
}

fn end_step(run: &mut Run, j: usize, s: usize, ok: bool, at: DateTime<Utc>) {
    let Some(job) = run.jobs.get_mut(j) else {
        return;
    };
    let Some(step) = job.steps.get_mut(s) else {
        return;
    };
    step.status = if ok {
        Status::Succeeded
    } else {
        Status::Failed
    };
    step.finished_at = Some(at);
    let seconds = step
        .started_at
        .map_or(0, |started| (at - started).num_seconds());
    let line = script::footer(&step.name, ok, seconds);
    push_line(&mut job.log, &line);
    if !ok {
        job.status = Status::Failed;
        skip_the_rest(run, Status::Cancelled);
        run.status = Status::Failed;
        run.finished_at = Some(at);
    } else if s + 1 == job.steps.len() {
        job.status = Status::Succeeded;
    }
}

/// After the last tick: a run nothing failed in has succeeded.
pub fn finish(run: &mut Run, at: DateTime<Utc>) {
    if run.status.is_finished() {
        return;
    }
    run.status = if run.jobs.iter().any(|j| j.status == Status::Failed) {
        Status::Failed
    } else {
        Status::Succeeded
    };
    run.finished_at = Some(at);
}

/// Stops the run where it is; the job that was running says who stopped it.
pub fn cancel(run: &mut Run, by: &str, at: DateTime<Utc>) {
    if run.status.is_finished() {
        return;
    }
    for job in run.jobs.iter_mut().filter(|j| j.status == Status::Running) {
        push_line(&mut job.log, &format!("{YELLOW}⚠ cancelled by {by}{RESET}"));
        for step in job.steps.iter_mut().filter(|s| s.status == Status::Running) {
            step.finished_at = Some(at);
        }
    }
    skip_the_rest(run, Status::Cancelled);
    run.status = Status::Cancelled;
    run.finished_at = Some(at);
}

/// Every job and step not yet finished ends with `status` (their logs are then complete).
fn skip_the_rest(run: &mut Run, status: Status) {
    for job in &mut run.jobs {
        for step in job.steps.iter_mut().filter(|s| !s.status.is_finished()) {
            step.status = status;
        }
        if !job.status.is_finished() {
            job.status = status;
        }
    }
}

fn push_line(log: &mut String, line: &str) {
    log.push_str(line);
    log.push('\n');
}
