//! `print pipelines` and `logs` end to end: the real binary against the in-process sandbox's
//! deploy protocol, with its own config and home directories.

#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/sandboxed.rs"]
mod sandboxed;

use sandboxed::{Sandboxed, code, text};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

/// The sandbox world with one `[[deploy]]` table pointing at it.
struct World(Sandboxed);

impl World {
    fn new() -> Self {
        World(Sandboxed::new(
            "[[deploy]]\nname = \"sandbox\"\nkind = \"http\"\nurl = \"{url}\"\n",
        ))
    }

    fn command(&self, args: &[&str]) -> Command {
        self.0.command(args)
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `print pipelines --format json`, parsed.
    fn runs(&self) -> Vec<Value> {
        let out = self.run(&["print", "pipelines", "--format", "json"]);
        assert_eq!(code(&out), 0, "{}", text(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["runs"].as_array().unwrap().clone()
    }

    /// The newest run that ended with `status`, and its first job with that status. Read
    /// from the server: `print pipelines` shows only the latest runs.
    fn ended(&self, status: &str) -> (String, String) {
        let page = self.0.get_json("/v1/runs?limit=100");
        let runs = page["runs"].as_array().unwrap();
        let run = runs
            .iter()
            .find(|r| r["status"] == status)
            .unwrap_or_else(|| panic!("no {status} run"));
        let job = run["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["status"] == status)
            .unwrap();
        (str(&run["id"]), str(&job["id"]))
    }

    /// Starts a promote on the sandbox; returns its run id.
    fn promote(&self) -> String {
        let url = format!("{}/v1/services/payments/promote", self.0.url());
        let body: Value = self.0.block_on(async {
            reqwest::Client::new()
                .post(&url)
                .header("idempotency-key", "5b0e7c1a-9d7f-4c55-8a53-0e1f2a3b4c5d")
                .json(&serde_json::json!({"from": "staging", "to": "prod"}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap()
        });
        str(&body["deployment"]["run_id"])
    }
}

fn str(value: &Value) -> String {
    value.as_str().unwrap().to_string()
}

#[test]
fn print_pipelines_json_lists_runs_newest_first() {
    let world = World::new();
    let runs = world.runs();
    assert!(runs.len() >= 20, "{}", runs.len());
    for run in &runs {
        for field in [
            "backend",
            "id",
            "name",
            "status",
            "created_at",
            "url",
            "jobs",
        ] {
            assert!(!run[field].is_null(), "{field} in {run}");
        }
        assert!(run.get("duration_s").is_some() && run.get("finished_at").is_some());
        for job in run["jobs"].as_array().unwrap() {
            assert!(job["id"].is_string() && job["name"].is_string() && job["status"].is_string());
        }
    }
    assert_eq!(runs[0]["backend"], "sandbox");
    let created: Vec<&str> = runs
        .iter()
        .map(|r| r["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "{created:?}");
    let done = runs.iter().find(|r| r["status"] == "succeeded").unwrap();
    assert!(done["duration_s"].as_i64().unwrap() > 0);
}

#[test]
fn print_pipelines_plain_shows_symbols_and_words() {
    let world = World::new();
    let out = world.run(&["print", "pipelines"]);
    assert_eq!(code(&out), 0);
    let stdout = text(&out.stdout);
    let header = stdout.lines().next().unwrap();
    assert!(
        header.starts_with("RUN") && header.contains("STATUS"),
        "{stdout}"
    );
    assert!(
        stdout.contains("✔ succeeded") && stdout.contains("◌ queued"),
        "{stdout}"
    );
    assert!(stdout.contains(" ago"), "{stdout}");
}

#[test]
fn logs_of_a_succeeded_job_are_plain_text_and_exit_0() {
    let world = World::new();
    let (run, job) = world.ended("succeeded");
    let out = world.run(&["logs", &run, "--job", &job]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(!out.stdout.is_empty());
    assert!(
        !out.stdout.contains(&0x1b),
        "no escape may reach the terminal"
    );
    assert!(!out.stdout.contains(&b'\r'));
    assert!(text(&out.stdout).contains('✔'));

    let raw = world.run(&["logs", &run, "--job", &job, "--raw"]);
    assert_eq!(code(&raw), 0);
    assert!(raw.stdout.contains(&0x1b), "--raw keeps the colour codes");
    assert!(raw.stdout.len() > out.stdout.len());
}

#[test]
fn logs_of_a_failed_run_pick_the_failed_job_and_exit_1() {
    let world = World::new();
    let (run, job) = world.ended("failed");
    let default = world.run(&["logs", &run]);
    assert_eq!(code(&default), 1);
    let stderr = text(&default.stderr);
    assert!(
        stderr.contains(&format!("({job})")) && stderr.contains("failed"),
        "{stderr}"
    );
    assert!(!default.stdout.contains(&0x1b));
    assert!(
        text(&default.stdout).contains("error"),
        "{}",
        text(&default.stdout)
    );
    // The same job named explicitly, followed: it has ended, so the same text.
    let followed = world.run(&["logs", &run, "--job", &job, "--follow"]);
    assert_eq!(code(&followed), 1);
    assert_eq!(followed.stdout, default.stdout);
}

#[test]
fn unknown_runs_and_jobs_are_usage_errors_naming_the_valid_ones() {
    let world = World::new();
    let out = world.run(&["logs", "r-nope"]);
    assert_eq!(code(&out), 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no pipeline run r-nope; recent runs: r-"),
        "{stderr}"
    );

    let (run, _) = world.ended("succeeded");
    let out = world.run(&["logs", &run, "--job", "nope"]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out.stderr).contains("its jobs: j-1 ("),
        "{}",
        text(&out.stderr)
    );

    let out = world.run(&["logs", &run, "--backend", "elsewhere"]);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("these do: sandbox"));
}

#[test]
fn follow_writes_a_growing_log_once_and_waits_for_the_end() {
    let world = World::new();
    let run = world.promote();
    let followed = world.run(&["logs", &run, "--job", "j-1", "--follow"]);
    assert_eq!(code(&followed), 0, "{}", text(&followed.stderr));
    // Read again now that the job has ended: the same text, line for line.
    let whole = world.run(&["logs", &run, "--job", "j-1"]);
    assert_eq!(code(&whole), 0);
    assert_eq!(text(&followed.stdout), text(&whole.stdout));
    assert!(whole.stdout.iter().filter(|b| **b == b'\n').count() > 5);
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    let world = World::new();
    let mut child = world
        .command(&["logs", "r-firehose", "--follow"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..5 {
        let line = lines.next().unwrap().unwrap();
        assert!(!line.contains('\u{1b}'), "{line:?}");
    }
    drop(lines);
    let out = child.wait_with_output().unwrap();
    // Still running when the reader left: not known to have succeeded.
    assert_eq!(code(&out), 1);
    assert_eq!(text(&out.stderr), "");
}
