//! Wire types of the shipdeck deploy protocol v1. Enum-like fields stay strings here so a value
//! this version does not know becomes `Unknown` in `map` instead of a decode error; unknown
//! fields are ignored so the protocol can grow compatibly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct ServicesDto {
    pub services: Vec<ServiceDto>,
}

#[derive(Debug, Deserialize)]
pub struct ServiceDto {
    pub name: String,
    /// Promotion order.
    #[serde(default)]
    pub environments: Vec<String>,
    #[serde(default)]
    pub repo: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct EnvironmentsDto {
    pub environments: Vec<EnvironmentDto>,
}

#[derive(Debug, Deserialize)]
pub struct EnvironmentDto {
    pub name: String,
    #[serde(default)]
    pub protected: bool,
    #[serde(default)]
    pub health: Option<String>,
    #[serde(default)]
    pub lock: Option<LockDto>,
    #[serde(default)]
    pub current: Option<DeploymentDto>,
}

#[derive(Debug, Deserialize)]
pub struct LockDto {
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
pub struct DeploymentDto {
    pub id: String,
    pub service: String,
    pub environment: String,
    pub revision: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub from_environment: Option<String>,
    #[serde(default)]
    pub rollback_of: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub run_id: Option<String>,
    #[serde(default)]
    pub changes: Vec<ChangeDto>,
}

#[derive(Debug, Deserialize)]
pub struct ChangeDto {
    pub sha: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub issue_keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct DeploymentPageDto {
    pub deployments: Vec<DeploymentDto>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// The 202 answer to promote, rollback and cancel.
#[derive(Debug, Deserialize)]
pub struct AcceptedDto {
    pub deployment: DeploymentDto,
}

#[derive(Debug, Serialize)]
pub struct PromoteBody<'a> {
    pub from: &'a str,
    pub to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct RollbackBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_deployment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

#[derive(Debug, Deserialize)]
pub struct RunDto {
    pub id: String,
    #[serde(default)]
    pub service: Option<String>,
    pub name: String,
    #[serde(default)]
    pub branch: Option<String>,
    #[serde(default)]
    pub revision: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub jobs: Vec<JobDto>,
}

#[derive(Debug, Deserialize)]
pub struct JobDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub steps: Vec<StepDto>,
}

#[derive(Debug, Deserialize)]
pub struct StepDto {
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
pub struct RunPageDto {
    pub runs: Vec<RunDto>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}
