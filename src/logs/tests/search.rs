use super::buffer;
use crate::logs::{LogBuffer, Search, find_all, match_ranges};

fn filled(text: &[u8], max_lines: usize) -> LogBuffer {
    let mut buffer = buffer(max_lines);
    buffer.push_bytes(text);
    buffer
}

#[test]
fn finds_every_matching_line_ignoring_case() {
    let buffer = filled(
        b"Alpha beta\nALPHA\ngamma\nalphabet\n\x1b[31mal\x1b[0mpha\n",
        100,
    );
    let search = find_all(&buffer, "aLpHa");
    assert_eq!(search.lines, [0, 1, 3, 4]);
    assert_eq!(search.count(), 4);
    assert_eq!(search.needle, "aLpHa");
}

#[test]
fn empty_needle_matches_nothing() {
    let buffer = filled(b"a\nb\n", 10);
    assert_eq!(find_all(&buffer, "").count(), 0);
    assert!(match_ranges("abc", "").is_empty());
}

#[test]
fn ranges_are_non_overlapping_bytes() {
    assert_eq!(match_ranges("aXa xa XA", "xa"), [(1, 3), (4, 6), (7, 9)]);
    assert_eq!(match_ranges("aaaa", "aa"), [(0, 2), (2, 4)]);
    assert_eq!(match_ranges("aab", "ab"), [(1, 3)]);
    assert_eq!(match_ranges("zap", "ZAPS"), []);
    assert_eq!(match_ranges("HTTP 404, 404", "404"), [(5, 8), (10, 13)]);
}

#[test]
fn non_ascii_needles_fold_case_by_character() {
    assert_eq!(
        match_ranges("Déploiement DÉPLOI", "dépl"),
        [(0, 5), (13, 18)]
    );
    assert_eq!(match_ranges("修复 🚀 修复", "修复"), [(0, 6), (12, 18)]);
    let buffer = filled("ÉCHEC\nok\n".as_bytes(), 10);
    assert_eq!(find_all(&buffer, "échec").lines, [0]);
}

#[test]
fn ascii_needles_do_not_match_inside_other_characters() {
    assert_eq!(match_ranges("é", "e"), []);
    assert_eq!(match_ranges("Ⅹa xa", "XA"), [(5, 7)]);
}

#[test]
fn next_prev_and_ordinal() {
    let search = Search {
        needle: "x".to_owned(),
        lines: vec![2, 5, 9],
    };
    assert_eq!(search.next_after(0), Some(2));
    assert_eq!(search.next_after(2), Some(5));
    assert_eq!(search.next_after(9), None);
    assert_eq!(search.prev_before(9), Some(5));
    assert_eq!(search.prev_before(2), None);
    assert_eq!(search.prev_before(100), Some(9));
    assert_eq!(search.ordinal(5), Some(2));
    assert_eq!(search.ordinal(6), None);
    assert_eq!(Search::default().next_after(0), None);
}

#[test]
fn update_catches_up_with_new_and_dropped_lines() {
    let mut buffer = filled(b"hit 1\nmiss\nhit 3\n", 5);
    let mut search = find_all(&buffer, "HIT");
    let mark = buffer.mark();
    buffer.push_bytes(b"miss\nhit 5\nhi");
    search.update(&buffer, mark);
    assert_eq!(search.lines, find_all(&buffer, "hit").lines);
    let mark = buffer.mark();
    buffer.push_bytes(b"t 6\nhit 7\nmiss\nmiss\n");
    search.update(&buffer, mark);
    let fresh = find_all(&buffer, "HIT");
    assert_eq!(search.lines, fresh.lines);
    assert_eq!(search.lines, [0, 1, 2]);
    let mark = buffer.mark();
    buffer.push_bytes(b"a\nb\nc\nd\ne\nhit\n");
    search.update(&buffer, mark);
    assert_eq!(search.lines, [4]);
}

#[test]
fn the_byte_scanned_for_never_changes_the_result() {
    use crate::logs::matcher::{ByteRank, Matcher};
    let texts = [
        "request timed out: TIMEOUT after 30s (timeout=30)",
        "mmmm tttt timeou timeout",
        "Timeout",
        "t",
    ];
    // One rank from the texts, one that makes every needle byte look common instead.
    let ranks = [
        ByteRank::typical(),
        ByteRank::sampled(texts.into_iter()),
        ByteRank::sampled(std::iter::repeat_n("timeout", 50)),
    ];
    for needle in ["timeout", "TiMeOuT", "t", "out:", "(timeout=30)"] {
        let expected = match_ranges(texts[0], needle);
        for rank in &ranks {
            let matcher = Matcher::new(needle, rank);
            for text in texts {
                let mut found = Vec::new();
                let mut from = 0;
                while let Some((start, end)) = matcher.find(text, from) {
                    found.push((start, end));
                    from = end;
                }
                assert_eq!(found, match_ranges(text, needle), "{needle} in {text}");
            }
            assert_eq!(matcher.find(texts[0], 0), expected.first().copied());
        }
    }
}
