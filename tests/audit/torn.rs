//! Records are whole or absent: a disk that fills up at any byte of a record leaves nothing of
//! it, and a torn line a crash left behind is closed off, reported and read past.

use super::disk::Disk;
use crate::{at, entry, log_in, outcome};
use shipdeck::audit::{AuditEntry, AuditLog, AuditResult};
use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::sync::Arc;

/// One append to the log, as the app makes them.
type Write<'a> = Box<dyn Fn(&AuditLog) -> std::io::Result<()> + 'a>;

fn on(disk: &Arc<Disk>) -> AuditLog {
    AuditLog::with_store(PathBuf::from("/state/shipdeck/audit.jsonl"), disk.clone())
}

fn entries(log: &AuditLog) -> Vec<AuditEntry> {
    let read = log.read(None).unwrap();
    read.records.into_iter().map(|r| r.entry).collect()
}

/// The log holding `first`'s start, and the bytes `write` adds to it on a roomy disk.
fn base_and_record(first: &AuditEntry, write: impl Fn(&AuditLog)) -> (Vec<u8>, Vec<u8>) {
    let disk = Arc::new(Disk::default());
    on(&disk).started(first).unwrap();
    let base = disk.bytes();
    write(&on(&disk));
    let record = disk.bytes()[base.len()..].to_vec();
    assert!(record.ends_with(b"\n") && record.len() > 100);
    (base, record)
}

#[test]
fn a_disk_full_at_any_byte_of_a_record_leaves_nothing_of_it() {
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    let second = entry(at("2025-03-10T10:01:00Z"), "ledger");
    let third = entry(at("2025-03-10T10:02:00Z"), "search");
    let done = outcome(
        at("2025-03-10T10:00:09Z"),
        AuditResult::Succeeded,
        Some("d-9"),
    );
    // A start and an outcome: the two kinds of record.
    let writes: [(&str, Write); 2] = [
        ("start", Box::new(|log| log.started(&second))),
        (
            "outcome",
            Box::new(|log| log.outcome(&first.idempotency_key, &done)),
        ),
    ];
    for (kind, write) in &writes {
        let (base, record) = base_and_record(&first, |log| write(log).unwrap());
        for room in 0..record.len() {
            let disk = Arc::new(Disk::holding(&base, room));
            let log = on(&disk);
            let err = write(&log).expect_err("the disk is full");
            assert_eq!(err.kind(), ErrorKind::StorageFull, "{kind} at {room}");
            assert_eq!(disk.bytes(), base, "{kind} at {room}: a part stayed");
            disk.free();
            log.started(&third).unwrap();
            let read = log.read(None).unwrap();
            assert!(
                read.damaged.is_empty(),
                "{kind} at {room}: {:?}",
                read.damaged
            );
            assert_eq!(
                entries(&log),
                [first.clone(), third.clone()],
                "{kind} at {room}"
            );
            assert!(read.records[0].outcomes.is_empty(), "{kind} at {room}");
        }
        let disk = Arc::new(Disk::holding(&base, record.len()));
        write(&on(&disk)).unwrap();
        assert_eq!(disk.bytes(), [base, record].concat(), "{kind} fits exactly");
    }
}

#[test]
fn a_record_cut_short_and_never_taken_back_is_closed_off_by_the_next() {
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    let second = entry(at("2025-03-10T10:01:00Z"), "ledger");
    let third = entry(at("2025-03-10T10:02:00Z"), "search");
    let (base, record) = base_and_record(&first, |log| log.started(&second).unwrap());
    for cut in 1..record.len() {
        let disk = Arc::new(Disk::holding(&base, cut).failing_truncate());
        let log = on(&disk);
        assert!(log.started(&second).is_err(), "{cut}");
        assert_eq!(disk.bytes(), [&base[..], &record[..cut]].concat(), "{cut}");
        disk.free();
        log.started(&third).unwrap();

        let bytes = disk.bytes();
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{cut}: {text}");
        assert_eq!(
            lines[1].as_bytes(),
            &record[..cut],
            "{cut}: the torn line is kept"
        );
        let read = log.read(None).unwrap();
        if cut == record.len() - 1 {
            // Only the newline was lost: the record itself is whole.
            assert!(read.damaged.is_empty(), "{:?}", read.damaged);
            assert_eq!(
                entries(&log),
                [first.clone(), second.clone(), third.clone()]
            );
        } else {
            let lines: Vec<usize> = read.damaged.iter().map(|d| d.line).collect();
            assert_eq!(lines, [2], "{cut}");
            assert_eq!(entries(&log), [first.clone(), third.clone()], "{cut}");
        }
    }
}

#[test]
fn a_record_the_disk_took_but_could_not_sync_is_taken_back() {
    let disk = Arc::new(Disk::default().failing_sync());
    let log = on(&disk);
    assert!(
        log.started(&entry(at("2025-03-10T10:00:00Z"), "payments"))
            .is_err()
    );
    assert!(disk.bytes().is_empty());
    assert!(entries(&log).is_empty());
}

#[test]
fn a_torn_tail_in_the_file_is_closed_off_and_reported_and_the_next_record_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (log, path) = log_in(&dir);
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    log.started(&first).unwrap();
    let torn = "{\"event\":\"started\",\"time\":\"2025-03-10T10:0";
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(torn);
    std::fs::write(&path, &text).unwrap();

    let next = entry(at("2025-03-10T11:00:00Z"), "ledger");
    log.started(&next).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = after.lines().collect();
    assert_eq!(lines.len(), 3, "{after}");
    assert_eq!(lines[1], torn);
    assert!(after.ends_with('\n'));

    let read = log.read(None).unwrap();
    assert_eq!(entries(&log), [first, next]);
    assert_eq!(read.damaged.len(), 1);
    assert_eq!(read.damaged[0].line, 2);
}

#[test]
fn a_torn_last_line_is_reported_as_a_write_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let (log, path) = log_in(&dir);
    let first = entry(at("2025-03-10T10:00:00Z"), "payments");
    log.started(&first).unwrap();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"event\":\"outcome\",\"ti");
    std::fs::write(&path, &text).unwrap();

    let read = log.read(None).unwrap();
    assert_eq!(entries(&log), [first]);
    assert_eq!(read.damaged.len(), 1);
    assert_eq!(read.damaged[0].line, 2);
    assert!(
        read.damaged[0].problem.contains("without a newline"),
        "{}",
        read.damaged[0]
    );
}

#[test]
fn the_log_is_private_and_so_is_a_directory_it_creates() {
    let dir = tempfile::tempdir().unwrap();
    let (log, path) = log_in(&dir);
    log.started(&entry(at("2025-03-10T10:00:00Z"), "payments"))
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    let created = path.parent().unwrap();
    assert_eq!(mode(created), 0o700);
    assert_eq!(mode(created.parent().unwrap()), 0o700);
}
