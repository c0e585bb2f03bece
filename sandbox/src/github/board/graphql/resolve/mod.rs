//! The objects a query walks through and how each answers its fields. The executor asks an
//! `Obj` for a field by name with coerced arguments; the schema guarantees the name exists.

mod connection;
mod content;
mod item;
pub mod mutation;
mod project;
mod root;

use crate::github::board::model::{
    Board, Draft, Field, Issue, Item, Iteration, Iterations, Label, Org, Project, Repo,
    SelectOption,
};
use crate::github::board::people::Account;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
pub use connection::{Conn, Edge, PageInfo};
pub use item::FieldValue;
use serde_json::{Map, Value};

/// What resolvers may read besides the object itself.
pub struct Env<'a> {
    pub board: &'a Board,
    pub now: DateTime<Utc>,
    pub rate: Rate,
}

/// The GraphQL budget after this request, for `rateLimit`.
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    pub limit: u32,
    pub used: u32,
    pub reset_at: DateTime<Utc>,
    pub cost: u32,
    pub node_count: u64,
}

#[derive(Clone)]
pub enum Obj<'a> {
    Query,
    Org(&'a Org),
    User(&'static Account),
    Repo(&'a Repo),
    Label(&'a Repo, &'a Label),
    Project(&'a Project),
    Field(&'a Project, &'a Field),
    Option(&'a SelectOption),
    IterationConfig(&'a Iterations),
    Iteration(&'a Iteration),
    Item(&'a Project, &'a Item),
    Value(FieldValue<'a>),
    /// An issue or a pull request.
    Issue(&'a Issue),
    Draft(&'a Draft),
    Conn(Conn<'a>),
    Edge(Edge<'a>),
    PageInfo(PageInfo),
    RateLimit,
    /// A field mutation's answer: the payload type's name, the `clientMutationId` given,
    /// and the changed item.
    Payload(&'static str, Option<String>, &'a Project, &'a Item),
}

/// A field's value before the executor shapes it by the selection.
pub enum Resolved<'a> {
    Null,
    Leaf(Value),
    Node(Obj<'a>),
    List(Vec<Resolved<'a>>),
    /// This value (a list item, say) failed; the error lands at its path.
    Fail(FieldError),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub kind: Option<&'static str>,
    pub message: String,
}

impl FieldError {
    pub fn new(message: impl Into<String>) -> FieldError {
        FieldError {
            kind: None,
            message: message.into(),
        }
    }

    pub fn typed(kind: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            kind: Some(kind),
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> FieldError {
        Self::typed("NOT_FOUND", message)
    }

    /// A schema field this server has no resolver for: a bug, which a unit test looks for.
    fn unserved(ty: &str, field: &str) -> FieldError {
        FieldError::new(format!("The sandbox does not serve {ty}.{field}"))
    }
}

/// Coerced arguments, by name.
pub struct Args(pub Map<String, Value>);

impl Args {
    pub fn str(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str)
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.0.get(name).and_then(Value::as_i64)
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        self.0.get(name).and_then(Value::as_bool)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }
}

pub type Answer<'a> = Result<Resolved<'a>, FieldError>;

/// A resolver's reply: `None` when the object has no such field.
pub type Reply<'a> = Option<Answer<'a>>;

pub fn leaf(value: impl Into<Value>) -> Reply<'static> {
    Some(Ok(Resolved::Leaf(value.into())))
}

pub fn node(obj: Obj<'_>) -> Reply<'_> {
    Some(Ok(Resolved::Node(obj)))
}

pub fn fail(error: FieldError) -> Reply<'static> {
    Some(Err(error))
}

pub fn time(at: DateTime<Utc>) -> Value {
    Value::String(at.to_rfc3339_opts(SecondsFormat::Secs, true))
}

pub fn date(day: NaiveDate) -> Value {
    Value::String(day.format("%Y-%m-%d").to_string())
}

pub fn optional<T: Into<Value>>(value: Option<T>) -> Reply<'static> {
    Some(Ok(
        value.map_or(Resolved::Null, |v| Resolved::Leaf(v.into()))
    ))
}

/// Text as GitHub's `*HTML` fields carry it.
pub fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl<'a> Obj<'a> {
    pub fn typename(&self) -> &'static str {
        match self {
            Obj::Query => "Query",
            Obj::Org(_) => "Organization",
            Obj::User(_) => "User",
            Obj::Repo(_) => "Repository",
            Obj::Label(..) => "Label",
            Obj::Project(_) => "ProjectV2",
            Obj::Field(_, f) => project::field_typename(f),
            Obj::Option(_) => "ProjectV2SingleSelectFieldOption",
            Obj::IterationConfig(_) => "ProjectV2IterationFieldConfiguration",
            Obj::Iteration(_) => "ProjectV2IterationFieldIteration",
            Obj::Item(..) => "ProjectV2Item",
            Obj::Value(v) => v.typename(),
            Obj::Issue(i) if i.pull.is_some() => "PullRequest",
            Obj::Issue(_) => "Issue",
            Obj::Draft(_) => "DraftIssue",
            Obj::Conn(c) => c.typename,
            Obj::Edge(e) => e.typename,
            Obj::PageInfo(_) => "PageInfo",
            Obj::RateLimit => "RateLimit",
            Obj::Payload(typename, ..) => typename,
        }
    }

    pub fn resolve(&self, env: &Env<'a>, field: &str, args: &Args) -> Answer<'a> {
        let answer = match self {
            Obj::Query => root::query(env, field, args),
            Obj::Org(org) => root::org(env, org, field, args),
            Obj::User(user) => root::user(env, user, field, args),
            Obj::Repo(repo) => root::repo(env, repo, field),
            Obj::Label(repo, label) => root::label(repo, label, field),
            Obj::Project(p) => project::project(env, p, field, args),
            Obj::Field(p, f) => project::field(p, f, field, args),
            Obj::Option(o) => project::option(o, field),
            Obj::IterationConfig(c) => project::iterations(env, c, field),
            Obj::Iteration(i) => project::iteration(i, field),
            Obj::Item(p, i) => item::item(env, p, i, field, args),
            Obj::Value(v) => v.resolve(field, args),
            Obj::Issue(i) => content::issue(env, i, field, args),
            Obj::Draft(d) => content::draft(d, field, args),
            Obj::Conn(c) => c.resolve(field),
            Obj::Edge(e) => e.resolve(field),
            Obj::PageInfo(p) => p.resolve(field),
            Obj::RateLimit => root::rate_limit(env.rate, field),
            Obj::Payload(_, id, p, i) => match field {
                "clientMutationId" => optional(id.clone()),
                "projectV2Item" => node(Obj::Item(p, i)),
                _ => None,
            },
        };
        answer.unwrap_or_else(|| Err(FieldError::unserved(self.typename(), field)))
    }
}
