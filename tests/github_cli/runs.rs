use super::world::{World, text};

#[test]
fn actions_runs_are_listed_and_a_failed_runs_log_defaults_to_its_failed_job() {
    let world = World::new("");
    let runs = world.json(&["print", "pipelines", "--format", "json"]);
    let runs = runs["runs"].as_array().unwrap();
    assert!(
        runs.iter().all(|r| r["backend"] == "acme"),
        "only GitHub here"
    );
    assert!(runs.iter().any(|r| r["service"] == "storefront"));
    assert!(runs.iter().any(|r| r["service"] == "search"));
    let failed = runs
        .iter()
        .find(|r| r["status"] == "failed")
        .expect("a failed run");
    let id = failed["id"].as_str().unwrap();
    assert!(id.bytes().all(|b| b.is_ascii_digit()), "{id}");
    let out = world.run(&["logs", id]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed run exits 1: {}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("Process completed with exit code"),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "no raw escapes without --raw");
}

#[test]
fn two_hosts_side_by_side_each_list_their_runs_and_deployments() {
    // The same sandbox reached under a second host name stands in for a GHES beside
    // github.com: each table has its own client, budget and origin.
    let second = r#"
[[github]]
name = "ghe"
api_url = "{url}/api/v3"
token_env = "SHIPDECK_TEST_GITHUB_TOKEN"
repos = ["acme/storefront"]
"#;
    let world = World::new(second);
    let config = world.sandboxed.dir().join("cfg.toml");
    let text_ = std::fs::read_to_string(&config).unwrap();
    let (first, rest) = text_.split_once("name = \"ghe\"").unwrap();
    let rest = rest.replace("http://127.0.0.1", "http://localhost");
    assert!(rest.contains("http://localhost:"), "{rest}");
    std::fs::write(&config, format!("{first}name = \"ghe\"{rest}")).unwrap();
    let runs = world.json(&["print", "pipelines", "--format", "json"]);
    let backends: std::collections::BTreeSet<&str> = runs["runs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["backend"].as_str())
        .collect();
    assert_eq!(backends, ["acme", "ghe"].into(), "{runs}");
    let out = world.run(&["print", "deploys"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("acme\n") && stdout.contains("ghe\n"),
        "{stdout}"
    );
}
