//! Diagnostics go to a file: nothing may be printed while the terminal UI is up.

use std::path::PathBuf;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Where the log file lives: the XDG state dir, else the cache dir.
pub fn log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "shipdeck")?;
    Some(dirs.state_dir().unwrap_or(dirs.cache_dir()).to_path_buf())
}

/// Starts file logging at `level` (default `info`); the guard flushes on drop. Logging is
/// best effort: without a writable dir the app still runs.
pub fn init(level: Option<&str>) -> Option<WorkerGuard> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, "shipdeck.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_new(format!("shipdeck={}", level.unwrap_or("info")))
        .unwrap_or_else(|_| EnvFilter::new("shipdeck=info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
