//! The SSE parser on its own: events split anywhere across network chunks, every line ending,
//! comments, multi-line data, ids and the odd corners of the format.

use shipdeck::providers::deploy::sse::{MAX_EVENT, SseEvent, SseParser};

fn event(name: &str, data: &str, id: Option<&str>) -> SseEvent {
    SseEvent {
        event: name.into(),
        data: data.as_bytes().to_vec(),
        id: id.map(String::from),
    }
}

fn parse_at_once(input: &[u8]) -> Vec<SseEvent> {
    SseParser::new().push(input).unwrap()
}

/// Feeds `input` split at `cut` and again byte by byte: both must give what one push gives.
fn same_however_split(input: &[u8]) -> Vec<SseEvent> {
    let whole = parse_at_once(input);
    for cut in 0..=input.len() {
        let mut p = SseParser::new();
        let mut got = p.push(&input[..cut]).unwrap();
        got.extend(p.push(&input[cut..]).unwrap());
        assert_eq!(got, whole, "split at {cut}");
    }
    let mut p = SseParser::new();
    let mut got = Vec::new();
    for b in input {
        got.extend(p.push(std::slice::from_ref(b)).unwrap());
    }
    assert_eq!(got, whole, "byte by byte");
    whole
}

const PROTOCOL: &str = "event: chunk\nid: 12\ndata: one\ndata: two\n\n\
                        : keep-alive\n\n\
                        event: end\nid: 12\ndata: succeeded\n\n";

#[test]
fn protocol_events_with_multi_line_data() {
    assert_eq!(
        same_however_split(PROTOCOL.as_bytes()),
        [
            event("chunk", "one\ntwo", Some("12")),
            event("end", "succeeded", Some("12")),
        ]
    );
}

#[test]
fn crlf_and_lone_cr_end_lines_too() {
    let lf = parse_at_once(PROTOCOL.as_bytes());
    let crlf = PROTOCOL.replace('\n', "\r\n");
    let cr = PROTOCOL.replace('\n', "\r");
    assert_eq!(same_however_split(crlf.as_bytes()), lf);
    assert_eq!(same_however_split(cr.as_bytes()), lf);
    // Mixed in one event.
    let mixed = "event: chunk\r\ndata: a\rdata: b\n\r\n";
    assert_eq!(
        same_however_split(mixed.as_bytes()),
        [event("chunk", "a\nb", None)]
    );
}

#[test]
fn comments_and_unknown_fields_are_ignored() {
    let input = ": hello\nfoo: bar\ndata: x\n:data: y\n\n";
    assert_eq!(
        same_however_split(input.as_bytes()),
        [event("message", "x", None)]
    );
}

#[test]
fn one_leading_space_is_dropped_and_colons_stay_in_values() {
    let input = "data:no space\ndata:  two spaces\ndata: a: b\ndata\n\n";
    assert_eq!(
        parse_at_once(input.as_bytes()),
        [event("message", "no space\n two spaces\na: b\n", None)]
    );
}

#[test]
fn an_event_without_blank_line_is_not_dispatched_yet() {
    let mut p = SseParser::new();
    assert!(
        p.push(b"event: chunk\nid: 4\ndata: abc\n")
            .unwrap()
            .is_empty()
    );
    assert_eq!(p.push(b"\n").unwrap(), [event("chunk", "abc", Some("4"))]);
}

#[test]
fn the_last_event_id_persists_and_ids_with_nul_are_ignored() {
    let mut p = SseParser::new();
    let got = p
        .push(b"id: 7\ndata: a\n\ndata: b\n\nid: 8\0\ndata: c\n\n")
        .unwrap();
    assert_eq!(
        got,
        [
            event("message", "a", Some("7")),
            event("message", "b", None),
            event("message", "c", None),
        ]
    );
    assert_eq!(p.last_event_id(), "7");
}

#[test]
fn empty_blocks_and_nameless_empty_events_dispatch_nothing() {
    assert!(parse_at_once(b"\n\n\nid: 3\n\n").is_empty());
    // Named without data: kept, since a log stream's end may carry none.
    assert_eq!(parse_at_once(b"event: end\n\n"), [event("end", "", None)]);
}

#[test]
fn a_byte_order_mark_is_skipped_even_when_split() {
    let input = b"\xEF\xBB\xBFdata: x\n\n";
    assert_eq!(same_however_split(input), [event("message", "x", None)]);
    // Only at the very start: later it is data.
    let later = parse_at_once(b"data: \xEF\xBB\xBFx\n\n");
    assert_eq!(later[0].data, b"\xEF\xBB\xBFx");
}

#[test]
fn data_bytes_are_kept_raw() {
    let got = parse_at_once(b"event: chunk\ndata: \x1b[31mred\x1b[0m \xff\n\n");
    assert_eq!(got[0].data, b"\x1b[31mred\x1b[0m \xff");
}

#[test]
fn retry_takes_digits_only() {
    let mut p = SseParser::new();
    p.push(b"retry: 1500\n\nretry: 2s\n\n").unwrap();
    assert_eq!(p.retry_ms(), Some(1500));
}

#[test]
fn an_endless_event_is_refused() {
    let mut p = SseParser::new();
    let line = vec![b'x'; 1 << 20];
    p.push(b"data: ").unwrap();
    let mut refused = false;
    for _ in 0..=(MAX_EVENT >> 20) {
        if p.push(&line).is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused);
}
