//! The slice of JQL the sandbox understands, parsed properly: `lexer` turns text into
//! tokens with positions, `parser` builds a syntax tree, `compile` checks fields, operators
//! and values against the demo site, and `eval` filters and orders issues.

mod ast;
mod compile;
mod eval;
mod lexer;
mod parser;

use super::store::{Issue, Store};
use std::fmt;

/// A JQL problem, worded like Jira's so clients can show it as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JqlError(pub String);

impl fmt::Display for JqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error in the JQL Query: {}", self.0)
    }
}

/// Where a token starts, for messages like Jira's "(line 1, character 12)".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(line {}, character {})", self.line, self.column)
    }
}

/// A syntactically valid query; fields and values are checked when it runs.
pub struct Jql(ast::Query);

impl Jql {
    pub fn parse(src: &str) -> Result<Self, JqlError> {
        parser::parse(src).map(Jql)
    }

    /// False when the query restricts nothing (empty or only `ORDER BY`).
    pub fn is_bounded(&self) -> bool {
        self.0.filter.is_some()
    }

    /// Board order when the query names none, as the Agile API lists issues.
    pub fn rank_order_by_default(mut self) -> Self {
        if self.0.order.is_empty() {
            self.0.order.push(ast::OrderBy {
                field: "Rank".into(),
                descending: false,
                pos: Pos { line: 1, column: 1 },
            });
        }
        self
    }

    /// The issues the query selects, in the order it asks for (newest key first when it
    /// names none).
    pub fn run<'a>(&self, store: &'a Store) -> Result<Vec<&'a Issue>, JqlError> {
        let compiled = compile::compile(&self.0, store)?;
        Ok(eval::run(&compiled, store))
    }
}

#[cfg(test)]
mod tests;
