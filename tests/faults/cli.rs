//! The verbs end to end under each fault that ends a request at once: the real binary, in a
//! world of its own, with its Jira and deploy backend behind the proxy. `print board` and
//! `print deploys` exit 1 and say why on stderr; with nothing wrong they exit 0.

use super::support::{Case, TOKEN_VAR, config, reason};
use crate::isolated::Isolated;
use crate::proxy::{Fault, Proxy};
use shipdeck_sandbox::Sandbox;
use std::process::Output;

/// `print WHAT` against a proxy in `case`, for each of `cases` side by side.
fn print_under(what: &str, cases: &[Option<Case>]) -> Vec<(Option<Case>, Output)> {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(Sandbox::start(0)).unwrap();
    let email = sandbox.demo_user_email();
    let proxies: Vec<Proxy> = cases
        .iter()
        .map(|case| {
            runtime.block_on(async {
                let proxy = Proxy::start(sandbox.addr).await;
                match case {
                    None => {}
                    Some(Case::Fault(fault)) => proxy.set(*fault),
                    Some(Case::Gone) => proxy.go_away().await,
                }
                proxy
            })
        })
        .collect();
    std::thread::scope(|scope| {
        let runs: Vec<_> = cases
            .iter()
            .zip(&proxies)
            .map(|(case, proxy)| {
                let url = proxy.url();
                scope.spawn(move || (*case, print(what, &url, email)))
            })
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    })
}

/// The binary's `print WHAT` with Jira and the deploy backend at `url`.
fn print(what: &str, url: &str, email: &str) -> Output {
    let world = Isolated::new();
    let path = world.root().join("cfg.toml");
    std::fs::write(&path, config(url, email)).unwrap();
    world
        .command(&["--config", path.to_str().unwrap(), "print", what])
        .env(TOKEN_VAR, "fault-test-token")
        .output()
        .unwrap()
}

/// No fault, then each one that ends a request at once (the slow ones wait out the
/// binary's 30 s timeout; the provider tests cover them with a short one).
const CASES: [Option<Case>; 6] = [
    None,
    Some(Case::Fault(Fault::Cut(12))),
    Some(Case::Fault(Fault::Reset)),
    Some(Case::Fault(Fault::Garbage)),
    Some(Case::Fault(Fault::NotJson)),
    Some(Case::Gone),
];

fn check(what: &str, shown: &str) {
    for (case, out) in print_under(what, &CASES) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let Some(case) = case else {
            assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
            assert!(stdout.contains(shown), "{what}:\n{stdout}");
            continue;
        };
        assert_eq!(out.status.code(), Some(1), "{what} {case:?}: {stderr}");
        assert!(stderr.contains(reason(case)), "{what} {case:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("fault-test-token"), "{stderr}");
    }
}

#[test]
fn print_board_exits_1_naming_the_fault() {
    check("board", "In Progress");
}

#[test]
fn print_deploys_exits_1_naming_the_fault() {
    check("deploys", "payments");
}
