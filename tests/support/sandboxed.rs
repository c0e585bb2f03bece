//! The real binary against the in-process sandbox: a runtime the test owns, an isolated world
//! with a config pointing at the sandbox, the binary run in that world, and the server read
//! directly.

use crate::isolated::Isolated;
use serde_json::Value;
use shipdeck_sandbox::Sandbox;
use std::path::Path;
use std::process::{Command, Output};

pub struct Sandboxed {
    runtime: tokio::runtime::Runtime,
    sandbox: Sandbox,
    world: Isolated,
}

impl Sandboxed {
    /// `config` is the config file's text; `{url}` in it becomes the sandbox's URL.
    pub fn new(config: &str) -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let sandbox = runtime.block_on(Sandbox::start(0)).unwrap();
        let world = Isolated::new();
        let config = config.replace("{url}", &sandbox.url());
        std::fs::write(world.root().join("cfg.toml"), config).unwrap();
        Self {
            runtime,
            sandbox,
            world,
        }
    }

    pub fn url(&self) -> String {
        self.sandbox.url()
    }

    /// Where the config, state and home directories live.
    pub fn dir(&self) -> &Path {
        self.world.root()
    }

    /// The binary with `--config` in this world (see `Isolated::command`).
    pub fn command(&self, args: &[&str]) -> Command {
        let config = self.dir().join("cfg.toml");
        let mut command = self.world.command(&["--config", config.to_str().unwrap()]);
        command.args(args);
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
