//! Wire types of the GitHub Actions REST API: the few fields shipdeck reads. `status` and
//! `conclusion` stay strings so a value GitHub adds later maps to `Unknown` instead of
//! failing the whole list.

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// `GET /repos/{owner}/{repo}/actions/runs`.
#[derive(Debug, Deserialize)]
pub struct RunsPage {
    #[serde(default)]
    pub workflow_runs: Vec<RunDto>,
}

#[derive(Debug, Deserialize)]
pub struct RunDto {
    pub id: u64,
    /// The workflow's name; null for some event-triggered runs.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub display_title: Option<String>,
    #[serde(default)]
    pub run_number: Option<u64>,
    #[serde(default)]
    pub head_branch: Option<String>,
    #[serde(default)]
    pub head_sha: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub conclusion: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Later than `created_at` when the run was re-run.
    #[serde(default)]
    pub run_started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub html_url: Option<String>,
}

/// `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`.
#[derive(Debug, Deserialize)]
pub struct JobsPage {
    #[serde(default)]
    pub jobs: Vec<JobDto>,
}

/// A job, in a run's list or alone (`GET /repos/{owner}/{repo}/actions/jobs/{job_id}`).
#[derive(Debug, Deserialize)]
pub struct JobDto {
    pub id: u64,
    pub run_id: u64,
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub conclusion: Option<String>,
    #[serde(default)]
    pub steps: Vec<StepDto>,
}

#[derive(Debug, Deserialize)]
pub struct StepDto {
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub conclusion: Option<String>,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
}
