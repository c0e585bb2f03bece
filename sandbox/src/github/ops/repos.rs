//! The two repositories: commits on main (the storefront's bad release has a sha that reads as
//! one), branches, tags, workflows, and the storefront's environments. Names, descriptions,
//! creation times and open issue counts are the board side's.

use super::catalog::{self, ANA, BranchSpec, CommitSpec, MARCUS};
use super::model::{Branch, Commit, Environment, Repo, Workflow};
use crate::hex;
use chrono::{DateTime, TimeDelta, Utc};

fn ago(now: DateTime<Utc>, hours: f64) -> DateTime<Utc> {
    now - TimeDelta::seconds((hours * 3600.0) as i64)
}

fn commits(repo: &str, specs: &[CommitSpec], now: DateTime<Utc>) -> Vec<Commit> {
    specs
        .iter()
        .enumerate()
        .map(|(i, &(hours, author, message))| Commit {
            sha: hex::sha(&format!("{repo}@{i}")),
            message: message.to_string(),
            author,
            at: ago(now, hours),
        })
        .collect()
}

fn branches(repo: &str, specs: &[BranchSpec], now: DateTime<Utc>) -> Vec<Branch> {
    specs
        .iter()
        .map(|&(name, fork, hours, author, message)| Branch {
            name: name.to_string(),
            fork,
            tip: Commit {
                sha: hex::sha(&format!("{repo}:{name}")),
                message: message.to_string(),
                author,
                at: ago(now, hours),
            },
        })
        .collect()
}

/// Creation times as the board side's: whole seconds.
fn days_ago(now: DateTime<Utc>, days: f64) -> DateTime<Utc> {
    let at = now - TimeDelta::seconds((days * 86_400.0).round() as i64);
    at - TimeDelta::nanoseconds(i64::from(at.timestamp_subsec_nanos()))
}

fn workflow(
    id: u64,
    name: &'static str,
    file: &'static str,
    dispatch: bool,
    last: u64,
) -> Workflow {
    Workflow {
        id,
        name,
        file,
        dispatch,
        created_at: DateTime::from_timestamp(1_700_000_000 + id as i64 % 1_000_000, 0)
            .unwrap_or_default(),
        last_number: last,
    }
}

pub fn storefront(now: DateTime<Utc>) -> Repo {
    let mut commits = commits("acme/storefront", &catalog::STOREFRONT_COMMITS, now);
    // The release that breaks the smoke test is easy to spot in a demo.
    let bad = &mut commits[catalog::BAD_COMMIT];
    bad.sha = format!("deadbeef{}", &bad.sha[8..]);
    let tag = |name: &str, i: usize| (name.to_string(), commits[i].sha.clone());
    let tags = vec![tag("v2.13.0", 5), tag("v2.14.0", 9)];
    let created_at = days_ago(now, 699.9);
    let environment = |id, name, site| Environment {
        id,
        name,
        reviewers: Vec::new(),
        wait_timer: None,
        branch_policies: Vec::new(),
        site,
        created_at,
    };
    let mut production = environment(
        4_811_200_102,
        "production",
        "https://storefront.acme.example",
    );
    production.reviewers = vec![&ANA, &MARCUS];
    production.wait_timer = Some(5);
    production.branch_policies = vec!["main", "release/*"];
    // In the order of the seed's STAGING and PRODUCTION indexes.
    let environments = vec![
        environment(
            4_811_200_101,
            "staging",
            "https://staging.storefront.acme.example",
        ),
        production,
    ];
    Repo {
        id: catalog::STOREFRONT_ID,
        owner: catalog::OWNER,
        name: "storefront",
        description: "The shop's web front end and storefront-api",
        language: "TypeScript",
        open_issues: 16,
        created_at,
        workflows: vec![
            workflow(97_650_001, "CI", "ci.yml", false, 1411),
            workflow(97_650_002, "Deploy", "deploy.yml", true, 387),
        ],
        environments,
        branches: branches("acme/storefront", &catalog::STOREFRONT_BRANCHES, now),
        tags,
        commits,
    }
}

pub fn search(now: DateTime<Utc>) -> Repo {
    let commits = commits("acme/search", &catalog::SEARCH_COMMITS, now);
    let tags = vec![("v0.9.0".to_string(), commits[8].sha.clone())];
    Repo {
        id: catalog::SEARCH_ID,
        owner: catalog::OWNER,
        name: "search",
        description: "Product search: indexing, query service and autocomplete",
        language: "Rust",
        open_issues: 11,
        created_at: days_ago(now, 699.8),
        workflows: vec![workflow(97_650_101, "CI", "ci.yml", false, 902)],
        environments: Vec::new(),
        branches: branches("acme/search", &catalog::SEARCH_BRANCHES, now),
        tags,
        commits,
    }
}
