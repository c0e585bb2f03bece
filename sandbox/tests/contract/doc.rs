//! docs/deploy-protocol.md's labelled examples, and what it means for an answer to have an
//! example's shape.

use serde_json::Value;
use std::collections::BTreeSet;

const DOC: &str = include_str!("../../../docs/deploy-protocol.md");

/// The fenced blocks as (info string, text): `json response GET /v1/services`, ...
pub fn blocks() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in DOC.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The JSON example labelled `label`.
pub fn example(label: &str) -> Value {
    let (_, text) = blocks()
        .into_iter()
        .find(|(info, _)| info == label)
        .unwrap_or_else(|| panic!("the document has no example {label:?}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// `real` has the shape of `shown`: the same keys, values of the same kind, all the way down.
/// A null on either side matches anything (the field is optional); an empty list in the
/// example says nothing of its items.
pub fn same_shape(at: &str, shown: &Value, real: &Value) -> Result<(), String> {
    match (shown, real) {
        (Value::Null, _) | (_, Value::Null) => Ok(()),
        (Value::Object(shown), Value::Object(real)) => {
            let keys = |o: &serde_json::Map<String, Value>| -> BTreeSet<String> {
                o.keys().cloned().collect()
            };
            if keys(shown) != keys(real) {
                return Err(format!(
                    "{at}: the document shows {:?}, the sandbox sends {:?}",
                    keys(shown),
                    keys(real)
                ));
            }
            shown
                .iter()
                .try_for_each(|(key, value)| same_shape(&format!("{at}.{key}"), value, &real[key]))
        }
        (Value::Array(shown), Value::Array(real)) => match shown.first() {
            None => Ok(()),
            Some(item) => real
                .iter()
                .enumerate()
                .try_for_each(|(i, value)| same_shape(&format!("{at}[{i}]"), item, value)),
        },
        (shown, real) if kind(shown) == kind(real) => Ok(()),
        (shown, real) => Err(format!(
            "{at}: the document shows a {}, the sandbox sends a {}: {real}",
            kind(shown),
            kind(real)
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// The fields each event of a `text/event-stream` uses, by event name.
pub fn sse_fields(stream: &str) -> BTreeSet<(String, BTreeSet<String>)> {
    stream
        .split("\n\n")
        .filter(|event| !event.trim().is_empty())
        .map(|event| {
            let fields: BTreeSet<String> = event
                .lines()
                .filter(|line| !line.starts_with(':'))
                .map(|line| line.split(':').next().unwrap_or(line).to_string())
                .collect();
            let name = event
                .lines()
                .find_map(|line| line.strip_prefix("event:"))
                .map_or("message", str::trim)
                .to_string();
            (name, fields)
        })
        .collect()
}

#[test]
fn shapes_compare_keys_and_kinds_all_the_way_down() {
    let shown = serde_json::json!({"a": 1, "b": [{"c": "x"}], "d": null});
    let same = serde_json::json!({"a": 2, "b": [{"c": "y"}, {"c": "z"}], "d": {"e": 1}});
    assert_eq!(same_shape("$", &shown, &same), Ok(()));
    let renamed = serde_json::json!({"a": 2, "b": [{"cc": "y"}], "d": null});
    assert!(
        same_shape("$", &shown, &renamed)
            .unwrap_err()
            .starts_with("$.b[0]")
    );
    let retyped = serde_json::json!({"a": "2", "b": [], "d": null});
    assert!(
        same_shape("$", &shown, &retyped)
            .unwrap_err()
            .starts_with("$.a")
    );
    let extra = serde_json::json!({"a": 2, "b": [], "d": null, "f": true});
    assert!(same_shape("$", &shown, &extra).is_err());
}
