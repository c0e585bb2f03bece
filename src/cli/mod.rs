//! The command line: clap definitions, dispatch, and one module per verb family. Verbs print
//! for scripts (plain, JSON or tables) and exit 0 done, 1 refused or failed, 2 usage.

mod args;
mod audit;
mod board;
mod deploy;
mod doctor;
mod generate;
pub mod init;
mod outcome;
mod pipelines;
mod sandbox;
mod sprint;
mod table;
mod tui;

pub use args::*;
pub use deploy::{Guard, promote, rollback};
pub use outcome::{Stop, say_waiting};

use crate::app::Screen;
use crate::audit::AuditLog;
use crate::setup::{self, Session, SetupError};
use std::process::ExitCode;

/// Runs what the command line asks for.
pub async fn run(cli: Cli) -> ExitCode {
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
        None => tui::interactive(global, Screen::Board).await?,
        Some(Command::Standup) => tui::interactive(global, Screen::Standup).await?,
        Some(Command::Sandbox { port }) => sandbox::serve(port).await,
        Some(Command::Doctor { format }) => doctor::run(global, format).await,
        Some(Command::Init { force }) => init::init(global, force).await,
        Some(Command::Completions { shell }) => {
            generate::completions(shell, &mut std::io::stdout())
        }
        Some(Command::Man) => generate::man(&mut std::io::stdout()),
        Some(Command::Audit { since, format }) => {
            let log = AuditLog::default_path().map(AuditLog::at);
            audit::print_audit(log.as_ref(), since, format)
        }
        Some(Command::Print { what }) => {
            let session = open().await?;
            match what {
                PrintWhat::Board { format } => {
                    board::print_board(session.tracker("print board")?, format).await
                }
                PrintWhat::Deploys { format } => {
                    let deploys = session.deploys("print deploys")?;
                    deploy::print_deploys(deploys, format).await
                }
                PrintWhat::Pipelines { format } => {
                    let deploys = session.deploys("print pipelines")?;
                    pipelines::print_pipelines(deploys, format).await
                }
                PrintWhat::Sprint { format, sprint } => {
                    let tracker = session.tracker("print sprint")?;
                    let rules = session.config.sprint.rules();
                    let now = chrono::Utc::now();
                    sprint::print_sprint(tracker, format, sprint, &rules, now).await
                }
            }
        }
        Some(Command::Move { key, column, force }) => {
            let session = open().await?;
            let policy = session.config.ui.wip_policy;
            board::move_card(session.tracker("move")?, &key, &column, force, policy).await
        }
        Some(Command::Logs(args)) => {
            let session = open().await?;
            let patterns = &session.config.logs.error_patterns;
            pipelines::logs(session.deploys("logs")?, &args, patterns).await
        }
        Some(Command::Promote(args)) => {
            let session = open().await?;
            let guard = guard(&session, global);
            deploy::promote(session.deploys("promote")?, &args, &guard).await
        }
        Some(Command::Rollback(args)) => {
            let session = open().await?;
            let guard = guard(&session, global);
            deploy::rollback(session.deploys("rollback")?, &args, &guard).await
        }
    })
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
