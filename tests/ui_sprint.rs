//! Rendered-frame tests of the sprint screen and standup mode: insta snapshots at fixed sizes,
//! with a fixed clock and a sprint built through the domain types.

#[path = "ui_sprint/checks.rs"]
mod checks;
#[path = "app_sprint/data.rs"]
mod data;
#[path = "support/frame.rs"]
mod frame;

use chrono::{DateTime, TimeDelta, Utc};
use data::{ACTIVE, now, sprints};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::connect;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::pipelines::RunsBackend;
use shipdeck::app::sprint::SprintView;
use shipdeck::app::{Action, Msg, State, update};
use shipdeck::config::{LogsConfig, StandupConfig, StandupOrder, WipPolicy};
use shipdeck::domain::deploy::{
    DeployKind, DeployState, Deployment, DeploymentId, Environment, Health, Service,
};
use shipdeck::domain::pipeline::{Run, RunStatus};
use shipdeck::domain::sprint::SprintRules;
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};
use std::time::Duration;

fn base() -> State {
    let mut state = State::new(WipPolicy::Warn, Duration::from_secs(60));
    let settings = StandupConfig {
        order: StandupOrder::Config,
        ..StandupConfig::default()
    };
    state.sprint = SprintView::new(SprintRules::default(), settings);
    state
}

fn apply(state: &mut State, msg: Msg, when: DateTime<Utc>) {
    update(state, msg, when);
}

fn list(state: &mut State) {
    let listed = SyncEvent::SprintsLoaded { sprints: sprints() };
    apply(state, Msg::Sync(listed), now() - TimeDelta::minutes(3));
}

fn read(state: &mut State, id: u64) {
    let loaded = SyncEvent::SprintLoaded {
        data: Box::new(data::data(id)),
    };
    apply(state, Msg::Sync(loaded), now() - TimeDelta::minutes(2));
}

/// The sprint screen on the active sprint, read two minutes ago.
fn sprint_screen() -> State {
    let mut state = base();
    state.board = Some(data::board());
    apply(&mut state, Msg::Action(Action::ScreenSprint), now());
    list(&mut state);
    read(&mut state, ACTIVE);
    state
}

fn deployment(id: &str, env: &str, by: &str, state: DeployState, hours: i64) -> Deployment {
    Deployment {
        id: DeploymentId(id.into()),
        service: "payments".into(),
        environment: env.into(),
        revision: "9f0e1d2c33".into(),
        version: Some("1.9.0".into()),
        kind: DeployKind::Promote,
        state,
        from_environment: None,
        rollback_of: None,
        created_at: now() - TimeDelta::hours(hours),
        finished_at: None,
        by: Some(by.into()),
        reason: None,
        run_id: None,
        changes: Vec::new(),
    }
}

/// Standup mode on Ana's page, 32 s into her time, with deployments in the state.
fn standup() -> State {
    let mut state = base();
    state.board = Some(data::board());
    let mut backend = BackendView::new("sandbox", false);
    let env = |name: &str, current| Environment {
        name: name.into(),
        protected: name == "prod",
        protection: Vec::new(),
        health: Health::Healthy,
        lock: None,
        current: Some(current),
    };
    backend.services = vec![Service {
        name: "payments".into(),
        repo: None,
        environments: vec![
            env(
                "staging",
                deployment("d-7", "staging", "ana", DeployState::Succeeded, 16),
            ),
            env("prod", {
                let mut failed = deployment("d-8", "prod", "ana", DeployState::Failed, 15);
                failed.run_id = Some("r-88".into());
                failed
            }),
        ],
    }];
    backend.last_synced = Some(now());
    let mut runs = RunsBackend::new("sandbox", true);
    runs.runs = vec![Run {
        id: "r-88".into(),
        service: Some("payments".into()),
        name: "deploy".into(),
        branch: Some("main".into()),
        revision: Some("9f0e1d2c33".into()),
        status: RunStatus::Failed,
        created_at: Some(now() - TimeDelta::hours(15)),
        finished_at: Some(now() - TimeDelta::hours(15) + TimeDelta::minutes(4)),
        url: None,
        jobs: Vec::new(),
    }];
    runs.last_synced = Some(now());
    let backend = connect::Backend {
        deploys: backend,
        runs,
    };
    connect::backends(&mut state, vec![backend], LogsConfig::default(), None);
    let start = now() - TimeDelta::seconds(32);
    apply(&mut state, Msg::Action(Action::ScreenStandup), start);
    list(&mut state);
    let loaded = SyncEvent::SprintLoaded {
        data: Box::new(data::data(ACTIVE)),
    };
    apply(&mut state, Msg::Sync(loaded), start);
    state
}

fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let keymap = Keymap::default();
    let theme = Theme::load("dark", false).unwrap();
    terminal
        .draw(|frame| ui::render(frame, state, &theme, &keymap, now()))
        .unwrap();
    terminal
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

#[test]
fn sprint_80x24() {
    let terminal = draw(&sprint_screen(), 80, 24);
    let text = screen(&terminal);
    assert!(text.contains("Sprint 14"), "{text}");
    assert!(text.contains("[4 Sprint]"), "{text}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn sprint_200x60() {
    let terminal = draw(&sprint_screen(), 200, 60);
    let text = screen(&terminal);
    for words in [
        "Burndown",
        "People",
        "Risks",
        "Velocity",
        "Dana Ortiz",
        "PAY-104",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    assert_snapshot!(terminal.backend());
}

#[test]
fn burnup_120x40() {
    let mut state = sprint_screen();
    apply(&mut state, Msg::Action(Action::ToggleBurnup), now());
    let terminal = draw(&state, 120, 40);
    assert!(screen(&terminal).contains("Burnup"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn failed_refresh_keeps_the_figures() {
    let mut state = sprint_screen();
    apply(&mut state, Msg::Action(Action::Refresh), now());
    let failed = SyncEvent::SprintFailed {
        sprint: Some(ACTIVE),
        error: "Jira answered 503 Service Unavailable".into(),
    };
    apply(&mut state, Msg::Sync(failed), now());
    let terminal = draw(&state, 80, 24);
    let text = screen(&terminal);
    assert!(text.contains("showing data from 2m ago"), "{text}");
    assert!(text.contains("Burndown"), "{text}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn loading_and_failing_before_any_figures() {
    let mut state = base();
    apply(&mut state, Msg::Action(Action::ScreenSprint), now());
    let text = screen(&draw(&state, 80, 24));
    assert!(text.contains("Reading the board's sprints…"), "{text}");
    list(&mut state);
    let text = screen(&draw(&state, 80, 24));
    assert!(text.contains("Reading Sprint 14 and the history"), "{text}");
    let failed = SyncEvent::SprintFailed {
        sprint: Some(ACTIVE),
        error: "Jira rejected the token from $JIRA_API_TOKEN (401)".into(),
    };
    apply(&mut state, Msg::Sync(failed), now());
    let terminal = draw(&state, 80, 24);
    assert!(screen(&terminal).contains("Could not read Sprint 14"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn standup_person_80x24() {
    let terminal = draw(&standup(), 80, 24);
    let text = screen(&terminal);
    for words in ["1 of 5", "0:58", "PAY-110", "Deployments", "Failed runs"] {
        assert!(text.contains(words), "{words}: {text}");
    }
    assert_snapshot!(terminal.backend());
}

#[test]
fn standup_person_200x60() {
    let terminal = draw(&standup(), 200, 60);
    assert_snapshot!(terminal.backend());
}

#[test]
fn standup_paused_250x70() {
    let mut state = standup();
    apply(&mut state, Msg::Action(Action::NextPerson), now());
    apply(&mut state, Msg::Action(Action::PauseStandup), now());
    let terminal = draw(&state, 250, 70);
    assert!(screen(&terminal).contains("paused"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn standup_team_page_80x24() {
    let mut state = standup();
    for _ in 0..5 {
        apply(&mut state, Msg::Action(Action::NextPerson), now());
    }
    let terminal = draw(&state, 80, 24);
    let text = screen(&terminal);
    assert!(text.contains("team"), "{text}");
    assert!(text.contains("In Progress 3/2"), "{text}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn standup_team_page_200x60() {
    let mut state = standup();
    for _ in 0..5 {
        apply(&mut state, Msg::Action(Action::NextPerson), now());
    }
    assert_snapshot!(draw(&state, 200, 60).backend());
}

#[test]
fn a_small_standup_page_says_what_it_cannot_show() {
    let terminal = draw(&standup(), 40, 12);
    let rows: Vec<String> = screen(&terminal).lines().map(String::from).collect();
    // Every title keeps a line under it: an item or how many there are.
    for title in ["In progress", "Moved since"] {
        let at = rows.iter().position(|r| r.contains(title)).unwrap();
        let under = rows[at + 1].trim_matches(|c| c == '"' || c == ' ');
        assert!(
            under.starts_with("PAY-") || under.starts_with('…'),
            "{title}: {rows:#?}"
        );
    }
    assert!(rows.iter().any(|r| r.contains("… 3 items")), "{rows:#?}");
    assert!(
        rows.iter().any(|r| r.contains("… no room for Deployments")),
        "{rows:#?}"
    );
    assert!(rows[11].contains("q quit"), "{rows:#?}");
    assert_snapshot!("standup_40x12", terminal.backend());
}

#[test]
fn a_small_sprint_screen() {
    let terminal = draw(&sprint_screen(), 40, 12);
    let text = screen(&terminal);
    assert!(text.contains("q quit"), "{text}");
    assert_snapshot!("sprint_40x12", terminal.backend());
}
