//! The reader against arbitrary bytes: it never panics, every line is a record or a damage
//! report, and damage never hides the whole records around it.

use crate::{at, entry};
use proptest::collection::vec;
use proptest::prelude::*;
use shipdeck::audit::{AuditEntry, AuditLog, parse};
use std::sync::Arc;

/// Two whole start lines, as the log writes them.
fn two_records() -> (AuditEntry, AuditEntry, Vec<u8>, Vec<u8>) {
    let disk = Arc::new(super::disk::Disk::default());
    let log = AuditLog::with_store("/audit.jsonl".into(), disk.clone());
    let (first, second) = (
        entry(at("2025-03-10T10:00:00Z"), "payments"),
        entry(at("2025-03-10T10:01:00Z"), "ledger"),
    );
    log.started(&first).unwrap();
    let one = disk.bytes();
    log.started(&second).unwrap();
    let two = disk.bytes()[one.len()..].to_vec();
    (first, second, one, two)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_read_as_records_and_damage_reports(bytes in vec(any::<u8>(), 0..4096)) {
        let read = parse(&bytes);
        let lines = bytes.split(|&b| b == b'\n').count();
        let numbers: Vec<usize> = read.damaged.iter().map(|d| d.line).collect();
        prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{:?}", numbers);
        prop_assert!(numbers.iter().all(|&n| n >= 1 && n <= lines), "{:?}", numbers);
        prop_assert!(read.records.len() + read.damaged.len() <= lines);
    }

    #[test]
    fn whole_records_are_read_whatever_lies_between_them(
        cut in 0usize..400,
        garbage in vec(any::<u8>(), 0..300),
    ) {
        let (first, second, one, two) = two_records();
        // A torn copy of a record followed by noise, on a line between two whole records.
        let mut middle = one[..cut.min(one.len() - 1)].to_vec();
        middle.extend(garbage.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
        let bytes = [&one[..], &middle, b"\n", &two[..]].concat();
        let read = parse(&bytes);
        let keys: Vec<&str> = read
            .records
            .iter()
            .map(|r| r.entry.idempotency_key.0.as_str())
            .collect();
        prop_assert!(keys.contains(&first.idempotency_key.0.as_str()), "{:?}", read);
        prop_assert!(keys.contains(&second.idempotency_key.0.as_str()), "{:?}", read);
        for damage in &read.damaged {
            prop_assert_eq!(damage.line, 2);
        }
    }
}
