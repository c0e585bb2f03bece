//! `shipdeck print sprint`: the sprint's figures for scripts, as JSON or a readable summary
//! with an ASCII burndown.

mod json;
mod plain;

use crate::cli::{Format, say_waiting};
use crate::domain::sprint::{SprintData, SprintRules, report};
use crate::domain::{Sprint, SprintState};
use crate::providers::{IssueTracker, ProviderError};
use crate::sync::patient;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::process::ExitCode;

/// Prints the figures of sprint `id`, or of the board's active sprint; `now` decides "today"
/// (in the sprint's own offset). Exit 1 when the tracker fails or has no such sprint.
pub async fn print_sprint(
    tracker: &dyn IssueTracker,
    format: Format,
    id: Option<u64>,
    rules: &SprintRules,
    now: DateTime<Utc>,
) -> ExitCode {
    match load(tracker, id).await {
        Ok(data) => {
            let figures = report(&data, data.today(now), rules);
            let text = match format {
                Format::Json => json::render(&data.sprint, &figures) + "\n",
                Format::Plain => plain::render(&data.sprint, &figures),
            };
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("shipdeck: {message}");
            ExitCode::from(1)
        }
    }
}

async fn load(tracker: &dyn IssueTracker, id: Option<u64>) -> Result<SprintData, String> {
    let id = match id {
        Some(id) => id,
        None => {
            let sprints = patient(say_waiting, || tracker.sprints())
                .await
                .map_err(|e| e.to_string())?;
            pick(&sprints)?
        }
    };
    patient(say_waiting, || tracker.sprint_data(id))
        .await
        .map_err(|e: ProviderError| e.to_string())
}

/// The active sprint, else says which sprints there are.
fn pick(sprints: &[Sprint]) -> Result<u64, String> {
    if let Some(active) = sprints.iter().find(|s| s.state == SprintState::Active) {
        return Ok(active.id);
    }
    if sprints.is_empty() {
        return Err("the board has no sprints (a kanban board has none)".to_string());
    }
    let listed: Vec<String> = sprints
        .iter()
        .map(|s| format!("{} {}", s.id, s.name))
        .collect();
    Err(format!(
        "no sprint is active; pass --sprint ID (sprints: {})",
        listed.join(", ")
    ))
}

/// "active", "future", "closed".
fn state_name(state: SprintState) -> &'static str {
    match state {
        SprintState::Active => "active",
        SprintState::Future => "future",
        SprintState::Closed => "closed",
    }
}

/// Whole numbers without ".0": points are mostly integers.
fn points(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}
