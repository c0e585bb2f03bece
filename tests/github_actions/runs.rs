use super::support::{LEDGER, PAYMENTS, TOKEN, actions, both, ids, json};
use shipdeck::domain::pipeline::RunStatus;
use shipdeck::providers::{CiProvider, ProviderError};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn runs_of(server: &MockServer, repo: &str, fixture: &str, per_page: &str) {
    Mock::given(method("GET"))
        .and(path(format!("{repo}/actions/runs")))
        .and(query_param("per_page", per_page))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/vnd.github+json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json(fixture)))
        .mount(server)
        .await;
}

#[tokio::test]
async fn runs_of_two_repositories_merge_newest_first() {
    let server = MockServer::start().await;
    runs_of(&server, PAYMENTS, "runs-payments.json", "30").await;
    runs_of(&server, LEDGER, "runs-ledger.json", "30").await;
    let runs = both(&server).runs(None, 30).await.unwrap();
    assert_eq!(
        ids(&runs),
        ["40100002", "30433642", "30433600", "40100001", "30433555"]
    );
    let services: Vec<_> = runs.iter().map(|r| r.service.as_deref()).collect();
    assert_eq!(
        services,
        [
            Some("ledger"),
            Some("payments"),
            Some("payments"),
            Some("ledger"),
            Some("payments")
        ]
    );
    assert_eq!(runs[0].status, RunStatus::Running);
    assert_eq!(runs[1].name, "CI · Fix flaky checkout test");
}

#[tokio::test]
async fn the_limit_counts_across_repositories_and_a_service_picks_one() {
    let server = MockServer::start().await;
    runs_of(&server, PAYMENTS, "runs-payments.json", "2").await;
    runs_of(&server, LEDGER, "runs-ledger.json", "2").await;
    let ci = both(&server);
    assert_eq!(
        ids(&ci.runs(None, 2).await.unwrap()),
        ["40100002", "30433642"]
    );
    let ledger = ci.runs(Some("ledger"), 2).await.unwrap();
    assert_eq!(ids(&ledger), ["40100002", "40100001"]);
    assert!(ci.runs(Some("billing"), 2).await.unwrap().is_empty());
    assert!(ci.runs(None, 0).await.unwrap().is_empty());
}

#[tokio::test]
async fn runs_follow_link_paging_across_two_pages() {
    let server = MockServer::start().await;
    let next = format!(
        "<{}/api/v3/repositories/1296269/actions/runs?per_page=30&page=2>; rel=\"next\"",
        server.uri()
    );
    Mock::given(path(format!("{PAYMENTS}/actions/runs")))
        .and(query_param("per_page", "30"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json("runs-payments-page-1.json"))
                .insert_header("link", next.as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/api/v3/repositories/1296269/actions/runs"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("runs-payments-page-2.json")))
        .expect(1)
        .mount(&server)
        .await;
    let runs = actions(&server, &["acme/payments"])
        .runs(None, 30)
        .await
        .unwrap();
    assert_eq!(ids(&runs), ["30433642", "30433600", "30433555"]);
}

#[tokio::test]
async fn a_repeated_list_is_answered_from_memory_on_304() {
    let server = MockServer::start().await;
    let etag = "W/\"8c1a2f\"";
    Mock::given(path(format!("{PAYMENTS}/actions/runs")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json("runs-payments.json"))
                .insert_header("etag", etag),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(format!("{PAYMENTS}/actions/runs")))
        .and(header("if-none-match", etag))
        .respond_with(ResponseTemplate::new(304).insert_header("etag", etag))
        .expect(1)
        .mount(&server)
        .await;
    let ci = actions(&server, &["acme/payments"]);
    let first = ci.runs(None, 30).await.unwrap();
    let second = ci.runs(None, 30).await.unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(first, second);
}

async fn jobs_of_30433642(server: &MockServer, repo: &str) {
    Mock::given(path(format!("{repo}/actions/runs/30433642/jobs")))
        .and(query_param("per_page", "100"))
        .and(query_param("filter", "latest"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("jobs-30433642.json")))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_run_comes_with_its_jobs_and_steps() {
    let server = MockServer::start().await;
    Mock::given(path(format!("{PAYMENTS}/actions/runs/30433642")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("run-30433642.json")))
        .mount(&server)
        .await;
    jobs_of_30433642(&server, PAYMENTS).await;
    let run = both(&server).run("30433642").await.unwrap();
    assert_eq!(
        (run.status, run.service.as_deref()),
        (RunStatus::Failed, Some("payments"))
    );
    let jobs: Vec<_> = run
        .jobs
        .iter()
        .map(|j| (j.name.as_str(), j.status))
        .collect();
    assert_eq!(
        jobs,
        [
            ("build", RunStatus::Succeeded),
            ("test (ubuntu-latest)", RunStatus::Failed),
            ("publish", RunStatus::Running),
            ("notify", RunStatus::Queued)
        ]
    );
    assert_eq!(run.jobs[1].steps[1].name, "Run tests");
    assert_eq!(run.jobs[1].steps[1].status, RunStatus::Failed);
}

#[tokio::test]
async fn an_unlisted_run_is_looked_for_in_each_repository_once() {
    let server = MockServer::start().await;
    let not_found = ResponseTemplate::new(404).set_body_json(serde_json::json!({
        "message": "Not Found",
        "documentation_url": "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run"
    }));
    Mock::given(path(format!("{PAYMENTS}/actions/runs/30433642")))
        .respond_with(not_found.clone())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(format!("{LEDGER}/actions/runs/30433642")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("run-30433642.json")))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path(format!("{LEDGER}/actions/runs/30433642/jobs")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json("jobs-30433642.json")))
        .mount(&server)
        .await;
    Mock::given(path(format!("{PAYMENTS}/actions/runs/7")))
        .respond_with(not_found.clone())
        .mount(&server)
        .await;
    Mock::given(path(format!("{LEDGER}/actions/runs/7")))
        .respond_with(not_found)
        .mount(&server)
        .await;
    let ci = both(&server);
    // Found in the second repository, then asked for there directly.
    for _ in 0..2 {
        let run = ci.run("30433642").await.unwrap();
        assert_eq!(run.service.as_deref(), Some("ledger"));
    }
    let Err(ProviderError::NotFound(message)) = ci.run("7").await else {
        panic!("run 7 was found");
    };
    assert_eq!(
        message,
        "GitHub acme: no run 7 in acme/payments, acme/ledger"
    );
}

#[tokio::test]
async fn ids_that_are_not_numbers_are_refused_without_a_request() {
    let server = MockServer::start().await;
    let ci = both(&server);
    for id in ["r-311", "../../user", "12?x=1", ""] {
        let Err(ProviderError::Rejected(message)) = ci.run(id).await else {
            panic!("{id:?} was accepted");
        };
        assert!(
            message.contains("is not a GitHub Actions run id"),
            "{message}"
        );
    }
    assert!(matches!(
        ci.log("30433642", "j-1", 0).await,
        Err(ProviderError::Rejected(_))
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_table_without_usable_repos_has_no_runs_and_says_so() {
    let server = MockServer::start().await;
    let ci = actions(&server, &["acme/.."]);
    assert!(ci.runs(None, 30).await.unwrap().is_empty());
    let Err(ProviderError::NotFound(message)) = ci.run("5").await else {
        panic!("run 5 was found");
    };
    assert_eq!(
        message,
        "GitHub acme: no run 5 in its repos (none are configured)"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
