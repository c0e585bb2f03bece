//! `ProjectV2` and its field configurations: plain fields, the Status single select with
//! its options, and the Iteration field with its sprints.

use super::connection::connection;
use super::{Args, Env, Obj, Reply, Resolved, date, html, leaf, node, time};
use crate::github::board::WEB;
use crate::github::board::model::{Field, FieldKind, Iteration, Iterations, Project, SelectOption};
use crate::github::board::people;

pub fn project<'a>(env: &Env<'a>, p: &'a Project, field: &str, args: &Args) -> Reply<'a> {
    let org = env.board.org.login;
    match field {
        "closed" | "template" | "public" => leaf(false),
        "closedAt" => Some(Ok(Resolved::Null)),
        "createdAt" => leaf(time(p.created_at)),
        "creator" => node(Obj::User(p.creator)),
        "databaseId" => leaf(p.database_id),
        "field" => {
            let name = args.str("name").unwrap_or_default();
            let found = p.fields.iter().find(|f| f.name == name);
            Some(Ok(found.map_or(Resolved::Null, |f| {
                Resolved::Node(Obj::Field(p, f))
            })))
        }
        "fields" => {
            let all = p.fields.iter().map(|f| Obj::Field(p, f)).collect();
            connection("fields", "ProjectV2FieldConfigurationConnection", all, args)
        }
        "id" => leaf(p.node_id.clone()),
        "items" => {
            let all = p
                .items
                .iter()
                .filter(|i| !i.archived)
                .map(|i| Obj::Item(p, i))
                .collect();
            connection("items", "ProjectV2ItemConnection", all, args)
        }
        "number" => leaf(p.number),
        "owner" => node(Obj::Org(&env.board.org)),
        "readme" => leaf(p.readme.clone()),
        "resourcePath" => leaf(format!("/orgs/{org}/projects/{}", p.number)),
        "shortDescription" => leaf(p.short_description.clone()),
        "title" => leaf(p.title.clone()),
        "updatedAt" => leaf(time(p.updated_at)),
        "url" => leaf(format!("{WEB}/orgs/{org}/projects/{}", p.number)),
        "viewerCanClose" | "viewerCanReopen" | "viewerCanUpdate" => {
            leaf(p.creator.login == people::VIEWER.login)
        }
        _ => None,
    }
}

pub fn field_typename(f: &Field) -> &'static str {
    match f.kind {
        FieldKind::SingleSelect(_) => "ProjectV2SingleSelectField",
        FieldKind::Iteration(_) => "ProjectV2IterationField",
        _ => "ProjectV2Field",
    }
}

pub fn field<'a>(p: &'a Project, f: &'a Field, name: &str, args: &Args) -> Reply<'a> {
    match (name, &f.kind) {
        ("createdAt" | "updatedAt", _) => leaf(time(f.created_at)),
        ("dataType", kind) => leaf(kind.data_type()),
        ("databaseId", _) => leaf(f.database_id),
        ("id", _) => leaf(f.node_id.clone()),
        ("name", _) => leaf(f.name),
        ("project", _) => node(Obj::Project(p)),
        ("options", FieldKind::SingleSelect(options)) => {
            let names: Option<Vec<String>> = args.get("names").and_then(|v| {
                v.as_array().map(|list| {
                    list.iter()
                        .filter_map(|n| n.as_str().map(str::to_lowercase))
                        .collect()
                })
            });
            let picked = options
                .iter()
                .filter(|o| {
                    names
                        .as_ref()
                        .is_none_or(|n| n.contains(&o.name.to_lowercase()))
                })
                .map(|o| Resolved::Node(Obj::Option(o)))
                .collect();
            Some(Ok(Resolved::List(picked)))
        }
        ("configuration", FieldKind::Iteration(its)) => node(Obj::IterationConfig(its)),
        _ => None,
    }
}

pub fn option<'a>(o: &'a SelectOption, field: &str) -> Reply<'a> {
    match field {
        "color" => leaf(o.color),
        "description" => leaf(o.description),
        "descriptionHTML" => leaf(html(o.description)),
        "id" => leaf(o.id),
        "name" => leaf(o.name),
        "nameHTML" => leaf(html(o.name)),
        _ => None,
    }
}

/// Iterations that have ended are `completedIterations` (newest first, as GitHub lists
/// them); the rest, current first, are `iterations`.
pub fn iterations<'a>(env: &Env<'a>, c: &'a Iterations, field: &str) -> Reply<'a> {
    let today = env.now.date_naive();
    let list = |items: Vec<&'a Iteration>| {
        Some(Ok(Resolved::List(
            items
                .into_iter()
                .map(|i| Resolved::Node(Obj::Iteration(i)))
                .collect(),
        )))
    };
    match field {
        "duration" => leaf(c.duration),
        "startDay" => leaf(c.start_day),
        "iterations" => list(c.all.iter().filter(|i| i.end() > today).collect()),
        "completedIterations" => list(c.all.iter().rev().filter(|i| i.end() <= today).collect()),
        _ => None,
    }
}

pub fn iteration<'a>(i: &'a Iteration, field: &str) -> Reply<'a> {
    match field {
        "duration" => leaf(i.duration),
        "id" => leaf(i.id),
        "startDate" => leaf(date(i.start_date)),
        "title" => leaf(i.title.clone()),
        "titleHTML" => leaf(html(&i.title)),
        _ => None,
    }
}
