//! The listing functions `init` picks from, over HTTP: Jira's boards from the sandbox (more
//! than one page, the name filter) and a 401 naming the token's source; GitHub's projects
//! (viewer and organisations, every cursor followed) and repositories with what deploys.

use serde_json::{Value, json};
use shipdeck::config::{JiraAuth, Secret, TokenSource, graphql_beside};
use shipdeck::providers::ProviderError;
use shipdeck::providers::github::discover::{self, ProjectSummary, Workflow};
use shipdeck::providers::github::{GithubClient, GithubSettings};
use shipdeck::providers::http::Network;
use shipdeck::providers::jira::boards::BoardDirectory;
use shipdeck_sandbox::{DEMO_BOARD_ID, DEMO_GITHUB_TOKEN, Sandbox};
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn directory(url: &str, token: &str) -> BoardDirectory {
    let source = TokenSource::Env("INIT_TEST_JIRA_TOKEN".into());
    let email = Some("ana@acme.example".to_string());
    BoardDirectory::new(url, JiraAuth::Basic, email, Secret::new(token), source).unwrap()
}

fn github(api_url: &str, token: &str) -> GithubClient {
    GithubClient::new(GithubSettings {
        name: "acme".into(),
        api_url: api_url.into(),
        graphql_url: graphql_beside(api_url),
        token: Secret::new(token),
        token_source: TokenSource::Command("gh auth token".into()),
        network: Network::default(),
    })
    .unwrap()
}

#[tokio::test]
async fn jira_boards_come_a_page_at_a_time_and_filter_by_name() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let boards = directory(&sandbox.url(), "api-token");
    let first = boards.page("", 0).await.unwrap();
    assert_eq!(
        (first.boards.len(), first.next, first.total),
        (50, Some(50), Some(65))
    );
    let second = boards.page("", 50).await.unwrap();
    assert_eq!((second.boards.len(), second.next), (15, None));
    let mut ids: Vec<u64> = first
        .boards
        .iter()
        .chain(&second.boards)
        .map(|b| b.id)
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 65, "no board twice");
    let team = boards.page("  team BOARD ", 0).await.unwrap();
    assert_eq!(team.boards.len(), 1);
    let board = &team.boards[0];
    assert_eq!(
        (board.id, board.name.as_str(), board.kind.as_str()),
        (DEMO_BOARD_ID, "Platform Team board", "scrum")
    );
    assert_eq!(board.project.as_deref(), Some("Platform (PLAT)"));
}

#[tokio::test]
async fn a_refused_jira_token_is_named_by_its_source_never_its_value() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/agile/1.0/board"))
        .and(query_param("startAt", "0"))
        .and(query_param("maxResults", "50"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({ "errorMessages": ["Client must be authenticated"], "errors": {} }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let error = directory(&server.uri(), "s3cret-value")
        .page("", 0)
        .await
        .unwrap_err();
    assert!(
        matches!(error, ProviderError::Unauthorized { .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("$INIT_TEST_JIRA_TOKEN"), "{text}");
    assert!(!text.contains("s3cret"), "{text}");
}

#[tokio::test]
async fn github_repositories_and_what_deploys_them_come_from_the_sandbox() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let client = github(&sandbox.github_api_url(), DEMO_GITHUB_TOKEN);
    let repos = discover::repos(&client).await.unwrap();
    let names: Vec<&str> = repos.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(names, ["acme/search", "acme/storefront"]);
    assert!(repos.iter().all(|r| !r.archived && r.description.is_some()));
    let ops = discover::repo_ops(&client, "acme/storefront")
        .await
        .unwrap();
    assert_eq!(ops.environments, ["staging", "production"]);
    let deploy = Workflow {
        name: "Deploy".into(),
        file: "deploy.yml".into(),
    };
    assert!(ops.workflows.contains(&deploy), "{:?}", ops.workflows);
    let search = discover::repo_ops(&client, "acme/search").await.unwrap();
    assert!(search.environments.is_empty());
    let listed = discover::projects(&client, 1).await.unwrap();
    assert_eq!(listed.viewer, "ana-k");
    let storefront = ProjectSummary {
        owner: "acme".into(),
        number: 3,
        title: "Storefront delivery".into(),
    };
    assert_eq!(listed.projects, [storefront]);
}

fn page(nodes: Value, next: Option<&str>) -> Value {
    json!({ "nodes": nodes, "pageInfo": { "hasNextPage": next.is_some(), "endCursor": next } })
}

fn project(number: u64, title: &str, closed: bool) -> Value {
    json!({ "number": number, "title": title, "closed": closed })
}

async fn answer(server: &MockServer, query: &str, after: Option<&str>, data: Value) {
    let mut mock = Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header("authorization", "Bearer ghp-test"))
        .and(body_string_contains(query));
    if let Some(after) = after {
        mock = mock.and(body_string_contains(format!("\"after\":\"{after}\"")));
    }
    mock.respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": data })))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn github_projects_follow_every_cursor_of_viewer_and_organisations() {
    let server = MockServer::start().await;
    let first = json!({ "viewer": {
        "login": "octo\u{1b}[2J",
        "projectsV2": page(json!([project(1, "Mine", false)]), Some("v1")),
        "organizations": page(json!([{ "login": "acme",
            "projectsV2": page(json!([project(3, "Delivery", false)]), Some("a1")) }]), Some("o1")),
    }});
    answer(&server, "query Discover", None, first).await;
    let mine = json!({ "viewer": { "projectsV2": page(json!([project(2, "Old", true)]), None) } });
    answer(&server, "query ViewerProjects", Some("v1"), mine).await;
    let acme =
        json!({ "organization": { "projectsV2": page(json!([project(4, "Ops", false)]), None) } });
    answer(&server, "query OrganizationProjects", Some("a1"), acme).await;
    let orgs = json!({ "viewer": { "organizations": page(json!([{ "login": "beta",
        "projectsV2": page(json!([project(7, "Beta \u{1b}]0;x\u{7}board", false)]), None) }]), None) } });
    answer(&server, "query Organizations", Some("o1"), orgs).await;

    let listed = discover::projects(&github(&server.uri(), "ghp-test"), 1)
        .await
        .unwrap();
    assert_eq!(listed.viewer, "octo", "sanitised");
    let found: Vec<(&str, u64, &str)> = listed
        .projects
        .iter()
        .map(|p| (p.owner.as_str(), p.number, p.title.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("octo", 1, "Mine"),
            ("acme", 3, "Delivery"),
            ("acme", 4, "Ops"),
            ("beta", 7, "Beta board")
        ],
        "closed projects are left out, titles sanitised"
    );
}
