use super::{lines, lines_in_pieces};
use crate::logs::timestamp::{Scan, scan};
use chrono::{TimeZone, Utc};

#[test]
fn github_timestamps_are_parsed_off() {
    let all = lines(b"2026-11-25T09:00:01.1234567Z hello\n2026-11-25T09:00:02Z  two spaces\n");
    let at = Utc
        .with_ymd_and_hms(2026, 11, 25, 9, 0, 1)
        .unwrap()
        .checked_add_signed(chrono::TimeDelta::nanoseconds(123_456_700))
        .unwrap();
    assert_eq!(all[0].timestamp, Some(at));
    assert_eq!(all[0].text, "hello");
    assert_eq!(
        all[1].timestamp,
        Some(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 2).unwrap())
    );
    assert_eq!(all[1].text, " two spaces");
}

#[test]
fn offsets_are_converted_to_utc() {
    let all = lines(b"2026-11-25T11:30:00.5+02:30 x\n2026-11-25T00:00:00-01:00 y\n");
    assert_eq!(
        all[0].timestamp.map(|t| t.to_rfc3339()),
        Some("2026-11-25T09:00:00.500+00:00".to_owned())
    );
    assert_eq!(
        all[1].timestamp,
        Some(Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap())
    );
}

#[test]
fn a_timestamp_alone_is_an_empty_line() {
    let all = lines(b"2026-11-25T09:00:01.1Z\n2026-11-25T09:00:01.1Z ");
    assert!(
        all.iter()
            .all(|l| l.text.is_empty() && l.timestamp.is_some())
    );
    assert_eq!(all.len(), 2);
}

#[test]
fn things_that_only_look_like_timestamps_stay_text() {
    for text in [
        "2026-11-25 build started",
        "2026-13-01T00:00:00Z month thirteen",
        "2026-11-25T09:00:01Zglued",
        "2026-11-25T09:00:01.Z x",
        "2026-11-25T09:00:01.1234567890Z ten digits",
        "2026-11-25T09:00:01+0200 no colon",
        "12345",
    ] {
        let all = lines(text.as_bytes());
        assert_eq!(all[0].text, text);
        assert_eq!(all[0].timestamp, None, "{text}");
    }
}

#[test]
fn timestamp_then_colour_and_marker() {
    let all = lines(b"2026-11-25T09:00:01Z \x1b[31m##[error]red\n");
    assert!(all[0].timestamp.is_some());
    assert_eq!(all[0].text, "red");
    assert_eq!(all[0].kind, crate::logs::LineKind::Error);
    assert_eq!(all[0].runs.len(), 1);
}

#[test]
fn timestamps_split_anywhere_are_still_found() {
    let input = b"2026-11-25T09:00:01.1234567Z hello\n2026-11-25T09:00:01Z\nnot 2026\n";
    let whole = lines(input);
    for size in 1..8 {
        assert_eq!(lines_in_pieces(input, &[size]), whole);
    }
}

#[test]
fn scanning_waits_only_while_the_prefix_fits() {
    assert_eq!(scan(b"2026-11", false), Scan::Incomplete);
    assert_eq!(scan(b"2026-11", true), Scan::NotStamp);
    assert_eq!(scan(b"2026-11-25T09:00:01Z", false), Scan::Incomplete);
    assert_eq!(scan(b"2026/", false), Scan::NotStamp);
    assert_eq!(scan(b"x", false), Scan::NotStamp);
    assert!(matches!(
        scan(b"2026-11-25T09:00:01Z rest", false),
        Scan::Stamp { len: 21, .. }
    ));
}
