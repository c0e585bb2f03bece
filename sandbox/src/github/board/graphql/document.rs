//! Uniform views of a parsed document: its operations (graphql-parser has one type per
//! operation kind) and its fragments by name.

use graphql_parser::Pos;
use graphql_parser::query as q;
use graphql_parser::query::{Definition, OperationDefinition};
use std::collections::HashMap;

// The document owns its strings, so its nodes are `'static`: no borrow of the request text.
pub type Doc = q::Document<'static, String>;
pub type Field = q::Field<'static, String>;
pub type SelectionSet = q::SelectionSet<'static, String>;
pub type Selection = q::Selection<'static, String>;
pub type Ast = q::Value<'static, String>;
pub type Fragment = q::FragmentDefinition<'static, String>;
pub type VariableDefinition = q::VariableDefinition<'static, String>;
pub type Directive = q::Directive<'static, String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpKind {
    Query,
    Mutation,
    Subscription,
}

pub struct Op<'d> {
    pub kind: OpKind,
    pub name: Option<&'d str>,
    pub variables: &'d [VariableDefinition],
    pub directives: &'d [Directive],
    pub selection: &'d SelectionSet,
    pub pos: Pos,
}

impl Op<'_> {
    /// How graphql-ruby names the operation in error paths: `query Board`, `mutation`.
    pub fn label(&self) -> String {
        let kind = match self.kind {
            OpKind::Query => "query",
            OpKind::Mutation => "mutation",
            OpKind::Subscription => "subscription",
        };
        match self.name {
            Some(name) => format!("{kind} {name}"),
            None => kind.into(),
        }
    }

    /// How graphql-ruby names it in variable messages: `Board`, `anonymous query`.
    pub fn title(&self) -> String {
        match self.name {
            Some(name) => name.into(),
            None => format!("anonymous {}", self.label()),
        }
    }
}

pub fn operations(doc: &Doc) -> Vec<Op<'_>> {
    doc.definitions
        .iter()
        .filter_map(|d| match d {
            Definition::Operation(op) => Some(op),
            Definition::Fragment(_) => None,
        })
        .map(|op| match op {
            OperationDefinition::SelectionSet(set) => Op {
                kind: OpKind::Query,
                name: None,
                variables: &[],
                directives: &[],
                selection: set,
                pos: set.span.0,
            },
            OperationDefinition::Query(q) => Op {
                kind: OpKind::Query,
                name: q.name.as_deref(),
                variables: &q.variable_definitions,
                directives: &q.directives,
                selection: &q.selection_set,
                pos: q.position,
            },
            OperationDefinition::Mutation(m) => Op {
                kind: OpKind::Mutation,
                name: m.name.as_deref(),
                variables: &m.variable_definitions,
                directives: &m.directives,
                selection: &m.selection_set,
                pos: m.position,
            },
            OperationDefinition::Subscription(s) => Op {
                kind: OpKind::Subscription,
                name: s.name.as_deref(),
                variables: &s.variable_definitions,
                directives: &s.directives,
                selection: &s.selection_set,
                pos: s.position,
            },
        })
        .collect()
}

pub type Fragments<'d> = HashMap<&'d str, &'d Fragment>;

/// Fragments by name; with duplicates (a validation error) the first wins.
pub fn fragments(doc: &Doc) -> Fragments<'_> {
    let mut out = HashMap::new();
    for definition in &doc.definitions {
        if let Definition::Fragment(f) = definition {
            out.entry(f.name.as_str()).or_insert(f);
        }
    }
    out
}

pub fn fragment_list(doc: &Doc) -> impl Iterator<Item = &Fragment> {
    doc.definitions.iter().filter_map(|d| match d {
        Definition::Fragment(f) => Some(f),
        Definition::Operation(_) => None,
    })
}

/// The type a fragment applies to.
pub fn condition<'d>(c: &'d q::TypeCondition<'static, String>) -> &'d str {
    let q::TypeCondition::On(name) = c;
    name
}
