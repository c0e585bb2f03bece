//! What project items hold: issues, pull requests and draft issues.

use super::connection::connection;
use super::{Args, Env, Obj, Reply, Resolved, leaf, node, optional, time};
use crate::github::board::WEB;
use crate::github::board::model::{Draft, Issue, State, StateReason};

pub fn issue<'a>(env: &Env<'a>, i: &'a Issue, field: &str, args: &Args) -> Reply<'a> {
    let repo = env.board.repos.get(i.repo);
    let path = || {
        let kind = if i.pull.is_some() { "pull" } else { "issues" };
        format!(
            "/{}/{kind}/{}",
            repo.map_or("", |r| r.full_name.as_str()),
            i.number
        )
    };
    match field {
        "assignees" => {
            let all = i.assignees.iter().map(|a| Obj::User(a)).collect();
            connection("assignees", "UserConnection", all, args)
        }
        "author" => node(Obj::User(i.author)),
        "body" => leaf(i.body.clone()),
        "closed" => leaf(i.state == State::Closed),
        "closedAt" => optional(i.closed_at.map(time)),
        "createdAt" => leaf(time(i.created_at)),
        "databaseId" => leaf(i.id),
        "id" => leaf(i.node_id.clone()),
        "labels" => {
            let all = match repo {
                Some(repo) => env
                    .board
                    .labels_of(i)
                    .map(|l| Obj::Label(repo, l))
                    .collect(),
                None => Vec::new(),
            };
            connection("labels", "LabelConnection", all, args)
        }
        "locked" => leaf(false),
        "number" => leaf(i.number),
        "repository" => match repo {
            Some(repo) => node(Obj::Repo(repo)),
            None => Some(Ok(Resolved::Null)),
        },
        "resourcePath" => leaf(path()),
        "state" => leaf(match (i.state, &i.pull) {
            (State::Open, _) => "OPEN",
            (State::Closed, Some(pull)) if pull.merged_at.is_some() => "MERGED",
            (State::Closed, _) => "CLOSED",
        }),
        "stateReason" => {
            // Duplicates read as NOT_PLANNED unless the client opts in, as on GitHub.
            let duplicates = args.bool("enableDuplicate").unwrap_or(false);
            optional(i.state_reason.map(|r| match r {
                StateReason::Duplicate if !duplicates => StateReason::NotPlanned.graphql(),
                r => r.graphql(),
            }))
        }
        "title" => leaf(i.title.clone()),
        "updatedAt" => leaf(time(i.updated_at)),
        "url" => leaf(format!("{WEB}{}", path())),
        _ => pull(i, field),
    }
}

fn pull<'a>(i: &'a Issue, field: &str) -> Reply<'a> {
    let pull = i.pull.as_ref()?;
    match field {
        "baseRefName" => leaf(pull.base.clone()),
        "headRefName" => leaf(pull.head.clone()),
        "isDraft" => leaf(pull.draft),
        "merged" => leaf(pull.merged_at.is_some()),
        "mergedAt" => optional(pull.merged_at.map(time)),
        _ => None,
    }
}

pub fn draft<'a>(d: &'a Draft, field: &str, args: &Args) -> Reply<'a> {
    match field {
        "assignees" => {
            let all = d.assignees.iter().map(|a| Obj::User(a)).collect();
            connection("assignees", "UserConnection", all, args)
        }
        "body" => leaf(d.body.clone()),
        "createdAt" => leaf(time(d.created_at)),
        "creator" => node(Obj::User(d.creator)),
        "id" => leaf(d.node_id.clone()),
        "title" => leaf(d.title.clone()),
        "updatedAt" => leaf(time(d.updated_at)),
        _ => None,
    }
}
