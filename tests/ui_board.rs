//! Rendered-frame tests of the board: insta snapshots of the screen at fixed sizes with a
//! fixed clock and data, plus checks that no size or state draws garbage or panics.

#[path = "ui_board/arrival.rs"]
mod arrival;
#[path = "ui_board/checks.rs"]
mod checks;
#[path = "ui_board/fixture.rs"]
mod fixture;
#[path = "support/frame.rs"]
mod frame;

use chrono::Duration;
use fixture::{board, card, draw, find, lacks, now, pending, shows, state};
use insta::assert_snapshot;
use shipdeck::app::Popup;
use shipdeck::domain::IssueKey;

#[test]
fn board_80x24_with_banner_and_pending_card() {
    let mut state = state();
    state.banner = Some("Demo: sandbox data on 127.0.0.1 — nothing leaves this machine".into());
    pending(&mut state, "PAY-110", 2);
    let terminal = draw(&state, 80, 24);
    shows(&terminal, &["Demo: sandbox data on 127.0.0.1", "PAY-110 ⟳"]);
    // The moved card shows in Review, the column it was moved to, not In Progress.
    let (x, y) = find(&terminal, "PAY-110").unwrap();
    let review = find(&terminal, "Review").unwrap().0;
    let after_review = find(&terminal, "2 ▶").unwrap().0;
    assert!(x > review && x < after_review, "PAY-110 at ({x}, {y})");
    assert_snapshot!(terminal.backend());
}

#[test]
fn board_80x24_scrolled_to_the_last_column() {
    let mut state = state();
    state.selection.column = 4;
    state.selection.row = 0;
    let terminal = draw(&state, 80, 24);
    shows(&terminal, &["◀ 2", "Done 2", "▌PAY-90"]);
    lacks(&terminal, &["To Do", "▶"]);
    assert_snapshot!(terminal.backend());
}

#[test]
fn board_120x40_read_only_with_note() {
    let mut state = state();
    state.read_only = true;
    state.sync.note = Some("moved PAY-130 to QA".into());
    let terminal = draw(&state, 120, 40);
    shows(&terminal, &["moved PAY-130 to QA", "read-only"]);
    lacks(&terminal, &["move card"]);
    assert_snapshot!(terminal.backend());
}

#[test]
fn board_120x40_swimlanes_and_filter() {
    let mut state = state();
    state.swimlanes = true;
    // Two cards of twelve match: the filter must leave the others out.
    state.filter = "refund".into();
    state.selection = Default::default();
    let terminal = draw(&state, 120, 40);
    shows(
        &terminal,
        &[
            "PAY-102",
            "PAY-91",
            "filter: refund",
            "── Unassigned",
            "no match",
        ],
    );
    lacks(
        &terminal,
        &["PAY-101", "PAY-110", "PAY-120", "PAY-130", "PAY-90 "],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn board_40x12_one_column() {
    let mut state = state();
    state.selection.row = 3;
    state.sync.running = true;
    let terminal = draw(&state, 40, 12);
    shows(
        &terminal,
        &[
            "◀ 1",
            "In Progress 4/4",
            "▌PAY-113",
            "3 ▶",
            "⟳ syncing…",
            "q quit",
        ],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn small_screen_lanes_and_popups() {
    let mut state = state();
    state.swimlanes = true;
    state.selection.row = 2;
    let lanes = draw(&state, 40, 12);
    shows(
        &lanes,
        &["── Ana Kowalski", "── Bo Li", "── Chen Wei", "▌PAY-113"],
    );
    assert_snapshot!("lanes_40x12", lanes.backend());
    state.popup = Some(Popup::Help);
    let help = draw(&state, 40, 12);
    shows(&help, &["Keys", "esc close", "q quit"]);
    assert_snapshot!("help_40x12", help.backend());
    state.popup = Some(Popup::Detail(IssueKey("PAY-111".into())));
    let detail = draw(&state, 40, 12);
    shows(
        &detail,
        &["PAY-111", "Ship the deploy dashboard", "Ana Kowalski"],
    );
    assert_snapshot!("detail_40x12", detail.backend());
    state.popup = Some(Popup::ConfirmWip {
        key: IssueKey("PAY-101".into()),
        to: 1,
        message: "In Progress is at its WIP limit (4/4). Move anyway? y/N".into(),
    });
    let confirm = draw(&state, 40, 12);
    shows(
        &confirm,
        &["Move PAY-101?", "WIP limit", "y move anyway", "y yes  n no"],
    );
    assert_snapshot!("confirm_40x12", confirm.backend());
}

#[test]
fn filter_being_typed() {
    let mut state = state();
    state.filter = "ledger".into();
    state.filter_editing = true;
    state.only_mine = true;
    state.selection = Default::default();
    let terminal = draw(&state, 80, 24);
    // Ana's card about the ledger, and no one else's nor her others.
    shows(&terminal, &["PAY-120", "/ ledger█", "ctrl-c quit"]);
    lacks(&terminal, &["PAY-101", "PAY-121"]);
    assert_snapshot!(terminal.backend());
}

#[test]
fn wip_confirm_popup() {
    let mut state = state();
    state.popup = Some(Popup::ConfirmWip {
        key: IssueKey("PAY-101".into()),
        to: 1,
        message: "In Progress is at its WIP limit (4/4). Move anyway? y/N".into(),
    });
    let terminal = draw(&state, 80, 24);
    shows(
        &terminal,
        &[
            "Move PAY-101?",
            "WIP limit (4/4)",
            "y move anyway",
            "y yes  n no",
        ],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn sync_error_with_stale_data() {
    let mut state = state();
    state.sync.last_synced = Some(now() - Duration::minutes(17));
    state.sync.last_error =
        Some("Jira did not answer in 10 s (network): https://example.atlassian.net".into());
    let terminal = draw(&state, 80, 24);
    shows(
        &terminal,
        &["Jira did not answer in 10 s", "17m ago", "PAY-101"],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn detail_popup_120x40() {
    let mut state = state();
    pending(&mut state, "PAY-110", 2);
    state.popup = Some(Popup::Detail(IssueKey("PAY-110".into())));
    let terminal = draw(&state, 120, 40);
    shows(
        &terminal,
        &[
            "PAY-110",
            "修复支付回调的重复扣款问题",
            "Customers are charged twice",
            "Chen Wei",
        ],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn help_popup_80x24() {
    let mut state = state();
    state.popup = Some(Popup::Help);
    let terminal = draw(&state, 80, 24);
    shows(&terminal, &["Keys", "move card left", "esc close  q quit"]);
    assert_snapshot!(terminal.backend());
}

#[test]
fn help_popup_120x40() {
    let mut state = state();
    state.popup = Some(Popup::Help);
    let terminal = draw(&state, 120, 40);
    shows(
        &terminal,
        &["Keys", "move card left", "swimlanes", "esc close  q quit"],
    );
    assert_snapshot!(terminal.backend());
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
    let terminal = draw(&state, 80, 24);
    // Row 20 of To Do is OPS-18 (PAY-101 and PAY-102 come first), scrolled into view.
    shows(&terminal, &["▌OPS-18", "To Do 32/3+"]);
    lacks(&terminal, &["PAY-101"]);
    assert_snapshot!(terminal.backend());
}

#[test]
fn loading_and_load_error() {
    let mut state = state();
    state.board = None;
    state.sync.last_synced = None;
    state.sync.running = true;
    let loading = draw(&state, 80, 24);
    shows(&loading, &["Loading board…"]);
    assert_snapshot!("loading", loading.backend());
    state.sync.running = false;
    state.sync.last_error = Some("Jira rejected the token from $JIRA_API_TOKEN (401)".into());
    let failed = draw(&state, 80, 24);
    shows(
        &failed,
        &[
            "Could not load the board: Jira rejected the token from $JIRA_API_TOKEN",
            "r to retry",
        ],
    );
    assert_snapshot!("load_error", failed.backend());
}

#[test]
fn empty_sprint() {
    let mut state = state();
    let mut board = board();
    board.issues.clear();
    state.board = Some(board);
    state.selection = Default::default();
    let terminal = draw(&state, 80, 24);
    shows(&terminal, &["No cards in this sprint", "Sprint 14"]);
    lacks(&terminal, &["PAY-"]);
    assert_snapshot!(terminal.backend());
}

#[test]
fn too_small() {
    let terminal = draw(&state(), 30, 8);
    shows(
        &terminal,
        &["terminal too small", "30x8, needs 40x10", "q quit"],
    );
    assert_snapshot!(terminal.backend());
}
