//! A promote into an environment that waits for reviewers (the sandbox's GitHub storefront
//! production) says once whom it waits for, and `--timeout` ends the wait with exit 1 and
//! "still waiting" instead of leaving a script stuck without a word.

#[path = "support/audit.rs"]
mod audit;
#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/sandboxed.rs"]
#[allow(dead_code)] // shared support: this crate does not read the protocol side
mod sandboxed;
#[path = "github_cli/world.rs"]
#[allow(dead_code)] // shared support: only `run` and the audit are used here
mod world;

use world::{World, text};

const WORKFLOW: &str = "deploy_workflow = \"deploy.yml\"";

#[test]
fn a_promote_held_for_reviewers_names_them_and_stops_at_its_timeout() {
    let world = World::new(WORKFLOW);
    let out = world.run(&[
        "promote",
        "storefront",
        "--from",
        "staging",
        "--to",
        "production",
        "--yes",
        "--timeout",
        "10s",
    ]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let note = "waiting for review by ana-k, marcus-b (required reviewers on production)";
    assert_eq!(stdout.matches(note).count(), 1, "said once:\n{stdout}");
    assert!(
        stderr.contains("still waiting after 10s (--timeout)") && stderr.contains(note),
        "{stderr}"
    );
    // Still in flight: the audit has the start and the acceptance, no end.
    let audit = world.audit();
    assert!(audit.iter().any(|l| l["result"] == "accepted"), "{audit:?}");
    assert!(
        !audit
            .iter()
            .any(|l| ["succeeded", "failed", "unknown"]
                .contains(&l["result"].as_str().unwrap_or(""))),
        "{audit:?}"
    );
}

#[test]
fn timeout_is_a_duration_and_does_not_go_with_no_wait() {
    let world = World::new(WORKFLOW);
    let args = [
        "promote",
        "storefront",
        "--from",
        "staging",
        "--to",
        "production",
        "--yes",
    ];
    let out = world.run(&[&args[..], &["--timeout", "soon"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--timeout"),
        "{}",
        text(&out.stderr)
    );
    let out = world.run(&[&args[..], &["--timeout", "1m", "--no-wait"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(world.audit().is_empty(), "refused before anything was sent");
}
