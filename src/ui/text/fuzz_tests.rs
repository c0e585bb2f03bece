//! Server text through `sanitize` and onto the screen with `put`, for any Unicode: nothing
//! a terminal would act on survives, and what is drawn takes exactly the cells the layout
//! computed, cut with an ellipsis between characters, never through a wide one.

use super::{fit, put, tail, width};
use crate::domain::text::sanitize;
use proptest::prelude::*;
use proptest::test_runner::Config;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

/// Characters whose width or grouping is easy to get wrong: wide CJK and emoji, combining
/// marks, joiners and variation selectors, halfwidth kana with their sound marks, flags,
/// Hangul jamo, Arabic lam-alef, invisible format characters, controls and escapes.
const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "修",
    "あ",
    "ｶ",
    "\u{ff9e}",
    "\u{ff9f}",
    "e\u{301}",
    "\u{301}",
    "\u{200d}",
    "🚀",
    "👨\u{200d}👩\u{200d}👧",
    "☺",
    "\u{fe0f}",
    "\u{fe0e}",
    "👍\u{1f3fd}",
    "🇫🇷",
    "\u{1f1e6}",
    "\u{1100}\u{1161}",
    "\u{1161}",
    "\u{644}\u{627}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "\u{202e}",
    "\u{2067}",
    "\t",
    "\n",
    "\r",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}31m",
    "\u{1b}[31m",
    "\u{1b}]0;t\u{7}",
    "…",
    "क्ष",
    "ไทย",
    "\u{e0041}",
    "\u{2028}",
];

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 512;
    }
    config.failure_persistence = None;
    config
}

fn raw() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|p| p.concat())
}

/// What the cells `from..to` of line 0 show, a wide character once.
fn drawn(buf: &Buffer, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut x = from;
    while x < to {
        let symbol = buf[(x, 0)].symbol();
        out.push_str(symbol);
        x += symbol.cell_width().max(1);
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sanitised_text_holds_no_control(raw in raw(), newlines in any::<bool>()) {
        let clean = sanitize(&raw, newlines);
        for c in clean.chars() {
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            prop_assert!(!bidi && (!c.is_control() || (newlines && c == '\n')), "{c:?} in {clean:?}");
        }
        prop_assert_eq!(sanitize(&clean, newlines), clean);
    }

    #[test]
    fn put_draws_the_width_it_computed(
        raw in raw(),
        area in 1u16..30,
        x in 0u16..30,
        max in 0usize..40,
    ) {
        draws_as_computed(&sanitize(&raw, false), area, x, max);
    }

    #[test]
    fn tail_keeps_the_most_whole_graphemes_that_fit(raw in raw(), max in 0usize..30) {
        let text = sanitize(&raw, false);
        let end = tail(&text, max);
        let start = text.len() - end.len();
        prop_assert!(width(end) <= max);
        prop_assert!(end.is_empty() || text.grapheme_indices(true).any(|(at, _)| at == start));
        if let Some((at, _)) = text[..start].grapheme_indices(true).next_back() {
            prop_assert!(width(&text[at..]) > max, "{:?} {}", text, max);
        }
    }
}

/// `put` of `text` on a line `area` cells wide: the cells it says it used are the width
/// computed for what it shows, they hold exactly that, cut with an ellipsis between
/// graphemes, and nothing lies after them.
fn draws_as_computed(text: &str, area: u16, x: u16, max: usize) {
    let mut buf = Buffer::empty(Rect::new(0, 0, area, 1));
    let used = put(&mut buf, x, 0, text, max, Style::new());
    if x >= area {
        assert_eq!(used, 0);
        return;
    }
    let room = max.min(usize::from(area - x));
    let shown = fit(text, room);
    assert_eq!(usize::from(used), width(&shown), "{text:?} as {shown:?}");
    assert!(usize::from(used) <= room);
    if width(text) <= room {
        assert_eq!(&*shown, text);
    } else if room > 0 {
        let kept = shown.strip_suffix('…').expect("a cut ends in an ellipsis");
        assert!(text.starts_with(kept));
        let between = text.grapheme_indices(true).any(|(at, _)| at == kept.len());
        assert!(between, "cut inside a character of {text:?}");
    }
    let visible: String = shown.graphemes(true).filter(|g| width(g) > 0).collect();
    assert_eq!(drawn(&buf, x, x + used), visible, "{text:?}");
    for at in x + used..area {
        assert_eq!(buf[(at, 0)].symbol(), " ", "{text:?}");
    }
}

/// Found by `put_draws_the_width_it_computed`: the layout counted a halfwidth sound mark as
/// one cell, the buffer as more, so `put` drew nothing where one cell was planned.
#[test]
fn a_halfwidth_sound_mark_is_drawn_in_the_cells_planned() {
    for max in 0..5 {
        draws_as_computed("\u{ff9e}", 10, 0, max);
        draws_as_computed("ｶﾞｷﾟ", 10, 0, max);
    }
}

/// The same mechanism: a lam-alef is one cell to `str::width` but two graphemes to the
/// buffer, which drew the lam alone and dropped the alef without an ellipsis.
#[test]
fn a_lam_alef_is_drawn_whole_or_cut_with_an_ellipsis() {
    for max in 0..4 {
        draws_as_computed("\u{644}\u{627}", 10, 0, max);
        draws_as_computed("x\u{644}\u{627}y", 10, 2, max);
    }
}
