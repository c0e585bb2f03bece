//! `updateProjectV2ItemFieldValue`: sets one field of one item, as a board move does with
//! the Status option id, and answers like GitHub when the ids do not fit together.

use super::FieldError;
use crate::sandbox::github::board::model::{Board, FieldKind, Stored, Value};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value as Json;

/// Where the changed item is: `(project, item)` indexes into the board.
pub type Changed = (usize, usize);

pub fn update_field_value(
    board: &mut Board,
    input: &Json,
    now: DateTime<Utc>,
) -> Result<Changed, FieldError> {
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
    let project = &mut board.projects[p];
    let field = project
        .fields
        .iter()
        .find(|f| f.node_id == field_id)
        .ok_or_else(|| missing(field_id))?;
    let i = project
        .items
        .iter()
        .position(|i| i.node_id == item_id)
        .ok_or_else(|| {
            FieldError::new(format!("The item {item_id} does not exist in the project"))
        })?;
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
