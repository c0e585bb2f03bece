//! What every verb shares: why it stopped short, and what it says while it waits.

use std::process::ExitCode;

/// Why a verb stopped short, for the exit status.
#[derive(Debug)]
pub enum Stop {
    /// Refused or failed: exit 1.
    Failed(String),
    /// Usage (an unknown backend, service, run…): exit 2.
    Usage(String),
}

impl Stop {
    pub fn exit(self) -> ExitCode {
        let (message, code) = match self {
            Stop::Failed(m) => (m, 1),
            Stop::Usage(m) => (m, 2),
        };
        eprintln!("shipdeck: {message}");
        ExitCode::from(code)
    }
}

/// Said on stderr while a rate-limited server makes a verb wait.
pub fn say_waiting(wait: std::time::Duration) {
    eprintln!(
        "shipdeck: rate limited; waiting {}s as the server asks",
        wait.as_secs()
    );
}
