//! The sandbox's GitHub Actions and Deployments over real HTTP on loopback: GitHub's shapes,
//! Link paging, ETags and the rate limit, the log redirect to a signed blob URL, dispatches,
//! reviews, cancels and re-runs; the repositories and comparisons of their commits. Time is a
//! manual clock, stepped instead of slept.

#[path = "sandbox_github_ops/code.rs"]
mod code;
#[path = "sandbox_github_ops/deploy_reads.rs"]
mod deploy_reads;
#[path = "support/github_sandbox.rs"]
mod github_sandbox;
#[path = "sandbox_github_ops/logs.rs"]
mod logs;
#[path = "sandbox_github_ops/plumbing.rs"]
mod plumbing;
#[path = "sandbox_github_ops/reads.rs"]
mod reads;
#[path = "sandbox_github_ops/reviews.rs"]
mod reviews;
#[path = "sandbox_github_ops/support.rs"]
mod support;
#[path = "sandbox_github_ops/writes.rs"]
mod writes;
