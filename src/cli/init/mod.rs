//! `shipdeck init`: the first run. Asks which systems the team uses, where each token comes
//! from, lists what the token can see to pick the board and repositories, writes a
//! commented config (never a token) and proves it by loading the board once.
//! Exit 0 written, 1 refused or stopped, 2 without a terminal; 130 after Ctrl-C.

mod check;
mod deploy;
pub mod flow;
mod github;
mod jira;
mod pick;
pub mod plan;
pub mod prompt;
pub mod render;
mod repos;
mod rows;
mod terminal;
mod token;
pub mod write;

use crate::cli::Global;
use flow::{Options, Outcome};
use prompt::Stop;
use std::io::IsTerminal;
use std::process::ExitCode;
use terminal::Terminal;

pub async fn init(global: &Global, force: bool) -> ExitCode {
    let env = std::env::var("SHIPDECK_CONFIG").ok();
    let Some(path) = crate::config::config_path(global.config.as_deref(), env.as_deref()) else {
        eprintln!(
            "shipdeck init: there is no home directory to put the config in; pass --config PATH"
        );
        return ExitCode::from(2);
    };
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "shipdeck init asks questions and needs a terminal on standard input.\n\
             A script can write the config itself: start from config.example.toml (every key is\n\
             explained there) and put it at {} (or point --config or $SHIPDECK_CONFIG at it).",
            path.display()
        );
        return ExitCode::from(2);
    }
    if path.exists() && !force {
        eprintln!(
            "shipdeck init: {} already exists and was left as it is.\n\
             `shipdeck init --force` replaces it; `--config PATH` writes another file.",
            path.display()
        );
        return ExitCode::from(1);
    }
    let mut terminal = Terminal::start();
    let options = Options { path, force };
    let interrupted = async {
        // Without a Ctrl-C handler, the terminal's own SIGINT ends the process: still nothing
        // written, as the file is put in place last.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let outcome = tokio::select! {
        outcome = flow::run(&mut terminal, &options) => outcome,
        () = interrupted => Err(Stop::Interrupted),
    };
    match outcome {
        Ok(Outcome::Written) => ExitCode::SUCCESS,
        Ok(Outcome::NotWritten) => ExitCode::from(1),
        Err(Stop::Interrupted) => {
            eprintln!("\nshipdeck init: stopped (Ctrl-C); nothing was written.");
            ExitCode::from(130)
        }
        Err(Stop::EndOfInput) => {
            eprintln!("\nshipdeck init: the input ended; nothing was written.");
            ExitCode::from(1)
        }
        Err(Stop::Failed(why)) => {
            eprintln!("shipdeck init: {why}; nothing was written.");
            ExitCode::from(1)
        }
    }
}
