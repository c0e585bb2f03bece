//! Checks a parsed query against the demo site (fields, operators, functions, values) and
//! turns it into conditions over issues, so evaluation cannot fail.

use super::ast::{Clause, Expr, Op, Operand, OrderBy, Query};
use super::{JqlError, Pos};
use crate::jira::boards;
use crate::jira::catalog;
use crate::jira::store::{IssueType, SprintState, Store};
use crate::people::{self, MYSELF};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Filter,
    Project,
    Sprint,
    Status,
    Assignee,
    Reporter,
    Labels,
    Key,
    IssueType,
    Text,
    Summary,
    Description,
    Created,
    Updated,
}

impl Field {
    fn named(name: &str) -> Option<Field> {
        let field = match name.to_ascii_lowercase().as_str() {
            "filter" => Field::Filter,
            "project" => Field::Project,
            "sprint" => Field::Sprint,
            "status" => Field::Status,
            "assignee" => Field::Assignee,
            "reporter" => Field::Reporter,
            "labels" => Field::Labels,
            "key" | "issuekey" => Field::Key,
            "issuetype" | "type" => Field::IssueType,
            "text" => Field::Text,
            "summary" => Field::Summary,
            "description" => Field::Description,
            "created" | "createddate" => Field::Created,
            "updated" | "updateddate" => Field::Updated,
            _ => return None,
        };
        Some(field)
    }

    fn is_text(self) -> bool {
        matches!(self, Field::Text | Field::Summary | Field::Description)
    }

    fn is_date(self) -> bool {
        matches!(self, Field::Created | Field::Updated)
    }

    /// Fields an issue may leave unset, so `is EMPTY` makes sense.
    fn optional(self) -> bool {
        matches!(
            self,
            Field::Sprint | Field::Assignee | Field::Labels | Field::Description
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    /// The field holds one of these normalised values (ids, lower-case labels...).
    AnyOf(Field, Vec<String>),
    Empty(Field),
    /// Every word occurs in the field's text, ignoring case.
    Contains(Field, Vec<String>),
    /// The field's time compares to the instant as `Op` says (`<`, `>`, `<=`, `>=`, `=`).
    Date(Field, Op, DateTime<Utc>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Rank,
    Key,
    Created,
    Updated,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Compiled {
    pub filter: Option<Cond>,
    pub order: Vec<(SortKey, bool)>,
}

pub fn compile(query: &Query, store: &Store) -> Result<Compiled, JqlError> {
    let filter = query.filter.as_ref().map(|e| expr(e, store)).transpose()?;
    let order = query.order.iter().map(sort_key).collect::<Result<_, _>>()?;
    Ok(Compiled { filter, order })
}

fn no_field(name: &str, pos: Pos) -> JqlError {
    JqlError(format!(
        "Field '{name}' does not exist or you do not have permission to view it. {pos}"
    ))
}

fn sort_key(order: &OrderBy) -> Result<(SortKey, bool), JqlError> {
    let key = match order.field.to_ascii_lowercase().as_str() {
        "rank" => SortKey::Rank,
        "key" | "issuekey" => SortKey::Key,
        "created" => SortKey::Created,
        "updated" => SortKey::Updated,
        other if Field::named(other).is_some() => {
            return Err(JqlError(format!(
                "Field '{}' does not support sorting. {}",
                order.field, order.pos
            )));
        }
        _ => return Err(no_field(&order.field, order.pos)),
    };
    Ok((key, order.descending))
}

fn expr(e: &Expr, store: &Store) -> Result<Cond, JqlError> {
    Ok(match e {
        Expr::And(a, b) => Cond::And(Box::new(expr(a, store)?), Box::new(expr(b, store)?)),
        Expr::Or(a, b) => Cond::Or(Box::new(expr(a, store)?), Box::new(expr(b, store)?)),
        Expr::Not(a) => Cond::Not(Box::new(expr(a, store)?)),
        Expr::Clause(c) => clause(c, store)?,
    })
}

fn clause(c: &Clause, store: &Store) -> Result<Cond, JqlError> {
    let field = Field::named(&c.field).ok_or_else(|| no_field(&c.field, c.pos))?;
    let unsupported = || {
        JqlError(format!(
            "The operator '{}' is not supported by the '{}' field. {}",
            c.op.shown(),
            c.field,
            c.pos
        ))
    };
    let negate = |cond: Cond| -> Cond {
        // As in Jira, a negative match never selects issues where the field is empty.
        let present = Cond::Not(Box::new(Cond::Empty(field)));
        Cond::And(Box::new(Cond::Not(Box::new(cond))), Box::new(present))
    };
    match (c.op, &c.operand) {
        (Op::Lt | Op::Gt | Op::LtEq | Op::GtEq | Op::Eq, Operand::Value(v)) if field.is_date() => {
            Ok(Cond::Date(field, c.op, date(v, c)?))
        }
        (Op::Is | Op::Eq, Operand::Empty) if field.optional() => Ok(Cond::Empty(field)),
        (Op::IsNot | Op::NotEq, Operand::Empty) if field.optional() => {
            Ok(Cond::Not(Box::new(Cond::Empty(field))))
        }
        (Op::Like, Operand::Value(v)) if field.is_text() => Ok(Cond::Contains(field, words(v))),
        (Op::NotLike, Operand::Value(v)) if field.is_text() => {
            Ok(Cond::Not(Box::new(Cond::Contains(field, words(v)))))
        }
        (Op::Eq | Op::In, operand) if !field.is_text() => {
            Ok(Cond::AnyOf(field, values(field, c, operand, store)?))
        }
        (Op::NotEq | Op::NotIn, operand) if !field.is_text() => Ok(negate(Cond::AnyOf(
            field,
            values(field, c, operand, store)?,
        ))),
        _ => Err(unsupported()),
    }
}

/// Absolute JQL dates, read as UTC (the sandbox's users all have UTC profiles).
fn date(v: &str, c: &Clause) -> Result<DateTime<Utc>, JqlError> {
    let v = v.trim().replace('/', "-");
    let full = NaiveDateTime::parse_from_str(&v, "%Y-%m-%d %H:%M").ok();
    let day = || {
        NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(chrono::NaiveTime::MIN))
    };
    full.or_else(day).map(|t| t.and_utc()).ok_or_else(|| {
        JqlError(format!(
            "Date value '{v}' for field '{}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'. {}",
            c.field, c.operand_pos
        ))
    })
}

fn words(needle: &str) -> Vec<String> {
    needle.split_whitespace().map(str::to_lowercase).collect()
}

/// Resolves the operand to the normalised values `eval` compares against.
fn values(
    field: Field,
    c: &Clause,
    operand: &Operand,
    store: &Store,
) -> Result<Vec<String>, JqlError> {
    match operand {
        Operand::List(items) => {
            let mut all = Vec::new();
            for item in items {
                all.extend(values(field, c, item, store)?);
            }
            Ok(all)
        }
        Operand::Function(name, args) => function(field, c, name, args, store),
        Operand::Value(v) => value(field, v, store).map(|v| vec![v]).ok_or_else(|| {
            JqlError(format!(
                "The value '{v}' does not exist for the field '{}'. {}",
                c.field, c.operand_pos
            ))
        }),
        Operand::Empty => Err(JqlError(format!(
            "The field '{}' cannot be empty. {}",
            c.field, c.operand_pos
        ))),
    }
}

fn value(field: Field, v: &str, store: &Store) -> Option<String> {
    let same = |a: &str| a.eq_ignore_ascii_case(v);
    match field {
        Field::Filter => boards::by_filter(v).map(|b| b.filter_id().to_string()),
        Field::Project => boards::project_named(v).map(|p| p.key.to_string()),
        Field::Sprint => store
            .sprints
            .iter()
            .find(|s| same(&s.id.to_string()) || same(&s.name))
            .map(|s| s.id.to_string()),
        Field::Status => catalog::status_by_name(v)
            .or_else(|| catalog::status_by_id(v))
            .map(|s| s.id.to_string()),
        Field::Assignee | Field::Reporter => people::lookup(v).map(|p| p.account_id.to_string()),
        Field::Labels => Some(v.to_lowercase()),
        Field::Key => store.issue(v).map(|i| i.key.clone()),
        Field::IssueType => IssueType::parse(v).map(|t| t.id().to_string()),
        Field::Text | Field::Summary | Field::Description => None,
        Field::Created | Field::Updated => None,
    }
}

fn function(
    field: Field,
    c: &Clause,
    name: &str,
    args: &[String],
    store: &Store,
) -> Result<Vec<String>, JqlError> {
    let pos = c.operand_pos;
    let lower = name.to_ascii_lowercase();
    let sprint_state = match lower.as_str() {
        "opensprints" => Some(&[SprintState::Active, SprintState::Future][..]),
        "closedsprints" => Some(&[SprintState::Closed][..]),
        "futuresprints" => Some(&[SprintState::Future][..]),
        "currentuser" => None,
        _ => {
            return Err(JqlError(format!(
                "Unable to find JQL function '{name}()'. {pos}"
            )));
        }
    };
    if !args.is_empty() {
        return Err(JqlError(format!(
            "Function '{name}' expected no arguments but received {}. {pos}",
            args.len()
        )));
    }
    match (sprint_state, field) {
        (Some(states), Field::Sprint) => {
            if matches!(c.op, Op::Eq | Op::NotEq) {
                return Err(JqlError(format!(
                    "The operator '{}' is not supported by the '{name}' function. {pos}",
                    c.op.shown()
                )));
            }
            let ids = store.sprints.iter().filter(|s| states.contains(&s.state));
            Ok(ids.map(|s| s.id.to_string()).collect())
        }
        (None, Field::Assignee | Field::Reporter) => Ok(vec![MYSELF.account_id.to_string()]),
        _ => Err(JqlError(format!(
            "The function '{name}' does not apply to the field '{}'. {pos}",
            c.field
        ))),
    }
}
