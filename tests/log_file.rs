//! The log file is best effort: where it cannot be written (a directory in its place, a state
//! dir under a regular file; both stop root too) every verb and the demo still run, with one
//! line on stderr. Where it can, it and its directory are the user's alone.

#[path = "support/isolated.rs"]
mod isolated;

use isolated::Isolated;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

/// `shipdeck ARGS` in `world`, its state dir moved to `state`.
fn shipdeck(world: &Isolated, state: &Path, args: &[&str]) -> Output {
    world
        .command(args)
        .env("XDG_STATE_HOME", state)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Each way of making the log path unwritable, with the state dir it gives.
fn unwritable(root: &Path) -> Vec<std::path::PathBuf> {
    let dir_in_place = root.join("a");
    std::fs::create_dir_all(dir_in_place.join("shipdeck/shipdeck.log")).unwrap();
    let file = root.join("b");
    std::fs::write(&file, "").unwrap();
    vec![dir_in_place, file.join("state")]
}

#[test]
fn verbs_and_the_demo_run_without_a_log_file_and_say_so_once() {
    let world = Isolated::new();
    for state in unwritable(world.root()) {
        for args in [
            &["--demo", "print", "board"][..],
            &["--demo", "print", "deploys"],
            &["completions", "bash"],
        ] {
            let out = shipdeck(&world, &state, args);
            let err = stderr(&out);
            assert!(out.status.success(), "{args:?} under {state:?}: {err}");
            assert!(!out.stdout.is_empty(), "{args:?} printed its output");
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(lines.len(), 1, "{args:?}: {err}");
            assert!(
                lines[0].starts_with("shipdeck: no log file: "),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn the_audit_verb_reads_beside_a_log_file_it_cannot_write() {
    let world = Isolated::new();
    let state = &unwritable(world.root())[0];
    let out = shipdeck(&world, state, &["audit"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("shipdeck: no log file: "), "{err}");
}

#[test]
fn the_log_file_and_its_directory_are_private() {
    let world = Isolated::new();
    let state = world.root().join("fresh");
    let out = shipdeck(&world, &state, &["--demo", "print", "board"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&state.join("shipdeck")), 0o700);
    assert_eq!(mode(&state.join("shipdeck/shipdeck.log")), 0o600);
}
