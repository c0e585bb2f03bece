//! What a token can see, for picking a board and repositories when the config is written:
//! the Projects v2 of the user and of their organisations (GraphQL, cursor paging), the
//! repositories they can reach (`GET /user/repos`, Link paging), and each repository's
//! workflows and environments. Every text is sanitised here.

mod projects;
mod repos;

pub use projects::{ProjectList, projects};
pub use repos::{RepoOps, RepoSummary, Workflow, repo_ops, repos};

use crate::domain::text::sanitize;

/// One open Projects v2 board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectSummary {
    /// The user or organisation login that owns it (the config's `project.owner`).
    pub owner: String,
    pub number: u64,
    pub title: String,
}

fn line(text: &str) -> String {
    sanitize(text, false).trim().to_string()
}
