//! What the fuzz tests share: their run settings and generators of hostile bytes and of the
//! ways a network splits them.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;

/// `cases` per property in `cargo test`; `PROPTEST_CASES` set in the environment wins, for
/// long runs (docs/TESTING.md). Failures are not written into the tree: a case that once
/// failed is kept as a named regression test instead.
pub fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config.failure_persistence = None;
    config
}

/// Pieces that mean something to a terminal, a log or an event stream, so that generated
/// input is mostly made of half and whole sequences rather than noise.
const FRAGMENTS: &[&[u8]] = &[
    b"\x1b",
    b"[",
    b"]",
    b"\x1b[",
    b"\x1b]",
    b"\x1bP",
    b"\x1b_",
    b"\x1b^",
    b"\x1bX",
    b"\x1b\\",
    b"\x07",
    b"\x00",
    b"\x18",
    b"\x1a",
    b"\x7f",
    b"\x08",
    b"\x0b",
    b"\x0c",
    b";",
    b":",
    b"m",
    b"0",
    b"1",
    b"4",
    b"31",
    b"38;5;208",
    b"38;2;1;2;3",
    b"48:2::1:2:3",
    b"4:0",
    b"?1049h",
    b"\x1b[0m",
    b"\x1b[1;31m",
    b"\x1b[2J",
    b"\x1b[6n",
    b"\x1bc",
    b"\x1b(0",
    b"\x1b]8;;http://x.example\x1b\\",
    b"\x1b]0;title\x07",
    b"\x1bPq#0~\x1b\\",
    b"\r",
    b"\r\n",
    b"\n",
    b"\n\n",
    b"\t",
    b" ",
    // C1 controls raw and UTF-8 encoded (CSI, OSC, DCS, ST, NEL).
    b"\x9b",
    b"\x9c",
    b"\x9d",
    b"\x90",
    b"\x85",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xc2\x9c",
    b"\xc2\x90",
    b"\xc2\x85",
    // Bidi override, BOM, combining acute, ZWJ, CJK, emoji, a wide emoji sequence.
    "\u{202e}".as_bytes(),
    "\u{2067}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{200d}".as_bytes(),
    "修".as_bytes(),
    "🚀".as_bytes(),
    "👨\u{200d}👩\u{200d}👧".as_bytes(),
    // Invalid and truncated UTF-8.
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\xf0\x9f",
    b"\xf0\x9f\x9a",
    b"\xed\xa0\x80",
    // Log line heads: timestamps (good, bad, partial) and workflow markers.
    b"2026-11-25T09:00:01.1234567Z ",
    b"2026-11-25T09:00:01Z",
    b"2026-13-25T09:00:01Z ",
    b"2026-11-25T09:00:01+02:00 ",
    b"2026-11-2",
    b"##[group]",
    b"##[endgroup]",
    b"##[error]",
    b"##[warning]",
    b"##[",
    b"#",
    b"error",
    b"warning",
    // Event stream fields.
    b"data",
    b"data:",
    b"data: ",
    b"event: chunk",
    b"event: end",
    b"id: 42",
    b"id:",
    b"retry: 1500",
    b": keep-alive",
    b"\xef\xbb\xbf",
];

/// Bytes built from `FRAGMENTS`, random bytes and characters, CSI sequences with huge or
/// many parameters; at most `pieces` of them.
pub fn hostile_bytes(pieces: usize) -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        6 => select(FRAGMENTS).prop_map(<[u8]>::to_vec),
        2 => vec(any::<u8>(), 1..8),
        2 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
        2 => vec(select(&b"abcxyz ABC019-_.#/"[..]), 1..16),
        1 => csi(),
    ];
    vec(piece, 0..pieces).prop_map(|pieces| pieces.concat())
}

const CSI_INTRODUCERS: &[&[u8]] = &[b"\x1b[", b"\x9b", b"\xc2\x9b"];

/// `ESC [` (or C1 CSI), parameters of any size and count, an optional intermediate and a
/// final byte: vte keeps 32 parameters, saturates large values and colours must fit a u8.
fn csi() -> impl Strategy<Value = Vec<u8>> {
    (
        select(CSI_INTRODUCERS),
        vec((any::<u64>(), 0u32..4, select(&b";:"[..])), 0..40),
        proptest::option::of(select(&b" !$?>"[..])),
        select(&b"mmmHJKhln@~"[..]),
    )
        .prop_map(|(intro, params, between, last)| {
            let mut out = intro.to_vec();
            for (value, digits, sep) in params {
                // Mostly short numbers (real colours), sometimes the whole u64.
                let value = if digits == 0 {
                    value
                } else {
                    value % 10u64.pow(digits)
                };
                out.extend_from_slice(value.to_string().as_bytes());
                out.push(sep);
            }
            out.extend(between);
            out.push(last);
            out
        })
}

/// The sizes a stream is cut into, cycled: empty pushes included, mostly small pieces.
pub fn chunkings() -> impl Strategy<Value = Vec<usize>> {
    vec(
        prop_oneof![4 => 1usize..8, 1 => Just(0usize), 1 => 8usize..200],
        1..12,
    )
}

/// `bytes` cut into pieces of the `sizes`, cycled; a zero size is an empty piece, and every
/// byte is in some piece.
pub fn pieces<'a>(bytes: &'a [u8], sizes: &[usize]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = bytes;
    let mut sizes = sizes.iter().cycle();
    let mut empties = 0;
    while !rest.is_empty() {
        let size = sizes.next().copied().unwrap_or(1);
        // Sizes all zero would never end: every few empty pieces a byte goes through.
        empties = if size == 0 { empties + 1 } else { 0 };
        let size = if empties > 3 { 1 } else { size };
        let (piece, tail) = rest.split_at(size.min(rest.len()));
        out.push(piece);
        rest = tail;
    }
    out
}
