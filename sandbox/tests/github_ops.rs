//! The sandbox's GitHub Actions and Deployments over real HTTP on loopback: GitHub's shapes,
//! Link paging, ETags and the rate limit, the log redirect to a signed blob URL, dispatches,
//! reviews, cancels and re-runs; the repositories and comparisons of their commits. Time is a
//! manual clock, stepped instead of slept.

#[path = "github_ops/code.rs"]
mod code;
#[path = "github_ops/deploy_reads.rs"]
mod deploy_reads;
#[path = "support/github.rs"]
mod github_sandbox;
#[path = "github_ops/logs.rs"]
mod logs;
#[path = "github_ops/plumbing.rs"]
mod plumbing;
#[path = "github_ops/reads.rs"]
mod reads;
#[path = "github_ops/reviews.rs"]
mod reviews;
#[path = "github_ops/support.rs"]
mod support;
#[path = "github_ops/user_repos.rs"]
mod user_repos;
#[path = "github_ops/writes.rs"]
mod writes;
