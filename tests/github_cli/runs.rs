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
