//! What a failing source looks like: a token the server refuses, a port nothing listens on,
//! a GitHub token without the project scope.

use super::servers::dead_port;
use super::world::{World, failures, line};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "hunter2-doctor-secret";

#[test]
fn a_refused_token_names_its_variable_and_never_the_token() {
    let world = World::new();
    let server = world.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/rest/api/2/myself"))
            .respond_with(ResponseTemplate::new(401).set_body_string("Unauthorized"))
            .mount(&server)
            .await;
        server
    });
    world.config(&format!(
        "[jira]\nurl = \"{}\"\nboard = 7\nauth = \"bearer\"\ntoken_env = \"DOCTOR_JIRA_PAT\"\n",
        server.uri()
    ));
    let out = world.run(&["doctor"], &[("DOCTOR_JIRA_PAT", SECRET)]);
    let shown = super::world::text(&out.stdout);
    assert_eq!(super::world::code(&out), 1, "{shown}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(
        shown.contains("✖ http      Jira rejected the token from $DOCTOR_JIRA_PAT (401)"),
        "{shown}"
    );
    assert!(
        shown.contains("fix: $DOCTOR_JIRA_PAT holds a token the server refuses"),
        "{shown}"
    );
    assert!(
        shown.contains("· identity  not tried: the first call failed"),
        "{shown}"
    );
    let (_, report) = world.doctor(&[("DOCTOR_JIRA_PAT", SECRET)]);
    assert!(!report.to_string().contains(SECRET));
    assert_eq!(
        line(&report, "jira", "token")["detail"],
        "$DOCTOR_JIRA_PAT is set"
    );
    assert_eq!(line(&report, "jira", "board")["ok"], false);
}

#[test]
fn a_dead_port_fails_at_tcp_and_skips_the_rest() {
    let world = World::new();
    let port = dead_port();
    world.config(&format!(
        "[[deploy]]\nname = \"gone\"\nkind = \"http\"\nurl = \"http://127.0.0.1:{port}\"\n"
    ));
    let (status, report) = world.doctor(&[]);
    assert_eq!(status, 1);
    assert_eq!(report["ok"], false);
    let tcp = line(&report, "deploy gone", "tcp");
    assert_eq!(
        tcp["detail"],
        format!("127.0.0.1:{port}: connection refused")
    );
    assert!(
        tcp["fix"]
            .as_str()
            .unwrap()
            .contains("nothing listens there"),
        "{tcp}"
    );
    for later in ["tls", "http", "clock"] {
        assert_eq!(
            line(&report, "deploy gone", later)["detail"],
            "not tried: the server could not be reached"
        );
    }
}

#[test]
fn a_github_token_without_read_project_names_the_missing_scope() {
    let world = World::new();
    let server = world.block_on(github_with_scopes("repo"));
    world.config(&format!(
        r#"
[[github]]
name = "corp"
api_url = "{uri}/api/v3"
graphql_url = "{uri}/api/graphql"
token_env = "DOCTOR_GH_TOKEN"
repos = ["corp/app"]
project = {{ owner = "corp", number = 5 }}
"#,
        uri = server.uri()
    ));
    let (status, report) = world.doctor(&[("DOCTOR_GH_TOKEN", SECRET)]);
    assert_eq!(status, 1, "{:#?}", failures(&report));
    let scopes = line(&report, "github corp", "scopes");
    assert_eq!(scopes["ok"], false);
    let detail = scopes["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("the token has repo; missing read:project (showing project 5)"),
        "{detail}"
    );
    assert_eq!(failures(&report).len(), 1, "{:#?}", failures(&report));
    assert_eq!(
        line(&report, "github corp", "identity")["detail"],
        "signed in as mona (Mona Lisa)"
    );
}

/// A GitHub that answers `/user` with these scopes, the project and the repository.
async fn github_with_scopes(scopes: &str) -> MockServer {
    let server = MockServer::start().await;
    let ok = |body: Value| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(
            ok(json!({ "login": "mona", "name": "Mona Lisa" }))
                .insert_header("x-oauth-scopes", scopes),
        )
        .mount(&server)
        .await;
    let project = json!({ "data": { "repositoryOwner": { "projectV2": { "title": "Roadmap" } } } });
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(ok(project))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/corp/app"))
        .respond_with(ok(json!({ "full_name": "corp/app" })))
        .mount(&server)
        .await;
    server
}
