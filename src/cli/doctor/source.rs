//! Every check of one source: the token and the way there side by side, then the calls that
//! need both. A step that could not be tried still gets its line, saying why.

use super::check::Check;
use super::target::{Kind, Target};
use super::{deploy, github, jira, reach, token};
use std::time::Duration;

pub async fn run(target: Target, token_timeout: Duration) -> Vec<Check> {
    let ((token_line, token), reach) =
        tokio::join!(token::check(&target, token_timeout), reach::run(&target));
    let mut out = vec![token_line];
    out.extend(reach.checks);
    let why = match (token, reach.ok) {
        (_, false) => "the server could not be reached",
        (Err(()), true) => "there is no token",
        (Ok(token), true) => {
            out.extend(calls(&target, token).await);
            "the first call failed"
        }
    };
    for check in expected(&target) {
        if !out.iter().any(|c| c.check == check) {
            out.push(Check::not_tried(&target.name, check, why));
        }
    }
    out
}

async fn calls(target: &Target, token: Option<crate::config::Secret>) -> Vec<Check> {
    match (&target.kind, token) {
        (Kind::Deploy, token) => deploy::checks(target, token).await,
        (_, None) => Vec::new(),
        (
            Kind::Jira {
                cloud,
                email,
                board,
            },
            Some(token),
        ) => jira::checks(target, token, *cloud, email.as_deref(), *board).await,
        (
            Kind::Github {
                graphql_url,
                project,
                repos,
                read_only,
            },
            Some(token),
        ) => {
            let table = github::Table {
                graphql_url,
                project: project.as_ref(),
                repos,
                read_only: *read_only,
            };
            github::checks(target, token, table).await
        }
    }
}

/// The lines a source gets when everything can be tried.
fn expected(target: &Target) -> Vec<&'static str> {
    let mut checks = vec!["dns", "tcp", "tls"];
    match &target.kind {
        Kind::Jira { .. } => checks.extend(["http", "identity", "board", "clock"]),
        Kind::Github { project, repos, .. } => {
            checks.extend(["http", "identity", "scopes"]);
            if project.is_some() {
                checks.push("board");
            }
            if !repos.is_empty() {
                checks.push("repos");
            }
            checks.push("clock");
        }
        Kind::Deploy => checks.extend(["http", "clock"]),
    }
    checks
}
