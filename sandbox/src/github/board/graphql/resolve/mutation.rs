//! The field mutations a board move uses: `updateProjectV2ItemFieldValue` sets one field of
//! one item (the Status option id), `clearProjectV2ItemFieldValue` empties it ("No status").
//! Both answer like GitHub when the ids do not fit together.

use super::FieldError;
use crate::github::board::model::{Board, Content, FieldKind, Stored, Value};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value as Json;

/// Where the changed item is: `(project, item)` indexes into the board.
pub type Changed = (usize, usize);

/// What a mutation field did: the changed item and the name of its payload type.
pub struct Applied {
    pub changed: Changed,
    pub payload: &'static str,
}

/// Runs the mutation field `name` with its `input` argument.
pub fn apply(
    name: &str,
    board: &mut Board,
    input: &Json,
    now: DateTime<Utc>,
) -> Result<Applied, FieldError> {
    let (changed, payload) = match name {
        "updateProjectV2ItemFieldValue" => (
            update_field_value(board, input, now)?,
            "UpdateProjectV2ItemFieldValuePayload",
        ),
        "clearProjectV2ItemFieldValue" => (
            clear_field_value(board, input, now)?,
            "ClearProjectV2ItemFieldValuePayload",
        ),
        other => {
            return Err(FieldError::new(format!(
                "The sandbox does not serve Mutation.{other}"
            )));
        }
    };
    Ok(Applied { changed, payload })
}

/// The project, field and item the input names, as indexes, or GitHub's error for the first
/// id that does not resolve.
fn locate(board: &Board, input: &Json) -> Result<(usize, usize, usize), FieldError> {
    let id = |name: &str| input.get(name).and_then(Json::as_str).unwrap_or_default();
    let missing = |id: &str| {
        FieldError::not_found(format!(
            "Could not resolve to a node with the global id of '{id}'"
        ))
    };
    let (project_id, item_id, field_id) = (id("projectId"), id("itemId"), id("fieldId"));
    let p = board
        .projects
        .iter()
        .position(|p| p.node_id == project_id)
        .ok_or_else(|| missing(project_id))?;
    let project = &board.projects[p];
    let f = project
        .fields
        .iter()
        .position(|f| f.node_id == field_id)
        .ok_or_else(|| missing(field_id))?;
    let i = project
        .items
        .iter()
        .position(|i| i.node_id == item_id)
        .ok_or_else(|| {
            FieldError::new(format!("The item {item_id} does not exist in the project"))
        })?;
    Ok((p, f, i))
}

fn update_field_value(
    board: &mut Board,
    input: &Json,
    now: DateTime<Utc>,
) -> Result<Changed, FieldError> {
    let (p, f, i) = locate(board, input)?;
    let project = &mut board.projects[p];
    let field = &project.fields[f];
    let given = input.get("value").cloned().unwrap_or(Json::Null);
    let value = value_for(&field.kind, &given)?;
    let field_id = field.node_id.clone();
    let item = &mut project.items[i];
    match item.values.iter_mut().find(|v| v.field == field_id) {
        Some(stored) => {
            stored.value = value;
            stored.updated_at = now;
        }
        None => item.values.push(Stored {
            field: field_id,
            value,
            created_at: now,
            updated_at: now,
        }),
    }
    item.updated_at = now;
    project.updated_at = now;
    Ok((p, i))
}

/// Empties the item's value of the field. The built-in Assignees and Labels fields show the
/// content's own, so clearing them unassigns and unlabels the issue or draft, as on GitHub.
fn clear_field_value(
    board: &mut Board,
    input: &Json,
    now: DateTime<Utc>,
) -> Result<Changed, FieldError> {
    let (p, f, i) = locate(board, input)?;
    let Board {
        projects, issues, ..
    } = board;
    let project = &mut projects[p];
    let field = &project.fields[f];
    let item = &mut project.items[i];
    let issue = match &item.content {
        Content::Issue(index) => issues.get_mut(*index),
        Content::Draft(_) => None,
    };
    match &field.kind {
        FieldKind::SingleSelect(_)
        | FieldKind::Iteration(_)
        | FieldKind::Number
        | FieldKind::Text
        | FieldKind::Date => item.values.retain(|v| v.field != field.node_id),
        FieldKind::Assignees => match (&mut item.content, issue) {
            (Content::Draft(draft), _) => {
                draft.assignees.clear();
                draft.updated_at = now;
            }
            (Content::Issue(_), Some(issue)) => {
                issue.assignees.clear();
                issue.updated_at = now;
            }
            (Content::Issue(_), None) => {}
        },
        FieldKind::Labels => {
            // Drafts carry no labels.
            if let Some(issue) = issue {
                issue.labels.clear();
                issue.updated_at = now;
            }
        }
        // The sandbox's issues carry no milestone, so there is none to clear.
        FieldKind::Milestone => {}
        other => {
            return Err(FieldError::new(format!(
                "The field of type {} cannot be cleared with clearProjectV2ItemFieldValue",
                other.data_type().to_lowercase()
            )));
        }
    }
    item.updated_at = now;
    project.updated_at = now;
    Ok((p, i))
}

/// The value the input gives for a field of this kind, checked against the field.
fn value_for(kind: &FieldKind, given: &Json) -> Result<Value, FieldError> {
    let text = |key: &str| given.get(key).and_then(Json::as_str);
    let expected = |what: &str, data_type: &str| {
        FieldError::new(format!(
            "Did not receive {what} to update a field of type {data_type}"
        ))
    };
    match kind {
        FieldKind::SingleSelect(options) => {
            let id = text("singleSelectOptionId")
                .ok_or_else(|| expected("a single select option Id", "single_select"))?;
            if !options.iter().any(|o| o.id == id) {
                return Err(FieldError::new(
                    "The single select option Id does not belong to the field",
                ));
            }
            Ok(Value::Option(id.into()))
        }
        FieldKind::Iteration(its) => {
            let id = text("iterationId").ok_or_else(|| expected("an iteration Id", "iteration"))?;
            if !its.all.iter().any(|i| i.id == id) {
                return Err(FieldError::new(
                    "The iteration Id does not belong to the field",
                ));
            }
            Ok(Value::Iteration(id.into()))
        }
        FieldKind::Number => given
            .get("number")
            .and_then(Json::as_f64)
            .map(Value::Number)
            .ok_or_else(|| expected("a number value", "number")),
        FieldKind::Text => text("text")
            .map(|t| Value::Text(t.into()))
            .ok_or_else(|| expected("a text value", "text")),
        FieldKind::Date => {
            let day = text("date").ok_or_else(|| expected("a date value", "date"))?;
            // Dates come as ISO 8601; a full timestamp counts by its day.
            let day = day.get(..10).unwrap_or(day);
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map(Value::Date)
                .map_err(|_| FieldError::new(format!("{day:?} is not a valid date")))
        }
        other => Err(FieldError::new(format!(
            "The field of type {} cannot be updated with updateProjectV2ItemFieldValue",
            other.data_type().to_lowercase()
        ))),
    }
}
