//! Tokens checked before any request: a control character inside one is refused naming its
//! source (never the token), and a token command that never finishes is stopped, its whole
//! process group with it, after `[ui] token_cmd_timeout_seconds`.

#[path = "support/isolated.rs"]
mod isolated;

use isolated::Isolated;
use std::net::TcpListener;
use std::process::Output;
use std::time::{Duration, Instant};

const VAR: &str = "SHIPDECK_TEST_DEPLOY_TOKEN";

/// `print deploys` against a `[[deploy]]` table at `url` whose token lines are `token`.
fn print_deploys(world: &Isolated, url: &str, token: &str, env: Option<&str>) -> Output {
    let config = world.root().join("cfg.toml");
    std::fs::write(
        &config,
        format!(
            "[ui]\ntoken_cmd_timeout_seconds = 1\n\n[[deploy]]\nname = \"d\"\nkind = \"http\"\nurl = \"{url}\"\n{token}\n"
        ),
    )
    .unwrap();
    let mut command = world.command(&["--config", config.to_str().unwrap(), "print", "deploys"]);
    if let Some(value) = env {
        command.env(VAR, value);
    }
    command.output().unwrap()
}

/// A server that must not be asked anything.
fn silent_listener() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    (listener, url)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_control_character_in_a_token_is_refused_before_any_request() {
    let world = Isolated::new();
    let (listener, url) = silent_listener();
    // A helper's output: the trailing newline is dropped, the one inside is not.
    let file = world.root().join("token.txt");
    std::fs::write(&file, "s3cr3t\nmore\n").unwrap();
    let cat = format!("cat {}", file.display());
    let cases = [
        (
            format!("token_env = \"{VAR}\""),
            Some("s3cr3t\nx-evil: 1"),
            format!("${VAR}"),
        ),
        (
            format!("token_env = \"{VAR}\""),
            Some("s3cr3t\u{1b}[2J"),
            format!("${VAR}"),
        ),
        (
            format!("token_cmd = \"{cat}\""),
            None,
            format!("the command `{cat}`"),
        ),
    ];
    for (line, env, source) in cases {
        let out = print_deploys(&world, &url, &line, env);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{line}: {err}");
        assert!(
            err.contains(&format!(
                "the token from {source} contains a control character"
            )),
            "{line}: {err}"
        );
        assert!(!err.contains("s3cr3t"), "the token is never shown: {err}");
    }
    assert!(listener.accept().is_err(), "no request reached the server");
}

/// `/proc/PID` gone, or a zombie nobody has reaped yet: the process is dead either way.
fn dead(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

#[test]
fn a_token_command_that_never_finishes_is_stopped_and_named() {
    let world = Isolated::new();
    let (_listener, url) = silent_listener();
    let pid_file = world.root().join("sleeper.pid");
    // The shell starts a child of its own: stopping only the shell would leave it running.
    let cmd = format!("sleep 600 & echo $! > {}; wait", pid_file.display());
    let out = print_deploys(&world, &url, &format!("token_cmd = \"{cmd}\""), None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "the token command `{cmd}` did not finish within 1 s"
        )),
        "{err}"
    );
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let pid = pid.trim();
    let start = Instant::now();
    while !dead(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "sleep {pid} still runs"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
