use clap::Parser;
use shipdeck::app::deploy::BackendView;
use shipdeck::app::keymap::Keymap;
use shipdeck::app::pipelines::{self, PipelinesView, RunsBackend};
use shipdeck::app::run::{Deps, run};
use shipdeck::app::sprint::SprintView;
use shipdeck::app::{Screen, State};
use shipdeck::audit::AuditLog;
use shipdeck::cli::{Cli, Command, Global, PrintWhat};
use shipdeck::deploy_commands::{self, Guard};
use shipdeck::setup::{self, Session, SetupError};
use shipdeck::ui::Theme;
use shipdeck::{commands, logging, pipelines_commands, sandbox, sprint_commands, sync};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log = logging::init(cli.global.log_level.as_deref());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async_main(cli))
}

async fn async_main(cli: Cli) -> ExitCode {
    match dispatch(cli.command, &cli.global).await {
        Ok(code) => code,
        Err(e) => usage_error(&e),
    }
}

/// Runs a verb; a config that cannot be used, or lacks the tracker or deploy backend the verb
/// needs, is a usage error.
async fn dispatch(command: Option<Command>, global: &Global) -> Result<ExitCode, SetupError> {
    let open = || setup::open(global);
    Ok(match command {
        None => interactive(open().await?, global, Screen::Board).await,
        Some(Command::Standup) => {
            let session = open().await?;
            session.tracker("standup")?;
            interactive(session, global, Screen::Standup).await
        }
        Some(Command::Sandbox { port }) => serve_sandbox(port).await,
        Some(Command::Audit { since, format }) => {
            let log = AuditLog::default_path().map(AuditLog::at);
            deploy_commands::print_audit(log.as_ref(), since, format)
        }
        Some(Command::Print { what }) => {
            let session = open().await?;
            match what {
                PrintWhat::Board { format } => {
                    commands::print_board(session.tracker("print board")?, format).await
                }
                PrintWhat::Deploys { format } => {
                    let deploys = session.deploys("print deploys")?;
                    deploy_commands::print_deploys(deploys, format).await
                }
                PrintWhat::Pipelines { format } => {
                    let deploys = session.deploys("print pipelines")?;
                    pipelines_commands::print_pipelines(deploys, format).await
                }
                PrintWhat::Sprint { format, sprint } => {
                    let tracker = session.tracker("print sprint")?;
                    let rules = session.config.sprint.rules();
                    let now = chrono::Utc::now();
                    sprint_commands::print_sprint(tracker, format, sprint, &rules, now).await
                }
            }
        }
        Some(Command::Move { key, column, force }) => {
            let session = open().await?;
            let policy = session.config.ui.wip_policy;
            commands::move_card(session.tracker("move")?, &key, &column, force, policy).await
        }
        Some(Command::Logs(args)) => {
            let session = open().await?;
            let patterns = &session.config.logs.error_patterns;
            pipelines_commands::logs(session.deploys("logs")?, &args, patterns).await
        }
        Some(Command::Promote(args)) => {
            let session = open().await?;
            let guard = guard(&session, global);
            deploy_commands::promote(session.deploys("promote")?, &args, &guard).await
        }
        Some(Command::Rollback(args)) => {
            let session = open().await?;
            let guard = guard(&session, global);
            deploy_commands::rollback(session.deploys("rollback")?, &args, &guard).await
        }
    })
}

/// The app, opened on `screen`; standup mode is always read-only (it is for a shared screen).
async fn interactive(session: Session, global: &Global, screen: Screen) -> ExitCode {
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

async fn serve_sandbox(port: u16) -> ExitCode {
    match sandbox::Sandbox::start(port).await {
        Ok(server) => {
            let url = server.url();
            println!(
                "shipdeck sandbox: Jira Cloud-shaped API at {url} (board {})",
                sandbox::DEMO_BOARD_ID
            );
            println!(
                "  try: curl -u {}:demo {url}/rest/agile/1.0/board/{}/configuration",
                server.demo_user_email(),
                sandbox::DEMO_BOARD_ID
            );
            println!(
                "  connect shipdeck: [jira] url = \"{url}\", board = {}, email = \"{}\", token_env = \"ANY_NONEMPTY_VAR\"",
                sandbox::DEMO_BOARD_ID,
                server.demo_user_email()
            );
            println!("  deploy protocol v1 at {url}/v1 (no token needed)");
            println!(
                "  GitHub Enterprise-shaped API at {} and GraphQL at {url}/api/graphql (any Bearer token; project {}/{})",
                server.github_api_url(),
                sandbox::DEMO_GITHUB_PROJECT.0,
                sandbox::DEMO_GITHUB_PROJECT.1
            );
            println!(
                "  connect shipdeck: [[deploy]] name = \"sandbox\", kind = \"http\", url = \"{url}\""
            );
            println!("Ctrl+C stops it.");
            let _ = tokio::signal::ctrl_c().await;
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot start the sandbox on port {port}: {e}")),
    }
}

/// What guards promote and rollback: read-only from the flag or config, and the audit log.
fn guard(session: &Session, global: &Global) -> Guard {
    Guard {
        read_only: global.read_only || session.config.ui.read_only,
        audit: AuditLog::default_path().map(AuditLog::at),
    }
}

fn usage_error(e: &SetupError) -> ExitCode {
    eprintln!("shipdeck: {e}");
    ExitCode::from(2)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("shipdeck: {message}");
    ExitCode::from(1)
}
