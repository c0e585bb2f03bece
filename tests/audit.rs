//! The audit log on disk: whole JSON lines, merged by idempotency key, never a token; whole
//! records or none on a full disk, torn lines read past (`torn`, `bytes`, `cli`).

#[path = "support/isolated.rs"]
mod isolated;

mod audit {
    pub mod bytes;
    pub mod cli;
    pub mod disk;
    pub mod torn;
}

use chrono::{DateTime, Duration, Utc};
use shipdeck::audit::{AuditAction, AuditEntry, AuditLog, AuditOutcome, AuditResult};
use shipdeck::config::Secret;
use shipdeck::domain::deploy::{DeploymentId, IdempotencyKey};
use std::path::PathBuf;

fn log_in(dir: &tempfile::TempDir) -> (AuditLog, PathBuf) {
    // A directory that does not exist yet: the log creates it.
    let path = dir
        .path()
        .join("state")
        .join("shipdeck")
        .join("audit.jsonl");
    (AuditLog::at(path.clone()), path)
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn entry(time: DateTime<Utc>, service: &str) -> AuditEntry {
    AuditEntry {
        time,
        user: "ana".into(),
        backend_user: None,
        backend: "deployer".into(),
        service: service.into(),
        action: AuditAction::Promote,
        from: Some("staging".into()),
        to: Some("prod".into()),
        revision: Some("9f2c1e7".into()),
        idempotency_key: IdempotencyKey::new(),
    }
}

fn outcome(time: DateTime<Utc>, result: AuditResult, id: Option<&str>) -> AuditOutcome {
    AuditOutcome {
        time,
        result,
        deployment_id: id.map(|id| DeploymentId(id.into())),
        message: None,
    }
}

#[test]
fn a_start_and_its_outcomes_merge_into_one_record() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = log_in(&dir);
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    let second = entry(at("2025-03-10T10:01:00Z"), "ledger");
    log.started(&first).unwrap();
    log.started(&second).unwrap();
    let t = at("2025-03-10T10:00:05Z");
    log.outcome(
        &first.idempotency_key,
        &outcome(t, AuditResult::Accepted, Some("d-7")),
    )
    .unwrap();
    let mut refused = outcome(t, AuditResult::Refused, None);
    refused.message = Some("prod is locked by zoe: change freeze".into());
    log.outcome(&second.idempotency_key, &refused).unwrap();
    log.outcome(
        &first.idempotency_key,
        &outcome(t + Duration::seconds(20), AuditResult::Succeeded, None),
    )
    .unwrap();

    let records = log.read(None).unwrap().records;
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].entry, first);
    assert_eq!(records[0].outcomes.len(), 2);
    assert_eq!(records[0].result(), Some(AuditResult::Succeeded));
    assert_eq!(
        records[0].deployment_id(),
        Some(&DeploymentId("d-7".into()))
    );
    assert_eq!(records[1].entry, second);
    assert_eq!(records[1].result(), Some(AuditResult::Refused));
    assert_eq!(
        records[1].message(),
        Some("prod is locked by zoe: change freeze")
    );
}

#[test]
fn a_start_without_outcome_has_no_result() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = log_in(&dir);
    log.started(&entry(at("2025-03-10T10:00:00Z"), "payments"))
        .unwrap();
    let records = log.read(None).unwrap().records;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].result(), None);
    assert_eq!(records[0].deployment_id(), None);
}

#[test]
fn the_file_is_jsonl_and_holds_no_token() {
    let dir = tempfile::tempdir().unwrap();
    let (log, path) = log_in(&dir);
    let token = Secret::new("sd-fake-token-5b1d2e");
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    log.started(&first).unwrap();
    log.outcome(
        &first.idempotency_key,
        &outcome(
            at("2025-03-10T10:00:01Z"),
            AuditResult::Accepted,
            Some("d-1"),
        ),
    )
    .unwrap();

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(token.expose()));
    assert!(text.ends_with('\n'));
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["event"], "started");
    assert_eq!(lines[0]["user"], "ana");
    assert_eq!(lines[0]["action"], "promote");
    assert_eq!(lines[0]["from"], "staging");
    assert_eq!(lines[0]["to"], "prod");
    assert_eq!(lines[0]["time"], "2025-03-10T10:00:00Z");
    assert_eq!(lines[1]["event"], "outcome");
    assert_eq!(lines[1]["result"], "accepted");
    assert_eq!(lines[1]["deployment_id"], "d-1");
    assert_eq!(lines[0]["idempotency_key"], lines[1]["idempotency_key"]);
    assert_eq!(
        lines[0]["idempotency_key"].as_str(),
        Some(first.idempotency_key.0.as_str())
    );
}

#[test]
fn since_keeps_actions_started_at_or_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = log_in(&dir);
    let old = entry(at("2025-03-01T09:00:00Z"), "gateway");
    let new = entry(at("2025-03-09T09:00:00Z"), "payments");
    log.started(&old).unwrap();
    log.started(&new).unwrap();
    // An outcome written late for the old action does not pull it into the window.
    log.outcome(
        &old.idempotency_key,
        &outcome(at("2025-03-09T10:00:00Z"), AuditResult::Failed, None),
    )
    .unwrap();

    let since = log.read(Some(at("2025-03-09T09:00:00Z"))).unwrap().records;
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].entry.service, "payments");
    assert_eq!(log.read(None).unwrap().records.len(), 2);
    assert!(
        log.read(Some(at("2025-03-09T09:00:01Z")))
            .unwrap()
            .records
            .is_empty()
    );
}

#[test]
fn no_file_yet_means_no_records() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = log_in(&dir);
    assert!(log.read(None).unwrap().records.is_empty());
}

#[test]
fn a_damaged_line_is_reported_and_every_other_record_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (log, path) = log_in(&dir);
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    log.started(&first).unwrap();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"event\":\"started\",\"time\":\"2025-03-10T\n");
    std::fs::write(&path, text).unwrap();
    let second = entry(at("2025-03-10T11:00:00Z"), "ledger");
    log.started(&second).unwrap();
    log.outcome(
        &second.idempotency_key,
        &outcome(at("2025-03-10T11:00:02Z"), AuditResult::Accepted, None),
    )
    .unwrap();

    let read = log.read(None).unwrap();
    let entries: Vec<&AuditEntry> = read.records.iter().map(|r| &r.entry).collect();
    assert_eq!(entries, [&first, &second]);
    assert_eq!(read.records[1].result(), Some(AuditResult::Accepted));
    assert_eq!(read.damaged.len(), 1, "{:?}", read.damaged);
    assert_eq!(read.damaged[0].line, 2);
    let said = read.damaged[0].to_string();
    assert!(said.starts_with("line 2: not an audit record"), "{said}");
}

#[test]
fn concurrent_appends_stay_whole_lines() {
    const THREADS: usize = 8;
    const EACH: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let (log, path) = log_in(&dir);
    // Long lines make a torn or interleaved write likely to show if appends were not atomic.
    let filler = "x".repeat(6_000);
    std::thread::scope(|scope| {
        for thread in 0..THREADS {
            let (log, filler) = (log.clone(), filler.clone());
            scope.spawn(move || {
                for i in 0..EACH {
                    let mut e = entry(Utc::now(), &format!("svc-{thread}-{i}"));
                    e.revision = Some(filler.clone());
                    log.started(&e).unwrap();
                    let mut done = outcome(Utc::now(), AuditResult::Succeeded, Some("d-1"));
                    done.message = Some(filler.clone());
                    log.outcome(&e.idempotency_key, &done).unwrap();
                }
            });
        }
    });

    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), THREADS * EACH * 2);
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    let records = log.read(None).unwrap().records;
    assert_eq!(records.len(), THREADS * EACH);
    assert!(
        records
            .iter()
            .all(|r| r.result() == Some(AuditResult::Succeeded))
    );
}

#[test]
fn an_outcome_without_its_start_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = log_in(&dir);
    let kept = entry(at("2025-03-10T10:00:00Z"), "payments");
    log.started(&kept).unwrap();
    log.outcome(
        &IdempotencyKey::new(),
        &outcome(at("2025-03-10T10:00:01Z"), AuditResult::Failed, None),
    )
    .unwrap();
    let records = log.read(None).unwrap().records;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].entry, kept);
    assert!(records[0].outcomes.is_empty());
}
