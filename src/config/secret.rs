use std::fmt;
use std::process::Command;
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
    #[error("{0} gave an empty token")]
    Empty(String),
}

impl TokenSource {
    pub fn read(&self) -> Result<Secret, SecretError> {
        let value = match self {
            Self::Env(name) => {
                std::env::var(name).map_err(|_| SecretError::EnvMissing(name.clone()))?
            }
            Self::Command(cmd) => run(cmd)?,
            Self::Demo => return Ok(Secret::new("demo")),
            Self::None => return Err(SecretError::Empty(self.to_string())),
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(SecretError::Empty(self.to_string()));
        }
        Ok(Secret(value))
    }
}

fn run(cmd: &str) -> Result<String, SecretError> {
    let failed = |reason: String| SecretError::CommandFailed {
        cmd: cmd.to_string(),
        reason,
    };
    let out = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| failed(e.to_string()))?;
    if !out.status.success() {
        // stderr may be useful but is not shown: a failing helper can echo its input.
        return Err(failed(out.status.to_string()));
    }
    String::from_utf8(out.stdout).map_err(|_| failed("its output is not UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_value() {
        assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(***)");
    }

    #[test]
    fn command_output_is_trimmed() {
        let s = TokenSource::Command("printf ' tok \\n'".into())
            .read()
            .unwrap();
        assert_eq!(s.expose(), "tok");
    }

    #[test]
    fn failures_name_the_source_not_the_value() {
        let e = TokenSource::Env("SHIPDECK_TEST_NOPE_UNSET".into())
            .read()
            .unwrap_err();
        assert!(e.to_string().contains("SHIPDECK_TEST_NOPE_UNSET"));
        let e = TokenSource::Command("echo tok; exit 3".into())
            .read()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the token command `echo tok; exit 3` failed: exit status: 3"
        );
    }
}
