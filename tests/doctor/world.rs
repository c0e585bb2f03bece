//! The binary in a world of its own (an isolated home and a cleared environment, so no proxy
//! or certificate setting of the machine leaks in), beside the sandbox.

use crate::sandboxed::Sandboxed;
use serde_json::Value;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

pub use crate::sandboxed::{code, text};

/// Only a guard against a hang: no test waits anywhere near this long.
const HANG_GUARD: Duration = Duration::from_secs(20);

pub struct World {
    pub sandboxed: Sandboxed,
}

impl World {
    pub fn new() -> Self {
        Self {
            sandboxed: Sandboxed::new(""),
        }
    }

    /// Writes the config; `{url}` becomes the sandbox's URL, `{dir}` the config's directory.
    pub fn config(&self, text: &str) {
        let text = text
            .replace("{url}", &self.sandboxed.url())
            .replace("{dir}", &self.sandboxed.dir().display().to_string());
        std::fs::write(self.sandboxed.dir().join("cfg.toml"), text).unwrap();
    }

    /// A file beside the config.
    pub fn file(&self, name: &str, text: &str) {
        std::fs::write(self.sandboxed.dir().join(name), text).unwrap();
    }

    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = self.sandboxed.command(args);
        command.envs(env.iter().copied());
        command
    }

    /// `shipdeck ARGS` with `env`, its output once it ends.
    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        finish(self.command(args, env))
    }

    /// `doctor --format json`: the exit code and the report.
    pub fn doctor(&self, env: &[(&str, &str)]) -> (i32, Value) {
        let out = self.run(&["doctor", "--format", "json"], env);
        let report = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}{}", text(&out.stdout), text(&out.stderr)));
        (code(&out), report)
    }

    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.sandboxed.block_on(future)
    }
}

fn finish(mut command: Command) -> Output {
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    wait.recv_timeout(HANG_GUARD)
        .expect("shipdeck did not finish")
        .unwrap()
}

/// The line of `source`'s `check` in a JSON report.
pub fn line<'a>(report: &'a Value, source: &str, check: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"] == source && c["check"] == check)
        .unwrap_or_else(|| panic!("no {source} {check} line in {report:#}"))
}

/// Every line that did not pass, for a readable assertion message.
pub fn failures(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] != true)
        .map(|c| {
            format!(
                "{} {}: {} ({})",
                c["source"], c["check"], c["detail"], c["fix"]
            )
        })
        .collect()
}
