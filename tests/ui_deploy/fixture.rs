//! Building the deploy screen's state the way a user gets there, and drawing it.

use crate::data::{board, dep, now, prod_history, services};
use chrono::Duration;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::deploy::{BackendView, Inflight};
use shipdeck::app::keymap::Keymap;
use shipdeck::app::{Action, Msg, Screen, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::deploy::*;
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};

/// The deploy screen, loaded through `update`, with notifications staging moving to 0.8.3
/// (started 42 s ago) and a rollback of payments dev sent but not yet answered.
pub fn state() -> State {
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
    state.screen = Screen::Deploy;
    state.board = Some(board());
    state.deploy.backends = vec![BackendView::new("sandbox", false)];
    let loaded = SyncEvent::DeploysLoaded {
        backend: 0,
        services: services(),
        at: now() - Duration::minutes(2),
    };
    update(&mut state, Msg::Sync(loaded), now());
    let mut moving = dep(
        "d-42",
        "notifications",
        "staging",
        "0.8.3",
        "08ee44ff55",
        DeployState::InProgress,
        0,
        "bo",
    );
    moving.created_at = now() - Duration::seconds(42);
    state.deploy.watching.insert(moving.id.clone(), (0, moving));
    state.deploy.inflight.insert(
        IdempotencyKey("key-1".into()),
        Inflight {
            backend: 0,
            service: "payments".into(),
            environment: "dev".into(),
            label: "Roll back payments in dev".into(),
        },
    );
    state
}

/// Moves the cursor to `row`, `env` with the keys a user would press.
pub fn select(state: &mut State, row: usize, env: usize) {
    for action in [Action::Top, Action::Left, Action::Left, Action::Left] {
        act(state, action);
    }
    for _ in 0..row {
        act(state, Action::Down);
    }
    for _ in 0..env {
        act(state, Action::Right);
    }
}

pub fn act(state: &mut State, action: Action) {
    update(state, Msg::Action(action), now());
}

pub fn history_loaded(state: &mut State, service: &str, env: &str, deployments: Vec<Deployment>) {
    let event = SyncEvent::HistoryLoaded {
        backend: 0,
        service: service.into(),
        environment: env.into(),
        deployments,
    };
    update(state, Msg::Sync(event), now());
}

/// payments prod selected and its history open.
pub fn with_history() -> State {
    let mut state = state();
    select(&mut state, 0, 2);
    act(&mut state, Action::Open);
    history_loaded(&mut state, "payments", "prod", prod_history());
    state
}

pub fn draw_with(state: &State, theme: &Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let keymap = Keymap::default();
    terminal
        .draw(|frame| ui::render(frame, state, theme, &keymap, now()))
        .unwrap();
    terminal
}

pub fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    draw_with(state, &Theme::load("dark", false).unwrap(), width, height)
}

/// The screen as text, for asserts that look for words.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

/// One line of the screen, trailing spaces cut.
pub fn row(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Panics, showing the screen, unless every one of `parts` is on it.
pub fn shows(terminal: &Terminal<TestBackend>, parts: &[&str]) {
    let text = screen(terminal);
    for part in parts {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
}
