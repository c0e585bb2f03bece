//! Rendered-frame tests of the deploy screen: insta snapshots at fixed sizes with a fixed clock
//! and data (the matrix, history, plans, log); `checks` holds the asserts on words and styles.

#[path = "ui_deploy/checks.rs"]
mod checks;
#[path = "ui_deploy/data.rs"]
mod data;
#[path = "ui_deploy/fixture.rs"]
mod fixture;
#[path = "support/frame.rs"]
mod frame;

use chrono::Duration;
use data::{dep, now, services, with_changes};
use fixture::{act, draw, history_loaded, row, screen, select, shows, state, with_history};
use insta::assert_snapshot;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::{Action, Msg, update};
use shipdeck::domain::deploy::{DeployState, Service};

#[test]
fn matrix_80x24() {
    let mut state = state();
    select(&mut state, 0, 1);
    let terminal = draw(&state, 80, 24);
    shows(
        &terminal,
        &[
            "▸ payments",
            "▌✔ 1.8.0 ⇡ promotable",
            "… sending",
            "⟳ 0.8.3 0:42",
            "bo · was 0.8.2",
            "✖ 0.9.0 failed",
            "🔒 mei",
            "⟳ 2 deploying",
        ],
    );
    assert_snapshot!(terminal.backend());
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
    let terminal = draw(&state, 200, 60);
    shows(
        &terminal,
        &[
            "Deploys · sandbox · argo-east",
            "argo-east · read-only · ⚠ Argo CD did not answer in 10 s (network)",
            "showing data from 17m ago",
            "▸ search",
        ],
    );
    assert_snapshot!(terminal.backend());
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
    let terminal = draw(&state, 80, 24);
    shows(
        &terminal,
        &[
            "payments · prod · history",
            "▌rollback 1.7.1",
            "changes in 1.7.1 (71aa00b):",
        ],
    );
    assert_snapshot!(terminal.backend());
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
    let terminal = draw(&state, 40, 12);
    shows(&terminal, &["▸ notif…", "▌⟳ 0.8.3 0:42", "1 ▶", "q quit"]);
    assert_snapshot!(terminal.backend());
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
    let terminal = draw(&state, 80, 24);
    // Every change between what staging runs and what dev would bring, failed release included.
    shows(
        &terminal,
        &[
            "Promote payments dev → staging",
            "runs now: 1.8.0 (8e1f0a9)",
            "will run: 1.9.0 (9f0e1d2)",
            "9f0e1d2 Add Apple Pay to checkout [PLAT-212]",
            "4d5e6f7 Log refund ids",
            "85ef00a Rate-limit the refunds endpoint [PLAT-90, PLAT-7]",
            "y confirm",
        ],
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn blocked_plan() {
    let mut state = state();
    select(&mut state, 2, 1);
    act(&mut state, Action::Promote);
    assert_eq!(
        state.deploy.plan.as_ref().unwrap().outline.blockers.len(),
        2
    );
    let terminal = draw(&state, 80, 24);
    shows(
        &terminal,
        &[
            "✖ a deployment is already in flight in staging",
            "✖ dev's deployment d-41 of 0.9.0 has not succeeded (failed)",
            "Blocked: nothing will be sent",
        ],
    );
    let footer = row(&terminal, 23);
    assert!(!footer.contains("confirm"), "{footer}");
    assert_snapshot!(terminal.backend());
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
