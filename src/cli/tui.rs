//! The full-screen app: builds the state from the session, starts the sync engine and runs the
//! loop until the user leaves.

use super::fail;
use crate::app::deploy::BackendView;
use crate::app::keymap::Keymap;
use crate::app::pipelines::{self, PipelinesView, RunsBackend};
use crate::app::run::{Deps, run};
use crate::app::sprint::SprintView;
use crate::app::{Screen, State};
use crate::audit::AuditLog;
use crate::cli::Global;
use crate::setup::Session;
use crate::sync;
use crate::ui::Theme;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The app, opened on `screen`; standup mode is always read-only (it is for a shared screen).
pub async fn interactive(session: Session, global: &Global, screen: Screen) -> ExitCode {
    let ui = &session.config.ui;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = match Theme::load(global.theme.as_deref().unwrap_or(&ui.theme), no_color) {
        Ok(theme) => theme,
        Err(e) => return fail(&e.to_string()),
    };
    let keymap = match Keymap::new(&session.config.keys) {
        Ok(keymap) => keymap,
        Err(e) => return fail(&e.to_string()),
    };
    let mut state = State::new(ui.wip_policy, Duration::from_secs(ui.refresh_seconds));
    state.has_tracker = session.tracker.is_some();
    state.banner = session.banner.clone();
    state.read_only = global.read_only || ui.read_only || screen == Screen::Standup;
    state.local_offset = chrono::Offset::fix(chrono::Local::now().offset());
    state.screen = screen;
    state.sprint = SprintView::new(
        session.config.sprint.rules(),
        session.config.standup.clone(),
    );
    state.deploy.backends = session
        .deploys
        .iter()
        .map(|handle| BackendView {
            deploys_refused: handle.backend.deploys_refused(),
            ..BackendView::new(handle.name.clone(), handle.read_only)
        })
        .collect();
    state.pipelines = PipelinesView::new(
        session
            .deploys
            .iter()
            .map(|handle| RunsBackend::of(handle.name.clone(), handle.ci.as_deref()))
            .collect(),
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
    // Installed first so that ratatui's hook (restore the terminal) runs before its report.
    let _ = color_eyre::install();
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            ratatui::restore();
            return fail(&format!(
                "cannot set up the terminal (is this a terminal?): {e}"
            ));
        }
    };
    let result = run(
        &mut terminal,
        state,
        Deps {
            engine,
            events,
            keymap,
            theme,
        },
    )
    .await;
    ratatui::restore();
    drop(session);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("terminal error: {e}")),
    }
}
