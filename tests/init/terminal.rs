//! The real binary in a pseudo-terminal against the sandbox, with its own home (XDG dirs
//! inside) and the Jira token in an environment variable: Jira Cloud end to end through a
//! board list of more than one page, the refusal to overwrite and `--force`, Ctrl-C and
//! Ctrl-D, and no terminal at all.

use crate::isolated::Isolated;
use crate::pty::App;
use shipdeck::config::load_file;
use shipdeck_sandbox::{DEMO_BOARD_ID, Sandbox};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const TOKEN_VAR: &str = "INIT_TEST_JIRA_TOKEN";
const TOKEN: &str = "s3cret-jira-token-value";

/// The sandbox on a runtime of its own, serving while the test thread waits on the terminal.
fn sandbox() -> (tokio::runtime::Runtime, Sandbox) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(Sandbox::start(0)).unwrap();
    (runtime, sandbox)
}

/// `shipdeck init ARGS` with its XDG config dir in a directory of the test's own, which
/// outlives the app; `before` may write into it first.
fn init(args: &[&str], before: impl FnOnce(&Path)) -> (App, tempfile::TempDir) {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    let config_home = tempfile::tempdir().unwrap();
    before(config_home.path());
    let app = App::start(env!("CARGO_BIN_EXE_shipdeck"), &all, |cmd, _| {
        cmd.env(TOKEN_VAR, TOKEN);
        cmd.env("XDG_CONFIG_HOME", config_home.path());
    });
    (app, config_home)
}

fn config_at(home: &Path) -> PathBuf {
    home.join("shipdeck").join("config.toml")
}

/// Types `text` and Enter once `prompt` is on the screen.
fn answer(app: &mut App, prompt: &str, text: &str) {
    app.wait_for(prompt, |screen| {
        screen.trim_end().ends_with(prompt.trim_end())
    });
    app.press(&format!("{text}\r"));
}

fn exit_code(app: App) -> (u32, String) {
    let (status, screen) = app.exit_restored();
    (status.exit_code(), screen)
}

#[test]
fn jira_cloud_end_to_end_through_more_than_one_page_of_boards() {
    let (_runtime, sandbox) = sandbox();
    let (mut app, home) = init(&[], |_| {});
    answer(&mut app, "Numbers, e.g. 1 3:", "1");
    answer(
        &mut app,
        "Jira address (e.g. https://yourcompany.atlassian.net):",
        &sandbox.url(),
    );
    answer(
        &mut app,
        "Your Atlassian account email:",
        sandbox.demo_user_email(),
    );
    answer(&mut app, "Choice [1]:", "");
    answer(
        &mut app,
        "Environment variable [JIRA_API_TOKEN]:",
        TOKEN_VAR,
    );
    let first = app.wait_for("the first boards", |s| s.contains("65 boards:"));
    let row = first.lines().find(|l| l.contains("Platform delivery"));
    assert!(
        row.is_some_and(|r| r.contains(" 1  ") && r.contains("scrum  Platform (PLAT)")),
        "{first}"
    );
    // Three screens on, the list has gone past Jira's first page of 50.
    for shown in ["30", "45", "60"] {
        answer(&mut app, "Enter for more:", "");
        app.wait_for("more boards", |s| s.contains(&format!("  {shown}  ")));
    }
    answer(&mut app, "Enter for more:", "platform team");
    let filtered = app.wait_for("the filtered list", |s| {
        s.contains("1 board matching \"platform team\":")
    });
    assert!(
        filtered.contains("1  Platform Team board  scrum  Platform (PLAT)"),
        "{filtered}"
    );
    answer(&mut app, "* for all:", "1");
    let done = app.wait_for("the end", |s| {
        s.contains("next: shipdeck doctor, then shipdeck")
    });
    let path = config_at(home.path());
    assert!(
        done.contains("✔ Platform Team board: 7 columns, ") && done.contains(" cards"),
        "{done}"
    );
    assert!(
        done.contains(&format!("Wrote {}", path.display())),
        "{done}"
    );
    let (code, _) = exit_code(app);
    assert_eq!(code, 0);

    let config = load_file(&path).unwrap();
    let jira = config.jira.unwrap();
    assert_eq!(jira.board, DEMO_BOARD_ID);
    assert_eq!(jira.url, sandbox.url());
    assert_eq!(jira.email.as_deref(), Some(sandbox.demo_user_email()));
    assert_eq!(jira.token_env.as_deref(), Some(TOKEN_VAR));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains(TOKEN),
        "the token's value is not in the file"
    );
}

#[test]
fn an_existing_file_is_left_alone_without_force_and_replaced_with_it() {
    let (_runtime, sandbox) = sandbox();
    let mine = "# my own config\n";
    let (app, home) = init(&[], |home| {
        std::fs::create_dir_all(home.join("shipdeck")).unwrap();
        std::fs::write(config_at(home), mine).unwrap();
    });
    let (code, screen) = exit_code(app);
    assert_eq!(code, 1, "{screen}");
    assert!(
        screen.contains("already exists and was left as it is"),
        "{screen}"
    );
    assert!(screen.contains("--force"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(config_at(home.path())).unwrap(),
        mine
    );

    let (mut app, home) = init(&["--force"], |home| {
        std::fs::create_dir_all(home.join("shipdeck")).unwrap();
        std::fs::write(config_at(home), mine).unwrap();
    });
    answer(&mut app, "Numbers, e.g. 1 3:", "4");
    answer(&mut app, "Name for this backend [deploy]:", "sandbox");
    answer(
        &mut app,
        "Backend address (its /v1/... paths go under it):",
        &sandbox.url(),
    );
    answer(&mut app, "Choice [1]:", "3");
    let done = app.wait_for("the end", |s| s.contains("next: shipdeck doctor"));
    assert!(
        done.contains("✔ deploy backend sandbox: 3 services"),
        "{done}"
    );
    let (code, _) = exit_code(app);
    assert_eq!(code, 0);
    let config = load_file(&config_at(home.path())).unwrap();
    assert_eq!(config.deploy[0].url, sandbox.url());
}

#[test]
fn ctrl_c_and_ctrl_d_stop_with_nothing_written() {
    for (key, code, says) in [
        ("\x03", 130, "stopped (Ctrl-C)"),
        ("\x04", 1, "the input ended"),
    ] {
        let (mut app, home) = init(&[], |_| {});
        answer(&mut app, "Numbers, e.g. 1 3:", "1");
        app.wait_for("the address question", |s| s.contains("Jira address"));
        app.press(key);
        let (exit, screen) = exit_code(app);
        assert_eq!(exit, code, "{screen}");
        assert!(
            screen.contains(says) && screen.contains("nothing was written"),
            "{screen}"
        );
        assert!(!home.path().join("shipdeck").exists(), "nothing created");
    }
}

#[test]
fn without_a_terminal_it_says_what_to_do_and_exits_2() {
    let world = Isolated::new();
    let out = world.command(&["init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("needs a terminal"), "{said}");
    assert!(said.contains("config.example.toml"), "{said}");
    let path = config_at(&world.root().join("config"));
    assert!(
        said.contains(&path.display().to_string()),
        "where it goes: {said}"
    );
    assert!(out.stdout.is_empty());
    assert!(!path.exists());
}
