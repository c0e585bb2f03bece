//! The report as JSON: flat, with dates as `YYYY-MM-DD` and times in the sprint's offset.

use super::state_name;
use crate::domain::sprint::{Load, PersonLoad, Risk, Scope, SprintReport};
use crate::domain::{Person, Sprint};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
struct Doc<'a> {
    id: u64,
    name: &'a str,
    state: &'static str,
    goal: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    days_left: Option<u32>,
    working_days: u32,
    committed_points: f64,
    completed_points: f64,
    committed_issues: usize,
    completed_issues: usize,
    added: Value,
    removed: Value,
    burndown: Vec<Value>,
    ideal: Vec<Value>,
    history_note: Option<&'a str>,
    per_person: Vec<Value>,
    idle: Vec<Value>,
    risks: Value,
    velocity: Vec<Value>,
    velocity_average: Option<f64>,
}

fn scope(s: &Scope) -> Value {
    json!({ "issues": s.issues, "points": s.points })
}

fn load(l: &Load) -> Value {
    json!({ "issues": l.issues, "points": l.points })
}

fn person(p: &Person) -> Value {
    json!({ "id": p.id, "name": p.display_name })
}

fn per_person(l: &PersonLoad) -> Value {
    json!({
        "person": l.person.as_ref().map(person),
        "in_progress": load(&l.in_progress),
        "done": load(&l.done),
        "not_started": load(&l.not_started),
        "wip": l.wip,
    })
}

fn risks(list: &[Risk]) -> Value {
    let items: Vec<Value> = list
        .iter()
        .map(|r| {
            json!({
                "key": r.key.0,
                "summary": r.summary,
                "assignee": r.assignee.as_ref().map(person),
                "days": r.days,
            })
        })
        .collect();
    Value::Array(items)
}

pub fn render(sprint: &Sprint, r: &SprintReport) -> String {
    let doc = Doc {
        id: sprint.id,
        name: &r.name,
        state: state_name(sprint.state),
        goal: r.goal.as_deref(),
        start: r.start.map(|t| t.to_rfc3339()),
        end: r.end.map(|t| t.to_rfc3339()),
        days_left: r.days_left,
        working_days: r.working_days,
        committed_points: r.committed_points,
        completed_points: r.completed_points,
        committed_issues: r.committed_issues,
        completed_issues: r.completed_issues,
        added: scope(&r.added),
        removed: scope(&r.removed),
        burndown: r
            .burndown
            .iter()
            .map(|p| {
                json!({
                    "date": p.date.to_string(),
                    "remaining": p.remaining,
                    "completed": p.completed,
                    "scope": p.scope,
                })
            })
            .collect(),
        ideal: r
            .ideal
            .iter()
            .map(|(date, left)| json!({ "date": date.to_string(), "remaining": left }))
            .collect(),
        history_note: r.history_note.as_deref(),
        per_person: r.per_person.iter().map(per_person).collect(),
        idle: r.idle.iter().map(person).collect(),
        risks: json!({
            "aging": risks(&r.risks.aging),
            "blocked": risks(&r.risks.blocked),
            "unestimated": risks(&r.risks.unestimated),
        }),
        velocity: r
            .velocity
            .iter()
            .map(|(name, points)| json!({ "sprint": name, "points": points }))
            .collect(),
        velocity_average: r.velocity_average,
    };
    // Plain strings and numbers only: serialising cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
