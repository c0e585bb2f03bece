use clap::Parser;
use shipdeck::cli::{self, Cli, Command};
use shipdeck::logging;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log = logging::init(cli.global.log_level.as_deref());
    // The full-screen app shows it in its status bar instead.
    let full_screen = matches!(cli.command, None | Some(Command::Standup));
    if let Some(problem) = logging::problem().filter(|_| !full_screen) {
        eprintln!("shipdeck: {problem}");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("shipdeck: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(cli::run(cli))
}
