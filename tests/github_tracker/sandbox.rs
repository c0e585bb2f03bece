//! The tracker against the built-in sandbox's GitHub side: its GraphQL executor runs the
//! same documents GitHub would, so a board loads and a card really moves.

use shipdeck::config::{ProjectRef, Secret, TokenSource};
use shipdeck::domain::{BoardKind, Column, IssueKey, StatusId};
use shipdeck::providers::github::{
    GithubClient, GithubSettings, GithubTracker, GithubTrackerSettings,
};
use shipdeck::providers::{IssueTracker, ProviderError};
use shipdeck_sandbox::Sandbox;
use std::collections::BTreeMap;
use std::sync::Arc;

fn tracker(sandbox: &Sandbox, token: &str, project: bool) -> GithubTracker {
    let client = GithubClient::new(GithubSettings {
        name: "demo".into(),
        api_url: sandbox.github_api_url(),
        graphql_url: format!("{}/api/graphql", sandbox.url()),
        token: Secret::new(token),
        token_source: TokenSource::Demo,
        network: shipdeck::providers::http::Network::default(),
    })
    .unwrap();
    let settings = GithubTrackerSettings {
        repos: vec!["acme/storefront".into(), "acme/search".into()],
        project: project.then(|| ProjectRef {
            owner: "acme".into(),
            number: 3,
        }),
        wip: BTreeMap::from([("In progress".to_string(), 4)]),
        columns: Vec::new(),
        points_field: None,
    };
    GithubTracker::new(Arc::new(client), settings)
}

#[tokio::test]
async fn a_project_card_moves_through_the_sandbox() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let tracker = tracker(&sandbox, "sandbox-token", true);

    let board = tracker.load_board().await.unwrap();
    assert_eq!(board.kind, BoardKind::Scrum);
    assert!(board.sprint.is_some(), "an iteration contains today");
    let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.ends_with(&["Backlog", "Todo", "In progress", "In review", "Done"]),
        "{names:?}"
    );
    let review = board.column_named("In review").unwrap();
    let card = board
        .issues
        .iter()
        .find(|i| board.column_of(i) == board.column_named("Todo"))
        .expect("a card in Todo")
        .key
        .clone();

    tracker
        .move_issue(&card, &board.columns[review])
        .await
        .unwrap();

    let again = tracker.load_board().await.unwrap();
    let moved = again.issues.iter().find(|i| i.key == card).unwrap();
    assert_eq!(again.column_of(moved), Some(review));
    let sprints = tracker.sprints().await.unwrap();
    let current = board.sprint.as_ref().unwrap();
    assert!(sprints.iter().any(|s| s.id == current.id), "{sprints:?}");
    let data = tracker.sprint_data(current.id).await.unwrap();
    assert!(data.issues.iter().any(|h| h.issue.key == card));
}

#[tokio::test]
async fn a_project_card_moves_to_no_status_through_the_sandbox() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let tracker = tracker(&sandbox, "sandbox-token", true);
    let board = tracker.load_board().await.unwrap();
    assert_ne!(
        board.columns[0].name, "No status",
        "every seeded card has a Status"
    );
    let card = board
        .issues
        .iter()
        .find(|i| board.column_of(i) == board.column_named("In progress"))
        .expect("a card in In progress")
        .key
        .clone();
    // The column the board shows once a card has no Status.
    let no_status = Column {
        name: "No status".into(),
        statuses: vec![StatusId("no-status".into())],
        min: None,
        max: None,
    };

    tracker.move_issue(&card, &no_status).await.unwrap();

    let again = tracker.load_board().await.unwrap();
    let names: Vec<&str> = again.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "No status",
            "Backlog",
            "Todo",
            "In progress",
            "In review",
            "Done"
        ]
    );
    let moved = again.issues.iter().find(|i| i.key == card).unwrap();
    assert_eq!(again.column_of(moved), Some(0));
    let alone: Vec<&IssueKey> = again.cards(0).map(|i| &i.key).collect();
    assert_eq!(alone, [&card]);
}

#[tokio::test]
async fn an_issue_board_assigns_through_the_sandbox() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let tracker = tracker(&sandbox, "sandbox-token", false);

    let board = tracker.load_board().await.unwrap();
    assert!(board.issues.iter().all(|i| !i.url.contains("/pull/")));
    let open = board.column_named("Open").unwrap();
    let in_progress = board.column_named("In progress").unwrap();
    let card: IssueKey = board.cards(open).next().expect("an open issue").key.clone();

    tracker
        .move_issue(&card, &board.columns[in_progress])
        .await
        .unwrap();

    let again = tracker.load_board().await.unwrap();
    let moved = again.issues.iter().find(|i| i.key == card).unwrap();
    assert_eq!(again.column_of(moved), Some(in_progress));
    let me = tracker.myself().await.unwrap();
    assert_eq!(moved.assignee.as_ref().map(|p| &p.id), Some(&me.id));
}

#[tokio::test]
async fn a_token_without_project_scope_is_told_which_scope() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let err = tracker(&sandbox, "sandbox-no-project-scope", true)
        .load_board()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ProviderError::Forbidden(m) if m.contains("read:project") && m.contains("GitHub demo")),
        "{err:?}"
    );
}
