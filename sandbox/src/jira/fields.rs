//! The issue fields the sandbox knows: what `/field` lists and what a `fields` parameter
//! can select.

use crate::jira::catalog::{FLAGGED_FIELD, POINTS_FIELD, RANK_FIELD, SPRINT_FIELD};
use serde_json::{Value, json};

pub struct FieldDef {
    pub id: &'static str,
    name: &'static str,
    /// `schema.type`, and for custom fields `schema.custom`.
    kind: &'static str,
    custom: Option<&'static str>,
    clause: &'static str,
}

pub const FIELDS: [FieldDef; 15] = [
    system("summary", "Summary", "string"),
    system("status", "Status", "status"),
    system("assignee", "Assignee", "user"),
    system("reporter", "Reporter", "user"),
    system("labels", "Labels", "array"),
    system("description", "Description", "string"),
    system(
        "statuscategorychangedate",
        "Status Category Changed",
        "datetime",
    ),
    system("created", "Created", "datetime"),
    system("updated", "Updated", "datetime"),
    system("issuetype", "Issue Type", "issuetype"),
    system("project", "Project", "project"),
    FieldDef {
        id: POINTS_FIELD,
        name: "Story point estimate",
        kind: "number",
        custom: Some("com.atlassian.jira.plugin.system.customfieldtypes:float"),
        clause: "Story point estimate",
    },
    FieldDef {
        id: RANK_FIELD,
        name: "Rank",
        kind: "any",
        custom: Some("com.pyxis.greenhopper.jira:gh-lexo-rank"),
        clause: "Rank",
    },
    FieldDef {
        id: SPRINT_FIELD,
        name: "Sprint",
        kind: "array",
        custom: Some("com.pyxis.greenhopper.jira:gh-sprint"),
        clause: "Sprint",
    },
    FieldDef {
        id: FLAGGED_FIELD,
        name: "Flagged",
        kind: "array",
        custom: Some("com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes"),
        clause: "Flagged",
    },
];

const fn system(id: &'static str, name: &'static str, kind: &'static str) -> FieldDef {
    FieldDef {
        id,
        name,
        kind,
        custom: None,
        clause: id,
    }
}

/// Fields only the Agile API adds to an issue.
pub const AGILE_FIELDS: [&str; 2] = ["sprint", "closedSprints"];

impl FieldDef {
    pub fn json(&self) -> Value {
        let mut schema = json!({ "type": self.kind });
        match self.custom {
            Some(custom) => {
                schema["custom"] = json!(custom);
                let number = self.id.trim_start_matches("customfield_");
                schema["customId"] = json!(number.parse::<u64>().ok());
                if self.id == SPRINT_FIELD {
                    schema["items"] = json!("json");
                }
                if self.id == FLAGGED_FIELD {
                    schema["items"] = json!("option");
                }
            }
            None => {
                schema["system"] = json!(self.id);
                if self.id == "labels" {
                    schema["items"] = json!("string");
                }
            }
        }
        let custom = self.custom.is_some();
        let mut clauses = vec![self.clause.to_string()];
        if let Some(number) = self.id.strip_prefix("customfield_") {
            clauses.insert(0, format!("cf[{number}]"));
        }
        json!({
            "id": self.id,
            "key": self.id,
            "name": self.name,
            "custom": custom,
            "orderable": self.id != "statuscategorychangedate",
            "navigable": true,
            "searchable": true,
            "clauseNames": clauses,
            "schema": schema,
        })
    }
}

/// The fields a response includes, in the order `FIELDS` lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection(Vec<&'static str>);

impl Selection {
    pub fn all(agile: bool) -> Self {
        let extra = if agile { &AGILE_FIELDS[..] } else { &[] };
        Selection(
            FIELDS
                .iter()
                .map(|f| f.id)
                .chain(extra.iter().copied())
                .collect(),
        )
    }

    /// Reads a `fields` list: names, `*all`, `*navigable` and `-name` exclusions; unknown
    /// names are ignored, as Jira does. Only exclusions means "everything but".
    pub fn parse(items: &[String], agile: bool) -> Self {
        let everything = Self::all(agile);
        let (excluded, included): (Vec<&String>, Vec<&String>) =
            items.iter().partition(|i| i.starts_with('-'));
        let wants_all = included.is_empty()
            || included
                .iter()
                .any(|i| i.as_str() == "*all" || i.as_str() == "*navigable");
        let keep = everything.0.into_iter().filter(|id| {
            let named = |list: &[&String], prefix: &str| {
                list.iter().any(|i| i.strip_prefix(prefix) == Some(*id))
            };
            (wants_all || named(&included, "")) && !named(&excluded, "-")
        });
        Selection(keep.collect())
    }

    pub fn ids(&self) -> &[&'static str] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(items: &[&str]) -> Vec<&'static str> {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        Selection::parse(&items, false).ids().to_vec()
    }

    #[test]
    fn selects_named_fields_in_catalog_order_and_ignores_unknown_ones() {
        assert_eq!(
            parse(&["labels", "summary", "bogus", SPRINT_FIELD]),
            ["summary", "labels", SPRINT_FIELD]
        );
    }

    #[test]
    fn all_and_exclusions() {
        assert_eq!(parse(&["*all"]).len(), FIELDS.len());
        let without = parse(&["*navigable", "-description"]);
        assert_eq!(without.len(), FIELDS.len() - 1);
        assert!(!without.contains(&"description"));
        assert_eq!(parse(&["-description"]), without);
        assert!(
            Selection::parse(&["*all".into()], true)
                .ids()
                .contains(&"closedSprints")
        );
    }

    #[test]
    fn the_sprint_field_is_recognisable() {
        let sprint = FIELDS
            .iter()
            .find(|f| f.id == SPRINT_FIELD)
            .expect("sprint field")
            .json();
        assert_eq!(
            sprint["schema"]["custom"],
            "com.pyxis.greenhopper.jira:gh-sprint"
        );
        assert_eq!(sprint["schema"]["customId"], 10020);
        assert_eq!(sprint["clauseNames"], json!(["cf[10020]", "Sprint"]));
    }
}
