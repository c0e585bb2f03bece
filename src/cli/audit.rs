//! `shipdeck audit`: the merged audit records as an aligned table or JSON.

use crate::audit::{AuditLog, AuditRecord, Damage};
use crate::cli::Format;
use crate::cli::table::aligned;
use crate::domain::text::sanitize;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct Doc<'a> {
    records: Vec<RecordOut<'a>>,
    /// Lines that are not records (a torn write, a hand edit), read past.
    damaged: Vec<DamageOut>,
}

#[derive(Serialize)]
struct DamageOut {
    line: usize,
    problem: String,
}

#[derive(Serialize)]
struct RecordOut<'a> {
    time: DateTime<Utc>,
    user: &'a str,
    backend_user: Option<&'a str>,
    backend: &'a str,
    service: &'a str,
    action: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    revision: Option<&'a str>,
    idempotency_key: &'a str,
    /// The latest outcome; null when none was recorded (a crash, or still running).
    result: Option<&'a str>,
    deployment_id: Option<&'a str>,
    outcomes: Vec<OutcomeOut<'a>>,
}

#[derive(Serialize)]
struct OutcomeOut<'a> {
    time: DateTime<Utc>,
    result: &'a str,
    deployment_id: Option<&'a str>,
    message: Option<&'a str>,
}

pub fn print_audit(
    log: Option<&AuditLog>,
    since: Option<DateTime<Utc>>,
    format: Format,
) -> ExitCode {
    let Some(log) = log else {
        eprintln!("shipdeck: no directory for the audit log (set $XDG_STATE_HOME or $HOME)");
        return ExitCode::from(1);
    };
    let read = match log.read(since) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("shipdeck: {e}");
            return ExitCode::from(1);
        }
    };
    // Said on stderr so the table or JSON on stdout stays whole; everything else is shown.
    for damage in &read.damaged {
        let text = format!("{}, {damage}; skipped", log.path().display());
        eprintln!("shipdeck: {}", sanitize(&text, false));
    }
    let records = &read.records;
    let text = match format {
        Format::Json => json(records, &read.damaged) + "\n",
        Format::Plain if records.is_empty() => {
            format!(
                "no promotes, rollbacks, cancels, reviews or run controls recorded in {}\n",
                log.path().display()
            )
        }
        Format::Plain => plain(records),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn json(records: &[AuditRecord], damaged: &[Damage]) -> String {
    let records = records
        .iter()
        .map(|r| {
            let e = &r.entry;
            RecordOut {
                time: e.time,
                user: &e.user,
                backend_user: e.backend_user.as_deref(),
                backend: &e.backend,
                service: &e.service,
                action: e.action.as_str(),
                from: e.from.as_deref(),
                to: e.to.as_deref(),
                revision: e.revision.as_deref(),
                idempotency_key: &e.idempotency_key.0,
                result: r.result().map(|x| x.as_str()),
                deployment_id: r.deployment_id().map(|id| id.0.as_str()),
                outcomes: r
                    .outcomes
                    .iter()
                    .map(|o| OutcomeOut {
                        time: o.time,
                        result: o.result.as_str(),
                        deployment_id: o.deployment_id.as_ref().map(|id| id.0.as_str()),
                        message: o.message.as_deref(),
                    })
                    .collect(),
            }
        })
        .collect();
    let damaged = damaged
        .iter()
        .map(|d| DamageOut {
            line: d.line,
            problem: d.problem.clone(),
        })
        .collect();
    let doc = Doc { records, damaged };
    serde_json::to_string_pretty(&doc).expect("plain data serialises")
}

const HEADER: [&str; 10] = [
    "TIME",
    "USER",
    "BACKEND",
    "SERVICE",
    "ACTION",
    "FROM -> TO",
    "REVISION",
    "RESULT",
    "DEPLOYMENT",
    "MESSAGE",
];

fn plain(records: &[AuditRecord]) -> String {
    let mut rows = vec![HEADER.map(String::from)];
    for r in records {
        let e = &r.entry;
        let dash = || "-".to_string();
        let path = match (&e.from, &e.to) {
            (Some(from), Some(to)) => format!("{from} -> {to}"),
            (None, Some(env)) | (Some(env), None) => env.clone(),
            (None, None) => dash(),
        };
        let row = [
            e.time.to_rfc3339_opts(SecondsFormat::Secs, true),
            e.user.clone(),
            e.backend.clone(),
            e.service.clone(),
            e.action.to_string(),
            path,
            e.revision
                .as_ref()
                .map_or_else(dash, |r| r.chars().take(7).collect()),
            r.result().map_or("started".into(), |x| x.to_string()),
            r.deployment_id().map_or_else(dash, |id| id.0.clone()),
            r.message().unwrap_or_default().to_string(),
        ];
        // The file is outside data: whatever was written to it must not drive the terminal.
        rows.push(row.map(|cell| sanitize(&cell, false)));
    }
    aligned(&rows, "  ")
}
