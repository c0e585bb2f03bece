//! The size limit against generated streams with events near it: refused or not alike
//! however the stream is cut, and the parser never holds more than the limit.

use super::{SseEvent, SseParser};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;

const LIMIT: usize = 300;

/// Events whose data lines, comments and names are each up to about the limit.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        (0usize..200).prop_map(|n| format!("data: {}", "x".repeat(n))),
        (0usize..400).prop_map(|n| format!(":{}", "c".repeat(n))),
        (0usize..400).prop_map(|n| format!("event: {}", "e".repeat(n))),
        Just(String::new()),
    ];
    (
        vec(line, 0..12),
        proptest::sample::select(vec!["\n", "\r", "\r\n"]),
    )
        .prop_map(|(lines, end)| {
            let mut out = lines.join(end);
            out.push_str(end);
            out.into_bytes()
        })
}

/// The events until the parser refused, and whether it did.
fn run(parts: &[&[u8]], limit: usize) -> (Vec<SseEvent>, bool) {
    let mut parser = SseParser::with_limit(limit);
    let mut events = Vec::new();
    for part in parts {
        match parser.push(part) {
            Ok(got) => events.extend(got),
            Err(_) => return (events, true),
        }
        assert!(parser.line.len() + parser.data.len() <= limit);
    }
    (events, false)
}

fn pieces(bytes: &[u8], size: usize) -> Vec<&[u8]> {
    bytes.chunks(size).collect()
}

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config.failure_persistence = None;
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_limit_holds_however_the_stream_is_cut(bytes in stream(), size in 1usize..64) {
        let (whole, refused) = run(&[&bytes], LIMIT);
        let (cut, cut_refused) = run(&pieces(&bytes, size), LIMIT);
        prop_assert_eq!(cut_refused, refused);
        if refused {
            let (all, _) = run(&[&bytes], usize::MAX);
            prop_assert!(all.starts_with(&cut) && all.starts_with(&whole));
        } else {
            prop_assert_eq!(cut, whole);
        }
    }
}

/// Found by the property above: data lines past the limit that arrived in one piece with
/// their blank line made an event, where the same bytes in two pieces were refused.
#[test]
fn an_event_past_the_limit_in_one_piece_is_refused() {
    let bytes = b"data: 12345\ndata: 67890\n\n";
    assert_eq!(run(&[bytes], 8), (Vec::new(), true));
    assert_eq!(run(&pieces(bytes, 12), 8), (Vec::new(), true));
}
