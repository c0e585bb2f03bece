//! GitHub behind the same traits as Jira and the deploy protocol: Projects v2 or issues as
//! the board, Actions as pipelines, Deployments (+ `workflow_dispatch`) as a deploy backend.
//! One `GithubClient` per `[[github]]` table is shared by all three.

pub mod actions;
pub mod client;
pub mod deploys;
pub mod discover;
pub mod tracker;

pub use actions::GithubActions;
pub use client::{GithubClient, GithubSettings};
pub use deploys::{GithubDeploy, GithubDeploySettings};
pub use tracker::{GithubTracker, GithubTrackerSettings};
