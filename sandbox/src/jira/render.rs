//! Wire shapes of issues, users, statuses and sprints, in the dialect a request asked for.

use super::Flavour;
use super::fields::Selection;
use super::{adf, wiki};
use crate::jira::catalog::{
    self, DEMO_BOARD, FLAGGED_FIELD, IMPEDIMENT_OPTION, POINTS_FIELD, PROJECT_ID, PROJECT_KEY,
    PROJECT_NAME, RANK_FIELD, SPRINT_FIELD, Status,
};
use crate::jira::store::{Issue, Sprint, SprintState, Store};
use crate::people::Person;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

/// How one response speaks: which user identities, which description format, which links.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub base: &'a str,
    pub flavour: Flavour,
    /// The Agile API: wiki-text descriptions, agile links and the `sprint` fields.
    pub agile: bool,
}

/// Jira's timestamp form, `2026-11-20T10:15:00.000+0000`.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string()
}

/// The Agile API's form, `2026-11-16T09:00:00.000Z`.
pub fn agile_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

impl View<'_> {
    fn api(&self) -> &'static str {
        if self.agile {
            "2"
        } else {
            self.flavour.version()
        }
    }

    pub fn user(&self, p: &Person) -> Value {
        let api = self.api();
        let base = self.base;
        let mut user = match self.flavour {
            Flavour::Cloud => json!({
                "self": format!("{base}/rest/api/{api}/user?accountId={}", p.account_id),
                "accountId": p.account_id,
                "accountType": "atlassian",
            }),
            Flavour::DataCenter => json!({
                "self": format!("{base}/rest/api/{api}/user?username={}", p.username),
                "name": p.username,
                "key": p.user_key,
            }),
        };
        let avatar = |size: u32| {
            format!(
                "{base}/secure/useravatar?size={size}&ownerId={}",
                p.user_key
            )
        };
        user["emailAddress"] = json!(p.email);
        user["avatarUrls"] = json!({ "48x48": avatar(48), "24x24": avatar(24), "16x16": avatar(16), "32x32": avatar(32) });
        user["displayName"] = json!(p.display_name);
        user["active"] = json!(true);
        user["timeZone"] = json!(p.time_zone);
        user
    }

    pub fn status(&self, s: &Status) -> Value {
        let (api, base, c) = (self.api(), self.base, s.category);
        json!({
            "self": format!("{base}/rest/api/{api}/status/{}", s.id),
            "description": s.description,
            "iconUrl": format!("{base}/images/icons/statuses/generic.png"),
            "name": s.name,
            "id": s.id,
            "statusCategory": {
                "self": format!("{base}/rest/api/{api}/statuscategory/{}", c.id()),
                "id": c.id(),
                "key": c.key(),
                "colorName": c.color(),
                "name": c.name(),
            },
        })
    }

    /// A sprint as the Agile API lists it.
    pub fn sprint(&self, s: &Sprint) -> Value {
        let mut sprint = json!({
            "id": s.id,
            "self": format!("{}/rest/agile/1.0/sprint/{}", self.base, s.id),
            "state": s.state.as_str(),
            "name": s.name,
        });
        sprint_dates(&mut sprint, s);
        sprint["originBoardId"] = json!(DEMO_BOARD);
        sprint["goal"] = json!(s.goal);
        sprint
    }

    pub fn issue(&self, store: &Store, issue: &Issue, fields: &Selection) -> Value {
        let self_url = if self.agile {
            format!("{}/rest/agile/1.0/issue/{}", self.base, issue.id)
        } else {
            format!("{}/rest/api/{}/issue/{}", self.base, self.api(), issue.id)
        };
        let mut out = Map::new();
        for &id in fields.ids() {
            out.insert(id.to_string(), self.field(store, issue, id));
        }
        json!({
            "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
            "id": issue.id.to_string(),
            "self": self_url,
            "key": issue.key,
            "fields": out,
        })
    }

    fn field(&self, store: &Store, issue: &Issue, id: &str) -> Value {
        let sprints = || issue.sprints.iter().filter_map(|id| store.sprint(*id));
        match id {
            "summary" => json!(issue.summary),
            "status" => self.status(issue.status),
            "assignee" => issue.assignee.map_or(Value::Null, |p| self.user(p)),
            "reporter" => self.user(issue.reporter),
            "labels" => json!(issue.labels),
            "description" => match &issue.description {
                None => Value::Null,
                Some(doc) if self.flavour == Flavour::Cloud && !self.agile => adf::render(doc),
                Some(doc) => json!(wiki::render(doc)),
            },
            "statuscategorychangedate" => json!(timestamp(issue.status_category_changed)),
            "created" => json!(timestamp(issue.created)),
            "updated" => json!(timestamp(issue.updated)),
            "issuetype" => json!({
                "self": format!("{}/rest/api/{}/issuetype/{}", self.base, self.api(), issue.kind.id()),
                "id": issue.kind.id(),
                "name": issue.kind.name(),
                "subtask": false,
                "hierarchyLevel": 0,
            }),
            "project" => json!({
                "self": format!("{}/rest/api/{}/project/{PROJECT_ID}", self.base, self.api()),
                "id": PROJECT_ID,
                "key": PROJECT_KEY,
                "name": PROJECT_NAME,
                "projectTypeKey": "software",
                "simplified": false,
            }),
            POINTS_FIELD => json!(issue.points),
            FLAGGED_FIELD if issue.flagged => json!([{
                "self": format!("{}/rest/api/{}/customFieldOption/{IMPEDIMENT_OPTION}", self.base, self.api()),
                "value": "Impediment",
                "id": IMPEDIMENT_OPTION,
            }]),
            RANK_FIELD => json!(issue.rank),
            SPRINT_FIELD => {
                let all: Vec<Value> = sprints().map(sprint_field).collect();
                if all.is_empty() {
                    Value::Null
                } else {
                    json!(all)
                }
            }
            "sprint" => store
                .open_sprint_of(issue)
                .map_or(Value::Null, |s| self.sprint(s)),
            "closedSprints" => json!(
                sprints()
                    .filter(|s| s.state == SprintState::Closed)
                    .map(|s| self.sprint(s))
                    .collect::<Vec<_>>()
            ),
            _ => Value::Null,
        }
    }
}

/// A sprint as the sprint custom field holds it.
fn sprint_field(s: &Sprint) -> Value {
    let mut sprint = json!({ "id": s.id, "name": s.name, "state": s.state.as_str(), "boardId": DEMO_BOARD, "goal": s.goal });
    sprint_dates(&mut sprint, s);
    sprint
}

fn sprint_dates(sprint: &mut Value, s: &Sprint) {
    let dates = [
        ("startDate", s.start),
        ("endDate", s.end),
        ("completeDate", s.complete),
    ];
    for (name, date) in dates {
        if let Some(date) = date {
            sprint[name] = json!(agile_time(date));
        }
    }
}

/// One entry of an issue's transition list. Global transitions carry the "not resolved"
/// condition, hence `isConditional`.
pub fn transition(view: &View<'_>, t: &catalog::Transition) -> Value {
    let to = catalog::status_by_id(t.to).map_or(Value::Null, |s| view.status(s));
    let global = t.from == catalog::From::Open;
    json!({
        "id": t.id,
        "name": t.name,
        "to": to,
        "hasScreen": false,
        "isGlobal": global,
        "isInitial": false,
        "isAvailable": true,
        "isConditional": global,
        "isLooped": false,
    })
}
