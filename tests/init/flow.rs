//! The whole flow with typed-in-advance answers against the sandbox: GitHub as the board
//! (a project picked among those listed), a token without the project scope, and Jira Data
//! Center beside a deploy backend. Tokens come from commands, so no test changes the
//! environment.

use crate::script::Script;
use shipdeck::cli::init::flow::{Options, Outcome, run};
use shipdeck::config::{ProjectRef, load_file};
use shipdeck_sandbox::github::board::NO_PROJECT_SCOPE_TOKEN;
use shipdeck_sandbox::{DEMO_BOARD_ID, DEMO_GITHUB_TOKEN, Sandbox};

fn options(dir: &tempfile::TempDir) -> Options {
    Options {
        path: dir.path().join("shipdeck").join("config.toml"),
        force: false,
    }
}

#[tokio::test]
async fn github_as_the_board_lists_projects_and_repositories_and_picks_them() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = options(&dir);
    let command = format!("printf %s {DEMO_GITHUB_TOKEN}");
    let mut script = Script::new(&[
        "3",
        &sandbox.url(),
        "2",
        &command,
        "1",
        "1 2",
        "deploy",
        "1",
        "",
    ]);
    let outcome = run(&mut script, &options).await;
    let shown = &script.shown;
    assert_eq!(outcome, Ok(Outcome::Written), "{shown}");
    assert_eq!(script.left(), 0, "{shown}");
    assert!(
        shown.contains(&format!("REST API at {}/api/v3", sandbox.url())),
        "{shown}"
    );
    assert!(shown.contains("1 project:\n"), "{shown}");
    assert!(shown.contains("Storefront delivery  acme/3"), "{shown}");
    assert!(
        shown.contains("acme/storefront: environments staging, production"),
        "{shown}"
    );
    assert!(shown.contains("1 workflow matching \"deploy\":"), "{shown}");
    assert!(
        shown.contains("Name for this GitHub table [acme]: "),
        "{shown}"
    );
    assert!(shown.contains("✔ Storefront delivery board: "), "{shown}");
    assert!(shown.contains("✔ deploy backend acme: "), "{shown}");
    let config = load_file(&options.path).unwrap();
    let table = &config.github[0];
    assert_eq!(table.api_url, sandbox.github_api_url());
    assert_eq!(table.token_cmd.as_deref(), Some(command.as_str()));
    assert_eq!(table.repos, ["acme/search", "acme/storefront"]);
    assert_eq!(
        table.project,
        Some(ProjectRef {
            owner: "acme".into(),
            number: 3
        })
    );
    assert_eq!(table.deploy_workflow.as_deref(), Some("deploy.yml"));
}

#[tokio::test]
async fn a_token_without_the_project_scope_goes_on_with_repositories() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = options(&dir);
    let command = format!("printf %s {NO_PROJECT_SCOPE_TOKEN}");
    let mut script = Script::new(&[
        "3",
        &sandbox.url(),
        "2",
        &command,
        "storefront",
        "1",
        "0",
        "shop",
    ]);
    let outcome = run(&mut script, &options).await;
    let shown = &script.shown;
    assert_eq!(outcome, Ok(Outcome::Written), "{shown}");
    assert!(
        shown.contains("read:project"),
        "the missing scope is named:\n{shown}"
    );
    assert!(shown.contains("Going on without a project"), "{shown}");
    assert!(
        shown.contains("1 repository matching \"storefront\":"),
        "{shown}"
    );
    let config = load_file(&options.path).unwrap();
    let table = &config.github[0];
    assert_eq!(
        (table.name.as_str(), table.project.as_ref()),
        ("shop", None)
    );
    assert_eq!(table.repos, ["acme/storefront"]);
    assert_eq!(table.deploy_workflow, None);
}

#[tokio::test]
async fn jira_data_center_and_a_deploy_backend_are_written_and_checked() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = options(&dir);
    let url = sandbox.url();
    let mut script = Script::new(&[
        "2 4",
        &url,
        "2",
        "printf %s personal-access-token",
        "/Team board",
        "1",
        "sandbox",
        &url,
        "3",
    ]);
    let outcome = run(&mut script, &options).await;
    let shown = &script.shown;
    assert_eq!(outcome, Ok(Outcome::Written), "{shown}");
    assert!(
        !shown.contains("Atlassian account email"),
        "Data Center has no email:\n{shown}"
    );
    assert!(
        shown.contains("1 board matching \"Team board\":"),
        "{shown}"
    );
    assert!(
        shown.contains("✔ Platform Team board: 7 columns, "),
        "{shown}"
    );
    assert!(
        shown.contains("✔ deploy backend sandbox: 3 services"),
        "{shown}"
    );
    let config = load_file(&options.path).unwrap();
    let jira = config.jira.as_ref().unwrap();
    assert_eq!((jira.board, jira.email.as_deref()), (DEMO_BOARD_ID, None));
    assert_eq!(jira.auth, shipdeck::config::JiraAuth::Bearer);
    assert_eq!(config.deploy[0].token_env, None);
    assert_eq!(config.deploy[0].token_cmd, None);
}

#[tokio::test]
async fn a_board_that_does_not_load_is_not_written_unless_asked() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = options(&dir);
    let url = sandbox.url();
    // The token command works while the boards are listed, then fails when the app reads it.
    let flag = dir.path().join("once");
    let command = format!(
        "test ! -e {0} && touch {0} && printf %s tok",
        flag.display()
    );
    let mut script = Script::new(&["2", &url, "2", &command, "platform team", "1", "n"]);
    let outcome = run(&mut script, &options).await;
    let shown = &script.shown;
    assert_eq!(outcome, Ok(Outcome::NotWritten), "{shown}");
    assert!(shown.contains("✘ "), "{shown}");
    assert!(
        shown.contains(&command),
        "the failing source is named:\n{shown}"
    );
    assert!(
        !shown.contains(".config.toml."),
        "messages name the target, not the staging file:\n{shown}"
    );
    let left: Vec<_> = std::fs::read_dir(options.path.parent().unwrap())
        .unwrap()
        .collect();
    assert!(left.is_empty(), "nothing left behind: {left:?}");
}
