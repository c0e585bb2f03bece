use super::{buffer, lines, lines_in_pieces, texts};
use crate::logs::draft::MAX_TEXT;

#[test]
fn control_characters_are_dropped() {
    assert_eq!(
        texts(b"nul\x00 bel\x07 bs\x08 vt\x0b ff\x0c del\x7f end\nlone\x1b\nnext"),
        ["nul bel bs vt ff del end", "lone", "next"]
    );
}

#[test]
fn screen_cursor_and_title_sequences_are_dropped() {
    assert_eq!(
        texts(
            b"\x1b[2J\x1b[Hclear \x1b[?1049halt\x1b[?1049l \x1b[10;10Hcur\x1b[2Asor \
              \x1b]0;pwned\x07title \x1b]2;x\x1b\\st"
        ),
        ["clear alt cursor title st"]
    );
}

#[test]
fn hyperlink_text_stays_and_its_target_goes() {
    assert_eq!(
        texts(b"see \x1b]8;;https://evil.example/\x1b\\the docs\x1b]8;;\x1b\\ now"),
        ["see the docs now"]
    );
}

#[test]
fn dcs_apc_pm_and_sos_strings_are_dropped() {
    assert_eq!(
        texts(b"a\x1bP1$tq\x1b\\b\x1b_apc\x1b\\c\x1b^pm\x1b\\d\x1bXsos\x1b\\e"),
        ["abcde"]
    );
}

#[test]
fn c1_sequences_are_dropped_in_raw_and_utf8_form() {
    assert_eq!(texts(b"a\x9b31mb"), ["ab"]);
    assert_eq!(texts("a\u{9b}2Jb c\u{9d}0;t\u{7}d".as_bytes()), ["ab cd"]);
    assert_eq!(texts("x\u{90}payload\u{9c}y\u{85}z".as_bytes()), ["xyz"]);
}

#[test]
fn an_unterminated_sequence_ends_with_its_line() {
    assert_eq!(
        texts(b"\x1b]0;never ends\nnext survives\n\x1b[31\nok\n"),
        ["", "next survives", "", "ok"]
    );
}

#[test]
fn tabs_expand_to_multiples_of_eight() {
    assert_eq!(
        texts("a\tb\n\tx\n12345678\ty\n漢\tz".as_bytes()),
        ["a       b", "        x", "12345678        y", "漢      z"]
    );
}

#[test]
fn bidi_overrides_are_dropped() {
    assert_eq!(
        texts("invoice\u{202e}fdp.exe \u{2066}x\u{2069}".as_bytes()),
        ["invoicefdp.exe x"]
    );
}

#[test]
fn carriage_returns_collapse_progress_to_the_last_state() {
    assert_eq!(
        texts(b"10%\r50%\r100%\nabc\r\ndone\r\n\r\rtail\r"),
        ["100%", "abc", "done", "tail"]
    );
    let all = lines(b"\x1b[33mDownloading 1%\rDownloading 99%\x1b[0m\rDone\n");
    assert_eq!(all[0].text, "Done");
    assert!(all[0].runs.is_empty(), "{:?}", all[0].runs);
}

#[test]
fn crlf_lines() {
    assert_eq!(texts(b"one\r\ntwo\r\n"), ["one", "two"]);
}

#[test]
fn utf8_split_across_pushes_is_joined() {
    let input = "é🚀 déploiement\n修复\n".as_bytes();
    let whole = lines(input);
    assert_eq!(whole[0].text, "é🚀 déploiement");
    for size in 1..5 {
        assert_eq!(lines_in_pieces(input, &[size]), whole, "pieces of {size}");
    }
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    assert_eq!(
        texts(b"bad \xff\xfe mid \xc3\x28 cut \xe2\x82\nnext"),
        ["bad \u{fffd}\u{fffd} mid \u{fffd}( cut \u{fffd}", "next"]
    );
}

#[test]
fn escape_split_across_pushes_still_styles() {
    let mut split = buffer(10);
    split.push_bytes(b"\x1b[3");
    split.push_bytes(b"8;5;2");
    split.push_bytes(b"08mred\x1b");
    split.push_bytes(b"[0m\n");
    let whole = lines(b"\x1b[38;5;208mred\x1b[0m\n");
    assert_eq!(split.iter().cloned().collect::<Vec<_>>(), whole);
    assert_eq!(whole[0].runs.len(), 1);
}

#[test]
fn any_split_gives_the_same_lines() {
    let input: &[u8] = b"2026-11-25T09:00:01.1234567Z \x1b[32mok\x1b[0m\tdone\r\n\
        2026-11-25T09:00:02Z ##[group]Build\nplain ascii line\n\x1b]0;t\x07x\xe2\x82\xacy\n\
        ##[error]boom\n50%\r100%\nc1 \xc2\x9d0;t\x07 \xc2\x9b2J split\n\xff tail";
    let whole = lines(input);
    for sizes in [&[1][..], &[2], &[3, 7], &[5, 1, 13], &[29], &[64]] {
        assert_eq!(lines_in_pieces(input, sizes), whole, "pieces {sizes:?}");
    }
}

#[test]
fn a_megabyte_line_is_cut_with_a_note() {
    let mut input = b"\x1b[31m".to_vec();
    input.extend(std::iter::repeat_n(b'x', 1 << 20));
    input.extend_from_slice(b"\nnext\n");
    let all = lines(&input);
    assert_eq!(all.len(), 2);
    let cut = (1 << 20) - MAX_TEXT;
    assert!(all[0].text.starts_with("xxx"));
    assert!(all[0].text.ends_with(&format!("x… ({cut} bytes cut)")));
    assert_eq!(
        all[0].text.len(),
        MAX_TEXT + format!("… ({cut} bytes cut)").len()
    );
    assert_eq!(all[0].runs.len(), 1);
    assert_eq!(all[0].runs[0].end as usize, MAX_TEXT);
    assert_eq!(all[1].text, "next");
}

#[test]
fn a_plain_line_at_the_cap_is_kept_whole() {
    let input = vec![b'y'; MAX_TEXT];
    assert_eq!(texts(&input)[0].len(), MAX_TEXT);
}

#[test]
fn partial_line_is_shown_until_its_newline() {
    let mut buffer = buffer(10);
    assert!(buffer.partial().is_none());
    buffer.push_bytes(b"first\nDownloading 10%\rDownloading 40%");
    assert_eq!(buffer.len(), 1);
    let partial = buffer.partial().expect("a line in progress");
    assert_eq!(partial.text, "Downloading 40%");
    assert_eq!(partial.number, 2);
    buffer.push_bytes(b"\r");
    assert_eq!(
        buffer.partial().map(|l| l.text.as_str()),
        Some("Downloading 40%")
    );
    buffer.push_bytes(b"Downloaded\n");
    assert!(buffer.partial().is_none());
    assert_eq!(buffer.get(1).map(|l| l.text.as_str()), Some("Downloaded"));
}

#[test]
fn finish_turns_the_last_bytes_into_a_line() {
    let mut buffer = buffer(10);
    buffer.push_bytes(b"a\nlast");
    assert_eq!(buffer.len(), 1);
    buffer.finish();
    assert_eq!(buffer.len(), 2);
    assert!(buffer.partial().is_none());
    buffer.finish();
    assert_eq!(buffer.len(), 2);
    assert_eq!(texts(b"a\n"), ["a"]);
}
