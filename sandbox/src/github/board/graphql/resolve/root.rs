//! The query root, and the owners around a project: organisation, users, repositories and
//! labels; `node(id:)` finds any object by its global id.

use super::connection::connection;
use super::{Args, Env, FieldError, Obj, Rate, Reply, Resolved, fail, leaf, node, optional, time};
use crate::github::board::WEB;
use crate::github::board::model::{Board, Content, Label, Org, Repo};
use crate::github::board::people::{self, ACCOUNTS, Account};

pub fn query<'a>(env: &Env<'a>, field: &str, args: &Args) -> Reply<'a> {
    let board = env.board;
    let login = || args.str("login").unwrap_or_default();
    match field {
        "node" => {
            let id = args.str("id").unwrap_or_default();
            match find_node(board, id) {
                Some(obj) => node(obj),
                None => fail(missing_node(id)),
            }
        }
        "nodes" => {
            let ids = args
                .get("ids")
                .and_then(|v| v.as_array())
                .cloned()
                .unwrap_or_default();
            let found = ids
                .iter()
                .map(|id| {
                    let id = id.as_str().unwrap_or_default();
                    find_node(board, id)
                        .map_or_else(|| Resolved::Fail(missing_node(id)), Resolved::Node)
                })
                .collect();
            Some(Ok(Resolved::List(found)))
        }
        "organization" => match owner(board, login()) {
            Some(obj @ Obj::Org(_)) => node(obj),
            _ => fail(FieldError::not_found(format!(
                "Could not resolve to an Organization with the login of '{}'.",
                login()
            ))),
        },
        "user" => match owner(board, login()) {
            Some(obj @ Obj::User(_)) => node(obj),
            _ => fail(FieldError::not_found(format!(
                "Could not resolve to a User with the login of '{}'.",
                login()
            ))),
        },
        // GitHub answers an unknown owner here with null and no error.
        "repositoryOwner" => Some(Ok(
            owner(board, login()).map_or(Resolved::Null, Resolved::Node)
        )),
        "repository" => {
            let (o, n) = (
                args.str("owner").unwrap_or_default(),
                args.str("name").unwrap_or_default(),
            );
            match board.repo_by_name(o, n).and_then(|i| board.repos.get(i)) {
                Some(repo) => node(Obj::Repo(repo)),
                None => fail(FieldError::not_found(format!(
                    "Could not resolve to a Repository with the name '{o}/{n}'."
                ))),
            }
        }
        "viewer" => node(Obj::User(people::VIEWER)),
        "rateLimit" => node(Obj::RateLimit),
        _ => None,
    }
}

fn owner<'a>(board: &'a Board, login: &str) -> Option<Obj<'a>> {
    if login.eq_ignore_ascii_case(board.org.login) {
        return Some(Obj::Org(&board.org));
    }
    people::by_login(login).map(Obj::User)
}

fn missing_node(id: &str) -> FieldError {
    FieldError::not_found(format!(
        "Could not resolve to a node with the global id of '{id}'"
    ))
}

/// Any object with a global id.
pub fn find_node<'a>(board: &'a Board, id: &str) -> Option<Obj<'a>> {
    if id == board.org.node_id {
        return Some(Obj::Org(&board.org));
    }
    if let Some(account) = ACCOUNTS.iter().find(|a| a.node_id == id) {
        return Some(Obj::User(account));
    }
    for repo in &board.repos {
        if repo.node_id == id {
            return Some(Obj::Repo(repo));
        }
        if let Some(label) = repo.labels.iter().find(|l| l.node_id == id) {
            return Some(Obj::Label(repo, label));
        }
    }
    if let Some(issue) = board.issues.iter().find(|i| i.node_id == id) {
        return Some(Obj::Issue(issue));
    }
    for project in &board.projects {
        if project.node_id == id {
            return Some(Obj::Project(project));
        }
        if let Some(field) = project.fields.iter().find(|f| f.node_id == id) {
            return Some(Obj::Field(project, field));
        }
        for item in &project.items {
            if item.node_id == id {
                return Some(Obj::Item(project, item));
            }
            if let Content::Draft(draft) = &item.content
                && draft.node_id == id
            {
                return Some(Obj::Draft(draft));
            }
        }
    }
    None
}

/// `projectV2(number:)` and `projectsV2` on an owner; only the organisation has projects.
fn projects<'a>(board: &'a Board, is_org: bool, field: &str, args: &Args) -> Reply<'a> {
    let owned = || board.projects.iter().filter(move |_| is_org);
    match field {
        "projectV2" => {
            let number = args.int("number").unwrap_or_default();
            match owned().find(|p| i64::try_from(p.number).is_ok_and(|n| n == number)) {
                Some(p) => node(Obj::Project(p)),
                None => fail(FieldError::not_found(format!(
                    "Could not resolve to a ProjectV2 with the number {number}."
                ))),
            }
        }
        "projectsV2" => {
            let query = args.str("query").unwrap_or_default().to_lowercase();
            let found = owned()
                .filter(|p| p.title.to_lowercase().contains(&query))
                .map(Obj::Project)
                .collect();
            connection("projectsV2", "ProjectV2Connection", found, args)
        }
        _ => None,
    }
}

pub fn org<'a>(env: &Env<'a>, org: &'a Org, field: &str, args: &Args) -> Reply<'a> {
    match field {
        "avatarUrl" => leaf(format!("{WEB}/avatars/u/{}?v=4", org.id)),
        "createdAt" => leaf(time(org.created_at)),
        "databaseId" => leaf(org.id),
        "description" => leaf(org.description),
        "id" => leaf(org.node_id),
        "login" => leaf(org.login),
        "name" => leaf(org.name),
        "resourcePath" => leaf(format!("/{}", org.login)),
        "url" => leaf(format!("{WEB}/{}", org.login)),
        "repository" => {
            let name = args.str("name").unwrap_or_default();
            let found = env
                .board
                .repo_by_name(org.login, name)
                .and_then(|i| env.board.repos.get(i));
            Some(Ok(
                found.map_or(Resolved::Null, |r| Resolved::Node(Obj::Repo(r)))
            ))
        }
        _ => projects(env.board, true, field, args),
    }
}

pub fn user<'a>(env: &Env<'a>, user: &'static Account, field: &str, args: &Args) -> Reply<'a> {
    match field {
        "avatarUrl" => leaf(format!("{WEB}/avatars/u/{}?v=4", user.id)),
        "createdAt" => leaf(time(env.board.org.created_at)),
        "databaseId" => leaf(user.id),
        "id" => leaf(user.node_id),
        "isViewer" => leaf(user.login == people::VIEWER.login),
        "login" => leaf(user.login),
        "name" => leaf(user.name()),
        "resourcePath" => leaf(format!("/{}", user.login)),
        "url" => leaf(format!("{WEB}/{}", user.login)),
        "repository" => Some(Ok(Resolved::Null)),
        // Everyone on the team is a member of the one organisation.
        "organizations" => connection(
            "organizations",
            "OrganizationConnection",
            vec![Obj::Org(&env.board.org)],
            args,
        ),
        _ => projects(env.board, false, field, args),
    }
}

pub fn repo<'a>(env: &Env<'a>, repo: &'a Repo, field: &str) -> Reply<'a> {
    match field {
        "createdAt" => leaf(time(repo.created_at)),
        "databaseId" => leaf(repo.id),
        "description" => leaf(repo.description),
        "id" => leaf(repo.node_id.clone()),
        "isArchived" => leaf(false),
        "isPrivate" => leaf(true),
        "name" => leaf(repo.name),
        "nameWithOwner" => leaf(repo.full_name.clone()),
        "owner" => node(Obj::Org(&env.board.org)),
        "resourcePath" => leaf(format!("/{}", repo.full_name)),
        "updatedAt" => leaf(time(repo.created_at)),
        "url" => leaf(format!("{WEB}/{}", repo.full_name)),
        _ => None,
    }
}

pub fn label<'a>(repo: &'a Repo, label: &'a Label, field: &str) -> Reply<'a> {
    let path = || {
        format!(
            "/{}/labels/{}",
            repo.full_name,
            label.name.replace(' ', "%20")
        )
    };
    match field {
        "color" => leaf(label.color.clone()),
        "createdAt" | "updatedAt" => leaf(time(repo.created_at)),
        "description" => optional(label.description.clone()),
        "id" => leaf(label.node_id.clone()),
        "isDefault" => leaf(label.default),
        "name" => leaf(label.name.clone()),
        "repository" => node(Obj::Repo(repo)),
        "resourcePath" => leaf(path()),
        "url" => leaf(format!("{WEB}{}", path())),
        _ => None,
    }
}

pub fn rate_limit(rate: Rate, field: &str) -> Reply<'static> {
    match field {
        "cost" => leaf(rate.cost),
        "limit" => leaf(rate.limit),
        "nodeCount" => leaf(rate.node_count),
        "remaining" => leaf(rate.limit.saturating_sub(rate.used)),
        "resetAt" => leaf(time(rate.reset_at)),
        "used" => leaf(rate.used),
        _ => None,
    }
}
