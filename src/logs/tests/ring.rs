use super::buffer;
use crate::logs::{LogBuffer, next_error, prev_error};

fn numbered(buffer: &LogBuffer) -> Vec<(u64, String)> {
    buffer.iter().map(|l| (l.number, l.text.clone())).collect()
}

#[test]
fn the_cap_evicts_the_oldest_and_numbers_stay_absolute() {
    let mut buffer = buffer(3);
    assert_eq!((buffer.total(), buffer.first_number()), (0, 1));
    buffer.push_bytes(b"l1\nl2\nl3\nl4\nl5");
    assert_eq!(buffer.len(), 3);
    assert_eq!(buffer.dropped(), 1);
    assert_eq!(buffer.total(), 4);
    assert_eq!(buffer.partial().map(|l| l.number), Some(5));
    buffer.finish();
    assert_eq!(
        numbered(&buffer),
        [
            (3, "l3".to_owned()),
            (4, "l4".to_owned()),
            (5, "l5".to_owned())
        ]
    );
    assert_eq!(
        (buffer.dropped(), buffer.total(), buffer.first_number()),
        (2, 5, 3)
    );
    assert_eq!(buffer.get(0).map(|l| l.number), Some(buffer.first_number()));
    assert!(buffer.get(3).is_none());
    assert_eq!(buffer.iter().len(), 3);
    assert_eq!(buffer.iter().next_back().map(|l| l.number), Some(5));
}

#[test]
fn a_zero_cap_still_keeps_the_latest_line() {
    let mut buffer = buffer(0);
    buffer.push_bytes(b"a\nb\n");
    assert_eq!(numbered(&buffer), [(2, "b".to_owned())]);
    assert_eq!(buffer.max_lines(), 1);
}

#[test]
fn error_navigation_follows_eviction() {
    let mut buffer = buffer(4);
    buffer.push_bytes(b"error 1\nok\nerror 3\nok\nok\nerror 6\nok\n");
    // Held now: numbers 4..=7 -> "ok", "ok", "error 6", "ok".
    assert_eq!(buffer.first_number(), 4);
    assert_eq!(next_error(&buffer, 0), Some(2));
    assert_eq!(next_error(&buffer, 2), None);
    assert_eq!(prev_error(&buffer, 3), Some(2));
    assert_eq!(prev_error(&buffer, 2), None);
    assert_eq!(prev_error(&buffer, 0), None);
}

#[test]
fn error_navigation_moves_between_errors() {
    let mut buffer = buffer(100);
    buffer.push_bytes(b"ok\n##[error]a\nok\nFAILED b\nok\n");
    assert_eq!(next_error(&buffer, 0), Some(1));
    assert_eq!(next_error(&buffer, 1), Some(3));
    assert_eq!(next_error(&buffer, 3), None);
    assert_eq!(prev_error(&buffer, 4), Some(3));
    assert_eq!(prev_error(&buffer, 3), Some(1));
    assert_eq!(prev_error(&buffer, 1), None);
    assert_eq!(next_error(&buffer, usize::MAX), None);
    assert_eq!(prev_error(&buffer, usize::MAX), Some(3));
}

#[test]
fn a_copy_keeps_lines_and_style() {
    let mut buffer = buffer(10);
    buffer.push_bytes(b"\x1b[31mone\ntw");
    let mut copy = buffer.clone();
    copy.push_bytes(b"o\n");
    buffer.push_bytes(b"o\n");
    assert_eq!(
        copy.iter().collect::<Vec<_>>(),
        buffer.iter().collect::<Vec<_>>()
    );
    assert_eq!(copy.get(1).map(|l| l.runs.len()), Some(1));
    assert!(format!("{copy:?}").contains("total: 2"));
}
