//! The real binary against the in-process sandbox: a runtime the test owns, a temp home with a
//! config pointing at the sandbox, the binary run with that home, and the server read directly.

use serde_json::Value;
use shipdeck_sandbox::Sandbox;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub struct Sandboxed {
    runtime: tokio::runtime::Runtime,
    sandbox: Sandbox,
    dir: tempfile::TempDir,
}

impl Sandboxed {
    /// `config` is the config file's text; `{url}` in it becomes the sandbox's URL.
    pub fn new(config: &str) -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let sandbox = runtime.block_on(Sandbox::start(0)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let config = config.replace("{url}", &sandbox.url());
        std::fs::write(dir.path().join("cfg.toml"), config).unwrap();
        for sub in ["state", "config", "home"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        Self {
            runtime,
            sandbox,
            dir,
        }
    }

    pub fn url(&self) -> String {
        self.sandbox.url()
    }

    /// Where the config, state and home directories live.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The binary with `--config` and this world's XDG dirs and home, stdin closed.
    pub fn command(&self, args: &[&str]) -> Command {
        let root = self.dir();
        let mut command = Command::new(env!("CARGO_BIN_EXE_shipdeck"));
        command
            .arg("--config")
            .arg(root.join("cfg.toml"))
            .args(args)
            .env("XDG_STATE_HOME", root.join("state"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("HOME", root.join("home"))
            .env_remove("SHIPDECK_CONFIG")
            .stdin(Stdio::null());
        command
    }

    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// A GET of the sandbox's own API, for facts the verbs do not print.
    pub fn get_json(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.url());
        self.block_on(async { reqwest::get(&url).await.unwrap().json().await.unwrap() })
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap()
}
