//! The event stream parser against generated input: any bytes cut into any pieces give the
//! events of one push, and a stream written from known events reads back as those events
//! whatever its line endings, comments and cuts. Long run: docs/TESTING.md.

#[path = "support/fuzz.rs"]
mod fuzz;

use fuzz::{chunkings, config, hostile_bytes, pieces};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use shipdeck::providers::deploy::sse::{SseEvent, SseParser};

/// What a parser gave for a stream: its events, the last id and retry it kept.
#[derive(Debug, PartialEq)]
struct Read {
    events: Vec<SseEvent>,
    last_event_id: String,
    retry_ms: Option<u64>,
}

fn read(parts: &[&[u8]]) -> Read {
    let mut parser = SseParser::new();
    let mut events = Vec::new();
    for part in parts {
        events.extend(parser.push(part).expect("far below the size limit"));
    }
    Read {
        events,
        last_event_id: parser.last_event_id().to_owned(),
        retry_ms: parser.retry_ms(),
    }
}

/// One event as a server would mean it.
#[derive(Clone, Debug)]
struct Sent {
    name: Option<String>,
    /// Each becomes a `data:` line; none means no data field.
    data: Vec<String>,
    id: Option<String>,
    comment: bool,
    retry: Option<u32>,
}

/// Text a field value may hold: anything but CR, LF and NUL, leading spaces and colons too.
fn value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(vec![
            " ",
            ":",
            "  x",
            "data: y",
            "é",
            "修",
            "🚀",
            "\u{feff}",
            "\u{1b}[31m",
            "\t"
        ])
        .prop_map(String::from),
        any::<char>()
            .prop_filter("no line end or NUL", |c| !matches!(c, '\r' | '\n' | '\0'))
            .prop_map(String::from),
    ];
    vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

fn sent() -> impl Strategy<Value = Sent> {
    (
        proptest::option::of(prop_oneof![
            select(vec!["chunk", "end", "message", "ping"]).prop_map(String::from),
            value(),
        ]),
        vec(value(), 0..4),
        proptest::option::of(prop_oneof![
            any::<u64>().prop_map(|n| n.to_string()),
            value()
        ]),
        any::<bool>(),
        proptest::option::of(0u32..100_000),
    )
        .prop_map(|(name, data, id, comment, retry)| Sent {
            name,
            data,
            id,
            comment,
            retry,
        })
}

/// `events` written out, each line ended by one of `endings` in turn, maybe after a BOM.
fn write(events: &[Sent], endings: &[&str], bom: bool) -> Vec<u8> {
    let mut lines: Vec<String> = Vec::new();
    for e in events {
        if e.comment {
            lines.push(": keep-alive".into());
        }
        if let Some(name) = &e.name {
            lines.push(format!("event: {name}"));
        }
        if let Some(ms) = e.retry {
            lines.push(format!("retry: {ms}"));
        }
        lines.extend(e.data.iter().map(|d| format!("data: {d}")));
        if let Some(id) = &e.id {
            lines.push(format!("id: {id}"));
        }
        lines.push(String::new());
    }
    let mut out = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut after_cr = false;
    for (line, &end) in lines.iter().zip(endings.iter().cycle()) {
        // CR then a blank line's LF would read as one CRLF.
        let end = if after_cr && line.is_empty() && end == "\n" {
            "\r\n"
        } else {
            end
        };
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(end.as_bytes());
        after_cr = end == "\r";
    }
    out
}

/// What the parser must make of `events`: an event needs data or a name; an empty name
/// is `message`.
fn expected(events: &[Sent]) -> Read {
    let mut last_event_id = String::new();
    let mut retry_ms = None;
    let mut out = Vec::new();
    for e in events {
        if let Some(id) = &e.id {
            last_event_id.clone_from(id);
        }
        retry_ms = e.retry.map(u64::from).or(retry_ms);
        let name = e.name.clone().unwrap_or_default();
        if e.data.is_empty() && name.is_empty() {
            continue;
        }
        out.push(SseEvent {
            event: if name.is_empty() {
                "message".into()
            } else {
                name
            },
            data: e.data.join("\n").into_bytes(),
            id: e.id.clone(),
        });
    }
    Read {
        events: out,
        last_event_id,
        retry_ms,
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_cut_gives_the_events_of_one_push(bytes in hostile_bytes(120), sizes in chunkings()) {
        prop_assert_eq!(read(&pieces(&bytes, &sizes)), read(&[&bytes]));
    }

    #[test]
    fn written_events_read_back_however_cut(
        events in vec(sent(), 0..8),
        endings in vec(select(vec!["\n", "\r", "\r\n"]), 1..4),
        bom in any::<bool>(),
        sizes in chunkings(),
    ) {
        let bytes = write(&events, &endings, bom);
        prop_assert_eq!(read(&pieces(&bytes, &sizes)), expected(&events));
    }
}
