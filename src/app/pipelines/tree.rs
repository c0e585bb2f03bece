//! A run as a tree: each job, then its steps, one row each.

use crate::domain::pipeline::{Run, RunStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeRow {
    Job(usize),
    Step { job: usize, step: usize },
}

impl TreeRow {
    pub fn job(self) -> usize {
        match self {
            TreeRow::Job(job) | TreeRow::Step { job, .. } => job,
        }
    }
}

pub fn rows(run: &Run) -> Vec<TreeRow> {
    let mut rows = Vec::new();
    for (j, job) in run.jobs.iter().enumerate() {
        rows.push(TreeRow::Job(j));
        rows.extend((0..job.steps.len()).map(|s| TreeRow::Step { job: j, step: s }));
    }
    rows
}

/// The row to start on: the first failed step, else the first failed job, else the first
/// running step, else the top.
pub fn first_failed_row(run: &Run) -> usize {
    let rows = rows(run);
    let status = |row: &TreeRow| match *row {
        TreeRow::Job(j) => run.jobs[j].status,
        TreeRow::Step { job, step } => run.jobs[job].steps[step].status,
    };
    let is_step = |row: &TreeRow| matches!(row, TreeRow::Step { .. });
    let find = |want: RunStatus, step: bool| {
        rows.iter()
            .position(|r| status(r) == want && is_step(r) == step)
    };
    find(RunStatus::Failed, true)
        .or_else(|| find(RunStatus::Failed, false))
        .or_else(|| find(RunStatus::Running, true))
        .unwrap_or(0)
}

/// The job whose log tells most about a run: the first running, else the first failed, else
/// the last.
pub fn telling_job(run: &Run) -> Option<usize> {
    let first = |want: RunStatus| run.jobs.iter().position(|j| j.status == want);
    first(RunStatus::Running)
        .or_else(|| first(RunStatus::Failed))
        .or_else(|| run.jobs.len().checked_sub(1))
}
