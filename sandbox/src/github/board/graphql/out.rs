//! What a GraphQL request answers: `data` in selection order, and GitHub-shaped `errors`.

use graphql_parser::Pos;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// A result tree; objects keep their keys in selection order, as GraphQL requires.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Null,
    Leaf(Value),
    Object(Vec<(String, Out)>),
    List(Vec<Out>),
}

impl Serialize for Out {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Out::Null => s.serialize_unit(),
            Out::Leaf(value) => value.serialize(s),
            Out::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            Out::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }
    }
}

/// One entry of `errors`, with the members GitHub sends: `type` for execution errors
/// (NOT_FOUND, INSUFFICIENT_SCOPES...), `extensions` for validation errors.
#[derive(Clone, Debug, PartialEq)]
pub struct GqlError {
    pub kind: Option<&'static str>,
    pub path: Option<Vec<Value>>,
    pub extensions: Option<Value>,
    pub locations: Vec<Pos>,
    pub message: String,
}

impl GqlError {
    pub fn new(message: impl Into<String>) -> GqlError {
        GqlError {
            kind: None,
            path: None,
            extensions: None,
            locations: Vec::new(),
            message: message.into(),
        }
    }

    pub fn typed(kind: &'static str, message: impl Into<String>) -> GqlError {
        GqlError {
            kind: Some(kind),
            ..GqlError::new(message)
        }
    }

    pub fn at(mut self, pos: Pos) -> GqlError {
        self.locations.push(pos);
        self
    }

    pub fn path(mut self, path: Vec<Value>) -> GqlError {
        self.path = Some(path);
        self
    }

    pub fn extensions(mut self, extensions: Value) -> GqlError {
        self.extensions = Some(extensions);
        self
    }
}

impl Serialize for GqlError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(kind) = self.kind {
            map.serialize_entry("type", kind)?;
        }
        if let Some(path) = &self.path {
            map.serialize_entry("path", path)?;
        }
        if let Some(extensions) = &self.extensions {
            map.serialize_entry("extensions", extensions)?;
        }
        let locations: Vec<Value> = self
            .locations
            .iter()
            .map(|p| serde_json::json!({ "line": p.line, "column": p.column }))
            .collect();
        map.serialize_entry("locations", &locations)?;
        map.serialize_entry("message", &self.message)?;
        map.end()
    }
}

/// The whole answer. Requests refused before execution have no `data` at all.
#[derive(Debug, PartialEq)]
pub struct Response {
    pub data: Option<Out>,
    pub errors: Vec<GqlError>,
}

impl Response {
    pub fn refused(errors: Vec<GqlError>) -> Response {
        Response { data: None, errors }
    }
}

impl Serialize for Response {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(data) = &self.data {
            map.serialize_entry("data", data)?;
        }
        if !self.errors.is_empty() {
            map.serialize_entry("errors", &self.errors)?;
        }
        map.end()
    }
}
