use super::support::{
    REPO, SHA_A, SHA_B, SHA_C, STAGING_SHA, backend, deployment, environment_history, get, pending,
};
use serde_json::json;
use shipdeck::domain::IssueKey;
use shipdeck::domain::deploy::{DeployState, DeploymentId};
use shipdeck::providers::DeployBackend;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> serde_json::Value {
    let at = format!(
        "{}/tests/fixtures/github/deploys/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(at).unwrap()).unwrap()
}

#[tokio::test]
async fn services_are_the_repositories_with_environments() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/environments")))
        .and(query_param("per_page", "100"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("environments-payments.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/search/environments"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "total_count": 0, "environments": [] })),
        )
        .expect(1)
        .mount(&server)
        .await;
    get(
        &server,
        "/environments/production/deployment-branch-policies",
        json!({ "total_count": 2, "branch_policies": [
            { "id": 361471, "node_id": "MDE2", "name": "main", "type": "branch" },
            { "id": 361472, "node_id": "MDE3", "name": "v*", "type": "tag" }
        ]}),
    )
    .await;
    environment_history(&server, "dev", &[]).await;
    let staging = deployment(2001, STAGING_SHA, "main", "staging", 20);
    environment_history(&server, "staging", &[(staging, "success", 9150)]).await;
    let newest = deployment(1803, SHA_C, "main", "production", 24);
    let live = deployment(1802, SHA_B, "v1.8.0", "production", 10);
    environment_history(
        &server,
        "production",
        &[(newest, "queued", 9200), (live, "success", 9100)],
    )
    .await;
    get(
        &server,
        "/actions/runs/9200/pending_deployments",
        json!([pending(161088003, "production", true)]),
    )
    .await;

    Mock::given(method("GET"))
        .and(path(format!("{REPO}/compare/{SHA_B}...{SHA_C}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("compare.json")))
        .expect(1)
        .mount(&server)
        .await;

    let services = backend(&server, Some("deploy.yml"))
        .services()
        .await
        .unwrap();
    assert_eq!(services.len(), 1, "acme/search has no environments");
    let payments = &services[0];
    assert_eq!(
        (payments.name.as_str(), payments.repo.as_deref()),
        ("payments", Some("acme/payments"))
    );
    let names: Vec<&str> = payments
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, ["dev", "staging", "production"]);
    let [dev, staging, production] = &payments.environments[..] else {
        panic!("three environments");
    };
    assert!(dev.current.is_none());
    assert_eq!(
        (staging.protected, staging.protection.as_slice()),
        (false, &["branches: protected".to_string()][..])
    );
    let running = staging.current.as_ref().unwrap();
    assert_eq!(
        (
            running.id.0.as_str(),
            running.state,
            running.revision.as_str()
        ),
        ("2001", DeployState::Succeeded, STAGING_SHA)
    );
    assert!(production.protected);
    assert_eq!(
        production.protection,
        [
            "2 reviewers: ana-k, platform-leads",
            "wait 5 min",
            "branches: main; tags: v*"
        ]
    );
    // The newest production deployment waits for its reviewers: it is what moves there.
    let waiting = production.current.as_ref().unwrap();
    assert_eq!(
        (
            waiting.id.0.as_str(),
            waiting.state,
            waiting.run_id.as_deref()
        ),
        ("1803", DeployState::Waiting, Some("9200"))
    );
    // A reviewer sees what approving would bring: the commits since the live release.
    assert!(!waiting.changes.is_empty(), "{waiting:?}");
    let running_now = staging.current.as_ref().unwrap();
    assert!(
        running_now.changes.is_empty(),
        "only a waiting one is compared"
    );
}

#[tokio::test]
async fn history_has_latest_states_and_the_commits_each_brought() {
    let server = MockServer::start().await;
    environment_history(
        &server,
        "production",
        &[
            (
                deployment(1803, SHA_C, "main", "production", 24),
                "failure",
                9200,
            ),
            (
                deployment(1802, SHA_B, "v1.8.0", "production", 10),
                "success",
                9100,
            ),
            (
                deployment(1790, SHA_A, "main", "production", 2),
                "inactive",
                9000,
            ),
        ],
    )
    .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/compare/{SHA_A}...{SHA_B}")))
        .and(query_param("per_page", "100"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("compare.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/compare/{SHA_B}...{SHA_C}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "ahead", "ahead_by": 1, "behind_by": 0, "total_commits": 1,
            "commits": [{
                "sha": SHA_C, "node_id": "C_kwDO",
                "commit": { "message": "Drop the v1 refunds endpoint (OPS-7)" }
            }]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let history = backend(&server, None)
        .history("payments", "production", 30)
        .await
        .unwrap();
    let states: Vec<DeployState> = history.iter().map(|d| d.state).collect();
    assert_eq!(
        states,
        [
            DeployState::Failed,
            DeployState::Succeeded,
            DeployState::Succeeded
        ]
    );
    assert_eq!(history[1].label(), "v1.8.0");
    assert_eq!(history[0].run_id.as_deref(), Some("9200"));
    assert_eq!(history[0].changes[0].issue_keys, [IssueKey("OPS-7".into())]);
    let titles: Vec<&str> = history[1]
        .changes
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Merge pull request #45 from acme/retry-refunds",
            "Retry refunds on 503 PAY-12",
            "Bump tokio to 1.54"
        ]
    );
    assert!(
        history[2].changes.is_empty(),
        "nothing older to compare with"
    );
}

#[tokio::test]
async fn a_deployment_is_found_by_id_and_unknown_services_are_named() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/payments/deployments/1802"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "message": "Not Found",
            "documentation_url": "https://docs.github.com/rest/deployments/deployments#get-a-deployment"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/search/deployments/1802"))
        .respond_with(ResponseTemplate::new(200).set_body_json(deployment(
            1802,
            SHA_B,
            "v1.8.0",
            "production",
            10,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/search/deployments/1802/statuses"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(super::support::statuses(
                1802,
                "success",
                "production",
                9100,
            )),
        )
        .mount(&server)
        .await;
    let github = backend(&server, None);
    let found = github
        .deployment(&DeploymentId("1802".into()))
        .await
        .unwrap();
    assert_eq!(
        (found.service.as_str(), found.state),
        ("search", DeployState::Succeeded)
    );
    let err = github
        .history("billing", "production", 5)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("no repository named \"billing\""),
        "{err}"
    );
    let err = github
        .deployment(&DeploymentId("d-1".into()))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("run:N"), "{err}");
}
