//! Rendered-frame tests of the board: insta snapshots of the screen at fixed sizes with a
//! fixed clock and data, plus checks that no size or state draws garbage or panics.

#[path = "ui_board/fixture.rs"]
mod fixture;

use chrono::Duration;
use fixture::{board, card, draw, draw_with, now, pending, screen, state};
use insta::assert_snapshot;
use ratatui::style::{Color, Modifier};
use shipdeck::app::Popup;
use shipdeck::domain::IssueKey;
use shipdeck::ui::{Theme, cards_per_page};

#[test]
fn board_80x24_with_banner_and_pending_card() {
    let mut state = state();
    state.banner = Some("Demo: sandbox data on 127.0.0.1 — nothing leaves this machine".into());
    pending(&mut state, "PAY-110", 2);
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn board_80x24_scrolled_to_the_last_column() {
    let mut state = state();
    state.selection.column = 4;
    state.selection.row = 0;
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn board_120x40_read_only_with_note() {
    let mut state = state();
    state.read_only = true;
    state.sync.note = Some("moved PAY-130 to QA".into());
    assert_snapshot!(draw(&state, 120, 40).backend());
}

#[test]
fn board_120x40_swimlanes_and_filter() {
    let mut state = state();
    state.swimlanes = true;
    state.filter = "pay".into();
    state.selection = Default::default();
    assert_snapshot!(draw(&state, 120, 40).backend());
}

#[test]
fn board_40x12_one_column() {
    let mut state = state();
    state.selection.row = 3;
    state.sync.running = true;
    assert_snapshot!(draw(&state, 40, 12).backend());
}

#[test]
fn small_screen_lanes_and_popups() {
    let mut state = state();
    state.swimlanes = true;
    state.selection.row = 2;
    assert_snapshot!("lanes_40x12", draw(&state, 40, 12).backend());
    state.popup = Some(Popup::Help);
    assert_snapshot!("help_40x12", draw(&state, 40, 12).backend());
    state.popup = Some(Popup::Detail(IssueKey("PAY-111".into())));
    assert_snapshot!("detail_40x12", draw(&state, 40, 12).backend());
    state.popup = Some(Popup::ConfirmWip {
        key: IssueKey("PAY-101".into()),
        to: 1,
        message: "In Progress is at its WIP limit (4/4). Move anyway? y/N".into(),
    });
    assert_snapshot!("confirm_40x12", draw(&state, 40, 12).backend());
}

#[test]
fn filter_being_typed() {
    let mut state = state();
    state.filter = "ledger".into();
    state.filter_editing = true;
    state.only_mine = true;
    state.selection = Default::default();
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn wip_confirm_popup() {
    let mut state = state();
    state.popup = Some(Popup::ConfirmWip {
        key: IssueKey("PAY-101".into()),
        to: 1,
        message: "In Progress is at its WIP limit (4/4). Move anyway? y/N".into(),
    });
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn sync_error_with_stale_data() {
    let mut state = state();
    state.sync.last_synced = Some(now() - Duration::minutes(17));
    state.sync.last_error =
        Some("Jira did not answer in 10 s (network): https://example.atlassian.net".into());
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn detail_popup_120x40() {
    let mut state = state();
    pending(&mut state, "PAY-110", 2);
    state.popup = Some(Popup::Detail(IssueKey("PAY-110".into())));
    assert_snapshot!(draw(&state, 120, 40).backend());
}

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
fn help_popup_80x24() {
    let mut state = state();
    state.popup = Some(Popup::Help);
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn help_popup_120x40() {
    let mut state = state();
    state.popup = Some(Popup::Help);
    assert_snapshot!(draw(&state, 120, 40).backend());
}

#[test]
fn long_column_scrolls_to_the_selection() {
    let mut state = state();
    let mut board = board();
    for n in 0..30 {
        board.issues.push(card(
            &format!("OPS-{n}"),
            &format!("Backlog item number {n}"),
            "1",
            None,
            Some(1.0),
            10,
        ));
    }
    state.board = Some(board);
    state.selection.column = 0;
    state.selection.row = 20;
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn loading_and_load_error() {
    let mut state = state();
    state.board = None;
    state.sync.last_synced = None;
    state.sync.running = true;
    assert_snapshot!("loading", draw(&state, 80, 24).backend());
    state.sync.running = false;
    state.sync.last_error = Some("Jira rejected the token from $JIRA_API_TOKEN (401)".into());
    assert_snapshot!("load_error", draw(&state, 80, 24).backend());
}

#[test]
fn empty_sprint() {
    let mut state = state();
    let mut board = board();
    board.issues.clear();
    state.board = Some(board);
    state.selection = Default::default();
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn too_small() {
    assert_snapshot!(draw(&state(), 30, 8).backend());
}

#[test]
fn mono_reads_without_colour() {
    let mut state = state();
    pending(&mut state, "PAY-110", 2);
    let terminal = draw_with(&state, &Theme::load("dark", true).unwrap(), 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let text = screen(&terminal);
    for sign in ["▽ starved", "● full", "▲ over", "▌PAY-111", "PAY-110 ⟳"] {
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
fn every_size_draws_without_panicking() {
    let mut states = vec![state()];
    for popup in [Popup::Help, Popup::Detail(IssueKey("PAY-110".into()))] {
        let mut s = state();
        s.popup = Some(popup);
        states.push(s);
    }
    let mut s = state();
    s.swimlanes = true;
    s.filter_editing = true;
    s.banner = Some("demo".into());
    s.sync.last_error = Some("boom".into());
    states.push(s);
    let mut s = state();
    s.board = None;
    states.push(s);
    for state in &states {
        for w in (0..=250).step_by(7).chain([20, 40, 80, 250]) {
            for h in (0..=70).step_by(5).chain([5, 10, 12, 24, 70]) {
                draw(state, w, h);
            }
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
