//! The repository itself (`full-repository`), its commits and the comparison of two.

use super::{owner, repository, time, user};
use crate::github::ops::catalog::{User, WEB, WEB_FLOW};
use crate::github::ops::compare::{self, Comparison};
use crate::github::ops::model::{Commit, Repo};
use crate::hex;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// What the token's user may do: everything but administer (ana-k dispatches deploys).
const PERMISSIONS: [(&str, bool); 5] = [
    ("admin", false),
    ("maintain", false),
    ("push", true),
    ("triage", true),
    ("pull", true),
];

/// The repositories' settings: features on, pull requests squash-merged.
const SETTINGS: [(&str, bool); 18] = [
    ("is_template", false),
    ("has_issues", true),
    ("has_projects", true),
    ("has_wiki", false),
    ("has_pages", false),
    ("has_downloads", true),
    ("has_discussions", false),
    ("archived", false),
    ("disabled", false),
    ("allow_rebase_merge", false),
    ("allow_squash_merge", true),
    ("allow_merge_commit", false),
    ("allow_auto_merge", true),
    ("delete_branch_on_merge", true),
    ("allow_update_branch", true),
    ("use_squash_pr_title_as_default", true),
    ("allow_forking", false),
    ("web_commit_signoff_required", false),
];

fn flags(table: &[(&str, bool)]) -> serde_json::Map<String, Value> {
    table
        .iter()
        .map(|(k, v)| ((*k).to_string(), Value::Bool(*v)))
        .collect()
}

/// `GET /repos/{owner}/{repo}`; `pushed_at` is when its newest commit arrived.
pub fn full_repository(repo: &Repo, pushed_at: DateTime<Utc>, api: &str) -> Value {
    let full = repo.full_name();
    let host = WEB.trim_start_matches("https://");
    let homepage = repo.environments.iter().map(|e| e.site).next_back();
    let mut body = repository(repo, api);
    let more = json!({
        "git_url": format!("git://{host}/{full}.git"),
        "ssh_url": format!("git@{host}:{full}.git"),
        "clone_url": format!("{WEB}/{full}.git"),
        "svn_url": format!("{WEB}/{full}"),
        "mirror_url": null,
        "homepage": homepage,
        "language": repo.language,
        "forks_count": 0,
        "forks": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "watchers": 0,
        "size": repo.commits.len() * 1_250,
        "open_issues_count": repo.open_issues,
        "open_issues": repo.open_issues,
        "topics": [],
        "pushed_at": time(pushed_at),
        "updated_at": time(pushed_at),
        "permissions": flags(&PERMISSIONS),
        "squash_merge_commit_title": "PR_TITLE",
        "squash_merge_commit_message": "PR_BODY",
        "merge_commit_title": "PR_TITLE",
        "merge_commit_message": "PR_BODY",
        "license": null,
        "organization": owner(api),
        "network_count": 0,
        "subscribers_count": 6,
        "custom_properties": {},
    });
    if let (Value::Object(body), Value::Object(more)) = (&mut body, more) {
        body.extend(more);
        body.extend(flags(&SETTINGS));
    }
    body
}

fn signature(who: &User, date: DateTime<Utc>) -> Value {
    json!({
        "name": who.name().unwrap_or(who.login),
        "email": format!("{}@users.noreply.github.example", who.login),
        "date": time(date),
    })
}

/// A `commit`. Main's commits are squash-merged pull requests, committed by GitHub on the
/// web; a branch's commit was pushed by its author.
pub fn commit(repo: &Repo, commit: &Commit, parent: Option<&Commit>, api: &str) -> Value {
    let full = repo.full_name();
    let sha = &commit.sha;
    let url = format!("{api}/repos/{full}/commits/{sha}");
    let merged = repo.commit(sha).is_some();
    let committer = if merged {
        json!({
            "name": "GitHub",
            "email": "noreply@github.example",
            "date": time(commit.at),
        })
    } else {
        signature(commit.author, commit.at)
    };
    let tree = hex::digest(format!("tree {sha}"), 40);
    let parents: Vec<Value> = parent
        .iter()
        .map(|p| {
            json!({
                "sha": p.sha,
                "url": format!("{api}/repos/{full}/commits/{}", p.sha),
                "html_url": format!("{WEB}/{full}/commit/{}", p.sha),
            })
        })
        .collect();
    json!({
        "url": url,
        "sha": sha,
        "node_id": format!("C_kwDO{:X}{sha}", repo.id),
        "html_url": format!("{WEB}/{full}/commit/{sha}"),
        "comments_url": format!("{url}/comments"),
        "commit": {
            "url": format!("{api}/repos/{full}/git/commits/{sha}"),
            "author": signature(commit.author, commit.at),
            "committer": committer,
            "message": commit.message,
            "tree": {
                "url": format!("{api}/repos/{full}/git/trees/{tree}"),
                "sha": tree,
            },
            "comment_count": 0,
            "verification": {
                "verified": false,
                "reason": "unsigned",
                "signature": null,
                "payload": null,
                "verified_at": null,
            },
        },
        "author": user(commit.author, api),
        "committer": user(if merged { &WEB_FLOW } else { commit.author }, api),
        "parents": parents,
    })
}

/// A `commit-comparison` of `basehead` as asked, with this page's `commits` (already
/// rendered) and no file list: the sandbox keeps no trees.
pub fn comparison(
    repo: &Repo,
    found: &Comparison,
    commits: Vec<Value>,
    basehead: &str,
    api: &str,
) -> Value {
    let full = repo.full_name();
    let (base, head) = (&found.base.sha, &found.head.sha);
    let html_url = format!("{WEB}/{full}/compare/{basehead}");
    let owner = repo.owner;
    let parent_of = |c: &Commit| compare::parent(repo, c);
    json!({
        "url": format!("{api}/repos/{full}/compare/{basehead}"),
        "html_url": html_url,
        "permalink_url": format!("{WEB}/{full}/compare/{owner}:{base}...{owner}:{head}"),
        "diff_url": format!("{html_url}.diff"),
        "patch_url": format!("{html_url}.patch"),
        "base_commit": commit(repo, found.base, parent_of(found.base), api),
        "merge_base_commit": found
            .merge_base
            .map(|m| commit(repo, m, parent_of(m), api)),
        "status": found.status,
        "ahead_by": found.ahead_by,
        "behind_by": found.behind_by,
        "total_commits": found.ahead_by,
        "commits": commits,
        "files": [],
    })
}
