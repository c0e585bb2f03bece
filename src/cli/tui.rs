//! The full-screen app: refuses where it cannot show, builds the state from the config, shows
//! it at once while the tokens are read, then starts the sync engine and runs the loop until
//! the user leaves.

use super::fail;
use crate::app::connect;
use crate::app::deploy::BackendView;
use crate::app::keymap::Keymap;
use crate::app::pipelines::{self, RunsBackend};
use crate::app::run::{Deps, Link, run, wait};
use crate::app::sprint::SprintView;
use crate::app::{Screen, State, terminal};
use crate::audit::AuditLog;
use crate::cli::Global;
use crate::config::Config;
use crate::setup::{self, Pending, Session, SetupError};
use crate::sync;
use crate::ui::Theme;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The app, opened on `screen`; standup mode is always read-only (it is for a shared screen).
pub async fn interactive(global: &Global, screen: Screen) -> Result<ExitCode, SetupError> {
    if let Some(why) = terminal::check() {
        eprintln!("shipdeck: {why}");
        return Ok(ExitCode::from(2));
    }
    let pending = setup::load(global)?;
    if screen == Screen::Standup && !pending.has_tracker() {
        return Err(SetupError::Missing {
            what: "standup".into(),
            table: "[jira] or [[github]]".into(),
        });
    }
    let config = pending.config();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = match Theme::load(
        global.theme.as_deref().unwrap_or(&config.ui.theme),
        no_color,
    ) {
        Ok(theme) => theme,
        Err(e) => return Ok(fail(&e.to_string())),
    };
    let keymap = match Keymap::new(&config.keys) {
        Ok(keymap) => keymap,
        Err(e) => return Ok(fail(&e.to_string())),
    };
    let mut state = first_state(&config, &pending, global, screen);
    // Installed first so that the terminal is restored before its report.
    let _ = color_eyre::install();
    let mut terminal = match terminal::enter() {
        Ok(terminal) => terminal,
        Err(e) => {
            terminal::leave();
            return Ok(fail(&format!("cannot set up the terminal: {e}")));
        }
    };
    let size = terminal.size().unwrap_or_default();
    state.viewport = (size.width, size.height);
    let deps = Deps { keymap, theme };
    let result = match wait(&mut terminal, &mut state, &deps, pending.connect()).await {
        Ok(Some(Ok(session))) => {
            let link = connected(&mut state, &session);
            let result = run(&mut terminal, state, &deps, link).await;
            drop(session);
            result
        }
        Ok(Some(Err(e))) => {
            terminal::leave();
            return Err(e);
        }
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    };
    terminal::leave();
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => Ok(fail(&format!("terminal error: {e}"))),
    }
}

/// What the first frame knows before any token is read: the config, and what is awaited.
fn first_state(config: &Config, pending: &Pending, global: &Global, screen: Screen) -> State {
    let ui = &config.ui;
    let mut state = State::new(ui.wip_policy, Duration::from_secs(ui.refresh_seconds));
    state.has_tracker = pending.has_tracker();
    state.read_only = global.read_only || ui.read_only || screen == Screen::Standup;
    state.local_offset = chrono::Offset::fix(chrono::Local::now().offset());
    state.screen = screen;
    state.sprint = SprintView::new(config.sprint.rules(), config.standup.clone());
    let waiting = pending.token_commands();
    if !waiting.is_empty() {
        state.sync.running = true;
        state.sync.note = Some(format!("waiting for its token: {}", waiting.join("; ")));
    } else {
        state.sync.note = crate::logging::problem().map(String::from);
    }
    state
}

/// The session's backends into the state, and the sync engine started over its providers.
fn connected(state: &mut State, session: &Session) -> Link {
    state.sync.running = false;
    state.sync.note = crate::logging::problem().map(String::from);
    state.has_tracker = session.tracker.is_some();
    state.banner = session.banner.clone();
    state.dirty = true;
    let backends = session
        .deploys
        .iter()
        .map(|handle| connect::Backend {
            deploys: BackendView {
                deploys_refused: handle.backend.deploys_refused(),
                ..BackendView::new(handle.name.clone(), handle.read_only)
            },
            runs: RunsBackend::of(handle.name.clone(), handle.ci.as_deref()),
        })
        .collect();
    connect::backends(
        state,
        backends,
        session.config.logs.clone(),
        pipelines::default_save_dir(),
    );
    let (engine, events) = sync::spawn(sync::Providers {
        tracker: session.tracker.clone(),
        deploys: session
            .deploys
            .iter()
            .map(|handle| sync::DeployLink {
                backend: handle.backend.clone(),
                ci: handle.ci.clone(),
            })
            .collect(),
        audit: AuditLog::default_path().map(|path| Arc::new(AuditLog::at(path))),
        budgets: session.budgets.clone(),
    });
    Link { engine, events }
}
