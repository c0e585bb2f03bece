use super::world::{World, text};
use serde_json::Value;

const WORKFLOW: &str = "deploy_workflow = \"deploy.yml\"";

/// Deploy runs of storefront the sandbox knows, newest first.
fn deploy_runs(world: &World) -> Vec<Value> {
    let runs =
        world.github("/repos/acme/storefront/actions/runs?event=workflow_dispatch&per_page=100");
    // A failed list must fail the test, not read as "nothing was dispatched".
    runs["workflow_runs"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("not a list of runs: {runs}"))
}

fn sha_of(world: &World, env: &str) -> String {
    let deploys = world.json(&["print", "deploys", "--format", "json"]);
    let text = deploys.to_string();
    let backends = deploys["backends"].as_array().unwrap();
    let acme = backends
        .iter()
        .find(|b| b["name"] == "acme")
        .unwrap_or_else(|| panic!("{text}"));
    let service = acme["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "storefront")
        .unwrap_or_else(|| panic!("{text}"));
    let env = service["environments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == env)
        .unwrap_or_else(|| panic!("{text}"));
    env["current"]["revision"].as_str().unwrap().to_string()
}

#[test]
fn deploys_list_the_repos_environments_with_their_protection() {
    let world = World::new(WORKFLOW);
    let out = world.run(&["print", "deploys"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains("storefront"), "{stdout}");
    assert!(
        !stdout.contains("search "),
        "search has no environments: {stdout}"
    );
    let production = stdout.lines().find(|l| l.contains("production")).unwrap();
    assert!(
        production.contains("protected (2 reviewers: ana-k, marcus-b; wait 5 min"),
        "{production}"
    );
    let staging = stdout.lines().find(|l| l.contains("staging")).unwrap();
    assert!(!staging.contains("protected"), "{staging}");
}

#[test]
fn promote_dispatches_the_workflow_with_the_source_sha_and_is_audited() {
    let world = World::new(WORKFLOW);
    let staging = sha_of(&world, "staging");
    let before = deploy_runs(&world).len();
    let out = world.run(&[
        "promote",
        "storefront",
        "--from",
        "staging",
        "--to",
        "production",
        "--yes",
        "--no-wait",
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let runs = deploy_runs(&world);
    assert_eq!(runs.len(), before + 1, "exactly one dispatch");
    let run = &runs[0];
    assert_eq!(run["head_branch"], "main");
    // Production has required reviewers: the run waits for one.
    let id = run["id"].as_u64().unwrap();
    let pending = world.github(&format!(
        "/repos/acme/storefront/actions/runs/{id}/pending_deployments"
    ));
    assert_eq!(pending[0]["environment"]["name"], "production", "{pending}");
    let audit = world.audit();
    assert_eq!(audit[0]["event"], "started");
    assert_eq!(audit[0]["action"], "promote");
    assert_eq!(audit[0]["revision"].as_str(), Some(staging.as_str()));
    assert!(audit.iter().any(|l| l["result"] == "accepted"), "{audit:?}");
}

#[test]
fn rollback_of_staging_waits_for_the_dispatched_run_to_deploy() {
    let world = World::new(WORKFLOW);
    let current = sha_of(&world, "staging");
    let out = world.run(&["rollback", "storefront", "--env", "staging", "--yes"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let now = sha_of(&world, "staging");
    assert_ne!(now, current, "staging runs the earlier release again");
    let audit = world.audit();
    assert!(
        audit.iter().any(|l| l["result"] == "succeeded"),
        "{audit:?}"
    );
}

#[test]
fn without_deploy_workflow_promote_is_refused_and_nothing_is_sent() {
    let world = World::new("");
    let before = deploy_runs(&world).len();
    let out = world.run(&[
        "promote",
        "storefront",
        "--from",
        "staging",
        "--to",
        "production",
        "--yes",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("deploy_workflow"), "{stderr}");
    assert_eq!(deploy_runs(&world).len(), before);
    assert!(world.audit().is_empty(), "refused before the audit");
}
