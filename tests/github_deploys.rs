//! GitHub Deployments as a deploy backend against a local server: services and history
//! with latest statuses, promote and rollback by workflow dispatch (never retried),
//! following a dispatched run to its deployment, reviews of waiting deployments.

mod github_deploys {
    mod cli;
    mod dispatch;
    mod read;
    mod review;
    mod runs;
    pub mod support;
}
