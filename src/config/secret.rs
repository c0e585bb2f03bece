use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use std::fmt;
use std::process::Stdio;
use std::time::Duration;
use thiserror::Error;

/// A token. Debug and Display never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Where a token is read from; its Display names the source (never the value) so an
/// error like a 401 can say which variable or command to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenSource {
    Env(String),
    Command(String),
    /// The demo sandbox needs no real token.
    Demo,
    /// A deploy backend configured without a token: requests carry no auth header.
    None,
}

impl fmt::Display for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env(name) => write!(f, "${name}"),
            Self::Command(cmd) => write!(f, "the command `{cmd}`"),
            Self::Demo => f.write_str("the demo"),
            Self::None => f.write_str("an unset token_env/token_cmd"),
        }
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum SecretError {
    #[error("the environment variable {0} is not set (it should hold the token)")]
    EnvMissing(String),
    #[error("the token command `{cmd}` failed: {reason}")]
    CommandFailed { cmd: String, reason: String },
    #[error(
        "the token command `{cmd}` did not finish within {seconds} s and was stopped (is it \
         waiting for input? [ui] token_cmd_timeout_seconds gives it longer)"
    )]
    TimedOut { cmd: String, seconds: u64 },
    #[error("{0} gave an empty token")]
    Empty(String),
    /// A newline or escape inside a token would break the request's header, so it is refused
    /// before any request, without showing the token.
    #[error("the token from {0} contains a control character (a line break, tab or escape)")]
    ControlCharacter(String),
}

impl TokenSource {
    /// The token; a command gets `timeout` to print it. Surrounding whitespace (the newline
    /// `echo` adds) is dropped; a control character left inside is an error.
    pub async fn read(&self, timeout: Duration) -> Result<Secret, SecretError> {
        let value = match self {
            Self::Env(name) => {
                std::env::var(name).map_err(|_| SecretError::EnvMissing(name.clone()))?
            }
            Self::Command(cmd) => run(cmd, timeout).await?,
            Self::Demo => return Ok(Secret::new("demo")),
            Self::None => return Err(SecretError::Empty(self.to_string())),
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(SecretError::Empty(self.to_string()));
        }
        if value.chars().any(char::is_control) {
            return Err(SecretError::ControlCharacter(self.to_string()));
        }
        Ok(Secret(value.to_string()))
    }
}

/// Runs `cmd` in its own process group, so that on timeout, or when the app is left before
/// the token arrives (this future dropped), the whole group (a shell and what it started) is
/// stopped, not only the shell.
async fn run(cmd: &str, timeout: Duration) -> Result<String, SecretError> {
    let failed = |reason: String| SecretError::CommandFailed {
        cmd: cmd.to_string(),
        reason,
    };
    let child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        // Not shown: a failing helper can echo its input.
        .stderr(Stdio::null())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    let mut group = Group(
        child
            .id()
            .and_then(|id| i32::try_from(id).ok())
            .map(Pid::from_raw),
    );
    let out = tokio::time::timeout(timeout, child.wait_with_output())
        .await
        .map_err(|_| SecretError::TimedOut {
            cmd: cmd.to_string(),
            seconds: timeout.as_secs(),
        })?
        .map_err(|e| failed(e.to_string()))?;
    // Finished: what it left running on purpose is not ours to stop.
    group.0 = None;
    if !out.status.success() {
        return Err(failed(out.status.to_string()));
    }
    String::from_utf8(out.stdout).map_err(|_| failed("its output is not UTF-8".into()))
}

/// A token command's process group, killed when dropped unless it finished.
struct Group(Option<Pid>);

impl Drop for Group {
    fn drop(&mut self) {
        if let Some(group) = self.0 {
            let _ = killpg(group, Signal::SIGKILL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_secs(10);

    #[test]
    fn debug_hides_value() {
        assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(***)");
    }

    #[tokio::test]
    async fn command_output_is_trimmed() {
        let s = TokenSource::Command("printf ' tok \\n'".into())
            .read(PATIENCE)
            .await
            .unwrap();
        assert_eq!(s.expose(), "tok");
    }

    #[tokio::test]
    async fn failures_name_the_source_not_the_value() {
        let e = TokenSource::Env("SHIPDECK_TEST_NOPE_UNSET".into())
            .read(PATIENCE)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("SHIPDECK_TEST_NOPE_UNSET"));
        let e = TokenSource::Command("echo tok; exit 3".into())
            .read(PATIENCE)
            .await
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the token command `echo tok; exit 3` failed: exit status: 3"
        );
    }

    #[tokio::test]
    async fn a_control_character_inside_is_refused_without_the_token() {
        // The token (42, then 81) is computed, so the command's own text does not hold it.
        for separator in ["\\n", "\\033", "\\t"] {
            let output = format!("printf '%d{separator}%d\\n' $((6*7)) $((9*9))");
            let e = TokenSource::Command(output.clone())
                .read(PATIENCE)
                .await
                .unwrap_err();
            assert_eq!(
                e,
                SecretError::ControlCharacter(format!("the command `{output}`"))
            );
            assert!(!e.to_string().contains("42"), "{e}");
        }
    }

    #[tokio::test]
    async fn a_command_that_never_finishes_is_stopped_and_named() {
        let e = TokenSource::Command("sleep 600".into())
            .read(Duration::from_secs(1))
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the token command `sleep 600` did not finish within 1 s"),
            "{e}"
        );
    }
}
