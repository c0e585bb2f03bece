//! JQL syntax: clauses joined by AND/OR/NOT with parentheses, then an optional ORDER BY.
//! Precedence is NOT, then AND, then OR, as in Jira.

use super::lexer::{Tok, Token, tokenize};
use super::{JqlError, Pos};

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

pub fn parse(src: &str) -> Result<Query, JqlError> {
    let mut parser = Parser { tokens: tokenize(src)?, at: 0 };
    let filter = if parser.at_end() || parser.at_keyword("order") {
        None
    } else {
        Some(parser.or_expr()?)
    };
    let order = if parser.eat_keyword("order") { parser.order_by()? } else { Vec::new() };
    match parser.next() {
        None => Ok(Query { filter, order }),
        Some(token) => Err(unexpected("either 'OR' or 'AND'", Some(token))),
    }
}

fn operator_expected(got: Option<&Token>) -> JqlError {
    const VALID: &str = "'=', '!=', '~', '!~', '<', '>', '<=', '>=', 'in', 'not in', 'is' and 'is not'";
    match got {
        Some(token) => JqlError(format!(
            "Expecting operator but got '{}'. Valid operators are {VALID}. {}",
            token.tok.shown(),
            token.pos
        )),
        None => JqlError(format!("Expecting operator but reached the end of the query. Valid operators are {VALID}.")),
    }
}

fn unexpected(wanted: &str, got: Option<&Token>) -> JqlError {
    match got {
        Some(token) => JqlError(format!("Expecting {wanted} but got '{}'. {}", token.tok.shown(), token.pos)),
        None => JqlError(format!("Expecting {wanted} but reached the end of the query.")),
    }
}

fn is_keyword(word: &str) -> bool {
    ["and", "or", "not", "in", "is", "empty", "null", "order", "by", "asc", "desc"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(word))
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.at);
        self.at += usize::from(token.is_some());
        token
    }

    fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Word(w), .. }) if w.eq_ignore_ascii_case(keyword))
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let hit = self.at_keyword(keyword);
        self.at += usize::from(hit);
        hit
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        let hit = self.peek().is_some_and(|t| t.tok == *tok);
        self.at += usize::from(hit);
        hit
    }

    fn expect(&mut self, tok: &Tok, wanted: &str) -> Result<(), JqlError> {
        if self.eat(tok) { Ok(()) } else { Err(unexpected(wanted, self.peek())) }
    }

    fn or_expr(&mut self) -> Result<Expr, JqlError> {
        let mut left = self.and_expr()?;
        while self.eat(&Tok::Or) || self.eat_keyword("or") {
            left = Expr::Or(Box::new(left), Box::new(self.and_expr()?));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Expr, JqlError> {
        let mut left = self.not_expr()?;
        while self.eat(&Tok::And) || self.eat_keyword("and") {
            left = Expr::And(Box::new(left), Box::new(self.not_expr()?));
        }
        Ok(left)
    }

    fn not_expr(&mut self) -> Result<Expr, JqlError> {
        if self.eat(&Tok::Not) || self.eat_keyword("not") {
            return Ok(Expr::Not(Box::new(self.not_expr()?)));
        }
        if self.eat(&Tok::LParen) {
            let inner = self.or_expr()?;
            self.expect(&Tok::RParen, "')'")?;
            return Ok(inner);
        }
        self.clause().map(Expr::Clause)
    }

    fn clause(&mut self) -> Result<Clause, JqlError> {
        let (field, pos) = self.field_name()?;
        let op = self.operator()?;
        let operand_pos = self.peek().map_or(pos, |t| t.pos);
        let operand = match op {
            Op::Is | Op::IsNot => self.empty()?,
            Op::In | Op::NotIn => self.list_or_function()?,
            _ => self.operand()?,
        };
        Ok(Clause { field, op, operand, pos, operand_pos })
    }

    fn field_name(&mut self) -> Result<(String, Pos), JqlError> {
        match self.peek() {
            Some(Token { tok: Tok::Word(w), pos }) if !is_keyword(w) => {
                let found = (w.clone(), *pos);
                self.at += 1;
                Ok(found)
            }
            Some(Token { tok: Tok::Str(s), pos }) => {
                let found = (s.clone(), *pos);
                self.at += 1;
                Ok(found)
            }
            other => Err(unexpected("a field name", other)),
        }
    }

    fn operator(&mut self) -> Result<Op, JqlError> {
        let keyword = |tok: &Tok, k: &str| matches!(tok, Tok::Word(w) if w.eq_ignore_ascii_case(k));
        let Some(tok) = self.peek().map(|t| t.tok.clone()) else {
            return Err(operator_expected(None));
        };
        self.at += 1;
        match tok {
            Tok::Eq => Ok(Op::Eq),
            Tok::NotEq => Ok(Op::NotEq),
            Tok::Like => Ok(Op::Like),
            Tok::NotLike => Ok(Op::NotLike),
            Tok::Lt => Ok(Op::Lt),
            Tok::Gt => Ok(Op::Gt),
            Tok::LtEq => Ok(Op::LtEq),
            Tok::GtEq => Ok(Op::GtEq),
            t if keyword(&t, "in") => Ok(Op::In),
            t if keyword(&t, "is") => Ok(if self.eat_keyword("not") { Op::IsNot } else { Op::Is }),
            t if t == Tok::Not || keyword(&t, "not") => {
                if self.eat_keyword("in") {
                    Ok(Op::NotIn)
                } else {
                    Err(unexpected("'in' after 'not'", self.peek()))
                }
            }
            _ => Err(operator_expected(self.tokens.get(self.at - 1))),
        }
    }

    fn empty(&mut self) -> Result<Operand, JqlError> {
        if self.eat_keyword("empty") || self.eat_keyword("null") {
            Ok(Operand::Empty)
        } else {
            Err(unexpected("'EMPTY' or 'NULL'", self.peek()))
        }
    }

    fn list_or_function(&mut self) -> Result<Operand, JqlError> {
        if !self.eat(&Tok::LParen) {
            return match self.operand()? {
                function @ Operand::Function(..) => Ok(function),
                _ => Err(unexpected("'(' or a function", self.tokens.get(self.at.saturating_sub(1)))),
            };
        }
        let mut items = vec![self.operand()?];
        while self.eat(&Tok::Comma) {
            items.push(self.operand()?);
        }
        self.expect(&Tok::RParen, "')'")?;
        Ok(Operand::List(items))
    }

    /// A value or a function call; EMPTY is accepted here too, as Jira does for `=`.
    fn operand(&mut self) -> Result<Operand, JqlError> {
        let value = match self.peek() {
            Some(Token { tok: Tok::Str(s), .. }) => Operand::Value(s.clone()),
            Some(Token { tok: Tok::Word(w), .. }) if w.eq_ignore_ascii_case("empty") || w.eq_ignore_ascii_case("null") => {
                Operand::Empty
            }
            Some(Token { tok: Tok::Word(w), .. }) if !is_keyword(w) => Operand::Value(w.clone()),
            other => return Err(unexpected("either a value, list or function", other)),
        };
        self.at += 1;
        match value {
            Operand::Value(name) if self.eat(&Tok::LParen) => Ok(Operand::Function(name, self.arguments()?)),
            value => Ok(value),
        }
    }

    fn arguments(&mut self) -> Result<Vec<String>, JqlError> {
        let mut args = Vec::new();
        if self.eat(&Tok::RParen) {
            return Ok(args);
        }
        loop {
            match self.next() {
                Some(Token { tok: Tok::Word(a) | Tok::Str(a), .. }) => args.push(a.clone()),
                other => return Err(unexpected("a function argument", other)),
            }
            if self.eat(&Tok::RParen) {
                return Ok(args);
            }
            self.expect(&Tok::Comma, "',' or ')'")?;
        }
    }

    fn order_by(&mut self) -> Result<Vec<OrderBy>, JqlError> {
        if !self.eat_keyword("by") {
            return Err(unexpected("'by'", self.peek()));
        }
        let mut order = Vec::new();
        loop {
            let (field, pos) = self.field_name()?;
            let descending = if self.eat_keyword("desc") {
                true
            } else {
                self.eat_keyword("asc");
                false
            };
            order.push(OrderBy { field, descending, pos });
            if !self.eat(&Tok::Comma) {
                return Ok(order);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(field: &str, op: Op, operand: Operand, column: usize, operand_column: usize) -> Expr {
        let at = |column| Pos { line: 1, column };
        Expr::Clause(Clause { field: field.into(), op, operand, pos: at(column), operand_pos: at(operand_column) })
    }

    fn value(v: &str) -> Operand {
        Operand::Value(v.into())
    }

    #[test]
    fn parses_the_board_query() {
        let query = parse("filter = 10042 AND sprint = 7 ORDER BY Rank ASC").expect("parses");
        assert_eq!(
            query.filter,
            Some(Expr::And(
                Box::new(clause("filter", Op::Eq, value("10042"), 1, 10)),
                Box::new(clause("sprint", Op::Eq, value("7"), 20, 29)),
            ))
        );
        assert_eq!(query.order, [OrderBy { field: "Rank".into(), descending: false, pos: Pos { line: 1, column: 40 } }]);
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_override() {
        let flat = parse("a = 1 OR b = 2 AND c = 3").expect("parses").filter.expect("filter");
        assert!(matches!(flat, Expr::Or(_, ref right) if matches!(**right, Expr::And(..))));
        let grouped = parse("(a = 1 OR b = 2) AND NOT c = 3").expect("parses").filter.expect("filter");
        let Expr::And(left, right) = grouped else { panic!("and expected") };
        assert!(matches!(*left, Expr::Or(..)));
        assert!(matches!(*right, Expr::Not(_)));
    }

    #[test]
    fn parses_every_operand_shape() {
        let query = parse(
            "sprint in openSprints() and assignee is EMPTY and labels not in (k8s, \"on-call\") and reporter is not null and assignee = currentUser() and text ~ 'tls cert'",
        )
        .expect("parses");
        let mut clauses = Vec::new();
        let mut stack = vec![query.filter.expect("filter")];
        while let Some(expr) = stack.pop() {
            match expr {
                Expr::And(a, b) => stack.extend([*b, *a]),
                Expr::Clause(c) => clauses.push((c.op, c.operand)),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(
            clauses,
            [
                (Op::In, Operand::Function("openSprints".into(), vec![])),
                (Op::Is, Operand::Empty),
                (Op::NotIn, Operand::List(vec![value("k8s"), value("on-call")])),
                (Op::IsNot, Operand::Empty),
                (Op::Eq, Operand::Function("currentUser".into(), vec![])),
                (Op::Like, value("tls cert")),
            ]
        );
    }

    #[test]
    fn empty_and_order_only_queries_match_everything() {
        assert_eq!(parse("  ").expect("parses"), Query { filter: None, order: vec![] });
        let query = parse("order by key desc, created").expect("parses");
        assert_eq!(query.filter, None);
        assert_eq!(query.order.iter().map(|o| (o.field.as_str(), o.descending)).collect::<Vec<_>>(), [("key", true), ("created", false)]);
    }

    #[test]
    fn syntax_errors_name_the_problem_and_place() {
        let cases = [
            ("status = Done foo = 1", "Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)"),
            ("status Done", "Expecting operator but got 'Done'."),
            ("(status = Done", "Expecting ')' but reached the end of the query."),
            ("status = ", "Expecting either a value, list or function but reached the end of the query."),
            ("AND status = Done", "Expecting a field name but got 'AND'. (line 1, character 1)"),
            ("assignee is Ana", "Expecting 'EMPTY' or 'NULL' but got 'Ana'."),
            ("labels in k8s", "Expecting '(' or a function but got 'k8s'."),
            ("status = Done ORDER Rank", "Expecting 'by' but got 'Rank'."),
            ("status not = x", "Expecting 'in' after 'not' but got '='."),
        ];
        for (jql, message) in cases {
            let err = parse(jql).expect_err(jql);
            assert!(err.0.starts_with(message), "{jql}: {}", err.0);
        }
    }
}
