use shipdeck::config::{ConfigError, JiraAuth, Source, WipPolicy, discover, load_file, parse};
use std::path::Path;

#[test]
fn the_example_config_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let config = load_file(&path).unwrap();
    assert_eq!(config.ui.theme, "dark");
    assert_eq!(config.ui.refresh_seconds, 60);
    assert_eq!(config.ui.wip_policy, WipPolicy::Warn);
    let jira = config.jira.unwrap();
    assert_eq!(jira.board, 42);
    assert_eq!(jira.auth, JiraAuth::Basic);
    assert_eq!(jira.token_env.as_deref(), Some("JIRA_API_TOKEN"));
}

fn invalid(text: &str) -> (usize, usize, String, String) {
    match parse(text, "team.toml") {
        Err(ConfigError::Invalid {
            path,
            line,
            column,
            key,
            message,
        }) => {
            assert_eq!(path, "team.toml");
            (line, column, key, message)
        }
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

#[test]
fn an_unknown_key_names_file_line_column_and_key() {
    let (line, column, key, message) = invalid("[ui]\ntheme = \"dark\"\nrefresh_secs = 5\n");
    assert_eq!((line, column), (3, 1));
    assert_eq!(key, "ui.refresh_secs");
    assert!(
        message.contains("unknown field `refresh_secs`"),
        "{message}"
    );
}

#[test]
fn a_wrong_type_names_the_key() {
    let (line, column, key, message) = invalid("[ui]\nrefresh_seconds = \"soon\"\n");
    assert_eq!((line, column), (2, 19));
    assert_eq!(key, "ui.refresh_seconds");
    assert!(message.contains("invalid type"), "{message}");
    let (line, _, key, _) = invalid(
        "[jira]\nurl = \"https://x\"\nboard = 1\nauth = \"oauth\"\nemail = \"a\"\ntoken_env = \"T\"\n",
    );
    assert_eq!(line, 4);
    assert_eq!(key, "jira.auth");
}

#[test]
fn broken_toml_names_the_line() {
    let (line, _, key, _) = invalid("[ui]\ntheme = \"dark\n");
    assert_eq!(line, 2);
    assert_eq!(key, "(file)");
    let e = parse("[ui\n", "x.toml").unwrap_err().to_string();
    assert!(e.starts_with("x.toml:1:"), "{e}");
}

#[test]
fn semantic_checks_explain_themselves() {
    let e = parse(
        "[jira]\nurl = \"https://x\"\nboard = 1\nemail = \"a\"\n",
        "c.toml",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "c.toml: jira: set exactly one of token_env or token_cmd"
    );
    let e = parse(
        "[jira]\nurl = \"https://x\"\nboard = 1\ntoken_env = \"T\"\n",
        "c.toml",
    )
    .unwrap_err();
    assert!(e.to_string().contains("jira.email is required"));
    // Bearer needs no email, and the token comes from the command as written.
    let jira = parse(
        "[jira]\nurl = \"https://x\"\nboard = 1\nauth = \"bearer\"\ntoken_cmd = \"pass jira\"\n",
        "c.toml",
    )
    .unwrap()
    .jira
    .unwrap();
    assert_eq!(jira.auth, JiraAuth::Bearer);
    assert_eq!(jira.token_cmd.as_deref(), Some("pass jira"));
    assert_eq!((jira.token_env, jira.email), (None, None));
    assert_eq!((jira.url.as_str(), jira.board), ("https://x", 1));
    let e = parse("[ui]\nrefresh_seconds = 0\n", "c.toml").unwrap_err();
    assert!(e.to_string().contains("refresh_seconds"));
}

#[test]
fn discovery_prefers_the_flag_then_the_env_and_demo_forces_the_demo() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let cargo = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let env = cargo.to_str();
    assert_eq!(
        discover(Some(&example), env, false).unwrap(),
        Source::File(example.clone())
    );
    assert_eq!(
        discover(None, env, false).unwrap(),
        Source::File(cargo.clone())
    );
    assert_eq!(discover(Some(&example), env, true).unwrap(), Source::Demo);
    let missing = discover(Some(Path::new("/nonexistent/shipdeck.toml")), None, false).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "cannot read /nonexistent/shipdeck.toml: no such file"
    );
}

#[test]
fn the_example_config_names_every_bindable_action() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let missing: Vec<&str> = shipdeck::app::Action::ALL
        .iter()
        .map(|a| a.name())
        .filter(|name| !text.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "config.example.toml does not name {missing:?}"
    );
}

/// Every number in the config, as a document setting it to `{v}`, with the key an error names.
const NUMBERS: &[(&str, &str)] = &[
    ("ui.refresh_seconds", "[ui]\nrefresh_seconds = {v}\n"),
    (
        "ui.token_cmd_timeout_seconds",
        "[ui]\ntoken_cmd_timeout_seconds = {v}\n",
    ),
    (
        "jira.board",
        "[jira]\nurl = \"https://x\"\nboard = {v}\nauth = \"bearer\"\ntoken_env = \"T\"\n",
    ),
    (
        "github[0].project.number",
        "[[github]]\nname = \"a\"\ntoken_env = \"T\"\nproject = { owner = \"o\", number = {v} }\n",
    ),
    (
        "github[0].wip.Doing",
        "[[github]]\nname = \"a\"\ntoken_env = \"T\"\nrepos = [\"a/b\"]\nwip = { Doing = {v} }\n",
    ),
    ("logs.max_lines", "[logs]\nmax_lines = {v}\n"),
    ("sprint.aging_days", "[sprint]\naging_days = {v}\n"),
    (
        "standup.seconds_per_person",
        "[standup]\nseconds_per_person = {v}\n",
    ),
];

#[test]
fn every_number_out_of_range_names_its_key_place_and_range() {
    for (key, doc) in NUMBERS {
        // 0 is a valid WIP limit (a column that takes nothing); nowhere else.
        let zero = (*key != "github[0].wip.Doing").then_some("0");
        let extremes = ["18446744073709551615", "-1", "-9223372036854775808"];
        for value in extremes.into_iter().chain(zero) {
            let text = doc.replace("{v}", value);
            let (line, column, named, message) = invalid(&text);
            assert_eq!(named, *key, "{text}");
            assert!(
                message.starts_with("must be from ")
                    && message.ends_with(&format!("(got {value})")),
                "{key} = {value}: {message}"
            );
            let at = text.lines().nth(line - 1).unwrap();
            assert!(
                at[column - 1..].contains(value),
                "{key}: {line}:{column} {at}"
            );
        }
    }
}

#[test]
fn a_huge_refresh_once_read_never_panics_the_schedule() {
    use shipdeck::app::{Msg, State, update};
    use shipdeck::sync::SyncEvent;
    // What refresh_seconds = 18446744073709551615 used to become before it was range-checked.
    let mut state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(u64::MAX));
    let failed = SyncEvent::SyncFailed { error: "x".into() };
    update(&mut state, Msg::Sync(failed), chrono::Utc::now());
    assert_eq!(state.next_refresh, None, "too far to schedule: never");
}
