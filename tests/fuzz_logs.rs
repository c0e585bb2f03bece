//! The log engine against generated input: any bytes, cut into any pieces, give the lines
//! one push gives; no line holds a control, an escape, a C1 or a bidi override; the ring,
//! the search and the error list agree with the lines held. Long run: docs/TESTING.md.

#[path = "support/fuzz.rs"]
mod fuzz;

use fuzz::{chunkings, config, hostile_bytes, pieces};
use proptest::prelude::*;
use shipdeck::config::LogsConfig;
use shipdeck::logs::{
    LineKind, LogBuffer, LogLine, find_all, match_ranges, next_error, prev_error,
};

fn buffer(max_lines: usize) -> LogBuffer {
    LogBuffer::new(max_lines, &LogsConfig::default().error_patterns)
}

/// What a buffer shows: the lines held, the one being written, the counters.
#[derive(Debug, PartialEq)]
struct Seen {
    lines: Vec<LogLine>,
    partial: Option<LogLine>,
    dropped: u64,
    total: u64,
}

fn seen(buffer: &LogBuffer) -> Seen {
    Seen {
        lines: buffer.iter().cloned().collect(),
        partial: buffer.partial().cloned(),
        dropped: buffer.dropped(),
        total: buffer.total(),
    }
}

/// Before and after `finish`, from `bytes` pushed as `parts`.
fn ingest(parts: &[&[u8]], max_lines: usize) -> (Seen, Seen) {
    let mut buffer = buffer(max_lines);
    for part in parts {
        buffer.push_bytes(part);
        if let Some(partial) = buffer.partial() {
            assert_clean(partial);
        }
    }
    let open = seen(&buffer);
    buffer.finish();
    (open, seen(&buffer))
}

/// Nothing a terminal would act on: no C0 (tabs are expanded), DEL, C1 or bidi control;
/// runs in order, non-empty, on character boundaries.
fn assert_clean(line: &LogLine) {
    for c in line.text.chars() {
        let bad = c < ' '
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "line {} holds {c:?}: {:?}", line.number, line.text);
    }
    let mut end = 0;
    for run in &line.runs {
        let (start, stop) = (run.start as usize, run.end as usize);
        assert!(
            end <= start && start < stop && stop <= line.text.len(),
            "{run:?} in {line:?}"
        );
        assert!(line.text.is_char_boundary(start) && line.text.is_char_boundary(stop));
        assert!(
            !run.style.is_plain(),
            "a run of the default style in {line:?}"
        );
        end = stop;
    }
}

/// The ring keeps the newest lines, numbered without gaps.
fn assert_ring(seen: &Seen, max_lines: usize) {
    assert!(seen.lines.len() <= max_lines.max(1));
    assert_eq!(seen.dropped + seen.lines.len() as u64, seen.total);
    for (i, line) in seen.lines.iter().enumerate() {
        assert_eq!(line.number, seen.dropped + 1 + i as u64);
        assert_clean(line);
        // A group's title is set when its line is stored.
        if let LineKind::GroupStart { title } = &line.kind {
            assert_eq!(title, &line.text);
        }
    }
}

fn same_however_cut(bytes: &[u8], sizes: &[usize], max_lines: usize) {
    let whole = ingest(&[bytes], max_lines);
    let cut = ingest(&pieces(bytes, sizes), max_lines);
    assert_ring(&whole.1, max_lines);
    assert_eq!(cut.0, whole.0, "before finish");
    assert_eq!(cut.1, whole.1, "after finish");
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_cut_gives_the_lines_of_one_push(
        bytes in hostile_bytes(120),
        sizes in chunkings(),
        max_lines in prop_oneof![Just(10_000usize), 1usize..6],
    ) {
        same_however_cut(&bytes, &sizes, max_lines);
    }

    #[test]
    fn any_raw_bytes_come_out_clean(bytes in proptest::collection::vec(any::<u8>(), 0..600), sizes in chunkings()) {
        same_however_cut(&bytes, &sizes, 10_000);
    }

    #[test]
    fn search_and_errors_agree_with_the_lines(
        batches in proptest::collection::vec(hostile_bytes(24), 1..8),
        needle in prop_oneof![
            proptest::sample::select(vec!["error", "E", "修", "ß", "ǅ", "K", "31", " "]).prop_map(String::from),
            any::<String>(),
        ],
        max_lines in 1usize..12,
    ) {
        let mut buffer = buffer(max_lines);
        let mut search = find_all(&buffer, &needle);
        for batch in &batches {
            let mark = buffer.mark();
            buffer.push_bytes(batch);
            search.update(&buffer, mark);
            prop_assert_eq!(&search, &find_all(&buffer, &needle));
        }
        let lines: Vec<&LogLine> = buffer.iter().collect();
        for (i, line) in lines.iter().enumerate() {
            let ranges = match_ranges(&line.text, &needle);
            prop_assert_eq!(!ranges.is_empty(), search.lines.contains(&i), "{:?}", line.text);
            let mut end = 0;
            for (start, stop) in ranges {
                prop_assert!(end <= start && start < stop && stop <= line.text.len());
                prop_assert!(line.text.is_char_boundary(start) && line.text.is_char_boundary(stop));
                end = stop;
            }
        }
        let errors: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kind == LineKind::Error).collect();
        for at in 0..=lines.len() {
            prop_assert_eq!(next_error(&buffer, at), errors.iter().copied().find(|&e| e > at));
            prop_assert_eq!(prev_error(&buffer, at), errors.iter().copied().rev().find(|&e| e < at));
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Lines past the 64 KiB text cap, cut anywhere, end in the same note.
    #[test]
    fn lines_past_the_cap_are_cut_alike(
        head in hostile_bytes(8),
        (fill, repeat) in proptest::sample::select(vec![
            ("A", 66_000),
            ("修", 22_000),
            ("\t", 8_200),
            ("\x1b[31mx\x1b[0my", 33_000),
        ]),
        extra in 0usize..2_000,
        tail in hostile_bytes(8),
        sizes in proptest::collection::vec(500usize..5_000, 1..4),
    ) {
        let mut bytes = head;
        bytes.extend(fill.repeat(repeat + extra).into_bytes());
        bytes.extend(tail);
        same_however_cut(&bytes, &sizes, 10_000);
    }
}

/// Found by `any_raw_bytes_come_out_clean`: a character split between two pushes made vte
/// 0.15 drop the character after it (alacritty/vte#159); here the space went missing.
#[test]
fn a_character_split_between_pushes_keeps_the_one_after_it() {
    let bytes = b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xc2\x80 \x80";
    same_however_cut(bytes, &[7, 2, 2, 3], 10_000);
    let text = "B\u{301}C\u{2500} é 修🚀 \u{ff}\n".as_bytes();
    let (_, whole) = ingest(&[text], 10);
    assert_eq!(whole.lines[0].text, "B\u{301}C\u{2500} é 修🚀 \u{ff}");
    for at in 0..=text.len() {
        let (_, cut) = ingest(&[&text[..at], &text[at..]], 10);
        assert_eq!(cut, whole, "cut at {at}");
    }
}
