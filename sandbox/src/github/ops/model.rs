//! The Actions and Deployments world. It stores plans and the moments things happened (a run
//! created, a job started, cancelled, approved); what a job or deployment looks like at an
//! instant is computed from those by `timeline` and `deploys`, so nothing needs a background
//! task and a test can look at any instant.

use super::catalog::User;
use chrono::{DateTime, Utc};

#[derive(Debug)]
pub struct World {
    pub repos: Vec<Repo>,
    /// In creation order, so an index is a stable handle and ids grow with time.
    pub runs: Vec<Run>,
    pub jobs: Vec<Job>,
    pub deployments: Vec<Deployment>,
    /// Deploying this commit fails its smoke test, wherever it goes.
    pub bad_sha: String,
    pub next_run_id: u64,
    pub next_job_id: u64,
    pub next_deployment_id: u64,
}

#[derive(Debug)]
pub struct Repo {
    pub id: u64,
    pub owner: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub language: &'static str,
    /// Open issues and pull requests, as the board side seeds them.
    pub open_issues: u64,
    pub created_at: DateTime<Utc>,
    pub workflows: Vec<Workflow>,
    pub environments: Vec<Environment>,
    /// Branches other than main.
    pub branches: Vec<Branch>,
    /// Tags and the commit each names.
    pub tags: Vec<(String, String)>,
    /// Commits on main, oldest first.
    pub commits: Vec<Commit>,
}

impl Repo {
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }

    /// The commit a branch or tag (`main`, `refs/heads/x`, `refs/tags/v1`) points at, as of
    /// `at` for main.
    pub fn resolve(&self, reference: &str, at: DateTime<Utc>) -> Option<String> {
        let name = reference
            .strip_prefix("refs/heads/")
            .or_else(|| reference.strip_prefix("refs/tags/"))
            .unwrap_or(reference);
        if name == "main" {
            return self.main_tip(at).map(|c| c.sha.clone());
        }
        let branch = self.branches.iter().find(|b| b.name == name);
        let tag = self.tags.iter().find(|(n, _)| n == name);
        branch
            .map(|b| b.tip.sha.clone())
            .or_else(|| tag.map(|(_, sha)| sha.clone()))
    }

    pub fn main_tip(&self, at: DateTime<Utc>) -> Option<&Commit> {
        self.commits.iter().rev().find(|c| c.at <= at)
    }

    /// A commit on main: one that has a release to deploy.
    pub fn commit(&self, sha: &str) -> Option<&Commit> {
        self.commits.iter().find(|c| c.sha == sha)
    }

    /// A commit on main or a branch.
    pub fn any_commit(&self, sha: &str) -> Option<&Commit> {
        let tips = self.branches.iter().map(|b| &b.tip);
        self.commits.iter().chain(tips).find(|c| c.sha == sha)
    }

    pub fn workflow(&self, id_or_file: &str) -> Option<usize> {
        self.workflows
            .iter()
            .position(|w| w.id.to_string() == id_or_file || w.file == id_or_file)
    }

    pub fn environment(&self, name: &str) -> Option<usize> {
        self.environments
            .iter()
            .position(|e| e.name.eq_ignore_ascii_case(name))
    }
}

#[derive(Clone, Debug)]
pub struct Commit {
    pub sha: String,
    pub message: String,
    pub author: &'static User,
    pub at: DateTime<Utc>,
}

/// A branch off main with one commit of its own, not merged.
#[derive(Debug)]
pub struct Branch {
    pub name: String,
    /// The main commit it starts from, by index.
    pub fork: usize,
    pub tip: Commit,
}

#[derive(Debug)]
pub struct Workflow {
    pub id: u64,
    pub name: &'static str,
    /// The file under `.github/workflows/`.
    pub file: &'static str,
    /// Only `workflow_dispatch` workflows can be started over the API.
    pub dispatch: bool,
    pub created_at: DateTime<Utc>,
    /// The last run number handed out.
    pub last_number: u64,
}

#[derive(Debug)]
pub struct Environment {
    pub id: u64,
    pub name: &'static str,
    pub reviewers: Vec<&'static User>,
    /// Minutes to wait before a deployment may start.
    pub wait_timer: Option<u32>,
    /// The custom deployment branch policies: name patterns (`release/*`) of the branches
    /// that may deploy here; any branch may when there are none.
    pub branch_policies: Vec<&'static str>,
    /// Where the deployed site answers.
    pub site: &'static str,
    pub created_at: DateTime<Utc>,
}

impl Environment {
    /// Whether a workflow on `branch` may deploy here.
    pub fn allows(&self, branch: &str) -> bool {
        self.branch_policies.is_empty()
            || self
                .branch_policies
                .iter()
                .any(|p| super::pattern::matches(p, branch))
    }
}

#[derive(Debug)]
pub struct Run {
    pub id: u64,
    pub repo: usize,
    pub workflow: usize,
    pub number: u64,
    pub event: &'static str,
    pub branch: String,
    pub sha: String,
    pub title: String,
    pub actor: &'static User,
    pub created_at: DateTime<Utc>,
    /// Attempt 1 first; a re-run adds one.
    pub attempts: Vec<Attempt>,
    /// Indexes into `World::jobs`, every attempt's, in creation order.
    pub jobs: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    pub by: &'static User,
}

/// When a job gets a runner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    At(DateTime<Utc>),
    /// Held until a reviewer approves its environment.
    Waiting,
    /// A reviewer rejected it, or its environment refused the branch, at this moment.
    Refused(DateTime<Utc>),
    /// Its `if:` was false; it never runs.
    Skipped,
}

#[derive(Debug)]
pub struct Job {
    pub id: u64,
    pub run: usize,
    pub attempt: u32,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub start: Start,
    pub steps: Vec<Step>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The environment it deploys to, and the deployment it made there.
    pub environment: Option<usize>,
    pub deployment: Option<usize>,
    pub review: Option<Review>,
    pub runner: String,
}

/// A reviewer's answer to a job held for its environment.
#[derive(Clone, Debug)]
pub struct Review {
    pub by: &'static User,
    pub approved: bool,
    pub comment: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    SetUp,
    Checkout,
    SetupNode,
    NpmCi,
    NpmLint,
    NpmTest,
    NpmBuild,
    Upload,
    SetupRust,
    RustCache,
    Clippy,
    CargoTest,
    Download,
    Deploy,
    Smoke,
    PostCheckout,
    Complete,
}

#[derive(Clone, Debug)]
pub struct Step {
    pub name: String,
    pub kind: StepKind,
    pub secs: i64,
    pub fails: bool,
}

#[derive(Debug)]
pub struct Deployment {
    pub id: u64,
    pub repo: usize,
    pub environment: usize,
    pub sha: String,
    pub job: usize,
    pub created_at: DateTime<Utc>,
    pub creator: &'static User,
}
