//! How the full-screen app starts, in a pseudo-terminal: at once while a token command runs
//! (and, when it never finishes, out with the command named and the terminal restored); with a
//! note when there can be no log file; refused where it cannot show; and a panic restoring the
//! terminal through the hook the app installs.

#[path = "support/pty.rs"]
#[allow(dead_code)] // shared support: no signals or suspends here
mod pty;

#[path = "support/isolated.rs"]
mod isolated;

use isolated::Isolated;
use pty::{App, board_shown};
use std::path::Path;
use std::process::Stdio;

/// What the token command runs: a shell with a child of its own, whose pid it writes first.
const SLOW: &str = "sleep 600 & echo $! > ~/s; wait";

/// A deploy backend whose token comes from `SLOW`; nothing listens at its URL, and it is
/// never asked while the token is awaited.
fn slow_token_config(home: &Path, extra_ui: &str) -> String {
    let path = home.join("cfg.toml");
    std::fs::write(
        &path,
        format!(
            "[ui]\n{extra_ui}\n\n[[deploy]]\nname = \"slow\"\nkind = \"http\"\nurl = \"http://127.0.0.1:9\"\ntoken_cmd = \"{SLOW}\"\n"
        ),
    )
    .unwrap();
    path.display().to_string()
}

fn with_config(extra_ui: &'static str) -> App {
    App::start(env!("CARGO_BIN_EXE_shipdeck"), &[], move |cmd, home| {
        cmd.env("SHIPDECK_CONFIG", slow_token_config(home, extra_ui));
    })
}

#[test]
fn the_first_frame_shows_while_a_token_command_runs_and_q_still_leaves() {
    let mut app = with_config("");
    let screen = app.wait_for("the source marked waiting", |t| {
        t.contains("waiting for its token")
    });
    assert!(
        screen.contains(&format!("[[deploy]] \"slow\" (token_cmd `{SLOW}`)")),
        "{screen}"
    );
    assert!(app.parser.screen().alternate_screen());
    let sleeper = sleeper_pid(&app);
    app.press("q");
    app.assert_exits_restored();
    assert_stopped(&sleeper);
}

/// The pid the token command's own child wrote, once it is there.
fn sleeper_pid(app: &App) -> String {
    let file = app.home().join("s");
    let start = std::time::Instant::now();
    loop {
        let pid = std::fs::read_to_string(&file).unwrap_or_default();
        if pid.ends_with('\n') {
            return pid.trim().to_string();
        }
        assert!(start.elapsed() < pty::PATIENCE, "no pid in {file:?}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The process `pid` is gone, or a zombie nobody has reaped yet: dead either way.
fn assert_stopped(pid: &str) {
    let stat = format!("/proc/{pid}/stat");
    let start = std::time::Instant::now();
    while std::fs::read_to_string(&stat).is_ok_and(|s| {
        s.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z'))
    }) {
        assert!(start.elapsed() < pty::PATIENCE, "{stat}: still running");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_token_command_past_its_timeout_ends_the_app_naming_the_command() {
    let app = with_config("token_cmd_timeout_seconds = 1");
    let sleeper = sleeper_pid(&app);
    let (status, screen) = app.exit_restored();
    assert_eq!(status.exit_code(), 2, "{screen}");
    assert!(
        screen.contains(&format!(
            "the token command `{SLOW}` did not finish within 1 s"
        )),
        "{screen}"
    );
    assert_stopped(&sleeper);
}

#[test]
fn without_a_log_file_the_status_bar_says_so() {
    let mut app = App::start(env!("CARGO_BIN_EXE_shipdeck"), &["--demo"], |_, home| {
        // A directory where the log file should be: unwritable even for root.
        std::fs::create_dir_all(home.join("shipdeck/shipdeck.log")).unwrap();
    });
    let screen = app.wait_for("the demo board", board_shown);
    assert!(screen.contains("no log file"), "{screen}");
    app.press("q");
    app.assert_exits_restored();
}

#[test]
fn term_dumb_is_refused_and_the_verbs_are_pointed_to() {
    let app = App::start(env!("CARGO_BIN_EXE_shipdeck"), &["--demo"], |cmd, _| {
        cmd.env("TERM", "dumb");
    });
    let (status, screen) = app.exit_restored();
    assert_eq!(status.exit_code(), 2, "{screen}");
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(screen.contains("shipdeck print board"), "{screen}");
}

#[test]
fn stdout_into_a_file_is_refused_before_anything_is_drawn() {
    let script = format!(
        "{} --demo > \"$HOME/out.txt\"",
        env!("CARGO_BIN_EXE_shipdeck")
    );
    let app = App::start("sh", &["-c", &script], |_, _| {});
    let (status, screen) = app.exit_restored();
    assert_eq!(status.exit_code(), 2, "{screen}");
    assert!(
        screen.contains("standard output is not one") && screen.contains("shipdeck print board"),
        "{screen}"
    );
}

#[test]
fn without_a_terminal_on_stdin_the_app_is_refused() {
    let out = Isolated::new()
        .command(&["--demo"])
        .env("TERM", "xterm-256color")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("shipdeck print board"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing drawn");
}

/// The child of `a_panic_restores_the_terminal`: the app's own terminal set-up (color-eyre
/// first, then `terminal::enter`), a frame, then on a key a panic as a view might raise one.
#[test]
#[ignore = "run by a_panic_restores_the_terminal inside a pseudo-terminal"]
#[should_panic(expected = "a view failed")]
fn panicking_child() {
    let _ = color_eyre::install();
    let mut terminal = shipdeck::app::terminal::enter().unwrap();
    terminal
        .draw(|frame| frame.render_widget("drawn before the panic", frame.area()))
        .unwrap();
    let mut key = [0u8];
    std::io::Read::read_exact(&mut std::io::stdin(), &mut key).unwrap();
    panic!("a view failed");
}

#[test]
fn a_panic_restores_the_terminal() {
    let me = std::env::current_exe().unwrap();
    let args = ["--ignored", "--exact", "panicking_child", "--nocapture"];
    let mut app = App::start(me.to_str().unwrap(), &args, |cmd, _| {
        // The report's first lines must fit the screen.
        cmd.env("RUST_BACKTRACE", "0");
    });
    app.wait_for("the frame before the panic", |t| {
        t.contains("drawn before the panic")
    });
    assert!(app.parser.screen().alternate_screen());
    app.press("x");
    let (status, screen) = app.exit_restored();
    assert!(status.success(), "the child panicked as expected: {screen}");
    assert!(
        screen.contains("a view failed"),
        "the report after the restore:\n{screen}"
    );
}
