//! Asserts on the board's words and styles: a card that left, mono, the highlight, escapes,
//! borders beside wide characters, paging, and that every size draws a sound frame.

use crate::fixture::{board, card, draw, draw_with, now, pending, screen, state};
use crate::frame;
use ratatui::style::{Color, Modifier};
use shipdeck::app::Popup;
use shipdeck::domain::IssueKey;
use shipdeck::ui::{Theme, cards_per_page};

#[test]
fn detail_of_a_card_that_left_the_board() {
    let mut state = state();
    state.popup = Some(Popup::Detail(IssueKey("PAY-999".into())));
    let text = screen(&draw(&state, 80, 24));
    assert!(
        text.contains("PAY-999 is no longer on this board."),
        "{text}"
    );
}

#[test]
fn mono_reads_without_colour() {
    let mut state = state();
    pending(&mut state, "PAY-130", 2);
    let terminal = draw_with(&state, &Theme::load("dark", true).unwrap(), 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let text = screen(&terminal);
    for sign in ["▽ starved", "● full", "▲ over", "▌PAY-111", "PAY-130 ⟳"] {
        assert!(text.contains(sign), "missing {sign:?} in\n{text}");
    }
    let selected = buffer.content.iter().find(|c| c.symbol() == "▌").unwrap();
    assert!(selected.modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_selected_card_is_highlighted() {
    let theme = Theme::load("dark", false).unwrap();
    let terminal = draw_with(&state(), &theme, 80, 24);
    let buffer = terminal.backend().buffer();
    let selection_bg = theme.selection.bg.unwrap();
    // Below the header, whose active screen tab has the selection style too.
    let rows: Vec<u16> = (1..24)
        .filter(|&y| (0..80).any(|x| buffer[(x, y)].bg == selection_bg))
        .collect();
    // Exactly the two lines of PAY-111, across the focused column's inside, marked "▌".
    assert_eq!(rows.len(), 2, "{rows:?}");
    for y in rows {
        let lit: Vec<u16> = (0..80)
            .filter(|&x| buffer[(x, y)].bg == selection_bg)
            .collect();
        let (first, last) = (lit[0], lit[lit.len() - 1]);
        assert_eq!(buffer[(first, y)].symbol(), "▌");
        assert_eq!(buffer[(first - 1, y)].symbol(), "│");
        assert_eq!(buffer[(last + 1, y)].symbol(), "│");
        // Only the cell behind a wide glyph (drawn by the terminal in the glyph's style)
        // may lack the highlight.
        for x in first..=last {
            let behind_wide =
                unicode_width::UnicodeWidthStr::width(buffer[(x - 1, y)].symbol()) == 2;
            assert!(
                buffer[(x, y)].bg == selection_bg || behind_wide,
                "({x}, {y})"
            );
        }
    }
}

#[test]
fn escape_sequences_never_reach_the_screen() {
    let mut state = state();
    state.popup = Some(Popup::Detail(IssueKey("PAY-112".into())));
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&state, w, h);
        for cell in &terminal.backend().buffer().content {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "{:?}",
                cell.symbol()
            );
        }
        let text = screen(&terminal);
        assert!(!text.contains("pwned"), "{text}");
        assert!(text.contains("title and clear-screen"), "{text}");
    }
}

#[test]
fn column_borders_stay_aligned_with_cjk_and_emoji() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let terminal = draw(&state(), w, h);
        let buffer = terminal.backend().buffer();
        let top = (0..h).find(|&y| buffer[(0, y)].symbol() == "┌").unwrap();
        let corners: Vec<u16> = (0..w)
            .filter(|&x| matches!(buffer[(x, top)].symbol(), "┌" | "┐"))
            .collect();
        assert!(corners.len() >= 6, "{w}x{h}: {corners:?}");
        // Every card line has its column borders exactly below the corners.
        for y in top + 1..top + 9 {
            for &x in &corners {
                assert_eq!(buffer[(x, y)].symbol(), "│", "{w}x{h} at ({x}, {y})");
            }
        }
    }
}

#[test]
fn every_size_draws_a_sound_frame() {
    let summaries: Vec<String> = board().issues.iter().map(|i| i.summary.clone()).collect();
    let summaries: Vec<&str> = summaries.iter().map(String::as_str).collect();
    let mut states = vec![("board", state(), summaries.clone())];
    // The detail popup wraps the summary over lines: no one-line texts to look for there.
    for (name, popup) in [
        ("help", Popup::Help),
        ("detail", Popup::Detail(IssueKey("PAY-110".into()))),
    ] {
        let mut s = state();
        s.popup = Some(popup);
        states.push((name, s, Vec::new()));
    }
    let mut s = state();
    s.swimlanes = true;
    s.filter_editing = true;
    s.banner = Some("demo".into());
    s.sync.last_error = Some("boom".into());
    states.push(("lanes, filter, banner, error", s, summaries.clone()));
    let mut s = state();
    s.board = None;
    states.push(("loading", s, Vec::new()));
    let theme = Theme::load("dark", false).unwrap();
    for (name, state, texts) in &states {
        for size in frame::sizes() {
            frame::check(name, state, &theme, now(), size, texts);
        }
    }
}

#[test]
fn cards_per_page_matches_what_is_drawn() {
    assert_eq!(cards_per_page(24), 9);
    assert_eq!(cards_per_page(12), 7);
    assert_eq!(cards_per_page(5), 1);
    let mut state = state();
    let mut board = board();
    for n in 0..40 {
        board
            .issues
            .push(card(&format!("OPS-{n}"), "Backlog", "5", None, None, 1));
    }
    let done = board.count(4);
    state.board = Some(board);
    state.selection = shipdeck::app::state::Selection { column: 4, row: 0 };
    for height in [24, 12, 40] {
        let text = screen(&draw(&state, 120, height));
        let hidden = done - cards_per_page(height);
        assert!(
            text.contains(&format!("↓ {hidden} more")),
            "{height}: {text}"
        );
    }
}
