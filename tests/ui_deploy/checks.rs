//! Asserts on the deploy screen's words and styles: notes when there is nothing to show, the
//! tabs on the board, stale data, mono, and that every size draws a sound frame.

use crate::data::{dep, now};
use crate::fixture::{
    act, draw, draw_with, history_loaded, row, screen, select, state, with_history,
};
use crate::frame;
use ratatui::style::{Color, Modifier};
use shipdeck::app::deploy::BackendView;
use shipdeck::app::{Action, Msg, Popup, Screen, update};
use shipdeck::sync::SyncEvent;
use shipdeck::ui::Theme;

#[test]
fn history_while_loading() {
    let mut state = state();
    select(&mut state, 0, 2);
    act(&mut state, Action::Open);
    let text = screen(&draw(&state, 100, 30));
    assert!(
        text.contains("payments · prod · history · loading…"),
        "{text}"
    );
}

#[test]
fn notes_when_there_is_nothing_to_show() {
    let mut state = state();
    state.deploy = Default::default();
    let terminal = draw(&state, 100, 24);
    let text = screen(&terminal);
    assert!(
        text.contains(
            "No deploy backend configured: add a [[deploy]] table (see config.example.toml)"
        ),
        "{text}"
    );
    assert_eq!(row(&terminal, 23), " 1 board  ? help  q quit");
    state.deploy.backends = vec![BackendView::new("sandbox", false)];
    state.deploy.backends[0].loading = true;
    let text = screen(&draw(&state, 80, 24));
    assert!(text.contains("Loading deployments…"), "{text}");
    assert!(row(&draw(&state, 80, 24), 22).contains("⟳ syncing…"));

    state.screen = Screen::Board;
    state.board = None;
    state.has_tracker = false;
    let text = screen(&draw(&state, 100, 24));
    assert!(
        text.contains("No tracker configured: add a [jira] table (see config.example.toml)"),
        "{text}"
    );
}

#[test]
fn the_board_shows_the_tabs_and_the_way_to_deploys() {
    let mut state = state();
    state.screen = Screen::Board;
    let terminal = draw(&state, 100, 24);
    let header = row(&terminal, 0);
    assert!(
        header.starts_with("[1 Board] 2 Deploys  Platform"),
        "{header}"
    );
    assert!(row(&terminal, 23).contains("2 deploys  ? help  q quit"));
    // Without deploys there is one screen: no tabs, no hint.
    state.deploy.backends.clear();
    let terminal = draw(&state, 100, 24);
    assert!(row(&terminal, 0).starts_with(" Platform"));
    assert!(!row(&terminal, 23).contains("deploys"));
}

#[test]
fn backend_errors_say_how_old_the_data_is() {
    let mut state = state();
    let failed = SyncEvent::DeploysFailed {
        backend: 0,
        error: "the deploy API answered 503 (server)".into(),
    };
    update(&mut state, Msg::Sync(failed), now());
    let terminal = draw(&state, 100, 24);
    let status = row(&terminal, 22);
    assert!(
        status
            .contains("⚠ sandbox: the deploy API answered 503 (server) · showing data from 2m ago"),
        "{status}"
    );
    assert!(row(&terminal, 2).contains("showing data from 2m ago"));
    // A note from an action outranks it until dismissed.
    state.deploy.error = Some("Promote payments dev → staging: refused (409)".into());
    let status = row(&draw(&state, 100, 24), 22);
    assert!(
        status.contains("⚠ Promote payments dev → staging: refused (409)"),
        "{status}"
    );
}

#[test]
fn mono_reads_without_colour() {
    let mut state = state();
    select(&mut state, 1, 2);
    let terminal = draw_with(&state, &Theme::load("dark", true).unwrap(), 80, 24);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let text = screen(&terminal);
    for sign in [
        "[2 Deploys]",
        "▸ ledger",
        "▌✔ 2.3.1",
        "◐ degraded",
        "✖ 0.9.0 failed",
        "⇡ promotable",
        "🔒",
    ] {
        assert!(text.contains(sign), "missing {sign:?} in\n{text}");
    }
    let marker = buffer.content.iter().find(|c| c.symbol() == "▌").unwrap();
    assert!(marker.modifier.contains(Modifier::REVERSED));
}

#[test]
fn every_size_draws_a_sound_frame() {
    let services = crate::data::services();
    let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
    let mut states = vec![
        ("matrix", state(), names.clone()),
        ("history", with_history(), Vec::new()),
    ];
    let mut planned = state();
    select(&mut planned, 1, 2);
    act(&mut planned, Action::Promote);
    states.push(("promote plan", planned, Vec::new()));
    let mut logged = state();
    select(&mut logged, 2, 1);
    act(&mut logged, Action::ViewLog);
    states.push(("log", logged, Vec::new()));
    let mut helped = state();
    helped.popup = Some(Popup::Help);
    states.push(("help", helped, Vec::new()));
    let mut empty = state();
    empty.deploy.backends.clear();
    states.push(("no backends", empty, Vec::new()));
    let theme = Theme::load("dark", false).unwrap();
    for (name, state, texts) in &states {
        for size in frame::sizes() {
            frame::check(name, state, &theme, now(), size, texts);
        }
    }
}

#[test]
fn a_rollback_plan_names_its_target_and_what_it_undoes() {
    use shipdeck::domain::deploy::DeployState::Succeeded;
    let mut state = state();
    select(&mut state, 1, 2);
    act(&mut state, Action::Open);
    let current = dep(
        "d-22",
        "ledger",
        "prod",
        "2.3.1",
        "23b1aa0c11",
        Succeeded,
        4320,
        "bo",
    );
    let earlier = dep(
        "d-19",
        "ledger",
        "prod",
        "2.2.0",
        "22dd00ee44",
        Succeeded,
        9000,
        "ana",
    );
    history_loaded(&mut state, "ledger", "prod", vec![current, earlier]);
    act(&mut state, Action::Down);
    act(&mut state, Action::Open);
    let text = screen(&draw(&state, 100, 30));
    for line in [
        "Roll back ledger in prod",
        "environment: prod",
        "runs now: 2.3.1 (23b1aa0)",
        "will run: 2.2.0 (22dd00e) · d-19",
        "changes undone:",
        "23b1aa0 Release 2.3.1",
        "prod is protected. Type its name to confirm: █",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn a_promote_plan_says_when_the_history_does_not_reach_what_the_target_runs() {
    let mut state = state();
    select(&mut state, 0, 1);
    act(&mut state, Action::Promote);
    // dev's history holds only what dev runs, not staging's 1.8.0.
    let dev = &state.deploy.backends[0].services[0].environments[0];
    let runs = dev.current.clone().unwrap();
    history_loaded(&mut state, "payments", "dev", vec![runs]);
    let text = screen(&draw(&state, 100, 30));
    for line in [
        "changes:",
        "9f0e1d2 Release 1.9.0",
        "older ones not shown: the history read does not reach back far enough",
        "y confirm · n cancel",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn a_cancel_plan_names_the_deployment_it_stops() {
    let mut state = state();
    select(&mut state, 2, 1);
    act(&mut state, Action::Cancel);
    let terminal = draw(&state, 100, 30);
    let text = screen(&terminal);
    for line in [
        "Cancel d-42 of notifications in staging",
        "will stop: 0.8.3 (08ee44f) · d-42 · in progress 0:42",
        "y confirm · n cancel",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        !text.contains("changes"),
        "a cancel brings no changes:\n{text}"
    );
}

#[test]
fn the_deploy_footer_comes_from_the_keymap() {
    let state = state();
    assert_eq!(
        row(&draw(&state, 120, 30), 29),
        " ←→↑↓ select  enter history  p promote into  R roll back  c cancel  v log  r refresh  \
         1 board  ? help  q quit"
    );
}
