//! Does the token source give a token? The variable is set and not empty, or the command exits
//! 0 in time and prints one. The token itself is never shown.

use super::check::Check;
use super::target::Target;
use crate::config::{Secret, TokenSource};
use std::time::Duration;

/// The check, and the token when there is one (`None` also for a source without a token).
pub async fn check(target: &Target, timeout: Duration) -> (Check, Result<Option<Secret>, ()>) {
    let name = &target.name;
    if target.token == TokenSource::None {
        let detail = "no token configured: requests carry no Authorization header";
        return (Check::pass(name, "token", detail), Ok(None));
    }
    match target.token.read(timeout).await {
        Ok(secret) => {
            let detail = match &target.token {
                TokenSource::Env(var) => format!("${var} is set"),
                TokenSource::Command(cmd) => format!("the command `{cmd}` printed a token"),
                other => format!("{other} supplies one"),
            };
            (Check::pass(name, "token", detail), Ok(Some(secret)))
        }
        Err(e) => {
            let fix = match &target.token {
                TokenSource::Env(var) => format!(
                    "export {var}=... in the shell that runs shipdeck, or change token_env in {}",
                    target.table
                ),
                _ => format!(
                    "run the command by hand to see why, or change token_cmd in {}",
                    target.table
                ),
            };
            (Check::fail(name, "token", e.to_string(), fix), Err(()))
        }
    }
}
