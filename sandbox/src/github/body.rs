//! Request bodies checked the way the REST API checks them: unparsable JSON is a 400, a
//! missing or mistyped field a 422 "Invalid request." naming it.

use crate::github::error::GhError;
use serde_json::{Map, Value};

/// Any JSON value; an empty body reads as `{}`.
pub fn value(bytes: &[u8]) -> Result<Value, GhError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(bytes).map_err(|_| unparsable())
}

/// A JSON object; anything else is as unparsable as broken JSON.
pub fn object(bytes: &[u8]) -> Result<Map<String, Value>, GhError> {
    match value(bytes)? {
        Value::Object(map) => Ok(map),
        _ => Err(unparsable()),
    }
}

fn unparsable() -> GhError {
    GhError::bad_request("Problems parsing JSON")
}

pub fn missing(field: &str) -> GhError {
    GhError::unprocessable(format!("Invalid request.\n\n\"{field}\" wasn't supplied."))
}

pub fn mistyped(field: &str, value: &Value, what: &str) -> GhError {
    GhError::unprocessable(format!(
        "Invalid request.\n\nFor 'properties/{field}', {value} is not {what}."
    ))
}

pub fn required_str<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, GhError> {
    match body.get(field) {
        None | Some(Value::Null) => Err(missing(field)),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(mistyped(field, other, "a string")),
    }
}
