//! `ProjectV2Item` and its field values. The built-in fields (Title, Assignees, Labels,
//! Repository) take their values from the item's content; Status, Iteration and Estimate are
//! stored on the item.

use super::connection::connection;
use super::{Args, Env, FieldError, Obj, Reply, Resolved, date, fail, html, leaf, node, time};
use crate::github::board::ids;
use crate::github::board::model::{
    Board, Content, Field, FieldKind, Item, Label, Project, Repo, Stored, Value,
};
use crate::github::board::people::Account;

pub fn item<'a>(env: &Env<'a>, p: &'a Project, i: &'a Item, field: &str, args: &Args) -> Reply<'a> {
    let issue = match &i.content {
        Content::Issue(index) => env.board.issues.get(*index),
        Content::Draft(_) => None,
    };
    match field {
        "content" => match (&i.content, issue) {
            (Content::Draft(d), _) => node(Obj::Draft(d)),
            (Content::Issue(_), Some(issue)) => node(Obj::Issue(issue)),
            (Content::Issue(_), None) => Some(Ok(Resolved::Null)),
        },
        "createdAt" => leaf(time(i.created_at)),
        "creator" => node(Obj::User(i.creator)),
        "databaseId" => leaf(i.database_id),
        "fieldValueByName" => {
            let name = args.str("name").unwrap_or_default();
            let value = values(env.board, p, i)
                .into_iter()
                .find(|v| v.field.name == name);
            Some(Ok(
                value.map_or(Resolved::Null, |v| Resolved::Node(Obj::Value(v)))
            ))
        }
        "fieldValues" => {
            let all = values(env.board, p, i)
                .into_iter()
                .map(Obj::Value)
                .collect();
            connection(
                "fieldValues",
                "ProjectV2ItemFieldValueConnection",
                all,
                args,
            )
        }
        "id" => leaf(i.node_id.clone()),
        "isArchived" => leaf(i.archived),
        "project" => node(Obj::Project(p)),
        "type" => leaf(match (&i.content, issue) {
            (Content::Draft(_), _) => "DRAFT_ISSUE",
            (_, Some(issue)) if issue.pull.is_some() => "PULL_REQUEST",
            _ => "ISSUE",
        }),
        "updatedAt" => leaf(time(i.updated_at)),
        _ => None,
    }
}

#[derive(Clone)]
pub struct FieldValue<'a> {
    project: &'a Project,
    item: &'a Item,
    field: &'a Field,
    /// The field's position, which makes the value's ids unique per item.
    position: usize,
    kind: Kind<'a>,
}

#[derive(Clone)]
enum Kind<'a> {
    Stored(&'a Stored),
    Title(&'a str),
    Users(Vec<&'static Account>),
    Labels(&'a Repo, Vec<&'a Label>),
    Repository(&'a Repo),
}

/// The item's values in field order; fields without a value are left out, as on GitHub.
fn values<'a>(board: &'a Board, p: &'a Project, i: &'a Item) -> Vec<FieldValue<'a>> {
    let issue = match &i.content {
        Content::Issue(index) => board.issues.get(*index),
        Content::Draft(_) => None,
    };
    let repo = issue.and_then(|issue| board.repos.get(issue.repo));
    p.fields
        .iter()
        .enumerate()
        .filter_map(|(position, field)| {
            let kind = match &field.kind {
                FieldKind::Title => Kind::Title(match (&i.content, issue) {
                    (Content::Draft(d), _) => &d.title,
                    (_, Some(issue)) => &issue.title,
                    _ => return None,
                }),
                FieldKind::Assignees => {
                    let users = match (&i.content, issue) {
                        (Content::Draft(d), _) => d.assignees.clone(),
                        (_, Some(issue)) => issue.assignees.clone(),
                        _ => Vec::new(),
                    };
                    (!users.is_empty()).then_some(Kind::Users(users))?
                }
                FieldKind::Labels => {
                    let (issue, repo) = (issue?, repo?);
                    let labels: Vec<&Label> = board.labels_of(issue).collect();
                    (!labels.is_empty()).then_some(Kind::Labels(repo, labels))?
                }
                FieldKind::Repository => Kind::Repository(repo?),
                FieldKind::SingleSelect(_)
                | FieldKind::Iteration(_)
                | FieldKind::Number
                | FieldKind::Text
                | FieldKind::Date => {
                    Kind::Stored(i.values.iter().find(|v| v.field == field.node_id)?)
                }
                FieldKind::LinkedPullRequests | FieldKind::Milestone | FieldKind::Reviewers => {
                    return None;
                }
            };
            Some(FieldValue {
                project: p,
                item: i,
                field,
                position,
                kind,
            })
        })
        .collect()
}

impl<'a> FieldValue<'a> {
    pub fn typename(&self) -> &'static str {
        match &self.kind {
            Kind::Stored(s) => match s.value {
                Value::Option(_) => "ProjectV2ItemFieldSingleSelectValue",
                Value::Iteration(_) => "ProjectV2ItemFieldIterationValue",
                Value::Number(_) => "ProjectV2ItemFieldNumberValue",
                Value::Text(_) => "ProjectV2ItemFieldTextValue",
                Value::Date(_) => "ProjectV2ItemFieldDateValue",
            },
            Kind::Title(_) => "ProjectV2ItemFieldTextValue",
            Kind::Users(_) => "ProjectV2ItemFieldUserValue",
            Kind::Labels(..) => "ProjectV2ItemFieldLabelValue",
            Kind::Repository(_) => "ProjectV2ItemFieldRepositoryValue",
        }
    }

    pub fn resolve(&self, field: &str, args: &Args) -> Reply<'a> {
        let (created, updated) = match &self.kind {
            Kind::Stored(s) => (s.created_at, s.updated_at),
            _ => (self.item.created_at, self.item.updated_at),
        };
        let database_id = self.item.database_id * 100 + self.position as u64;
        match field {
            "field" => return node(Obj::Field(self.project, self.field)),
            "item" => return node(Obj::Item(self.project, self.item)),
            "createdAt" => return leaf(time(created)),
            "updatedAt" => return leaf(time(updated)),
            "creator" => return node(Obj::User(self.item.creator)),
            "databaseId" => return leaf(database_id),
            "id" => return leaf(ids::node_id("PVTFV", "lADOABaVrc4AjQ3Lzg", database_id)),
            _ => {}
        }
        match &self.kind {
            Kind::Title(title) if field == "text" => leaf(*title),
            Kind::Users(users) if field == "users" => {
                let all = users.iter().map(|u| Obj::User(u)).collect();
                connection("users", "UserConnection", all, args)
            }
            Kind::Labels(repo, labels) if field == "labels" => {
                let all = labels.iter().map(|l| Obj::Label(repo, l)).collect();
                connection("labels", "LabelConnection", all, args)
            }
            Kind::Repository(repo) if field == "repository" => node(Obj::Repo(repo)),
            Kind::Stored(stored) => self.stored(&stored.value, field),
            _ => None,
        }
    }

    fn stored(&self, value: &'a Value, field: &str) -> Reply<'a> {
        match (value, &self.field.kind) {
            (Value::Option(id), FieldKind::SingleSelect(options)) => {
                let Some(option) = options.iter().find(|o| o.id == id) else {
                    return fail(FieldError::new(format!(
                        "option {id} is gone from {}",
                        self.field.name
                    )));
                };
                match field {
                    "name" => leaf(option.name),
                    "nameHTML" => leaf(html(option.name)),
                    "optionId" => leaf(option.id),
                    "color" => leaf(option.color),
                    "description" => leaf(option.description),
                    "descriptionHTML" => leaf(html(option.description)),
                    _ => None,
                }
            }
            (Value::Iteration(id), FieldKind::Iteration(its)) => {
                let Some(it) = its.all.iter().find(|i| i.id == id) else {
                    return fail(FieldError::new(format!(
                        "iteration {id} is gone from {}",
                        self.field.name
                    )));
                };
                match field {
                    "iterationId" => leaf(it.id),
                    "title" => leaf(it.title.clone()),
                    "titleHTML" => leaf(html(&it.title)),
                    "startDate" => leaf(date(it.start_date)),
                    "duration" => leaf(it.duration),
                    _ => None,
                }
            }
            (Value::Number(n), _) if field == "number" => leaf(*n),
            (Value::Text(t), _) if field == "text" => leaf(t.clone()),
            (Value::Date(d), _) if field == "date" => leaf(date(*d)),
            _ => None,
        }
    }
}
