//! The JQL syntax tree: what `parser` builds and `compile` checks.

use super::Pos;

#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// `None` when the query only orders (or is empty): every issue matches.
    pub filter: Option<Expr>,
    pub order: Vec<OrderBy>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Clause(Clause),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// As written; `compile` resolves it case-insensitively.
    pub field: String,
    pub op: Op,
    pub operand: Operand,
    /// Where the field name starts.
    pub pos: Pos,
    /// Where the operand starts, for messages about values and functions.
    pub operand_pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    NotEq,
    Like,
    NotLike,
    Lt,
    Gt,
    LtEq,
    GtEq,
    In,
    NotIn,
    Is,
    IsNot,
}

impl Op {
    pub fn shown(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::NotEq => "!=",
            Op::Like => "~",
            Op::NotLike => "!~",
            Op::Lt => "<",
            Op::Gt => ">",
            Op::LtEq => "<=",
            Op::GtEq => ">=",
            Op::In => "in",
            Op::NotIn => "not in",
            Op::Is => "is",
            Op::IsNot => "is not",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Value(String),
    Function(String, Vec<String>),
    List(Vec<Operand>),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrderBy {
    pub field: String,
    pub descending: bool,
    pub pos: Pos,
}
