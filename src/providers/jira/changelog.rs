//! Changelog wire shapes and their reading as domain `ChangeEvent`s. Cloud and Data Center
//! both send `histories[]{created, author, items[]}`; Cloud names a field by `fieldId`, Data
//! Center (before 9.x) only by `field`, its display name, so both are matched.

use super::dto::{FieldDto, UserDto};
use super::map::person;
use super::values;
use crate::domain::sprint::{Change, ChangeEvent};
use crate::domain::text::sanitize;
use crate::domain::{Person, StatusId};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `issue.changelog` with `expand=changelog`: possibly only the first `maxResults` entries.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangelogDto {
    #[serde(default)]
    pub histories: Vec<HistoryDto>,
    pub total: Option<u64>,
}

impl ChangelogDto {
    /// True when the server says there is more than it sent.
    pub fn is_truncated(&self) -> bool {
        self.total
            .is_some_and(|total| total > self.histories.len() as u64)
    }
}

/// Cloud `GET /rest/api/3/issue/{key}/changelog`: a page of the whole history, oldest first.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangelogPageDto {
    #[serde(default)]
    pub values: Vec<HistoryDto>,
    pub is_last: Option<bool>,
    pub total: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub struct HistoryDto {
    pub author: Option<UserDto>,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub items: Vec<ItemDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemDto {
    #[serde(default)]
    pub field: String,
    pub field_id: Option<String>,
    #[serde(default, deserialize_with = "loose_text")]
    pub from: Option<String>,
    #[serde(default, deserialize_with = "loose_text")]
    pub from_string: Option<String>,
    #[serde(default, deserialize_with = "loose_text")]
    pub to: Option<String>,
    #[serde(default, deserialize_with = "loose_text")]
    pub to_string: Option<String>,
}

/// Strings, numbers or null: changelog values are strings, but servers and apps differ.
fn loose_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// A custom field as changelog items may name it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldRef {
    pub id: String,
    pub name: String,
}

/// Which changelog fields mean points, sprint and flagged on this site.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryFields {
    pub points: Option<FieldRef>,
    pub sprint: Option<FieldRef>,
    pub flagged: Option<FieldRef>,
}

impl HistoryFields {
    /// Points and sprint by the ids the board uses; Flagged by its name, as Jira creates it.
    pub fn new(points: Option<&str>, sprint: Option<&str>, all: &[FieldDto]) -> Self {
        let by_id = |id: Option<&str>| {
            let id = id?;
            let name = all
                .iter()
                .find(|f| f.id == id)
                .map_or("", |f| f.name.as_str());
            Some(FieldRef {
                id: id.to_string(),
                name: name.to_string(),
            })
        };
        let flagged = all
            .iter()
            .find(|f| {
                f.schema.as_ref().is_some_and(|s| s.custom.is_some())
                    && f.name.eq_ignore_ascii_case("Flagged")
            })
            .map(|f| FieldRef {
                id: f.id.clone(),
                name: f.name.clone(),
            });
        Self {
            points: by_id(points),
            sprint: by_id(sprint),
            flagged,
        }
    }
}

fn names(item: &ItemDto, id: &str, name: &str) -> bool {
    match item.field_id.as_deref() {
        Some(field_id) => field_id == id,
        None => item.field.eq_ignore_ascii_case(name),
    }
}

fn names_ref(item: &ItemDto, field: Option<&FieldRef>, fallback: &str) -> bool {
    match field {
        Some(f) => names(item, &f.id, &f.name),
        None => item.field.eq_ignore_ascii_case(fallback),
    }
}

/// Jira writes `2026-11-20T10:15:00.000+0000`; some proxies RFC 3339.
pub fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z")
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
}

/// The events the sprint figures need, oldest first, and whether every entry could be read
/// (an unreadable timestamp makes the history incomplete rather than failing the sprint).
pub fn events(histories: &[HistoryDto], fields: &HistoryFields) -> (Vec<ChangeEvent>, bool) {
    let mut out = Vec::new();
    let mut readable = true;
    for history in histories {
        let Some(at) = parse_time(&history.created) else {
            readable = false;
            continue;
        };
        let author = history.author.as_ref().map(|u| person(u.clone()));
        for item in &history.items {
            if let Some(change) = change(item, fields) {
                out.push(ChangeEvent {
                    at,
                    author: author.clone(),
                    change,
                });
            }
        }
    }
    // Stable: items of one history keep their order.
    out.sort_by_key(|e| e.at);
    (out, readable)
}

fn change(item: &ItemDto, fields: &HistoryFields) -> Option<Change> {
    let text = |v: &Option<String>| v.as_deref().map(|s| sanitize(s, false));
    if names(item, "status", "status") {
        return Some(Change::Status {
            from: StatusId(text(&item.from)?),
            to: StatusId(text(&item.to)?),
        });
    }
    if names(item, "assignee", "assignee") {
        let who = |id: &Option<String>, name: &Option<String>| {
            let id = text(id).filter(|s| !s.is_empty())?;
            let display_name = text(name).filter(|s| !s.is_empty()).unwrap_or(id.clone());
            Some(Person { id, display_name })
        };
        return Some(Change::Assignee {
            from: who(&item.from, &item.from_string),
            to: who(&item.to, &item.to_string),
        });
    }
    if names_ref(item, fields.points.as_ref(), "Story Points") {
        // Number fields carry the value in the strings; `from`/`to` are null.
        let points = |s: &Option<String>, raw: &Option<String>| {
            s.as_ref()
                .or(raw.as_ref())
                .and_then(|v| values::points(&Value::String(v.clone())))
        };
        return Some(Change::Points {
            from: points(&item.from_string, &item.from),
            to: points(&item.to_string, &item.to),
        });
    }
    if names_ref(item, fields.sprint.as_ref(), "Sprint") {
        return Some(Change::Sprint {
            from: sprint_ids(item.from.as_deref()),
            to: sprint_ids(item.to.as_deref()),
        });
    }
    if names_ref(item, fields.flagged.as_ref(), "Flagged") {
        let set = item
            .to_string
            .as_deref()
            .or(item.to.as_deref())
            .is_some_and(|s| !s.trim().is_empty());
        return Some(Change::Flagged(set));
    }
    None
}

/// `"6, 7"` -> `[6, 7]`; what is not a number is skipped.
fn sprint_ids(list: Option<&str>) -> Vec<u64> {
    list.unwrap_or("")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

#[cfg(test)]
mod tests;
