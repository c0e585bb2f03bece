//! `shipdeck promote payments --from staging --to production --yes` over the GitHub
//! backend: the verb goes through the trait unchanged, dispatches once, follows the run to
//! the deployment it makes and audits the outcome.

use super::support::{
    REPO, SHA_B, STAGING_SHA, backend, deployment, environment_history, repository, run, stamp,
    statuses,
};
use chrono::{Duration, Utc};
use serde_json::json;
use shipdeck::audit::AuditLog;
use shipdeck::cli::{ActArgs, PromoteArgs};
use shipdeck::cli::{Guard, promote};
use shipdeck::setup::DeployHandle;
use std::process::ExitCode;
use std::sync::Arc;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn json_answer(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// payments with dev (empty), staging (runs STAGING_SHA) and production (runs SHA_B).
async fn world(server: &MockServer) {
    let environments: Vec<serde_json::Value> = ["dev", "staging", "production"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            json!({ "id": 161088001 + i as u64, "node_id": "EN", "name": name,
            "url": "", "html_url": "", "created_at": stamp(Utc::now()),
            "updated_at": stamp(Utc::now()), "protection_rules": [],
            "deployment_branch_policy": null })
        })
        .collect();
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/environments")))
        .respond_with(json_answer(
            json!({ "total_count": 3, "environments": environments }),
        ))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/acme/search/environments"))
        .respond_with(json_answer(json!({ "total_count": 0, "environments": [] })))
        .mount(server)
        .await;
    repository(server).await;
    environment_history(server, "dev", &[]).await;
    let staged = deployment(2001, STAGING_SHA, "main", "staging", 20);
    environment_history(server, "staging", &[(staged, "success", 9150)]).await;
    let live = deployment(1802, SHA_B, "v1.8.0", "production", 10);
    environment_history(server, "production", &[(live, "success", 9100)]).await;
}

#[tokio::test]
async fn promote_verb_dispatches_once_and_waits_for_the_deployment_of_the_run() {
    let server = MockServer::start().await;
    world(&server).await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{REPO}/actions/workflows/deploy.yml/dispatches"
        )))
        .respond_with(json_answer(json!({
            "workflow_run_id": 9300,
            "run_url": "https://api.github.com/repos/acme/payments/actions/runs/9300",
            "html_url": "https://github.com/acme/payments/actions/runs/9300"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let started = Utc::now() - Duration::seconds(20);
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/runs/9300")))
        .respond_with(json_answer(run(
            9300,
            "completed",
            Some("success"),
            started,
        )))
        .mount(&server)
        .await;
    let mut made = deployment(1804, STAGING_SHA, "main", "production", 0);
    made["created_at"] = json!(stamp(started + Duration::seconds(3)));
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments")))
        .and(query_param("sha", STAGING_SHA))
        .respond_with(json_answer(json!([made])))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/deployments/1804/statuses")))
        .respond_with(json_answer(statuses(1804, "success", "production", 9300)))
        .mount(&server)
        .await;

    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.jsonl");
    let handle = DeployHandle {
        name: "acme".into(),
        read_only: false,
        backend: Arc::new(backend(&server, Some("deploy.yml"))),
        ci: None,
    };
    let args = PromoteArgs {
        service: "payments".into(),
        from: "staging".into(),
        to: "production".into(),
        revision: None,
        act: ActArgs {
            reason: None,
            yes: true,
            no_wait: false,
            timeout: None,
            backend: None,
        },
    };
    let guard = Guard {
        read_only: false,
        audit: Some(AuditLog::at(audit.clone())),
    };
    let code = promote(&[handle], &args, &guard).await;
    assert_eq!(code, ExitCode::SUCCESS);
    let lines = std::fs::read_to_string(audit).unwrap();
    assert!(lines.contains(STAGING_SHA), "{lines}");
    assert!(
        lines.contains("run:9300") && lines.contains("succeeded"),
        "{lines}"
    );
}
