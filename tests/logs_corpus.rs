//! The log engine against a corpus of hostile bytes: nothing that could drive a terminal
//! (controls, escapes, C1, bidi overrides) may reach a stored line, whatever the split.
//!
//! `tests/fixtures/logs/hostile.bin` is written by `corpus()` below; regenerate it with
//! `SHIPDECK_WRITE_FIXTURES=1 cargo test --test logs_corpus`.

use shipdeck::config::LogsConfig;
use shipdeck::logs::{LogBuffer, LogLine};
use std::path::PathBuf;

const LONG: usize = 1 << 20;
/// The engine's per-line text cap (64 KiB).
const CAP: usize = 64 * 1024;

/// Raw lines and the text each must become.
fn cases() -> Vec<(Vec<u8>, String)> {
    let fixed: [(&[u8], &str); 22] = [
        (b"plain start", "plain start"),
        (
            b"nul\x00 bel\x07 bs\x08 vt\x0b ff\x0c del\x7f so\x0e si\x0f end",
            "nul bel bs vt ff del so si end",
        ),
        (b"\x1b[2J\x1b[3J\x1b[Hcleared\x1b[K", "cleared"),
        (b"\x1b[?1049h\x1b[?47halt screen\x1b[?1049l", "alt screen"),
        (b"\x1b]0;pwned title\x07after title", "after title"),
        (b"\x1b]2;st title\x1b\\after st", "after st"),
        (
            b"\x1b]8;;https://evil.example/login\x1b\\click me\x1b]8;;\x1b\\ please",
            "click me please",
        ),
        (
            b"cursor\x1b[10;10H\x1b[2A\x1b[5C\x1b[s\x1b[u\x1b7\x1b8 moves",
            "cursor moves",
        ),
        (
            b"dcs\x1bP1$tq\x1b\\ \x1bPq#0;2;0;0;0#0~~@@\x1b\\sixel",
            "dcs sixel",
        ),
        (b"c1 \x9b31mcsi \x9b2Jgone", "c1 csi gone"),
        (
            "c1 utf8 \u{9d}0;t\u{9c}osc \u{90}dcs\u{9c}done".as_bytes(),
            "c1 utf8 osc done",
        ),
        (
            b"bad \xff\xfe utf8 \xc3\x28 end",
            "bad \u{fffd}\u{fffd} utf8 \u{fffd}( end",
        ),
        (
            b"\x1b[31mred\x1b[0m \x1b[1;38;5;208mbold orange\x1b[0m \x1b[38;2;1;2;3mrgb\x1b[0m",
            "red bold orange rgb",
        ),
        (
            b"\x1b_apc payload\x1b\\\x1b^pm payload\x1b\\\x1bXsos payload\x1b\\visible",
            "visible",
        ),
        (
            "bidi \u{202e}txt.exe\u{202c} \u{2067}iso\u{2069}".as_bytes(),
            "bidi txt.exe iso",
        ),
        (
            b"query\x1b[6n\x1b[c\x1b[>0c\x1b[21t\x1b[8;100;300t\x1b]52;c;cHduZWQ=\x07 done",
            "query done",
        ),
        (b"esc\x1bc\x1b(0\x1b)B\x1b#8\x1b=\x1b> chars", "esc chars"),
        (b"cancel\x1b[31\x18 sub\x1b]0;x\x1a ok", "cancel sub ok"),
        (b"\x1b]0;unterminated osc never ends", ""),
        (b"after unterminated\r", "after unterminated"),
        (b"tab\tstop\x1b[31m\tred", "tab     stop    red"),
        (b"\x1b[0m##[error]marker\x07 kept", "marker kept"),
    ];
    let mut cases: Vec<(Vec<u8>, String)> = fixed
        .iter()
        .map(|(raw, text)| (raw.to_vec(), (*text).to_owned()))
        .collect();

    let mut storm = b"storm".to_vec();
    for i in 0..=10_000 {
        storm.extend_from_slice(format!("\r{i}%").as_bytes());
    }
    cases.push((storm, "10000%".to_owned()));
    let mut bare = vec![b'\r'; 100_000];
    bare.extend_from_slice(b"settled");
    cases.push((bare, "settled".to_owned()));

    let mut long = b"long ".to_vec();
    long.extend(std::iter::repeat_n(b'A', LONG));
    let cut = long.len() - CAP;
    let expected = format!("long {}… ({cut} bytes cut)", "A".repeat(CAP - 5));
    cases.push((long, expected));

    cases.push((b"\x1b[0mend of corpus".to_vec(), "end of corpus".to_owned()));
    cases
}

fn corpus() -> Vec<u8> {
    let mut bytes = Vec::new();
    for (raw, _) in cases() {
        bytes.extend_from_slice(&raw);
        bytes.push(b'\n');
    }
    bytes
}

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logs/hostile.bin")
}

fn fixture() -> Vec<u8> {
    std::fs::read(fixture_path()).expect("tests/fixtures/logs/hostile.bin (see the module doc)")
}

fn ingest_in_pieces(bytes: &[u8], piece: usize) -> Vec<LogLine> {
    let mut buffer = LogBuffer::new(1_000, &LogsConfig::default().error_patterns);
    for (i, chunk) in bytes.chunks(piece).enumerate() {
        buffer.push_bytes(chunk);
        // Sampled: a partial line can be 64 KiB long and tiny pieces are many.
        if i % 1024 == 0
            && let Some(partial) = buffer.partial()
        {
            assert_safe(partial);
        }
    }
    buffer.finish();
    buffer.iter().cloned().collect()
}

fn assert_safe(line: &LogLine) {
    for c in line.text.chars() {
        let bad = c < ' '
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "line {} holds {:?}", line.number, c);
    }
    let mut end = 0;
    for run in &line.runs {
        let (start, stop) = (run.start as usize, run.end as usize);
        assert!(
            end <= start && start < stop && stop <= line.text.len(),
            "{run:?}"
        );
        assert!(line.text.is_char_boundary(start) && line.text.is_char_boundary(stop));
        end = stop;
    }
}

#[test]
fn fixture_matches_its_generator() {
    if std::env::var_os("SHIPDECK_WRITE_FIXTURES").is_some() {
        std::fs::write(fixture_path(), corpus()).expect("write the fixture");
    }
    assert!(fixture() == corpus(), "hostile.bin is stale: regenerate it");
}

#[test]
fn hostile_lines_come_out_clean_and_as_expected() {
    let lines = ingest_in_pieces(&fixture(), 64 * 1024);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let expected: Vec<String> = cases().into_iter().map(|(_, text)| text).collect();
    assert_eq!(texts.len(), expected.len());
    for (i, (got, want)) in texts.iter().zip(&expected).enumerate() {
        assert_eq!(got, want, "line {}", i + 1);
    }
    for line in &lines {
        assert_safe(line);
        assert_eq!(line.timestamp, None);
    }
    let coloured = lines.iter().find(|l| l.text == "red bold orange rgb");
    assert_eq!(coloured.map(|l| l.runs.len()), Some(3));
    let marker = lines.iter().find(|l| l.text == "marker kept");
    assert_eq!(
        marker.map(|l| l.kind.clone()),
        Some(shipdeck::logs::LineKind::Error)
    );
}

/// Compares line by line, naming the first difference without printing a 64 KiB text.
fn assert_same(got: &[LogLine], want: &[LogLine], label: &str) {
    assert_eq!(got.len(), want.len(), "{label}: line count");
    for (g, w) in got.iter().zip(want) {
        let shown = |l: &LogLine| l.text.chars().take(80).collect::<String>();
        assert!(
            g == w,
            "{label}: line {} differs: {:?} ({} runs) vs {:?} ({} runs)",
            w.number,
            shown(g),
            g.runs.len(),
            shown(w),
            w.runs.len()
        );
    }
}

#[test]
fn byte_by_byte_equals_all_at_once() {
    let bytes = fixture();
    let whole = ingest_in_pieces(&bytes, bytes.len());
    for piece in [1, 2, 3, 7, 4096] {
        assert_same(
            &ingest_in_pieces(&bytes, piece),
            &whole,
            &format!("pieces of {piece}"),
        );
    }
}
