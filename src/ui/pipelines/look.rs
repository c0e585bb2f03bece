//! Symbols, styles and durations of runs, jobs and steps. Every status reads from its symbol
//! and word, never from colour alone.

use crate::domain::pipeline::{Job, Run, RunStatus, Step};
use crate::ui::Theme;
use crate::ui::text::span;
use chrono::{DateTime, Utc};
use ratatui::style::Style;

pub fn symbol(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Succeeded => "✔",
        RunStatus::Failed => "✖",
        RunStatus::Running => "⟳",
        RunStatus::Queued => "◷",
        RunStatus::Cancelled => "⊘",
        RunStatus::Skipped => "↷",
        RunStatus::Unknown => "?",
    }
}

pub fn word(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Succeeded => "succeeded",
        RunStatus::Failed => "failed",
        RunStatus::Running => "running",
        RunStatus::Queued => "queued",
        RunStatus::Cancelled => "cancelled",
        RunStatus::Skipped => "skipped",
        RunStatus::Unknown => "unknown",
    }
}

pub fn style(status: RunStatus, theme: &Theme) -> Style {
    match status {
        RunStatus::Succeeded => theme.success,
        RunStatus::Failed => theme.error,
        RunStatus::Running | RunStatus::Queued => theme.warning,
        RunStatus::Cancelled | RunStatus::Skipped | RunStatus::Unknown => theme.muted,
    }
}

/// How long something took, or has taken so far while it runs; "—" when unknown.
fn between(
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    running: bool,
    now: DateTime<Utc>,
) -> String {
    match (start, end) {
        (Some(start), Some(end)) => span((end - start).num_seconds()),
        (Some(start), None) if running => span((now - start).num_seconds()),
        _ => "—".to_string(),
    }
}

pub fn run_duration(run: &Run, now: DateTime<Utc>) -> String {
    between(
        run.created_at,
        run.finished_at,
        run.status == RunStatus::Running,
        now,
    )
}

pub fn step_duration(step: &Step, now: DateTime<Utc>) -> String {
    between(
        step.started_at,
        step.finished_at,
        step.status == RunStatus::Running,
        now,
    )
}

/// A job has no times of its own: from its first step's start to its last step's end.
pub fn job_duration(job: &Job, now: DateTime<Utc>) -> String {
    let start = job.steps.iter().filter_map(|s| s.started_at).min();
    let end = job
        .steps
        .iter()
        .filter_map(|s| s.finished_at)
        .max()
        .filter(|_| !job.status.is_active());
    between(start, end, job.status == RunStatus::Running, now)
}

/// The first 7 characters of a revision, as git shows it.
pub fn short(revision: &str) -> String {
    revision.chars().take(7).collect()
}
