//! The world in GitHub's wire shapes. `api` is the REST base the client used
//! (`http://HOST/api/v3`), so every `url` in a body can be followed; `html_url`s point at the
//! demo's web host.

mod actions;
mod code;
mod deploys;

pub use actions::{job, run, workflow};
pub use code::{commit, comparison, full_repository};
pub use deploys::{branch_policy, deployment, environment, pending, status};

use super::catalog::{self, User, WEB};
use super::model::Repo;
use crate::github::board::ids;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

/// GitHub's timestamps: UTC to the second.
pub fn time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn maybe_time(at: Option<DateTime<Utc>>) -> Value {
    at.map_or(Value::Null, |t| Value::String(time(t)))
}

/// A GraphQL-style node id: a type prefix and the database id.
pub fn node_id(prefix: &str, id: u64) -> String {
    format!("{prefix}_kwDO{id:X}")
}

/// `node` is the account's node id where another part of the sandbox already names it.
fn account(
    (login, id, node): (&str, u64, Option<&str>),
    kind: &str,
    name: Option<&str>,
    api: &str,
) -> Value {
    let url = format!(
        "{api}/users/{}",
        login.replace('[', "%5B").replace(']', "%5D")
    );
    let node = node.map_or_else(
        || node_id(if kind == "Organization" { "O" } else { "U" }, id),
        str::to_string,
    );
    let html_url = match login.strip_suffix("[bot]") {
        Some(app) => format!("{WEB}/apps/{app}"),
        None => format!("{WEB}/{login}"),
    };
    let mut user = json!({
        "login": login,
        "id": id,
        "node_id": node,
        "avatar_url": format!("{WEB}/avatars/u/{id}?v=4"),
        "gravatar_id": "",
        "url": url,
        "html_url": html_url,
        "followers_url": format!("{url}/followers"),
        "following_url": format!("{url}/following{{/other_user}}"),
        "gists_url": format!("{url}/gists{{/gist_id}}"),
        "starred_url": format!("{url}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{url}/subscriptions"),
        "organizations_url": format!("{url}/orgs"),
        "repos_url": format!("{url}/repos"),
        "events_url": format!("{url}/events{{/privacy}}"),
        "received_events_url": format!("{url}/received_events"),
        "type": kind,
        "user_view_type": "public",
        "site_admin": false,
    });
    if let Some(name) = name {
        user["name"] = json!(name);
    }
    user
}

/// A `simple-user`.
pub fn user(user: &User, api: &str) -> Value {
    let kind = if user.is_bot() { "Bot" } else { "User" };
    account(
        (user.login, user.id, user.node_id()),
        kind,
        user.name(),
        api,
    )
}

pub fn owner(api: &str) -> Value {
    let org = (catalog::OWNER, catalog::OWNER_ID, None);
    account(org, "Organization", None, api)
}

/// A `minimal-repository`.
pub fn repository(repo: &Repo, api: &str) -> Value {
    let full = repo.full_name();
    let url = format!("{api}/repos/{full}");
    let mut body = Map::new();
    let fields = [
        ("archive_url", "/{archive_format}{/ref}"),
        ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"),
        ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"),
        ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"),
        ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"),
        ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"),
        ("downloads_url", "/downloads"),
        ("events_url", "/events"),
        ("forks_url", "/forks"),
        ("git_commits_url", "/git/commits{/sha}"),
        ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"),
        ("hooks_url", "/hooks"),
        ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"),
        ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"),
        ("labels_url", "/labels{/name}"),
        ("languages_url", "/languages"),
        ("merges_url", "/merges"),
        ("milestones_url", "/milestones{/number}"),
        (
            "notifications_url",
            "/notifications{?since,all,participating}",
        ),
        ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"),
        ("stargazers_url", "/stargazers"),
        ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"),
        ("subscription_url", "/subscription"),
        ("tags_url", "/tags"),
        ("teams_url", "/teams"),
        ("trees_url", "/git/trees{/sha}"),
    ];
    for (key, suffix) in fields {
        body.insert(key.into(), json!(format!("{url}{suffix}")));
    }
    let head = json!({
        "id": repo.id,
        // The board side's node id for the same repository.
        "node_id": ids::node_id("R", "kgDO", repo.id),
        "name": repo.name,
        "full_name": full,
        "owner": owner(api),
        "private": true,
        "html_url": format!("{WEB}/{full}"),
        "description": repo.description,
        "fork": false,
        "url": url,
        "created_at": time(repo.created_at),
        "default_branch": "main",
        "visibility": "private",
    });
    if let Value::Object(head) = head {
        body.extend(head);
    }
    Value::Object(body)
}
