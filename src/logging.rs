//! Diagnostics go to a file: nothing may be printed while the terminal UI is up. Logging is
//! best effort: when the file cannot be written the app runs without it and says so once.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Owner only: the log names hosts, services and people.
const FILE_MODE: u32 = 0o600;

static PROBLEM: OnceLock<String> = OnceLock::new();

/// Where the log file lives: `shipdeck.log` in the state dir.
pub fn log_path() -> Option<PathBuf> {
    crate::state_dir::path().map(|dir| dir.join("shipdeck.log"))
}

/// Keeps file logging going; dropping it flushes the file.
pub struct Logging {
    _guard: Option<WorkerGuard>,
}

/// Starts file logging at `level` (default `info`). When the file cannot be opened there is no
/// file log, and `problem` says why for the one line on stderr or the status bar.
pub fn init(level: Option<&str>) -> Logging {
    let file = match log_path() {
        Some(path) => open(&path).map_err(|e| {
            format!(
                "no log file: cannot write {}: {e}; running without one",
                path.display()
            )
        }),
        None => Err("no log file: no state directory (set $XDG_STATE_HOME or $HOME)".into()),
    };
    let file = match file {
        Ok(file) => file,
        Err(problem) => {
            let _ = PROBLEM.set(problem);
            return Logging { _guard: None };
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = EnvFilter::try_new(format!("shipdeck={}", level.unwrap_or("info")))
        .unwrap_or_else(|_| EnvFilter::new("shipdeck=info"));
    // Fails only when a subscriber is already set (a second init): that one keeps logging.
    let _ = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
    Logging {
        _guard: Some(guard),
    }
}

/// Why there is no log file, once `init` has tried.
pub fn problem() -> Option<&'static str> {
    PROBLEM.get().map(String::as_str)
}

/// Appends to `path` (0600), creating its directory 0700; an existing file is made 0600 too,
/// since older versions created it readable by all.
fn open(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent() {
        crate::state_dir::create(dir)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(FILE_MODE)
        .open(path)?;
    let mode = file.metadata()?.permissions().mode();
    if mode & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(mode & 0o600))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_log_file_and_its_dir_are_private() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("state/shipdeck/shipdeck.log");
        open(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    #[test]
    fn a_readable_log_from_an_older_version_is_closed() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("shipdeck.log");
        std::fs::write(&path, "old line\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        open(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old line\n");
    }

    #[test]
    fn a_directory_in_place_of_the_file_is_an_error_not_a_panic() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("shipdeck.log");
        std::fs::create_dir(&path).unwrap();
        assert!(open(&path).is_err());
    }
}
