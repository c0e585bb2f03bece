//! The deploy verbs end to end: the real binary against the in-process sandbox's deploy
//! protocol, with its own config, state and home directories.

#[path = "support/audit.rs"]
mod audit;
#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/sandboxed.rs"]
mod sandboxed;

use sandboxed::{Sandboxed, code, text};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

const TOKEN_VAR: &str = "SHIPDECK_TEST_DEPLOY_TOKEN";
const TOKEN: &str = "sd-test-token-7c41f09e";

/// The sandbox world with the token and user the deploy verbs read.
struct World(Sandboxed);

impl World {
    fn new() -> Self {
        Self::with_table("")
    }

    /// `extra` is appended to the `[[deploy]]` table; `{url}` in it is the sandbox's URL.
    fn with_table(extra: &str) -> Self {
        World(Sandboxed::new(&format!(
            "[[deploy]]\nname = \"sandbox\"\nkind = \"http\"\nurl = \"{{url}}\"\ntoken_env = \"{TOKEN_VAR}\"\n{extra}"
        )))
    }

    fn run(&self, args: &[&str]) -> Output {
        self.0
            .command(args)
            .env("USER", "ci-tester")
            .env(TOKEN_VAR, TOKEN)
            .output()
            .unwrap()
    }

    fn audit_file(&self) -> Option<PathBuf> {
        audit::audit_file(self.0.dir())
    }

    /// The newest deployment id of an environment, straight from the server.
    fn newest(&self, service: &str, env: &str) -> String {
        let path = format!("/v1/services/{service}/environments/{env}/deployments?limit=1");
        let body = self.0.get_json(&path);
        body["deployments"][0]["id"].as_str().unwrap().to_string()
    }
}

#[test]
fn promote_waits_for_success_and_audits_start_and_outcomes() {
    let world = World::new();
    // payments: staging runs a newer release than prod, and prod is not locked.
    let out = world.run(&[
        "promote", "payments", "--from", "staging", "--to", "prod", "--yes",
    ]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(code(&out), 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(
        stdout.contains("Promote payments staging -> prod"),
        "{stdout}"
    );
    assert!(stdout.contains("changes"), "{stdout}");
    assert!(stdout.contains("succeeded"), "{stdout}");

    let path = world
        .audit_file()
        .expect("an audit.jsonl under the state dir");
    let audit = std::fs::read_to_string(&path).unwrap();
    for shown in [&audit, &stdout, &stderr] {
        assert!(!shown.contains(TOKEN));
    }
    let lines = audit::audit_lines(world.0.dir());
    assert_eq!(lines.len(), 3, "{audit}");
    assert_eq!(lines[0]["event"], "started");
    assert_eq!(lines[0]["user"], "ci-tester");
    assert_eq!(lines[0]["backend"], "sandbox");
    assert_eq!(lines[0]["service"], "payments");
    assert_eq!(lines[0]["action"], "promote");
    assert_eq!(lines[0]["from"], "staging");
    assert_eq!(lines[0]["to"], "prod");
    let key = &lines[0]["idempotency_key"];
    assert!(key.as_str().is_some_and(|k| !k.is_empty()));
    let results: Vec<&Value> = lines[1..].iter().map(|l| &l["result"]).collect();
    assert_eq!(results, ["accepted", "succeeded"]);
    for outcome in &lines[1..] {
        assert_eq!(outcome["event"], "outcome");
        assert_eq!(&outcome["idempotency_key"], key);
    }
    let id = lines[1]["deployment_id"].as_str().unwrap();
    assert_eq!(world.newest("payments", "prod"), id);

    let shown = world.run(&["audit", "--format", "json"]);
    assert_eq!(code(&shown), 0, "{}", text(&shown.stderr));
    let doc: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let records = doc["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["result"], "succeeded");
    assert_eq!(records[0]["deployment_id"], id);
    assert_eq!(&records[0]["idempotency_key"], key);
}

#[test]
fn rollback_of_prod_succeeds() {
    let world = World::new();
    let before = world.newest("payments", "prod");
    let out = world.run(&["rollback", "payments", "--env", "prod", "--yes"]);
    let stdout = text(&out.stdout);
    assert_eq!(
        code(&out),
        0,
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&out.stderr)
    );
    assert!(stdout.contains("Roll back payments in prod"), "{stdout}");
    assert!(stdout.contains("reverts"), "{stdout}");
    assert_ne!(world.newest("payments", "prod"), before);
    let lines = audit::audit_lines(world.0.dir());
    assert_eq!(lines[0]["action"], "rollback");
    assert_eq!(lines.last().unwrap()["result"], "succeeded");
}

#[test]
fn no_wait_exits_once_accepted() {
    let world = World::new();
    let out = world.run(&[
        "promote",
        "payments",
        "--from",
        "staging",
        "--to",
        "prod",
        "--yes",
        "--no-wait",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("accepted:"));
    let lines = audit::audit_lines(world.0.dir());
    let results: Vec<&Value> = lines.iter().map(|l| &l["result"]).collect();
    assert_eq!(results, [&Value::Null, &Value::from("accepted")]);
}

#[test]
fn a_locked_environment_refuses_with_its_reason_and_sends_nothing() {
    let world = World::new();
    let before = world.newest("ledger", "prod");
    let out = world.run(&[
        "promote", "ledger", "--from", "staging", "--to", "prod", "--yes",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(stderr.contains("locked by zoe"), "{stderr}");
    assert!(stderr.contains("change freeze"), "{stderr}");
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    assert_eq!(world.newest("ledger", "prod"), before);
    assert_eq!(world.audit_file(), None);
}

#[test]
fn without_yes_and_without_a_terminal_nothing_is_sent() {
    let world = World::new();
    let before = world.newest("payments", "prod");
    let out = world.run(&["promote", "payments", "--from", "staging", "--to", "prod"]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(world.newest("payments", "prod"), before);
    assert_eq!(world.audit_file(), None);
}

#[test]
fn read_only_refuses() {
    let world = World::new();
    let out = world.run(&[
        "--read-only",
        "rollback",
        "payments",
        "--env",
        "prod",
        "--yes",
    ]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stderr).contains("read-only"));

    let world = World::with_table("read_only = true\n");
    let before = world.newest("payments", "prod");
    let out = world.run(&[
        "promote", "payments", "--from", "staging", "--to", "prod", "--yes",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(stderr.contains("sandbox is read-only"), "{stderr}");
    assert_eq!(world.newest("payments", "prod"), before);
}

#[test]
fn unknown_names_are_usage_errors_listing_the_valid_ones() {
    let world = World::new();
    let out = world.run(&[
        "promote", "paymnts", "--from", "staging", "--to", "prod", "--yes",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("gateway, ledger, payments"), "{stderr}");

    let out = world.run(&["rollback", "payments", "--env", "production", "--yes"]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("dev, staging, prod"), "{stderr}");

    let out = world.run(&[
        "promote",
        "payments",
        "--from",
        "staging",
        "--to",
        "prod",
        "--backend",
        "argo",
    ]);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("no deploy backend named \"argo\""));
}

#[test]
fn print_deploys_json_has_backends_services_and_environments() {
    let world = World::new();
    let out = world.run(&["print", "deploys", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let backend = &doc["backends"][0];
    assert_eq!(backend["name"], "sandbox");
    let services = backend["services"].as_array().unwrap();
    let ledger = services.iter().find(|s| s["name"] == "ledger").unwrap();
    let envs = ledger["environments"].as_array().unwrap();
    let names: Vec<&str> = envs.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["dev", "staging", "prod"]);
    let prod = &envs[2];
    assert_eq!(prod["protected"], true);
    assert_eq!(prod["lock"]["by"], "zoe");
    assert!(prod["lock"]["reason"].is_string());
    assert!(prod["health"].is_string());
    assert!(prod["promotable"].is_boolean());
    let current = &prod["current"];
    for key in ["id", "revision", "version", "state", "by", "created_at"] {
        assert!(!current[key].is_null(), "current.{key} in {current}");
    }
    assert_eq!(envs[0]["promotable"], false);

    let plain = world.run(&["print", "deploys"]);
    assert_eq!(code(&plain), 0);
    let table = text(&plain.stdout);
    assert!(
        table.contains("SERVICE") && table.contains("payments"),
        "{table}"
    );
}

#[test]
fn a_service_on_two_backends_needs_backend() {
    let world =
        World::with_table("\n[[deploy]]\nname = \"mirror\"\nkind = \"http\"\nurl = \"{url}\"\n");
    let out = world.run(&[
        "promote", "payments", "--from", "staging", "--to", "prod", "--yes",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(stderr.contains("sandbox, mirror"), "{stderr}");
    assert!(stderr.contains("--backend"), "{stderr}");

    // Picked, it goes as far as asking (and, with no terminal, stops there).
    let out = world.run(&[
        "promote",
        "payments",
        "--from",
        "staging",
        "--to",
        "prod",
        "--backend",
        "mirror",
    ]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).contains("(backend mirror)"));
    assert!(text(&out.stderr).contains("--yes"));
}

#[test]
fn rollback_to_a_deployment_of_another_environment_is_a_usage_error() {
    let world = World::new();
    let staging = world.newest("payments", "staging");
    let before = world.newest("payments", "prod");
    let out = world.run(&[
        "rollback", "payments", "--env", "prod", "--to", &staging, "--yes",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 2, "{stderr}");
    assert!(
        stderr.contains("in staging, not of payments in prod"),
        "{stderr}"
    );
    assert_eq!(world.newest("payments", "prod"), before);
}
