//! Rendered-frame tests of the deploy screen: insta snapshots at fixed sizes with a fixed clock
//! and data, plus checks that the selection reads in mono and no size panics.

#[path = "ui_deploy/fixture.rs"]
mod fixture;

use chrono::Duration;
use fixture::{
    act, dep, draw, draw_with, history_loaded, now, row, screen, select, services, state,
    with_changes,
};
use insta::assert_snapshot;
use ratatui::style::{Color, Modifier};
use shipdeck::app::deploy::BackendView;
use shipdeck::app::{Action, Msg, Popup, Screen, update};
use shipdeck::domain::deploy::{DeployKind, DeployState, Service};
use shipdeck::sync::SyncEvent;
use shipdeck::ui::Theme;

#[test]
fn matrix_80x24() {
    let mut state = state();
    select(&mut state, 0, 1);
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn matrix_200x60_with_a_second_backend_out_of_date() {
    let mut state = state();
    let mut argo = BackendView::new("argo-east", true);
    argo.services = vec![Service {
        name: "search".into(),
        repo: Some("acme/search".into()),
        environments: services()[1].environments.clone(),
    }];
    argo.last_synced = Some(now() - Duration::minutes(17));
    argo.last_error = Some("Argo CD did not answer in 10 s (network)".into());
    state.deploy.backends.push(argo);
    select(&mut state, 3, 2);
    assert_snapshot!(draw(&state, 200, 60).backend());
}

/// payments prod's history as the backend returns it, newest first.
fn prod_history() -> Vec<shipdeck::domain::deploy::Deployment> {
    use DeployState::*;
    let mut current = with_changes(
        dep(
            "d-31",
            "payments",
            "prod",
            "1.7.2",
            "7a2c9e1f00",
            Succeeded,
            2 * 1440,
            "mei",
        ),
        &[
            ("7a2c9e1f00", "Retry webhooks with backoff", &["PLAT-212"]),
            ("1b2c3d4e55", "Bump serde to 1.0.215", &[]),
            (
                "5e6f7a8b66",
                "Fix rounding in partial refunds",
                &["PLAT-90", "PLAT-7"],
            ),
        ],
    );
    current.kind = DeployKind::Promote;
    current.reason = Some("weekly release".into());
    let mut rollback = dep(
        "d-28",
        "payments",
        "prod",
        "1.7.1",
        "71aa00bb11",
        Succeeded,
        5 * 1440,
        "ana",
    );
    rollback.kind = DeployKind::Rollback;
    rollback.reason = Some("1.7.0 broke refunds for EUR accounts".into());
    let broken = dep(
        "d-27",
        "payments",
        "prod",
        "1.7.0",
        "70cc00dd22",
        Failed,
        6 * 1440,
        "bo",
    );
    let mut older = dep(
        "d-20",
        "payments",
        "prod",
        "1.6.4",
        "64ee00ff33",
        Succeeded,
        12 * 1440,
        "mei",
    );
    older.kind = DeployKind::Promote;
    vec![current, rollback, broken, older]
}

fn with_history() -> shipdeck::app::State {
    let mut state = state();
    select(&mut state, 0, 2);
    act(&mut state, Action::Open);
    history_loaded(&mut state, "payments", "prod", prod_history());
    state
}

#[test]
fn history_pane_with_changes_and_an_issue_on_the_board() {
    let state = with_history();
    let terminal = draw(&state, 110, 32);
    let text = screen(&terminal);
    assert!(text.contains("PLAT-212 ▸ on board: In Progress"), "{text}");
    assert!(
        !text.contains("PLAT-7 ▸"),
        "PLAT-7 is not on the board: {text}"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn history_80x24() {
    let mut state = with_history();
    act(&mut state, Action::Down);
    assert_snapshot!(draw(&state, 80, 24).backend());
}

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
fn promote_plan_with_changes() {
    use DeployState::*;
    let mut state = state();
    select(&mut state, 0, 1);
    act(&mut state, Action::Promote);
    let loading = screen(&draw(&state, 80, 24));
    assert!(loading.contains("reading history…"), "{loading}");
    let newest = with_changes(
        dep(
            "d-35",
            "payments",
            "dev",
            "1.9.0",
            "9f0e1d2c33",
            Succeeded,
            60,
            "ana",
        ),
        &[
            ("9f0e1d2c33", "Add Apple Pay to checkout", &["PLAT-212"]),
            ("4d5e6f7a88", "Log refund ids", &[]),
        ],
    );
    let failed = dep(
        "d-34",
        "payments",
        "dev",
        "1.8.9",
        "89ab00cd44",
        Failed,
        90,
        "bo",
    );
    let earlier = with_changes(
        dep(
            "d-32",
            "payments",
            "dev",
            "1.8.5",
            "85ef00aa55",
            Succeeded,
            150,
            "ana",
        ),
        &[(
            "85ef00aa55",
            "Rate-limit the refunds endpoint",
            &["PLAT-90", "PLAT-7"],
        )],
    );
    let running = dep(
        "d-30",
        "payments",
        "dev",
        "1.8.0",
        "8e1f0a9b22",
        Succeeded,
        300,
        "mei",
    );
    history_loaded(
        &mut state,
        "payments",
        "dev",
        vec![newest, failed, earlier, running],
    );
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn blocked_plan() {
    let mut state = state();
    select(&mut state, 2, 1);
    act(&mut state, Action::Promote);
    assert_eq!(state.deploy.plan.as_ref().unwrap().blockers.len(), 2);
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn typed_confirmation_with_partial_text() {
    use DeployState::*;
    let mut state = state();
    select(&mut state, 1, 2);
    act(&mut state, Action::Promote);
    let staging = vec![
        with_changes(
            dep(
                "d-24",
                "ledger",
                "staging",
                "2.4.0",
                "24c0ffee00",
                Succeeded,
                1200,
                "bo",
            ),
            &[("24c0ffee00", "Double-entry checks on import", &["PLAT-212"])],
        ),
        dep(
            "d-21",
            "ledger",
            "staging",
            "2.3.1",
            "23b1aa0c11",
            Succeeded,
            5000,
            "bo",
        ),
    ];
    history_loaded(&mut state, "ledger", "staging", staging);
    for c in "pro".chars() {
        update(&mut state, Msg::Input(c), now());
    }
    let terminal = draw(&state, 80, 24);
    assert!(screen(&terminal).contains("Type its name to confirm: pro█"));
    assert_snapshot!(terminal.backend());
    // Narrow: the input moves to its own line and stays whole.
    let narrow = screen(&draw(&state, 40, 20));
    assert!(narrow.contains("pro█"), "{narrow}");
}

#[test]
fn log_view_with_dropped_lines() {
    let mut state = state();
    select(&mut state, 2, 1);
    act(&mut state, Action::ViewLog);
    let mut text = String::new();
    for n in 1..=2030 {
        text.push_str(&format!("[{n:04}] pulling layer sha256:{n:012x}\n"));
    }
    text.push_str("rollout: \u{1b}[32mupdated\u{1b}[0m 2 of 3 pods; waiting for notifications-7f9c4 to report ready before the last one is replaced\n");
    text.push_str("rollout: 2 of 3 pods\r");
    let event = SyncEvent::LogAppended {
        run_id: "run-d-42".into(),
        job: "deploy-staging".into(),
        text,
        complete: false,
    };
    update(&mut state, Msg::Sync(event), now());
    let log = state.deploy.log.as_ref().unwrap();
    assert_eq!(log.dropped, 31);
    assert_snapshot!(draw(&state, 80, 24).backend());
}

#[test]
fn read_only_footer() {
    let mut state = state();
    state.read_only = true;
    let terminal = draw(&state, 80, 24);
    let footer = row(&terminal, 23);
    assert!(footer.contains("read-only"), "{footer}");
    assert!(!footer.contains("promote"), "{footer}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn small_40x12() {
    let mut state = state();
    select(&mut state, 2, 1);
    assert_snapshot!(draw(&state, 40, 12).backend());
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
fn every_size_draws_without_panicking() {
    let mut states = vec![state(), with_history()];
    let mut planned = state();
    select(&mut planned, 1, 2);
    act(&mut planned, Action::Promote);
    states.push(planned);
    let mut logged = state();
    select(&mut logged, 2, 1);
    act(&mut logged, Action::ViewLog);
    states.push(logged);
    let mut helped = state();
    helped.popup = Some(Popup::Help);
    states.push(helped);
    let mut empty = state();
    empty.deploy.backends.clear();
    states.push(empty);
    for state in &states {
        for w in (0..=250).step_by(7).chain([20, 40, 80, 250]) {
            for h in (0..=70).step_by(5).chain([5, 10, 12, 24, 70]) {
                draw(state, w, h);
            }
        }
    }
}
