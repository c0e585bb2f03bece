use super::lines;
use crate::logs::{LineKind, LogBuffer};

#[test]
fn github_markers_set_the_kind_and_leave_the_text() {
    let all = lines(
        b"##[group]Run actions/checkout@v4\n##[endgroup]\n##[error]Process completed with exit code 1.\n\
          ##[warning]Node 16 is deprecated\n2026-11-25T09:00:01Z ##[group]Test\n",
    );
    assert_eq!(
        all[0].kind,
        LineKind::GroupStart {
            title: "Run actions/checkout@v4".to_owned()
        }
    );
    assert_eq!(all[0].text, "Run actions/checkout@v4");
    assert_eq!(
        (&all[1].kind, all[1].text.as_str()),
        (&LineKind::GroupEnd, "")
    );
    assert_eq!(all[2].kind, LineKind::Error);
    assert_eq!(all[2].text, "Process completed with exit code 1.");
    assert_eq!(all[3].kind, LineKind::Warning);
    assert_eq!(all[3].text, "Node 16 is deprecated");
    assert_eq!(
        all[4].kind,
        LineKind::GroupStart {
            title: "Test".to_owned()
        }
    );
}

#[test]
fn markers_count_only_at_the_start() {
    let all = lines(b"see ##[group] here\n ##[warning]indented\n");
    assert!(all.iter().all(|l| l.kind == LineKind::Normal));
}

#[test]
fn a_marker_interrupted_by_escapes_still_counts() {
    let all = lines(b"##[err\x1b[0mor]boom\n\x1b[1m##[warning]\x1b[0mslow\n");
    assert_eq!(all[0].kind, LineKind::Error);
    assert_eq!(all[0].text, "boom");
    assert_eq!(all[1].kind, LineKind::Warning);
    assert!(all[1].runs.is_empty());
}

#[test]
fn default_patterns_are_case_sensitive() {
    let all = lines(
        b"thread 'main' panicked at src/main.rs:2:5\ntest tests::it ... FAILED\nerror[E0308]: mismatched types\n\
          ERROR: boom\nError: only capitalised\n\x1b[31mred but fine\x1b[0m\n",
    );
    let kinds: Vec<_> = all.iter().map(|l| l.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            LineKind::Error,
            LineKind::Error,
            LineKind::Error,
            LineKind::Error,
            LineKind::Normal,
            LineKind::Normal
        ]
    );
}

#[test]
fn configured_patterns_replace_the_defaults() {
    let mut buffer = LogBuffer::new(10, &["boom".to_owned(), String::new()]);
    buffer.push_bytes(b"it went boom\nan error\n##[warning]boom but a warning\n");
    let kinds: Vec<_> = buffer.iter().map(|l| l.kind.clone()).collect();
    assert_eq!(
        kinds,
        [LineKind::Error, LineKind::Normal, LineKind::Warning]
    );
}
