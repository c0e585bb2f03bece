//! The REST wire shapes: issues (pull requests included, as GitHub lists them), labels and
//! users, field for field as api.github.com sends them.

use super::super::WEB;
use crate::github::board::model::{Board, Issue, Label, Repo, State};
use crate::github::board::people::Account;
use crate::github::page::encode;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

pub fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// GitHub's "simple user".
pub fn user(api: &str, account: &Account) -> Value {
    let login = account.login;
    json!({
        "login": login,
        "id": account.id,
        "node_id": account.node_id,
        "avatar_url": format!("{WEB}/avatars/u/{}?v=4", account.id),
        "gravatar_id": "",
        "url": format!("{api}/users/{login}"),
        "html_url": format!("{WEB}/{login}"),
        "followers_url": format!("{api}/users/{login}/followers"),
        "following_url": format!("{api}/users/{login}/following{{/other_user}}"),
        "gists_url": format!("{api}/users/{login}/gists{{/gist_id}}"),
        "starred_url": format!("{api}/users/{login}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{api}/users/{login}/subscriptions"),
        "organizations_url": format!("{api}/users/{login}/orgs"),
        "repos_url": format!("{api}/users/{login}/repos"),
        "events_url": format!("{api}/users/{login}/events{{/privacy}}"),
        "received_events_url": format!("{api}/users/{login}/received_events"),
        "type": "User",
        "user_view_type": "public",
        "site_admin": false,
    })
}

/// `GET /user`: the full private user.
pub fn authenticated(api: &str, account: &Account, created_at: DateTime<Utc>) -> Value {
    let mut out = user(api, account);
    let extra = json!({
        "name": account.name(),
        "company": "@acme",
        "blog": "",
        "location": null,
        "email": account.email(),
        "hireable": null,
        "bio": null,
        "twitter_username": null,
        "notification_email": account.email(),
        "public_repos": 3,
        "public_gists": 0,
        "followers": 12,
        "following": 4,
        "created_at": time(created_at),
        "updated_at": time(created_at),
        "private_gists": 1,
        "total_private_repos": 2,
        "owned_private_repos": 0,
        "disk_usage": 10_412,
        "collaborators": 0,
        "two_factor_authentication": true,
        "plan": { "name": "enterprise", "space": 976_562_499, "collaborators": 0, "private_repos": 9999 },
    });
    if let (Value::Object(out), Value::Object(extra)) = (&mut out, extra) {
        out.extend(extra);
    }
    out
}

pub fn label(api: &str, repo: &Repo, label: &Label) -> Value {
    json!({
        "id": label.id,
        "node_id": label.node_id,
        // Label names may hold spaces and slashes.
        "url": format!("{api}/repos/{}/labels/{}", repo.full_name, encode(&label.name)),
        "name": label.name,
        "description": label.description,
        "color": label.color,
        "default": label.default,
    })
}

pub fn labels(api: &str, board: &Board, issue: &Issue) -> Value {
    let Some(repo) = board.repos.get(issue.repo) else {
        return Value::Array(Vec::new());
    };
    board
        .labels_of(issue)
        .map(|l| label(api, repo, l))
        .collect()
}

pub fn issue(api: &str, board: &Board, issue: &Issue) -> Value {
    let full_name = board
        .repos
        .get(issue.repo)
        .map_or("", |r| r.full_name.as_str());
    let repo_api = format!("{api}/repos/{full_name}");
    let number = issue.number;
    let html = format!("{WEB}/{full_name}/{}/{number}", web_kind(issue));
    let mut out = json!({
        "id": issue.id,
        "node_id": issue.node_id,
        "url": format!("{repo_api}/issues/{number}"),
        "repository_url": repo_api,
        "labels_url": format!("{repo_api}/issues/{number}/labels{{/name}}"),
        "comments_url": format!("{repo_api}/issues/{number}/comments"),
        "events_url": format!("{repo_api}/issues/{number}/events"),
        "html_url": html,
        "number": number,
        "state": match issue.state { State::Open => "open", State::Closed => "closed" },
        "state_reason": issue.state_reason.map(|r| r.rest()),
        "title": issue.title,
        "body": issue.body,
        "user": user(api, issue.author),
        "labels": labels(api, board, issue),
        "assignee": issue.assignees.first().map(|a| user(api, a)),
        "assignees": issue.assignees.iter().map(|a| user(api, a)).collect::<Vec<_>>(),
        "milestone": null,
        "locked": false,
        "active_lock_reason": null,
        "comments": issue.comments,
        "closed_at": issue.closed_at.map(time),
        "created_at": time(issue.created_at),
        "updated_at": time(issue.updated_at),
        "closed_by": issue.closed_by.map(|a| user(api, a)),
        "author_association": "MEMBER",
        "timeline_url": format!("{repo_api}/issues/{number}/timeline"),
        "performed_via_github_app": null,
        "reactions": {
            "url": format!("{repo_api}/issues/{number}/reactions"),
            "total_count": 0, "+1": 0, "-1": 0, "laugh": 0, "hooray": 0,
            "confused": 0, "heart": 0, "rocket": 0, "eyes": 0,
        },
    });
    if let (Some(pull), Value::Object(map)) = (&issue.pull, &mut out) {
        map.insert("draft".into(), Value::Bool(pull.draft));
        map.insert(
            "pull_request".into(),
            json!({
                "url": format!("{repo_api}/pulls/{number}"),
                "html_url": html,
                "diff_url": format!("{html}.diff"),
                "patch_url": format!("{html}.patch"),
                "merged_at": pull.merged_at.map(time),
            }),
        );
    }
    out
}

/// `issues` or `pull`, as the web UI addresses the two.
pub fn web_kind(issue: &Issue) -> &'static str {
    if issue.pull.is_some() {
        "pull"
    } else {
        "issues"
    }
}
