//! Rendered-frame tests of the pipelines screen: insta snapshots of the run list, a run's tree
//! and the log viewer (search highlights, a folded group, filter mode) at fixed sizes with a
//! fixed clock, plus checks of styles and that every size draws a sound frame.

#[path = "support/frame.rs"]
mod frame;
#[path = "app_pipelines/support.rs"]
mod support;

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::{Action, Msg, State, update};
use shipdeck::domain::pipeline::TailState;
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};
use support::*;

/// A GitHub-style log: timestamps, a finished group, colours, a failing test, an error marker.
const LOG: &str = "\
2026-11-25T09:00:01.1234567Z ##[group]Run actions/checkout@v4
2026-11-25T09:00:01.2000000Z Syncing repository: acme/payments
2026-11-25T09:00:02.0000000Z Checked out 9f0e1d2c33aa
2026-11-25T09:00:02.1000000Z ##[endgroup]
2026-11-25T09:00:03.0000000Z \x1b[1mcargo test --workspace\x1b[0m
2026-11-25T09:00:09.0000000Z running 4 tests
2026-11-25T09:00:09.1000000Z test ledger::import ... \x1b[32mok\x1b[0m
2026-11-25T09:00:09.2000000Z test payments::refund_twice ... \x1b[31mFAILED\x1b[0m
2026-11-25T09:00:09.3000000Z test payments::refund_partial ... \x1b[32mok\x1b[0m
2026-11-25T09:00:09.4000000Z test payments::capture ... \x1b[32mok\x1b[0m
2026-11-25T09:00:10.0000000Z thread 'payments::refund_twice' panicked at src/refund.rs:88:9: refund r-77 was applied twice: the ledger holds 2 entries where 1 was expected
2026-11-25T09:00:10.5000000Z ##[error]Process completed with exit code 101.
";

fn resized(state: &mut State, width: u16, height: u16) {
    update(state, Msg::Resize { width, height }, now());
}

fn draw_with(state: &State, theme: &Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let keymap = Keymap::default();
    terminal
        .draw(|frame| ui::render(frame, state, theme, &keymap, now()))
        .unwrap();
    terminal
}

fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    draw_with(state, &Theme::load("dark", false).unwrap(), width, height)
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

/// The viewer on the failed job with `LOG` read and the tail complete, at `width` x `height`.
fn log_state(width: u16, height: u16) -> State {
    let mut state = viewing(1000);
    resized(&mut state, width, height);
    tail(&mut state, TailState::Following);
    feed(&mut state, LOG);
    tail(&mut state, TailState::Complete);
    state
}

#[test]
fn the_run_list_80x24_with_a_failed_run() {
    let mut state = listed(100);
    resized(&mut state, 80, 24);
    act(&mut state, Action::Down);
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("▸✖ payments Build and deploy r-2"),
        "{screen}"
    );
    assert!(
        screen.contains(" ⟳ payments Build and deploy r-3"),
        "{screen}"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_run_list_200x60() {
    let mut state = listed(100);
    resized(&mut state, 200, 60);
    assert_snapshot!(draw(&state, 200, 60).backend());
}

#[test]
fn the_run_tree_80x24() {
    let mut state = listed(100);
    resized(&mut state, 80, 24);
    act(&mut state, Action::Down);
    act(&mut state, Action::Open);
    let loaded = SyncEvent::RunLoaded {
        backend: 0,
        run: failed_run(),
    };
    update(&mut state, Msg::Sync(loaded), now());
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(screen.contains("▸   ✖ Integration tests"), "{screen}");
    // No job or step took longer than the run it is part of.
    let rows: Vec<&str> = screen.lines().collect();
    let run = seconds_in(rows[1]).expect("the run's duration");
    let parts: Vec<i64> = rows[3..11].iter().filter_map(|r| seconds_in(r)).collect();
    assert_eq!(parts.len(), 6, "{screen}");
    assert!(
        parts.iter().all(|&s| s <= run),
        "{parts:?} in a run of {run}s\n{screen}"
    );
    // The footer offers the deploys only where the header has their tab.
    assert!(
        rows[23].contains("2 deploys") && rows[0].contains("2 Deploys"),
        "{screen}"
    );
    assert_snapshot!(terminal.backend());
}

/// The last duration on a row ("3m00s", "35s"), in seconds.
fn seconds_in(row: &str) -> Option<i64> {
    row.split(|c: char| c.is_whitespace() || c == '"')
        .filter_map(|word| {
            let (minutes, rest) = word.split_once('m').unwrap_or(("0", word));
            let seconds = rest.strip_suffix('s')?;
            Some(minutes.parse::<i64>().ok()? * 60 + seconds.parse::<i64>().ok()?)
        })
        .next_back()
}

#[test]
fn the_log_view_with_search_highlights_and_a_folded_group_80x24() {
    let mut state = log_state(80, 24);
    search(&mut state, "refund");
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("▸ Run actions/checkout@v4 (2 lines)"),
        "{screen}"
    );
    assert!(screen.contains("3/3"), "{screen}");
    assert_snapshot!(terminal.backend());

    // Matches are highlighted, the current one (the last, nearest the end) more strongly.
    let theme = Theme::load("dark", false).unwrap();
    let buffer = terminal.backend().buffer();
    let cell_of = |needle: &str, nth: usize| {
        let rows: Vec<String> = (0..24)
            .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect())
            .collect();
        let (y, row) = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.contains(needle))
            .nth(nth)?;
        let x = row.find(needle)?;
        let col = row[..x].chars().count() as u16;
        Some(&buffer[(col, y as u16)])
    };
    let first = cell_of("refund_twice ...", 0).expect("first match on screen");
    assert_eq!(first.bg, theme.search_match.bg.unwrap());
    let current = cell_of("refund r-77", 0).expect("current match on screen");
    assert_eq!(current.bg, theme.search_current.bg.unwrap());
    // The log's own colour stays where no match is: FAILED in red.
    let failed = cell_of("FAILED", 0).expect("FAILED on screen");
    assert_eq!(failed.fg, Color::Indexed(1));
}

#[test]
fn filter_mode_shows_only_matching_lines_80x24() {
    let mut state = log_state(80, 24);
    search(&mut state, "test");
    act(&mut state, Action::ToggleFilterMode);
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(!screen.contains("Checked out"), "{screen}");
    assert!(screen.contains("only matching lines"), "{screen}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_log_view_200x60_wrapped_with_timestamps_and_the_group_open() {
    let mut state = log_state(200, 60);
    act(&mut state, Action::Top);
    act(&mut state, Action::Open);
    act(&mut state, Action::ToggleTimestamps);
    let terminal = draw(&state, 200, 60);
    let screen = text(&terminal);
    assert!(
        screen.contains("09:00:01 ▾ Run actions/checkout@v4"),
        "{screen}"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_long_line_wraps_and_the_end_stays_in_view_while_following() {
    let mut state = viewing(1000);
    resized(&mut state, 80, 24);
    feed(&mut state, &numbered(1, 40));
    feed(&mut state, &format!("{}END\n", "x".repeat(400)));
    let screen = text(&draw(&state, 80, 24));
    assert!(screen.contains("xxxEND"), "{screen}");
    act(&mut state, Action::ToggleWrap);
    let screen = text(&draw(&state, 80, 24));
    assert!(!screen.contains("END"), "cut, not wrapped: {screen}");
    assert!(screen.contains("x…"), "{screen}");
}

#[test]
fn the_search_being_typed_and_the_dropped_lines_note() {
    let mut state = viewing(10);
    resized(&mut state, 80, 24);
    feed(&mut state, &numbered(1, 30));
    act(&mut state, Action::Filter);
    for c in "line 2".chars() {
        update(&mut state, Msg::Input(c), now());
    }
    let screen = text(&draw(&state, 80, 24));
    assert!(
        screen.contains("⚠ 20 older lines dropped · s saves the whole log"),
        "{screen}"
    );
    assert!(screen.contains("/line 2█"), "{screen}");
}

#[test]
fn every_size_draws_a_sound_frame_and_mono_keeps_the_log_readable() {
    let mut states = vec![("runs", listed(100)), ("log", log_state(40, 12))];
    let mut tree = listed(100);
    act(&mut tree, Action::Open);
    states.push(("run tree", tree));
    let mut typing = log_state(40, 12);
    act(&mut typing, Action::Filter);
    states.push(("log filter", typing));
    let mono = Theme::load("mono", false).unwrap();
    let dark = Theme::load("dark", false).unwrap();
    for (name, state) in &states {
        for size in frame::sizes() {
            frame::check(name, state, &dark, now(), size, &[]);
            frame::check(name, state, &mono, now(), size, &[]);
        }
    }
    let screen = text(&draw_with(&states[1].1, &mono, 40, 12));
    assert!(screen.contains("complete"), "{screen}");
}
