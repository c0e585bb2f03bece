//! Where a token comes from: an environment variable or a command, never the value itself
//! (the file holds only the variable's name or the command). For GitHub, a signed-in `gh`
//! offers its own command.

use super::prompt::{Io, Stop, ask, choose};
use crate::config::{Secret, TokenSource};
use std::process::Stdio;
use std::time::Duration;

/// How long a token command (or `gh auth status`) may take here.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// What the question offers first.
pub struct Offer<'a> {
    /// "Jira", "GitHub", "the deploy backend".
    pub what: &'a str,
    pub env: &'a str,
    pub command: &'a str,
    /// Take the command when the user just presses Enter (a signed-in `gh`).
    pub prefer_command: bool,
}

/// Asks where the token comes from until it can be read.
pub async fn ask_token(io: &mut dyn Io, offer: &Offer<'_>) -> Result<(TokenSource, Secret), Stop> {
    loop {
        if let Some(found) = ask_source(io, offer, false).await? {
            return Ok(found);
        }
    }
}

/// As `ask_token`, with "no token" among the choices (`None`).
pub async fn ask_optional_token(
    io: &mut dyn Io,
    offer: &Offer<'_>,
) -> Result<Option<(TokenSource, Secret)>, Stop> {
    ask_source(io, offer, true).await
}

async fn ask_source(
    io: &mut dyn Io,
    offer: &Offer<'_>,
    optional: bool,
) -> Result<Option<(TokenSource, Secret)>, Stop> {
    let mut options = vec![
        "an environment variable".to_string(),
        "the output of a command".to_string(),
    ];
    if optional {
        options.push("no token (the server asks for none)".to_string());
    }
    let label = format!("Where does shipdeck read the {} token from?", offer.what);
    let default = usize::from(offer.prefer_command);
    loop {
        let source = match choose(io, &label, &options, default).await? {
            0 => TokenSource::Env(ask(io, "Environment variable", Some(offer.env)).await?),
            1 => TokenSource::Command(ask(io, "Command", Some(offer.command)).await?),
            _ => return Ok(None),
        };
        match source.read(COMMAND_TIMEOUT).await {
            Ok(token) => return Ok(Some((source, token))),
            Err(e) => io.say(&format!("  ✘ {e}\n  {}\n", fix(&source))),
        }
    }
}

fn fix(source: &TokenSource) -> String {
    match source {
        TokenSource::Env(name) => format!(
            "Set it and run `shipdeck init` again (export {name}=...), or read the token from \
             a command instead."
        ),
        _ => "Check the command in a shell, or name an environment variable instead.".into(),
    }
}

/// `gh auth status` succeeds (for `host`, unless github.com): `gh auth token` will answer.
pub async fn gh_signed_in(host: Option<&str>) -> bool {
    let mut command = tokio::process::Command::new("gh");
    command.args(["auth", "status"]);
    if let Some(host) = host {
        command.args(["--hostname", host]);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    // No gh on the PATH is simply not signed in.
    matches!(
        tokio::time::timeout(COMMAND_TIMEOUT, command.status()).await,
        Ok(Ok(status)) if status.success()
    )
}

/// The command that prints gh's token for `host` (none for github.com).
pub fn gh_token_command(host: Option<&str>) -> String {
    match host {
        Some(host) => format!("gh auth token --hostname {host}"),
        None => "gh auth token".to_string(),
    }
}
