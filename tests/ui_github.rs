//! Rendered-frame tests of what GitHub brings to the screens: a deploy matrix with a production
//! cell waiting for reviewers and its protection rules, the review plan, an Actions run with
//! its re-run question, the log viewer while GitHub has no log yet, a low request budget in
//! the status bar, and a board of `owner/repo#n` and draft keys. Fixed clock and data.

#[path = "ui_github/checks.rs"]
mod checks;
#[path = "ui_github/data.rs"]
mod data;

use data::{board, failed_run, now, running_run, services};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::connect;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::pipelines::RunsBackend;
use shipdeck::app::{Action, Msg, Screen, State, update};
use shipdeck::config::{LogsConfig, WipPolicy};
use shipdeck::domain::RateBudget;
use shipdeck::domain::pipeline::TailState;
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};

fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::load("dark", false).unwrap();
    let keymap = Keymap::default();
    terminal
        .draw(|frame| ui::render(frame, state, &theme, &keymap, now()))
        .unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

fn row(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect::<String>()
        .trim_end()
        .to_string()
}

fn act(state: &mut State, action: Action) {
    update(state, Msg::Action(action), now());
}

fn sync(state: &mut State, event: SyncEvent) {
    update(state, Msg::Sync(event), now());
}

fn new_state(width: u16, height: u16) -> State {
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
    state.viewport = (width, height);
    state
}

/// The deploy screen of a GitHub table, storefront's waiting production cell selected.
fn deploys(width: u16, height: u16) -> State {
    let mut state = new_state(width, height);
    state.has_tracker = false;
    state.screen = Screen::Deploy;
    state.deploy.backends = vec![BackendView::new("acme", false)];
    sync(
        &mut state,
        SyncEvent::DeploysLoaded {
            backend: 0,
            services: services(),
            at: now() - chrono::Duration::minutes(1),
        },
    );
    act(&mut state, Action::Right);
    state
}

/// The pipelines screen with an Actions backend that re-runs and cancels, runs listed.
fn pipelines(width: u16, height: u16) -> State {
    let mut state = new_state(width, height);
    let mut actions = RunsBackend::new("acme", true);
    actions.controls_runs = true;
    actions.counted = true;
    // A [[github]] table is a deploy backend too, as the app connects it.
    let backend = connect::Backend {
        deploys: BackendView::new("acme", false),
        runs: actions,
    };
    connect::backends(&mut state, vec![backend], LogsConfig::default(), None);
    act(&mut state, Action::ScreenPipelines);
    let runs = vec![failed_run(), running_run()];
    let at = now();
    sync(
        &mut state,
        SyncEvent::RunsLoaded {
            backend: 0,
            runs,
            at,
        },
    );
    state
}

fn open_run(state: &mut State, run_id: &str) {
    let view = &state.pipelines;
    let at = view
        .rows()
        .iter()
        .position(|r| view.run_at(*r).is_some_and(|run| run.id == run_id))
        .unwrap();
    state.pipelines.selected = at;
    act(state, Action::Open);
}

#[test]
fn a_production_cell_waiting_for_reviewers_80x24() {
    let state = deploys(80, 24);
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(screen.contains("production ⚑"), "{screen}");
    assert!(screen.contains("⏸ 1.9.0 waiting"), "{screen}");
    let footer = row(&terminal, 23);
    assert!(
        footer.contains("a approve") && footer.contains("x reject"),
        "{footer}"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_history_pane_says_the_protection_rules_120x32() {
    let mut state = deploys(120, 32);
    act(&mut state, Action::Open);
    sync(
        &mut state,
        SyncEvent::HistoryLoaded {
            backend: 0,
            service: "storefront".into(),
            environment: "production".into(),
            deployments: vec![
                data::deployment(
                    "1843390",
                    "production",
                    data::V190,
                    shipdeck::domain::deploy::DeployState::Waiting,
                    4,
                ),
                data::deployment(
                    "1839001",
                    "production",
                    ("1.8.2", "1a2b3c4d5e"),
                    shipdeck::domain::deploy::DeployState::Succeeded,
                    3000,
                ),
            ],
        },
    );
    let terminal = draw(&state, 120, 32);
    let screen = text(&terminal);
    assert!(
        screen.contains("⚑ protected: 2 reviewers: ana-k, marcus-b · wait 5 min · branches: main"),
        "{screen}"
    );
    assert!(screen.contains("waiting for review"), "{screen}");
    // Held for a reviewer is not running: the took column says what holds it.
    let held = screen
        .lines()
        .find(|l| l.contains("⏸ waiting for review"))
        .unwrap();
    assert!(
        held.contains(" waiting  ") && !held.contains("running"),
        "{held}"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_review_plan_asks_for_the_environments_name_80x24() {
    let mut state = deploys(80, 24);
    act(&mut state, Action::Approve);
    for c in "produ".chars() {
        update(&mut state, Msg::Input(c), now());
    }
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("Approve storefront 1.9.0 into production"),
        "{screen}"
    );
    assert!(screen.contains("asked by: mei · waiting 4:00"), "{screen}");
    assert!(
        screen.contains("protection: 2 reviewers: ana-k, marcus-b"),
        "{screen}"
    );
    assert!(screen.contains("Type its name to confirm"), "{screen}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn an_actions_run_with_its_rerun_key_80x24() {
    let mut state = pipelines(80, 24);
    open_run(&mut state, "812");
    sync(
        &mut state,
        SyncEvent::RunLoaded {
            backend: 0,
            run: failed_run(),
        },
    );
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("▸   ✖ Run cargo test --workspace"),
        "{screen}"
    );
    let footer = row(&terminal, 23);
    assert!(footer.contains("R re-run failed"), "{footer}");
    assert!(!footer.contains("cancel run"), "{footer}");
    // The footer offers the deploys only where the header has their tab.
    assert!(footer.contains("2 deploys"), "{footer}");
    assert!(row(&terminal, 0).contains("2 Deploys"), "{screen}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_rerun_question_names_the_run_80x24() {
    let mut state = pipelines(80, 24);
    open_run(&mut state, "812");
    act(&mut state, Action::RerunFailed);
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("Re-run the failed job of run 812 'CI' on"),
        "{screen}"
    );
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_log_viewer_while_github_has_no_log_yet_80x24() {
    let mut state = pipelines(80, 24);
    open_run(&mut state, "813");
    sync(
        &mut state,
        SyncEvent::RunLoaded {
            backend: 0,
            run: running_run(),
        },
    );
    // The cursor starts on the running step; its job's log opens.
    act(&mut state, Action::Open);
    sync(
        &mut state,
        SyncEvent::TailChanged {
            run_id: "813".into(),
            job_id: "4421".into(),
            tail: TailState::Waiting {
                note: "GitHub serves the log when the job ends".into(),
            },
        },
    );
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("⏸ GitHub serves the log when the job ends"),
        "{screen}"
    );
    assert!(screen.contains("⟳ Run cargo test --workspace"), "{screen}");
    assert!(!screen.contains("(no output)"), "{screen}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_low_budget_in_the_status_bar_100x30() {
    let mut state = pipelines(100, 30);
    let reset = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 14, 5, 0).unwrap();
    let budget = |remaining| RateBudget {
        service: "acme".into(),
        resource: "core".into(),
        limit: 5000,
        remaining,
        reset,
    };
    sync(&mut state, SyncEvent::BudgetChanged(budget(2400)));
    assert!(!text(&draw(&state, 100, 30)).contains("requests left"));
    sync(&mut state, SyncEvent::BudgetChanged(budget(312)));
    let terminal = draw(&state, 100, 30);
    let status = row(&terminal, 28);
    assert!(
        status.ends_with("GitHub acme: 312/5000 requests left · resets 14:05"),
        "{status}"
    );
    assert_snapshot!(terminal.backend());
}

/// The board of the acme project, the cursor on the draft.
fn github_board() -> State {
    let mut state = new_state(80, 24);
    state.board = Some(board());
    state.selection.row = 1;
    state.sync.last_synced = Some(now() - chrono::Duration::minutes(1));
    state
}

#[test]
fn a_board_of_github_keys_80x24() {
    let state = github_board();
    let terminal = draw(&state, 80, 24);
    let screen = text(&terminal);
    assert!(screen.contains("storefront#12"), "{screen}");
    assert!(!screen.contains("acme/storefront#12"), "{screen}");
    assert!(screen.contains("draft"), "{screen}");
    assert!(!screen.contains("PVTI"), "{screen}");
    assert_snapshot!(terminal.backend());
}

#[test]
fn a_board_of_github_keys_120x40_filtered_by_the_full_key() {
    let mut state = github_board();
    // The filter still reads the whole key: the owner finds every card of the repo.
    state.filter = "acme/storefront".into();
    state.selection.row = 0;
    let terminal = draw(&state, 120, 40);
    let screen = text(&terminal);
    assert!(screen.contains("storefront#131"), "{screen}");
    assert!(!screen.contains("payments#7"), "{screen}");
    assert_snapshot!(terminal.backend());
}
