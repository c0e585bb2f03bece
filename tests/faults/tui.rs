//! The full-screen app while every source hangs: Jira and the deploy backend behind a proxy
//! that takes each request and never answers. Keys still change the screen at once (the UI
//! never waits on the network), and `q` leaves with the terminal restored.

use super::support::{TOKEN_VAR, config};
use crate::proxy::{Fault, Proxy};
use crate::pty::App;
use shipdeck_sandbox::Sandbox;
use std::time::{Duration, Instant};

/// A hang guard, not a measure of speed: a frame is 16 ms, and a blocked loop never answers.
const BOUND: Duration = Duration::from_secs(2);

#[test]
fn keys_are_answered_while_every_source_hangs() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(Sandbox::start(0)).unwrap();
    let proxy = runtime.block_on(Proxy::start(sandbox.addr));
    proxy.set(Fault::Hang);
    let (url, email) = (proxy.url(), sandbox.demo_user_email());
    let mut app = App::start(env!("CARGO_BIN_EXE_shipdeck"), &[], |cmd, home| {
        let path = home.join("cfg.toml");
        std::fs::write(&path, config(&url, email)).unwrap();
        cmd.env("SHIPDECK_CONFIG", path);
        cmd.env(TOKEN_VAR, "fault-test-token");
    });
    app.wait_for("the first frame", |t| t.contains("Board"));
    // Both sources asked and left hanging before any key.
    let start = Instant::now();
    while !(asked(&proxy, "/rest/") && asked(&proxy, "/v1/services")) {
        assert!(start.elapsed() < crate::pty::PATIENCE, "{:?}", proxy.seen());
        std::thread::sleep(Duration::from_millis(20));
    }
    app.wait_for("both sources loading", |t| {
        t.contains("Loading board") && t.contains("syncing")
    });

    answers(&mut app, "?", "the help overlay", |t| {
        t.contains("Keys") && t.contains("quit")
    });
    answers(&mut app, "\x1b", "the help closed", |t| {
        !t.contains("Keys") && t.contains("Loading board")
    });
    answers(&mut app, "2", "the deploy screen", |t| {
        t.contains("[2 Deploys]") && t.contains("Loading deployments")
    });
    answers(&mut app, "1", "the board again", |t| {
        t.contains("[1 Board]")
    });
    // Still hanging: nothing above waited for an answer.
    assert!(app.parser.screen().contents().contains("syncing"));

    app.press("q");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = app.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < BOUND,
            "q did not leave while the sources hang"
        );
        app.pump();
    };
    assert!(status.success(), "{status:?}");
    app.assert_restored();
}

/// Presses `key` and waits for `what` to show; the loop must answer within `BOUND`.
fn answers(app: &mut App, key: &str, what: &str, shown: impl Fn(&str) -> bool) {
    app.press(key);
    let start = Instant::now();
    loop {
        app.pump();
        let screen = app.parser.screen().contents();
        if shown(&screen) {
            return;
        }
        assert!(
            start.elapsed() < BOUND,
            "{what}: no answer to {key:?} within {BOUND:?}; screen:\n{screen}"
        );
    }
}

fn asked(proxy: &Proxy, prefix: &str) -> bool {
    proxy.seen().iter().any(|s| s.path.starts_with(prefix))
}
