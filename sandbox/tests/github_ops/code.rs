//! The repositories themselves and the comparison of two commits, which tells what a
//! deployment brought.

use crate::support::{SEARCH, STOREFRONT, Server, TEAM, assert_time, is_sha};
use reqwest::StatusCode;
use serde_json::Value;

/// The fields GitHub's `full-repository` schema requires.
const REQUIRED: [&str; 30] = [
    "id",
    "node_id",
    "name",
    "full_name",
    "owner",
    "private",
    "html_url",
    "description",
    "fork",
    "url",
    "archive_url",
    "compare_url",
    "deployments_url",
    "issues_url",
    "clone_url",
    "git_url",
    "ssh_url",
    "svn_url",
    "default_branch",
    "forks_count",
    "open_issues_count",
    "stargazers_count",
    "watchers_count",
    "size",
    "has_issues",
    "archived",
    "disabled",
    "pushed_at",
    "created_at",
    "updated_at",
];

#[tokio::test]
async fn a_repository_has_githubs_full_shape() {
    let server = Server::start().await;
    let repo = server.ok(STOREFRONT).await;
    for key in REQUIRED {
        assert!(repo.get(key).is_some(), "{key} missing");
    }
    assert_eq!(repo["id"], 7001);
    assert_eq!(repo["name"], "storefront");
    assert_eq!(repo["full_name"], "acme/storefront");
    assert_eq!(repo["owner"]["login"], "acme");
    assert_eq!(repo["owner"]["type"], "Organization");
    assert_eq!(repo["private"], true);
    assert_eq!(repo["visibility"], "private");
    assert_eq!(repo["default_branch"], "main");
    assert_eq!(repo["html_url"], "https://github.example/acme/storefront");
    assert_eq!(repo["url"], server.url(STOREFRONT));
    assert_eq!(repo["permissions"]["push"], true);
    assert!(repo["node_id"].as_str().unwrap().starts_with("R_"));
    for key in ["created_at", "updated_at", "pushed_at"] {
        assert_time(&repo[key]);
    }
    assert!(repo["created_at"].as_str() < repo["pushed_at"].as_str());

    let search = server.ok(SEARCH).await;
    assert_eq!(
        (search["id"].as_u64(), &search["language"]),
        (Some(7002), &"Rust".into())
    );
    assert_eq!(server.ok("/api/v3/repos/ACME/Storefront").await["id"], 7001);

    let missing = server.get("/api/v3/repos/acme/checkout").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body["message"], "Not Found");
    assert!(missing.body["documentation_url"].is_string());
}

#[tokio::test]
async fn open_issue_counts_agree_with_the_issue_lists() {
    let server = Server::start().await;
    for path in [STOREFRONT, SEARCH] {
        let repo = server.ok(path).await;
        let open = server
            .collect(&format!("{path}/issues?state=open"), None, 100)
            .await;
        assert_eq!(repo["open_issues_count"], open.len(), "{path}");
    }
}

fn shas(commits: &Value) -> Vec<String> {
    commits
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sha"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn staging_is_one_commit_ahead_of_production() {
    let server = Server::start().await;
    let production = server.running("production").await;
    let staging = server.running("staging").await;
    let path = format!("{STOREFRONT}/compare/{production}...{staging}");
    let ahead = server.ok(&path).await;
    assert_eq!(ahead["status"], "ahead");
    assert_eq!(
        (ahead["ahead_by"].as_u64(), ahead["behind_by"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(ahead["total_commits"], 1);
    assert_eq!(shas(&ahead["commits"]), vec![staging.clone()]);
    assert_eq!(ahead["base_commit"]["sha"], production.as_str());
    assert_eq!(ahead["merge_base_commit"]["sha"], production.as_str());
    assert_eq!(ahead["files"], serde_json::json!([]));
    assert_eq!(ahead["url"], server.url(&path));
    let web = format!("https://github.example/acme/storefront/compare/{production}...{staging}");
    assert_eq!(ahead["html_url"], web.as_str());
    assert_eq!(ahead["diff_url"], format!("{web}.diff"));
    assert!(
        ahead["permalink_url"]
            .as_str()
            .unwrap()
            .contains(&format!("acme:{staging}"))
    );

    let commit = &ahead["commits"][0];
    assert!(is_sha(&commit["sha"]));
    let message = commit["commit"]["message"].as_str().unwrap();
    assert!(message.contains("(#182)"), "{message}");
    assert!(TEAM.contains(&commit["author"]["login"].as_str().unwrap()));
    assert_eq!(commit["commit"]["author"]["name"], "Marcus Bell");
    assert_time(&commit["commit"]["author"]["date"]);
    assert_eq!(commit["committer"]["login"], "web-flow");
    assert_eq!(shas(&commit["parents"]), vec![production.clone()]);
    assert!(commit["node_id"].is_string() && commit["html_url"].is_string());

    let behind = server
        .ok(&format!("{STOREFRONT}/compare/{staging}...{production}"))
        .await;
    assert_eq!(behind["status"], "behind");
    assert_eq!(
        (behind["ahead_by"].as_u64(), behind["behind_by"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(behind["commits"], serde_json::json!([]));
    let same = server
        .ok(&format!("{STOREFRONT}/compare/{staging}...{staging}"))
        .await;
    assert_eq!(
        (&same["status"], &same["total_commits"]),
        (&"identical".into(), &0.into())
    );
}

#[tokio::test]
async fn a_long_comparison_is_oldest_first_and_pages_when_asked() {
    let server = Server::start().await;
    let path = format!("{STOREFRONT}/compare/v2.13.0...main");
    let whole = server.ok(&path).await;
    assert_eq!(whole["status"], "ahead");
    assert_eq!(whole["total_commits"], 6);
    let commits = whole["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 6, "unpaged, every commit");
    let dates: Vec<&str> = commits
        .iter()
        .map(|c| c["commit"]["author"]["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    for commit in commits {
        let message = commit["commit"]["message"].as_str().unwrap();
        assert!(message.contains("(#"), "names no issue: {message}");
    }

    let first = server.get(&format!("{path}?per_page=4")).await;
    assert_eq!(first.body["commits"].as_array().unwrap().len(), 4);
    assert_eq!(first.body["total_commits"], 6);
    assert!(first.link("next").unwrap().contains("page=2"));
    let paged = server.collect(&path, Some("commits"), 4).await;
    assert_eq!(Value::Array(paged), whole["commits"]);
}

#[tokio::test]
async fn a_branch_diverges_from_main() {
    let server = Server::start().await;
    let body = server
        .ok(&format!("{STOREFRONT}/compare/main...feat/3ds-modal"))
        .await;
    assert_eq!(body["status"], "diverged");
    assert_eq!(
        (body["ahead_by"].as_u64(), body["behind_by"].as_u64()),
        (Some(1), Some(2))
    );
    let commit = &body["commits"][0];
    assert_eq!(commit["author"]["login"], "ana-k");
    assert_eq!(commit["committer"]["login"], "ana-k", "pushed, not merged");
    assert_eq!(
        commit["parents"][0]["sha"], body["merge_base_commit"]["sha"],
        "the branch starts at the merge base"
    );
    let short = &body["base_commit"]["sha"].as_str().unwrap()[..7];
    let by_short = server
        .ok(&format!("{STOREFRONT}/compare/{short}...feat%2F3ds-modal"))
        .await;
    assert_eq!(by_short["commits"], body["commits"]);
}

#[tokio::test]
async fn unknown_commits_are_not_found_like_github() {
    let server = Server::start().await;
    let unknown = "0123456789abcdef0123456789abcdef01234567";
    let reply = server
        .get(&format!("{STOREFRONT}/compare/main...{unknown}"))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply.body["message"],
        format!("No commit found for SHA: {unknown}")
    );
    let reply = server
        .get(&format!("{STOREFRONT}/compare/nope...main"))
        .await;
    assert_eq!(reply.body["message"], "No commit found for SHA: nope");
    let reply = server.get(&format!("{STOREFRONT}/compare/main")).await;
    assert_eq!(
        (reply.status, &reply.body["message"]),
        (StatusCode::NOT_FOUND, &"Not Found".into())
    );
    let reply = server
        .get("/api/v3/repos/acme/checkout/compare/main...main")
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
