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
use shipdeck::app::deploy::{BackendView, LogView};
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
        dep("d-31", "payments", "prod", "1.7.2", "7a2c9e1f00", Succeeded, 2 * 1440, "mei"),
        &[
            ("7a2c9e1f00", "Retry webhooks with backoff", &["PLAT-212"]),
            ("1b2c3d4e55", "Bump serde to 1.0.215", &[]),
            ("5e6f7a8b66", "Fix rounding in partial refunds", &["PLAT-90", "PLAT-7"]),
        ],
    );
    current.kind = DeployKind::Promote;
    current.reason = Some("weekly release".into());
    let mut rollback = dep("d-28", "payments", "prod", "1.7.1", "71aa00bb11", Succeeded, 5 * 1440, "ana");
    rollback.kind = DeployKind::Rollback;
    rollback.reason = Some("1.7.0 broke refunds for EUR accounts".into());
    let broken = dep("d-27", "payments", "prod", "1.7.0", "70cc00dd22", Failed, 6 * 1440, "bo");
    let mut older = dep("d-20", "payments", "prod", "1.6.4", "64ee00ff33", Succeeded, 12 * 1440, "mei");
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
    assert!(!text.contains("PLAT-7 ▸"), "PLAT-7 is not on the board: {text}");
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
    assert!(text.contains("payments · prod · history · loading…"), "{text}");
}
