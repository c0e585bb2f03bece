//! `shipdeck print pipelines`: recent runs of every backend, newest first, as text or JSON.

use super::{Stop, pipelines, say_waiting, status_label, status_word};
use crate::cli::Format;
use crate::cli::table::{age, aligned, span, took};
use crate::domain::pipeline::{Run, RunStatus};
use crate::setup::DeployHandle;
use crate::sync::patient;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::cmp::Reverse;
use std::io::Write;
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Runs read per backend.
const RECENT: usize = 30;
/// Cells of a run's name and branch in the text table: GitHub titles are commit subjects
/// and bot branches run long, and one long row would widen every row. JSON keeps them whole.
const NAME_CELLS: usize = 48;
const BRANCH_CELLS: usize = 28;

#[derive(Serialize)]
struct Doc<'a> {
    runs: Vec<RunOut<'a>>,
}

#[derive(Serialize)]
struct RunOut<'a> {
    backend: &'a str,
    id: &'a str,
    service: Option<&'a str>,
    name: &'a str,
    branch: Option<&'a str>,
    revision: Option<&'a str>,
    status: &'static str,
    created_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
    /// Finished runs: how long they took; running ones: so far.
    duration_s: Option<i64>,
    url: Option<&'a str>,
    jobs: Vec<JobOut<'a>>,
}

#[derive(Serialize)]
struct JobOut<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
}

pub async fn print_pipelines(deploys: &[DeployHandle], format: Format) -> ExitCode {
    let backends = pipelines(deploys);
    if backends.is_empty() {
        let why = "none of the configured deploy backends serves pipeline runs";
        return Stop::Usage(why.into()).exit();
    }
    let mut runs: Vec<(&str, Run)> = Vec::new();
    let mut failed = false;
    for (name, ci) in &backends {
        match patient(say_waiting, || ci.runs(None, RECENT)).await {
            Ok(found) => runs.extend(found.into_iter().map(|run| (*name, run))),
            Err(e) => {
                eprintln!("shipdeck: {name}: {e}");
                failed = true;
            }
        }
    }
    // Newest first across backends; runs without a start time go last.
    runs.sort_by_key(|(_, run)| Reverse(run.created_at));
    let now = Utc::now();
    let text = match format {
        Format::Json => json(&runs, now) + "\n",
        Format::Plain => plain(&runs, backends.len() > 1, now),
    };
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Seconds the run took, or has taken so far while it runs.
fn duration_s(run: &Run, now: DateTime<Utc>) -> Option<i64> {
    let start = run.created_at?;
    let end = match (run.finished_at, run.status) {
        (Some(end), _) => end,
        (None, RunStatus::Running) => now,
        (None, _) => return None,
    };
    Some((end - start).num_seconds().max(0))
}

fn json(runs: &[(&str, Run)], now: DateTime<Utc>) -> String {
    let runs = runs
        .iter()
        .map(|(backend, run)| RunOut {
            backend,
            id: &run.id,
            service: run.service.as_deref(),
            name: &run.name,
            branch: run.branch.as_deref(),
            revision: run.revision.as_deref(),
            status: status_word(run.status),
            created_at: run.created_at,
            finished_at: run.finished_at,
            duration_s: duration_s(run, now),
            url: run.url.as_deref(),
            jobs: run
                .jobs
                .iter()
                .map(|job| JobOut {
                    id: &job.id,
                    name: &job.name,
                    status: status_word(job.status),
                })
                .collect(),
        })
        .collect();
    serde_json::to_string_pretty(&Doc { runs }).expect("plain data serialises")
}

fn plain(runs: &[(&str, Run)], with_backend: bool, now: DateTime<Utc>) -> String {
    let mut rows = vec![
        [
            "BACKEND", "RUN", "SERVICE", "NAME", "BRANCH", "REVISION", "STATUS", "DURATION",
            "STARTED",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let dash = || "-".to_string();
    for (backend, run) in runs {
        let duration = duration_s(run, now).map_or_else(dash, |s| match run.status {
            RunStatus::Running => format!("running {}", span(s)),
            _ => took(s),
        });
        rows.push(vec![
            backend.to_string(),
            run.id.clone(),
            run.service.clone().unwrap_or_else(dash),
            clip(&run.name, NAME_CELLS),
            run.branch
                .as_deref()
                .map_or_else(dash, |b| clip(b, BRANCH_CELLS)),
            run.revision
                .as_deref()
                .map_or_else(dash, |r| r.chars().take(7).collect()),
            status_label(run.status).to_string(),
            duration,
            run.created_at
                .map_or_else(dash, |t| format!("{} ago", age(t, now))),
        ]);
    }
    if !with_backend {
        for row in &mut rows {
            row.remove(0);
        }
    }
    aligned(&rows, "")
}

/// `s` cut to at most `max` cells, ending in "…" when anything was cut.
fn clip(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::Job;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, h, m, s).unwrap()
    }

    fn run(id: &str, status: RunStatus, finished: Option<DateTime<Utc>>) -> Run {
        Run {
            id: id.into(),
            service: Some("payments".into()),
            name: "deploy prod".into(),
            branch: Some("main".into()),
            revision: Some("9f2c1e7a4b".into()),
            status,
            created_at: Some(at(9, 0, 0)),
            finished_at: finished,
            url: None,
            jobs: vec![Job {
                id: "j-1".into(),
                name: "migrate".into(),
                status,
                steps: Vec::new(),
            }],
        }
    }

    #[test]
    fn running_runs_show_a_live_duration() {
        let now = at(9, 2, 30);
        let runs = [
            ("sandbox", run("r-2", RunStatus::Running, None)),
            ("sandbox", run("r-1", RunStatus::Failed, Some(at(9, 0, 45)))),
        ];
        let text = plain(&runs, false, now);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("RUN  "), "{text}");
        assert!(lines[1].contains("● running  running 2m  2m ago"), "{text}");
        assert!(lines[2].contains("9f2c1e7   ✖ failed   45s "), "{text}");
    }

    #[test]
    fn long_titles_and_branches_are_cut_in_text_only() {
        let mut long = run("30433642", RunStatus::Failed, Some(at(9, 0, 45)));
        long.name = format!("CI · {}", "Bump the npm_and_yarn group ".repeat(4));
        long.branch = Some("dependabot/npm_and_yarn/npm_and_yarn-4f2e1a7b3c".into());
        let runs = [("acme", long)];
        let text = plain(&runs, false, at(9, 2, 30));
        let row = text.lines().nth(1).unwrap();
        assert!(
            row.contains("CI · Bump the npm_and_yarn group Bump the npm_a… "),
            "{row}"
        );
        assert!(row.contains(" dependabot/npm_and_yarn/npm… "), "{row}");
        let doc = json(&runs, at(9, 2, 30));
        assert!(doc.contains("npm_and_yarn-4f2e1a7b3c"), "{doc}");
    }

    #[test]
    fn json_has_durations_and_jobs() {
        let now = at(9, 2, 30);
        let runs = [("ci", run("r-2", RunStatus::Running, None))];
        let doc: serde_json::Value = serde_json::from_str(&json(&runs, now)).unwrap();
        assert_eq!(doc["runs"][0]["duration_s"], 150);
        assert_eq!(doc["runs"][0]["backend"], "ci");
        assert_eq!(doc["runs"][0]["jobs"][0]["status"], "running");
        assert_eq!(doc["runs"][0]["finished_at"], serde_json::Value::Null);
    }
}
