//! `shipdeck doctor`: checks the config and every source it names — token, proxy, DNS, TCP,
//! TLS, sign-in, scopes, board, clock — and the audit log, one line each with the fix in
//! words. Sources are checked side by side, each step with a short time limit. Exit 0 when
//! all pass, 1 when any fails, 2 for a config that cannot be read.

mod api;
mod audit;
mod check;
mod clock;
mod deploy;
mod dns;
mod github;
mod jira;
mod output;
mod reach;
mod route;
mod scopes;
mod source;
mod target;
mod tcp;
mod tls;
mod token;
mod tunnel;

use super::{Format, Global};
use crate::config::{self, Config, Source};
use crate::setup;
use check::{Check, Checks};
use futures::future::join_all;
use shipdeck_sandbox::Sandbox;
use std::process::ExitCode;
use std::time::Duration;
use target::{Broken, Target};

pub async fn run(global: &Global, format: Format) -> ExitCode {
    // Kept until the checks are done: the demo's server.
    let mut sandbox = None;
    let (config_line, targets, token_timeout) = match global.demo {
        Some(kind) => match Sandbox::start(0).await {
            Ok(started) => {
                let line = Check::pass(
                    check::GENERAL,
                    "config",
                    format!("the built-in demo sandbox at {}", started.url()),
                );
                let targets = target::demo(&started, kind);
                sandbox = Some(started);
                (line, targets, default_timeout())
            }
            Err(e) => {
                eprintln!("shipdeck: cannot start the demo sandbox: {e}");
                return ExitCode::from(1);
            }
        },
        None => match read_config(global) {
            Ok(Some((path, config))) => {
                let line = configured(&path, &config);
                let timeout = Duration::from_secs(config.ui.token_cmd_timeout_seconds);
                (line, target::from_config(&config), timeout)
            }
            Ok(None) => (not_found(), Vec::new(), default_timeout()),
            Err(e) => {
                eprintln!("shipdeck: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let mut checks = vec![config_line, audit::check()];
    let runs = targets.into_iter().map(|t| checks_of(t, token_timeout));
    checks.extend(join_all(runs).await.into_iter().flatten());
    drop(sandbox);
    let checks = Checks::new(checks);
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = output::write(&mut stdout, &checks, format) {
        eprintln!("shipdeck: cannot write the report: {e}");
        return ExitCode::from(1);
    }
    ExitCode::from(if checks.ok { 0 } else { 1 })
}

async fn checks_of(target: Result<Target, Broken>, token_timeout: Duration) -> Vec<Check> {
    match target {
        Ok(target) => source::run(target, token_timeout).await,
        Err(broken) => vec![Check::fail(
            &broken.name,
            "config",
            broken.why,
            "fix the table in the config",
        )],
    }
}

fn default_timeout() -> Duration {
    Duration::from_secs(Config::default().ui.token_cmd_timeout_seconds)
}

/// The config `--config`, `$SHIPDECK_CONFIG` or the XDG dir names; `None` when there is none.
fn read_config(global: &Global) -> Result<Option<(std::path::PathBuf, Config)>, setup::SetupError> {
    match setup::config_source(global)? {
        Source::Demo => Ok(None),
        Source::File(path) => {
            let config = config::load_file(&path)?;
            Ok(Some((path, config)))
        }
    }
}

fn configured(path: &std::path::Path, config: &Config) -> Check {
    let shown = path.display().to_string();
    if config.jira.is_none() && config.deploy.is_empty() && config.github.is_empty() {
        return Check::fail(
            check::GENERAL,
            "config",
            format!("{shown} names no source"),
            "add a [jira], [[deploy]] or [[github]] table (see config.example.toml)",
        );
    }
    Check::pass(check::GENERAL, "config", shown)
}

fn not_found() -> Check {
    let place = directories::ProjectDirs::from("", "", "shipdeck").map_or_else(
        || "~/.config/shipdeck/config.toml".to_string(),
        |d| d.config_dir().join("config.toml").display().to_string(),
    );
    Check::fail(
        check::GENERAL,
        "config",
        format!("no config file: none at {place}, no --config, no $SHIPDECK_CONFIG"),
        format!(
            "run `shipdeck init`, or copy config.example.toml to {place} and fill it in; `shipdeck doctor --demo` checks the demo"
        ),
    )
}
