//! Loosely typed Jira values: story points, the sprint field, timestamps.

use chrono::{DateTime, Utc};
use serde_json::Value;

/// Story points: a number, a string holding one (some apps store text), or null.
pub fn points(value: &Value) -> Option<f64> {
    let n = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite())
}

/// The sprint a card is in, from the sprint field: the active one, else the latest listed.
/// Cloud and recent Data Center send objects; older Data Center sends strings like
/// `com.atlassian.greenhopper.service.sprint.Sprint@1f[id=7,state=ACTIVE,name=Sprint 23,...]`.
pub fn sprint_name(value: &Value) -> Option<String> {
    let entries: Vec<(String, String)> = match value {
        Value::Array(list) => list.iter().filter_map(sprint_entry).collect(),
        other => sprint_entry(other).into_iter().collect(),
    };
    let active = entries
        .iter()
        .find(|(state, _)| state.eq_ignore_ascii_case("active"));
    active
        .or(entries.last())
        .map(|(_, name)| name.clone())
        .filter(|name| !name.is_empty())
}

/// Every sprint id the sprint field lists, in its order (objects or legacy strings).
pub fn sprint_ids(value: &Value) -> Vec<u64> {
    let id = |v: &Value| -> Option<u64> {
        match v {
            Value::Object(o) => match o.get("id")? {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            },
            Value::String(s) => {
                let pairs = legacy_pairs(s)?;
                let (_, id) = pairs.iter().find(|(k, _)| k == "id")?;
                id.trim().parse().ok()
            }
            _ => None,
        }
    };
    match value {
        Value::Array(list) => list.iter().filter_map(id).collect(),
        other => id(other).into_iter().collect(),
    }
}

/// (state, name) of one sprint value.
fn sprint_entry(value: &Value) -> Option<(String, String)> {
    match value {
        Value::Object(o) => {
            let get = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            Some((get("state"), get("name")))
        }
        Value::String(s) => {
            let pairs = legacy_pairs(s)?;
            let get = |k: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| key == k)
                    .map_or(String::new(), |(_, v)| v.clone())
            };
            Some((get("state"), get("name")))
        }
        _ => None,
    }
}

/// `...[id=7,name=Sprint 23, part 2,goal=]` -> key/value pairs; a comma not followed by
/// `key=` belongs to the value before it.
fn legacy_pairs(s: &str) -> Option<Vec<(String, String)>> {
    let open = s.find('[')?;
    let body = s[open + 1..].strip_suffix(']').unwrap_or(&s[open + 1..]);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in body.split(',') {
        match part.split_once('=') {
            Some((k, v)) if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric()) => {
                pairs.push((k.to_string(), v.to_string()));
            }
            _ => {
                if let Some((_, v)) = pairs.last_mut() {
                    v.push(',');
                    v.push_str(part);
                }
            }
        }
    }
    Some(pairs)
}

/// Jira writes `2026-11-20T10:15:00.000+0000`; the Agile API writes RFC 3339.
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn points_accept_numbers_and_numeric_strings() {
        assert_eq!(points(&json!(3.0)), Some(3.0));
        assert_eq!(points(&json!(" 5 ")), Some(5.0));
        assert_eq!(points(&json!(null)), None);
        assert_eq!(points(&json!("large")), None);
        assert_eq!(points(&json!("NaN")), None);
        assert_eq!(points(&json!({"value": 1})), None);
    }

    #[test]
    fn sprint_prefers_the_active_one() {
        let cloud = json!([
            {"id": 6, "name": "Sprint 22", "state": "closed"},
            {"id": 7, "name": "Sprint 23", "state": "active"},
            {"id": 8, "name": "Sprint 24", "state": "future"}
        ]);
        assert_eq!(sprint_name(&cloud).as_deref(), Some("Sprint 23"));
        let closed_only = json!([{"name": "Sprint 21", "state": "closed"}, {"name": "Sprint 22", "state": "closed"}]);
        assert_eq!(sprint_name(&closed_only).as_deref(), Some("Sprint 22"));
        assert_eq!(sprint_name(&json!(null)), None);
        assert_eq!(sprint_name(&json!([])), None);
    }

    #[test]
    fn legacy_data_center_strings() {
        let dc = json!([
            "com.atlassian.greenhopper.service.sprint.Sprint@1a[id=6,rapidViewId=42,state=CLOSED,name=Sprint 22,startDate=2026-11-02T09:00:00.000Z]",
            "com.atlassian.greenhopper.service.sprint.Sprint@1b[id=7,rapidViewId=42,state=ACTIVE,name=Sprint 23, hardening,goal=,sequence=7]"
        ]);
        assert_eq!(sprint_name(&dc).as_deref(), Some("Sprint 23, hardening"));
        assert_eq!(sprint_ids(&dc), [6, 7]);
        assert_eq!(
            sprint_ids(&json!([{"id": 6}, {"id": "7"}, {"name": "x"}])),
            [6, 7]
        );
        assert_eq!(sprint_ids(&json!(null)), Vec::<u64>::new());
        assert_eq!(sprint_name(&json!("no brackets")), None);
    }

    #[test]
    fn both_timestamp_formats() {
        let want = Utc.with_ymd_and_hms(2026, 11, 20, 10, 15, 0).unwrap();
        assert_eq!(parse_time("2026-11-20T10:15:00.000+0000"), Some(want));
        assert_eq!(parse_time("2026-11-20T11:15:00.000+0100"), Some(want));
        assert_eq!(parse_time("2026-11-20T10:15:00Z"), Some(want));
        assert_eq!(parse_time("2026-11-20T12:15:00.000+02:00"), Some(want));
        assert_eq!(parse_time("yesterday"), None);
    }
}
