//! The file writer: every key commented, values TOML-escaped so they read back as typed, no
//! token anywhere, and the file put in place atomically with mode 0600.

use shipdeck::cli::init::plan::{DeployPlan, GithubPlan, JiraPlan, Plan};
use shipdeck::cli::init::render::{render, string};
use shipdeck::cli::init::write::stage;
use shipdeck::config::{JiraAuth, TokenSource, parse};
use shipdeck::providers::github::discover::ProjectSummary;
use shipdeck::providers::jira::boards::BoardSummary;
use std::os::unix::fs::PermissionsExt;

const AWKWARD: &str = "ana \"the admin\" \\ o'hara\t@acme.example";

fn plan() -> Plan {
    Plan {
        jira: Some(JiraPlan {
            url: "https://acme.atlassian.net".into(),
            auth: JiraAuth::Basic,
            email: Some(AWKWARD.into()),
            token: TokenSource::Env("JIRA_API_TOKEN".into()),
            board: BoardSummary {
                id: 42,
                name: "Platform \"Team\" board".into(),
                kind: "scrum".into(),
                project: Some("Platform (PLAT)".into()),
            },
        }),
        github: Some(GithubPlan {
            name: "acme".into(),
            api_url: "https://ghe.acme.example/api/v3".into(),
            token: TokenSource::Command("gh auth token --hostname ghe.acme.example".into()),
            repos: vec!["acme/storefront".into(), "acme/search".into()],
            project: Some(ProjectSummary {
                owner: "acme".into(),
                number: 3,
                title: "Storefront delivery".into(),
            }),
            deploy_workflow: Some("deploy.yml".into()),
        }),
        deploy: Some(DeployPlan {
            name: "sandbox".into(),
            url: "http://127.0.0.1:8080".into(),
            token: TokenSource::None,
        }),
    }
}

/// The comment line right above `key = ...`.
fn comment_above<'a>(text: &'a str, key: &str) -> &'a str {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key} in\n{text}"));
    assert!(at > 0, "{key} is the first line");
    lines[at - 1]
}

#[test]
fn every_key_is_commented_and_the_file_reads_back_as_planned() {
    let text = render(&plan());
    for key in [
        "url",
        "board",
        "auth",
        "email",
        "token_env",
        "name",
        "api_url",
        "token_cmd",
        "repos",
        "project",
        "deploy_workflow",
        "kind",
    ] {
        let above = comment_above(&text, key);
        assert!(
            above.starts_with("# "),
            "{key} has no comment above it: {above:?}"
        );
    }
    assert!(text.contains("# The board: \"Platform \"Team\" board\" (scrum, Platform (PLAT))"));
    assert!(text.contains("# No token: requests carry no Authorization header."));
    let config = parse(&text, "config.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let jira = config.jira.unwrap();
    assert_eq!(
        jira.email.as_deref(),
        Some(AWKWARD),
        "escaped and read back"
    );
    assert_eq!((jira.board, jira.auth), (42, JiraAuth::Basic));
    assert_eq!(jira.token_env.as_deref(), Some("JIRA_API_TOKEN"));
    let github = &config.github[0];
    assert_eq!(
        github.graphql_endpoint(),
        "https://ghe.acme.example/api/graphql"
    );
    assert_eq!(github.repos, ["acme/storefront", "acme/search"]);
    assert_eq!(
        github.token_cmd.as_deref(),
        Some("gh auth token --hostname ghe.acme.example")
    );
    let deploy = &config.deploy[0];
    assert_eq!(
        (deploy.token_env.as_ref(), deploy.token_cmd.as_ref()),
        (None, None)
    );
}

#[test]
fn values_are_escaped_and_no_key_holds_a_token() {
    assert_eq!(string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
    let text = render(&plan());
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .filter_map(|l| l.split(" = ").next())
        .collect();
    assert!(keys.contains(&"token_env") && keys.contains(&"token_cmd"));
    for key in keys {
        assert!(
            !key.contains("token") || key == "token_env" || key == "token_cmd",
            "{key}"
        );
    }
    let mut minimal = plan();
    minimal.jira = None;
    minimal.deploy = None;
    let github = minimal.github.as_mut().unwrap();
    github.project = None;
    github.deploy_workflow = None;
    let text = render(&minimal);
    let config = parse(&text, "config.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(config.github[0].project, None);
    assert!(
        text.contains("# deploy_workflow = \"deploy.yml\""),
        "{text}"
    );
    assert!(text.contains("# project = { owner = "), "{text}");
}

#[test]
fn the_file_is_private_placed_atomically_and_never_clobbered_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new").join("config.toml");
    let staged = stage(&target, "# one\n").unwrap();
    assert!(
        !target.exists(),
        "nothing at the target before it is placed"
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(staged.path()), 0o600);
    assert_eq!(mode(target.parent().unwrap()), 0o700);
    staged.place(false).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "# one\n");
    assert_eq!(mode(&target), 0o600);

    let second = stage(&target, "# two\n").unwrap();
    let temporary = second.path().to_path_buf();
    let refused = second.place(false).unwrap_err();
    assert_eq!(refused.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "# one\n");
    assert!(!temporary.exists(), "the unused file is removed");

    stage(&target, "# three\n").unwrap().place(true).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "# three\n");
    drop(stage(&target, "# four\n").unwrap());
    let names: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["config.toml"], "a dropped stage leaves nothing");
}
