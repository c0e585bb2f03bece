//! Completions and the man page come from the clap definitions: each parses and names every
//! verb the binary has, and `--version` names the commit.

#[path = "support/isolated.rs"]
mod isolated;

use clap::CommandFactory;
use isolated::Isolated;
use shipdeck::cli::Cli;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary in a world of its own, so its log file lands in a temp dir.
fn shipdeck(args: &[&str]) -> Output {
    let output = Isolated::new().command(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    output
}

fn verbs() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

fn text(args: &[&str]) -> String {
    String::from_utf8(shipdeck(args).stdout).unwrap()
}

/// Runs `program args` with `input` on stdin; its exit status and stderr.
fn pipe(program: &str, args: &[&str], input: &str) -> (bool, String) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} is needed for this test: {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_bash_completion_parses_and_names_every_verb() {
    let script = text(&["completions", "bash"]);
    let (ok, errors) = pipe("bash", &["-n"], &script);
    assert!(ok, "bash -n: {errors}");
    for verb in verbs() {
        assert!(script.contains(&verb), "bash completion lacks {verb}");
    }
    assert!(script.contains("--read-only") && script.contains("--from"));
}

#[test]
fn every_shell_gets_a_completion_naming_every_verb() {
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = text(&["completions", shell]);
        for verb in verbs() {
            assert!(script.contains(&verb), "{shell} completion lacks {verb}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = Isolated::new()
        .command(&["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bash"));
}

#[test]
fn the_man_page_is_valid_roff_with_a_section_per_verb() {
    let page = text(&["man"]);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH shipdeck 1"));
    // -k runs preconv first, as man does, so UTF-8 help text (arrows) is read as such.
    let (ok, warnings) = pipe("groff", &["-k", "-man", "-Tutf8", "-z", "-ww"], &page);
    assert!(ok && warnings.is_empty(), "groff: {warnings}");
    for verb in verbs() {
        let title = format!(".SH \"SHIPDECK {}\"", verb.to_uppercase());
        assert!(page.contains(&title), "man page lacks a section for {verb}");
    }
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let version = text(&["--version"]);
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8(o.stdout).unwrap().trim().to_string());
    let expected = match commit {
        Some(commit) => format!("shipdeck {} ({commit})\n", env!("CARGO_PKG_VERSION")),
        None => format!("shipdeck {} (commit unknown)\n", env!("CARGO_PKG_VERSION")),
    };
    assert_eq!(version, expected);
}
