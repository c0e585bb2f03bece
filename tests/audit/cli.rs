//! `shipdeck audit` over a log with a damaged line: everything else is shown, and where the
//! damage is is said on stderr and in the JSON.

use crate::isolated::Isolated;
use crate::{at, entry, outcome};
use serde_json::Value;
use shipdeck::audit::{AuditLog, AuditResult};
use std::process::Output;

/// A log whose second line is torn, with a record on each side of it.
fn world_with_a_torn_line() -> Isolated {
    let world = Isolated::new();
    let path = world.root().join("state/shipdeck/audit.jsonl");
    let log = AuditLog::at(path.clone());
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    log.started(&first).unwrap();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"event\":\"started\",\"time\":\"2025-03-10T10:3");
    std::fs::write(&path, text).unwrap();
    let second = entry(at("2025-03-10T11:00:00Z"), "ledger");
    log.started(&second).unwrap();
    let done = outcome(
        at("2025-03-10T11:00:30Z"),
        AuditResult::Succeeded,
        Some("d-8"),
    );
    log.outcome(&second.idempotency_key, &done).unwrap();
    world
}

fn run(world: &Isolated, args: &[&str]) -> (Output, String, String) {
    let out = world.command(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

#[test]
fn audit_reads_past_a_torn_line_and_says_where_it_is() {
    let world = world_with_a_torn_line();
    let (out, stdout, stderr) = run(&world, &["audit"]);
    assert!(out.status.success(), "{stderr}");
    let rows: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    assert!(
        rows[0].contains("payments") && rows[0].contains("started"),
        "{stdout}"
    );
    assert!(
        rows[1].contains("ledger") && rows[1].contains("succeeded"),
        "{stdout}"
    );
    assert!(
        stderr.contains("audit.jsonl, line 2: not an audit record"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped"), "{stderr}");
}

#[test]
fn audit_json_lists_the_damaged_lines() {
    let world = world_with_a_torn_line();
    let (out, stdout, stderr) = run(&world, &["audit", "--format", "json"]);
    assert!(out.status.success(), "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    let services: Vec<&str> = doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service"].as_str().unwrap())
        .collect();
    assert_eq!(services, ["payments", "ledger"]);
    let damaged = doc["damaged"].as_array().unwrap();
    assert_eq!(damaged.len(), 1, "{doc}");
    assert_eq!(damaged[0]["line"], 2);
    assert!(
        damaged[0]["problem"]
            .as_str()
            .unwrap()
            .starts_with("not an audit record"),
        "{doc}"
    );
}
