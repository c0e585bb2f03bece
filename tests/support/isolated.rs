//! The one way tests run the binary: in a world of its own. A temp directory stands in for
//! the home and every XDG directory, and the environment is cleared, so no run reads the
//! config, tokens or proxies of whoever runs the tests, nor writes into their state dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_shipdeck");

pub struct Isolated {
    dir: tempfile::TempDir,
}

impl Default for Isolated {
    fn default() -> Self {
        Self::new()
    }
}

impl Isolated {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for (_, path) in vars(dir.path()) {
            std::fs::create_dir_all(path).unwrap();
        }
        Self { dir }
    }

    /// The directory holding the home and the XDG directories.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The binary with `args`, the environment cleared but for `PATH` and this world's home
    /// and XDG directories, stdin closed.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command.args(args).env_clear().stdin(Stdio::null());
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        for (name, value) in vars(self.root()) {
            command.env(name, value);
        }
        command
    }
}

/// The home and XDG variables for a world rooted at `root`.
pub fn vars(root: &Path) -> [(&'static str, PathBuf); 5] {
    [
        ("HOME", root.join("home")),
        ("XDG_CONFIG_HOME", root.join("config")),
        ("XDG_STATE_HOME", root.join("state")),
        ("XDG_DATA_HOME", root.join("data")),
        ("XDG_CACHE_HOME", root.join("cache")),
    ]
}
