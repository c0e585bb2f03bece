//! Runs a compiled query over the store: filter, then order.

use super::ast::Op;
use super::compile::{Compiled, Cond, Field, SortKey};
use crate::jira::catalog::{FILTER_ID, PROJECT_KEY};
use crate::jira::store::{Issue, Store};
use std::cmp::Ordering;

pub fn run<'a>(query: &Compiled, store: &'a Store) -> Vec<&'a Issue> {
    let mut hits: Vec<&Issue> = store
        .issues
        .iter()
        .filter(|issue| query.filter.as_ref().is_none_or(|c| matches(c, issue)))
        .collect();
    if query.order.is_empty() {
        // With no ORDER BY, newest issues come first.
        hits.sort_by_key(|issue| std::cmp::Reverse(issue.id));
    } else {
        hits.sort_by(|a, b| {
            query
                .order
                .iter()
                .map(|&(key, descending)| {
                    let ord = compare(key, a, b);
                    if descending { ord.reverse() } else { ord }
                })
                .find(|ord| ord.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    hits
}

fn compare(key: SortKey, a: &Issue, b: &Issue) -> Ordering {
    match key {
        SortKey::Rank => a.rank.cmp(&b.rank),
        SortKey::Key => a.id.cmp(&b.id),
        SortKey::Created => a.created.cmp(&b.created),
        SortKey::Updated => a.updated.cmp(&b.updated),
    }
}

fn matches(cond: &Cond, issue: &Issue) -> bool {
    match cond {
        Cond::And(a, b) => matches(a, issue) && matches(b, issue),
        Cond::Or(a, b) => matches(a, issue) || matches(b, issue),
        Cond::Not(a) => !matches(a, issue),
        Cond::AnyOf(field, wanted) => values(*field, issue).iter().any(|v| wanted.contains(v)),
        Cond::Empty(field) => match field {
            Field::Description => issue.description.is_none(),
            field => values(*field, issue).is_empty(),
        },
        Cond::Contains(field, words) => {
            let text = text(*field, issue).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        }
        Cond::Date(field, op, at) => {
            let t = if *field == Field::Created {
                issue.created
            } else {
                issue.updated
            };
            match op {
                Op::Lt => t < *at,
                Op::Gt => t > *at,
                Op::LtEq => t <= *at,
                Op::GtEq => t >= *at,
                _ => t == *at,
            }
        }
    }
}

/// The field's values in the form `compile` normalises operands to.
fn values(field: Field, issue: &Issue) -> Vec<String> {
    match field {
        Field::Filter => vec![FILTER_ID.to_string()],
        Field::Project => vec![PROJECT_KEY.to_string()],
        Field::Sprint => issue.sprints.iter().map(u64::to_string).collect(),
        Field::Status => vec![issue.status.id.to_string()],
        Field::Assignee => issue
            .assignee
            .map(|p| p.account_id.to_string())
            .into_iter()
            .collect(),
        Field::Reporter => vec![issue.reporter.account_id.to_string()],
        Field::Labels => issue.labels.iter().map(|l| l.to_lowercase()).collect(),
        Field::Key => vec![issue.key.clone()],
        Field::IssueType => vec![issue.kind.id().to_string()],
        Field::Text | Field::Summary | Field::Description => Vec::new(),
        Field::Created | Field::Updated => Vec::new(),
    }
}

fn text(field: Field, issue: &Issue) -> String {
    let description = || {
        issue
            .description
            .as_ref()
            .map(|d| d.plain_text())
            .unwrap_or_default()
    };
    match field {
        Field::Summary => issue.summary.clone(),
        Field::Description => description(),
        _ => format!("{}\n{}", issue.summary, description()),
    }
}
