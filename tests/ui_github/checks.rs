//! Asserts without snapshots on what GitHub brings: a release GitHub already lists, a
//! waiting deployment in the status bar, rate-limit waits, full keys in the detail, and the
//! help's run controls and reviews only where they apply.

use crate::data;
use crate::{act, deploys, draw, github_board, open_run, pipelines, row, sync, text};
use shipdeck::app::Action;
use shipdeck::sync::SyncEvent;

#[test]
fn a_rate_limit_wait_reads_in_minutes() {
    let mut state = pipelines(100, 30);
    sync(
        &mut state,
        SyncEvent::Waiting {
            retry_after: std::time::Duration::from_secs(250),
        },
    );
    let status = row(&draw(&state, 100, 30), 28);
    assert!(
        status.ends_with("rate limited: waiting 4m 10s (until 13:44)"),
        "{status}"
    );
}

#[test]
fn help_lists_the_run_controls_only_where_they_apply() {
    let mut state = pipelines(120, 40);
    open_run(&mut state, "812");
    act(&mut state, Action::Help);
    let screen = text(&draw(&state, 120, 40));
    assert!(screen.contains("re-run failed jobs"), "{screen}");
    assert!(!screen.contains("cancel run"), "{screen}");
    act(&mut state, Action::Close);
    state.pipelines.backends[0].controls_runs = false;
    act(&mut state, Action::Help);
    let screen = text(&draw(&state, 120, 40));
    assert!(!screen.contains("re-run failed jobs"), "{screen}");
}
#[test]
fn a_release_github_already_lists_as_current_has_no_was() {
    let mut state = deploys(80, 24);
    let services = state.deploy.backends[0].services.clone();
    let production = services[0]
        .environments
        .iter()
        .find(|e| e.name == "production")
        .and_then(|e| e.current.clone())
        .expect("production runs something");
    let mut moving = production.clone();
    moving.id = shipdeck::domain::deploy::DeploymentId("run:9".into());
    moving.state = shipdeck::domain::deploy::DeployState::InProgress;
    state
        .deploy
        .watching
        .insert(moving.id.clone(), (0, moving.clone()));
    let screen = text(&draw(&state, 80, 24));
    assert!(!screen.contains(" · was "), "{screen}");
    moving.revision = "0ther0ne".into();
    moving.version = None;
    state.deploy.watching.insert(moving.id.clone(), (0, moving));
    let screen = text(&draw(&state, 80, 24));
    assert!(screen.contains(" · was "), "{screen}");
}

#[test]
fn a_deployment_waiting_for_review_is_not_said_to_be_deploying() {
    let mut state = deploys(120, 32);
    let waiting = data::deployment(
        "1843390",
        "production",
        data::V190,
        shipdeck::domain::deploy::DeployState::Waiting,
        4,
    );
    state
        .deploy
        .watching
        .insert(waiting.id.clone(), (0, waiting));
    let status = row(&draw(&state, 120, 32), 30);
    assert!(status.contains("⏸ 1 waiting for review"), "{status}");
    assert!(!status.contains("deploying"), "{status}");
}

#[test]
fn the_detail_keeps_the_full_key() {
    let mut state = github_board();
    state.selection.row = 0;
    act(&mut state, Action::Open);
    let screen = text(&draw(&state, 120, 40));
    assert!(screen.contains("acme/storefront#12"), "{screen}");
}

#[test]
fn help_lists_reviews_on_a_waiting_cell_only() {
    let mut state = deploys(120, 40);
    act(&mut state, Action::Help);
    let screen = text(&draw(&state, 120, 40));
    assert!(screen.contains("approve deployment"), "{screen}");
    act(&mut state, Action::Close);
    act(&mut state, Action::Left);
    act(&mut state, Action::Help);
    let screen = text(&draw(&state, 120, 40));
    assert!(!screen.contains("approve deployment"), "{screen}");
}
