//! A fixed clock, three services in dev/staging/prod and a small board for the deploy screen's
//! rendered-frame tests. Text is plain: the provider's mapping sanitises before this point.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shipdeck::app::deploy::{BackendView, Inflight};
use shipdeck::app::keymap::Keymap;
use shipdeck::app::{Action, Msg, Screen, State, update};
use shipdeck::config::WipPolicy;
use shipdeck::domain::deploy::*;
use shipdeck::domain::{Board, BoardKind, Column, Issue, IssueKey, StatusId};
use shipdeck::sync::SyncEvent;
use shipdeck::ui::{self, Theme};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn change(sha: &str, title: &str, keys: &[&str]) -> Change {
    Change {
        sha: sha.into(),
        title: title.into(),
        issue_keys: keys.iter().map(|k| IssueKey(k.to_string())).collect(),
    }
}

/// A deployment of `service` in `env` created `minutes` ago, finished 3m12s later unless
/// it is still moving.
#[allow(clippy::too_many_arguments)]
pub fn dep(
    id: &str,
    service: &str,
    env: &str,
    version: &str,
    rev: &str,
    state: DeployState,
    minutes: i64,
    by: &str,
) -> Deployment {
    let created_at = now() - Duration::minutes(minutes);
    Deployment {
        id: DeploymentId(id.into()),
        service: service.into(),
        environment: env.into(),
        revision: rev.into(),
        version: Some(version.into()),
        kind: DeployKind::Deploy,
        state,
        from_environment: None,
        rollback_of: None,
        created_at,
        finished_at: (!state.is_active()).then(|| created_at + Duration::seconds(192)),
        by: Some(by.into()),
        reason: None,
        run_id: Some(format!("run-{id}")),
        changes: vec![change(rev, &format!("Release {version}"), &[])],
    }
}

fn env(name: &str, current: Deployment) -> Environment {
    Environment {
        name: name.into(),
        protected: name == "prod",
        health: Health::Healthy,
        lock: None,
        current: Some(current),
    }
}

/// payments: staging is behind dev (promotable), prod is locked. ledger: prod is degraded and
/// behind staging. notifications: dev failed, staging moves to 0.8.3, no prod at all.
pub fn services() -> Vec<Service> {
    use DeployState::*;
    let mut payments_prod = env(
        "prod",
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
    );
    payments_prod.lock = Some(Lock {
        by: "mei".into(),
        reason: "change freeze for the quarter-end close".into(),
        until: None,
    });
    let mut ledger_prod = env(
        "prod",
        dep(
            "d-22",
            "ledger",
            "prod",
            "2.3.1",
            "23b1aa0c11",
            Succeeded,
            3 * 1440,
            "bo",
        ),
    );
    ledger_prod.health = Health::Degraded;
    vec![
        Service {
            name: "payments".into(),
            repo: Some("acme/payments".into()),
            environments: vec![
                env(
                    "dev",
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
                ),
                env(
                    "staging",
                    dep(
                        "d-33",
                        "payments",
                        "staging",
                        "1.8.0",
                        "8e1f0a9b22",
                        Succeeded,
                        180,
                        "mei",
                    ),
                ),
                payments_prod,
            ],
        },
        Service {
            name: "ledger".into(),
            repo: Some("acme/ledger".into()),
            environments: vec![
                env(
                    "dev",
                    dep(
                        "d-25",
                        "ledger",
                        "dev",
                        "2.4.0",
                        "24c0ffee00",
                        Succeeded,
                        1440,
                        "bo",
                    ),
                ),
                env(
                    "staging",
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
                ),
                ledger_prod,
            ],
        },
        Service {
            name: "notifications".into(),
            repo: None,
            environments: vec![
                env(
                    "dev",
                    dep(
                        "d-41",
                        "notifications",
                        "dev",
                        "0.9.0",
                        "09aa11bb22",
                        Failed,
                        20,
                        "bo",
                    ),
                ),
                env(
                    "staging",
                    dep(
                        "d-40",
                        "notifications",
                        "staging",
                        "0.8.2",
                        "08cc22dd33",
                        Succeeded,
                        4 * 1440,
                        "ana",
                    ),
                ),
            ],
        },
    ]
}

/// A board with PLAT-212 in progress, so the history can point at it.
pub fn board() -> Board {
    let column = |name: &str, status: &str| Column {
        name: name.into(),
        statuses: vec![StatusId(status.into())],
        min: None,
        max: None,
    };
    let issue = |key: &str, status: &str, status_name: &str| Issue {
        key: IssueKey(key.into()),
        summary: format!("Work for {key}"),
        status: StatusId(status.into()),
        status_name: status_name.into(),
        assignee: None,
        points: None,
        labels: Vec::new(),
        description: String::new(),
        sprint: None,
        url: String::new(),
        status_since: None,
    };
    Board {
        id: 3,
        name: "Platform".into(),
        kind: BoardKind::Kanban,
        columns: vec![
            column("To Do", "1"),
            column("In Progress", "2"),
            column("Done", "3"),
        ],
        issues: vec![
            issue("PLAT-212", "2", "In Progress"),
            issue("PLAT-90", "3", "Done"),
        ],
        sprint: None,
    }
}

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

pub fn with_changes(mut d: Deployment, changes: &[(&str, &str, &[&str])]) -> Deployment {
    d.changes = changes
        .iter()
        .map(|(sha, title, keys)| change(sha, title, keys))
        .collect();
    d
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
