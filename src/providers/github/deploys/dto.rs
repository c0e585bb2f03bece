//! GitHub's wire shapes for environments, deployments, their statuses, pending reviews,
//! workflow dispatches and compares: only the fields shipdeck reads, lenient where GitHub
//! adds values over time (states and rule types stay strings).

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct EnvironmentsDto {
    #[serde(default)]
    pub environments: Vec<EnvironmentDto>,
}

#[derive(Debug, Deserialize)]
pub struct EnvironmentDto {
    pub name: String,
    #[serde(default)]
    pub protection_rules: Vec<RuleDto>,
    pub deployment_branch_policy: Option<BranchPolicyDto>,
}

/// One of `wait_timer`, `required_reviewers`, `branch_policy`, or a rule type GitHub adds.
#[derive(Debug, Deserialize)]
pub struct RuleDto {
    #[serde(rename = "type")]
    pub kind: String,
    pub wait_timer: Option<u64>,
    #[serde(default)]
    pub reviewers: Vec<ReviewerDto>,
}

#[derive(Debug, Deserialize)]
pub struct ReviewerDto {
    pub reviewer: Option<ReviewerIdentDto>,
}

/// A user (`login`) or a team (`slug`, `name`).
#[derive(Debug, Deserialize)]
pub struct ReviewerIdentDto {
    pub login: Option<String>,
    pub slug: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct BranchPolicyDto {
    #[serde(default)]
    pub protected_branches: bool,
    #[serde(default)]
    pub custom_branch_policies: bool,
}

#[derive(Debug, Deserialize)]
pub struct BranchPoliciesDto {
    #[serde(default)]
    pub branch_policies: Vec<NamePatternDto>,
}

#[derive(Debug, Deserialize)]
pub struct NamePatternDto {
    pub name: String,
    /// `branch` or `tag`; older servers leave it out (branch).
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DeploymentDto {
    pub id: u64,
    pub sha: String,
    #[serde(rename = "ref")]
    pub git_ref: String,
    pub task: Option<String>,
    pub environment: String,
    pub description: Option<String>,
    pub creator: Option<UserDto>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UserDto {
    pub login: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct StatusDto {
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub log_url: Option<String>,
    pub target_url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PendingDto {
    pub environment: PendingEnvironmentDto,
    #[serde(default)]
    pub current_user_can_approve: bool,
}

#[derive(Debug, Deserialize)]
pub struct PendingEnvironmentDto {
    pub id: u64,
    pub name: Option<String>,
}

/// The 200 answer to a dispatch sent with `return_run_details: true`.
#[derive(Debug, Deserialize)]
pub struct DispatchedDto {
    pub workflow_run_id: u64,
}

#[derive(Debug, Deserialize)]
pub struct RunsDto {
    #[serde(default)]
    pub workflow_runs: Vec<RunDto>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RunDto {
    pub id: u64,
    pub status: Option<String>,
    pub conclusion: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
pub struct RepoDto {
    pub default_branch: String,
}

#[derive(Debug, Deserialize)]
pub struct CompareDto {
    #[serde(default)]
    pub total_commits: usize,
    #[serde(default)]
    pub commits: Vec<CommitDto>,
}

#[derive(Debug, Deserialize)]
pub struct CommitDto {
    pub sha: String,
    pub commit: CommitTextDto,
}

#[derive(Debug, Deserialize)]
pub struct CommitTextDto {
    pub message: String,
}
