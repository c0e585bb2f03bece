//! JQL syntax: clauses joined by AND/OR/NOT with parentheses, then an optional ORDER BY.
//! Precedence is NOT, then AND, then OR, as in Jira.

use super::ast::{Clause, Expr, Op, Operand, OrderBy, Query};
use super::lexer::{Tok, Token, tokenize};
use super::{JqlError, Pos};

pub fn parse(src: &str) -> Result<Query, JqlError> {
    let mut parser = Parser {
        tokens: tokenize(src)?,
        at: 0,
    };
    let filter = if parser.at_end() || parser.at_keyword("order") {
        None
    } else {
        Some(parser.or_expr()?)
    };
    let order = if parser.eat_keyword("order") {
        parser.order_by()?
    } else {
        Vec::new()
    };
    match parser.next() {
        None => Ok(Query { filter, order }),
        Some(token) => Err(unexpected("either 'OR' or 'AND'", Some(token))),
    }
}

fn operator_expected(got: Option<&Token>) -> JqlError {
    const VALID: &str =
        "'=', '!=', '~', '!~', '<', '>', '<=', '>=', 'in', 'not in', 'is' and 'is not'";
    match got {
        Some(token) => JqlError(format!(
            "Expecting operator but got '{}'. Valid operators are {VALID}. {}",
            token.tok.shown(),
            token.pos
        )),
        None => JqlError(format!(
            "Expecting operator but reached the end of the query. Valid operators are {VALID}."
        )),
    }
}

fn unexpected(wanted: &str, got: Option<&Token>) -> JqlError {
    match got {
        Some(token) => JqlError(format!(
            "Expecting {wanted} but got '{}'. {}",
            token.tok.shown(),
            token.pos
        )),
        None => JqlError(format!(
            "Expecting {wanted} but reached the end of the query."
        )),
    }
}

fn is_keyword(word: &str) -> bool {
    [
        "and", "or", "not", "in", "is", "empty", "null", "order", "by", "asc", "desc",
    ]
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
        if self.eat(tok) {
            Ok(())
        } else {
            Err(unexpected(wanted, self.peek()))
        }
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
        Ok(Clause {
            field,
            op,
            operand,
            pos,
            operand_pos,
        })
    }

    fn field_name(&mut self) -> Result<(String, Pos), JqlError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Word(w),
                pos,
            }) if !is_keyword(w) => {
                let found = (w.clone(), *pos);
                self.at += 1;
                Ok(found)
            }
            Some(Token {
                tok: Tok::Str(s),
                pos,
            }) => {
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
            t if keyword(&t, "is") => Ok(if self.eat_keyword("not") {
                Op::IsNot
            } else {
                Op::Is
            }),
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
                _ => Err(unexpected(
                    "'(' or a function",
                    self.tokens.get(self.at.saturating_sub(1)),
                )),
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
            Some(Token {
                tok: Tok::Str(s), ..
            }) => Operand::Value(s.clone()),
            Some(Token {
                tok: Tok::Word(w), ..
            }) if w.eq_ignore_ascii_case("empty") || w.eq_ignore_ascii_case("null") => {
                Operand::Empty
            }
            Some(Token {
                tok: Tok::Word(w), ..
            }) if !is_keyword(w) => Operand::Value(w.clone()),
            other => return Err(unexpected("either a value, list or function", other)),
        };
        self.at += 1;
        match value {
            Operand::Value(name) if self.eat(&Tok::LParen) => {
                Ok(Operand::Function(name, self.arguments()?))
            }
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
                Some(Token {
                    tok: Tok::Word(a) | Tok::Str(a),
                    ..
                }) => args.push(a.clone()),
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
            order.push(OrderBy {
                field,
                descending,
                pos,
            });
            if !self.eat(&Tok::Comma) {
                return Ok(order);
            }
        }
    }
}

#[cfg(test)]
mod tests;
