//! GitHub's shapes for workflows, runs, jobs, environments and deployments, and paging.

use crate::support::{SEARCH, STOREFRONT, Server, TEAM, assert_time, is_sha};
use serde_json::Value;

#[tokio::test]
async fn workflows_are_ci_and_deploy_with_githubs_fields() {
    let server = Server::start().await;
    let body = server.ok(&format!("{STOREFRONT}/actions/workflows")).await;
    assert_eq!(body["total_count"], 2);
    let flows = body["workflows"].as_array().unwrap();
    let names: Vec<(&str, &str)> = flows
        .iter()
        .map(|w| (w["name"].as_str().unwrap(), w["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("CI", ".github/workflows/ci.yml"),
            ("Deploy", ".github/workflows/deploy.yml")
        ]
    );
    for key in [
        "id",
        "node_id",
        "state",
        "url",
        "html_url",
        "badge_url",
        "created_at",
    ] {
        assert!(!flows[0][key].is_null(), "{key}");
    }
    let by_file = server
        .ok(&format!("{STOREFRONT}/actions/workflows/deploy.yml"))
        .await;
    assert_eq!(by_file["id"], flows[1]["id"]);
    let search = server.ok(&format!("{SEARCH}/actions/workflows")).await;
    assert_eq!(search["total_count"], 1);
}

#[tokio::test]
async fn runs_decode_as_githubs_workflow_runs_newest_first() {
    let server = Server::start().await;
    let body = server.ok(&format!("{STOREFRONT}/actions/runs")).await;
    let runs = body["workflow_runs"].as_array().unwrap();
    assert_eq!(runs.len(), 30, "the default page size");
    assert!(body["total_count"].as_u64().unwrap() > 30);
    #[rustfmt::skip]
    let required = ["id", "node_id", "head_branch", "run_number", "display_title", "event",
        "status", "conclusion", "head_sha", "path", "workflow_id", "url", "html_url",
        "created_at", "updated_at", "head_commit", "head_repository", "repository", "jobs_url",
        "logs_url", "check_suite_url", "cancel_url", "rerun_url", "artifacts_url",
        "workflow_url", "pull_requests", "actor", "triggering_actor", "run_attempt",
        "run_started_at"];
    for run in runs {
        for key in required {
            assert!(run.get(key).is_some(), "{key} missing in {run}");
        }
        // Run ids outgrew 32 bits long ago.
        assert!(run["id"].as_u64().unwrap() > u64::from(u32::MAX));
        assert!(is_sha(&run["head_sha"]), "{}", run["head_sha"]);
        assert!(TEAM.contains(&run["actor"]["login"].as_str().unwrap()));
        assert_eq!(run["repository"]["full_name"], "acme/storefront");
        assert_time(&run["created_at"]);
        assert_time(&run["run_started_at"]);
        let status = run["status"].as_str().unwrap();
        assert!(["queued", "in_progress", "completed", "waiting"].contains(&status));
        assert_eq!(run["conclusion"].is_null(), status != "completed", "{run}");
    }
    let created: Vec<&str> = runs
        .iter()
        .map(|r| r["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "{created:?}");
    let url = runs[0]["url"].as_str().unwrap();
    assert!(url.starts_with(&format!(
        "{}/api/v3/repos/acme/storefront/actions/runs/",
        server.base
    )));
    assert_eq!(server.ok(url).await["id"], runs[0]["id"]);
}

#[tokio::test]
async fn runs_page_through_link_headers() {
    let server = Server::start().await;
    let path = format!("{STOREFRONT}/actions/runs");
    let all = server.ok(&format!("{path}?per_page=100")).await;
    let total = all["total_count"].as_u64().unwrap() as usize;
    let paged = server.collect(&path, Some("workflow_runs"), 7).await;
    assert_eq!(paged.len(), total);
    let ids = |runs: &[Value]| {
        runs.iter()
            .map(|r| r["id"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&paged), ids(all["workflow_runs"].as_array().unwrap()));

    let second = server.get(&format!("{path}?per_page=7&page=2")).await;
    let link = |rel| second.link(rel).unwrap();
    assert!(
        link("prev").ends_with("per_page=7&page=1"),
        "{}",
        link("prev")
    );
    assert!(link("next").ends_with("per_page=7&page=3"));
    assert!(link("first").starts_with(&format!("{}/api/v3/", server.base)));
    assert!(link("last").ends_with(&format!("page={}", total.div_ceil(7))));
    let beyond = server.ok(&format!("{path}?per_page=7&page=99")).await;
    assert_eq!(beyond["workflow_runs"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn runs_filter_by_status_branch_event_and_workflow() {
    let server = Server::start().await;
    let runs = |query: &'static str| {
        let server = &server;
        async move {
            let body = server
                .ok(&format!("{STOREFRONT}/actions/runs?{query}&per_page=100"))
                .await;
            body["workflow_runs"].as_array().unwrap().clone()
        }
    };
    let failed = runs("status=failure").await;
    assert!(!failed.is_empty());
    assert!(failed.iter().all(|r| r["conclusion"] == "failure"));
    let running = runs("status=in_progress").await;
    assert_eq!(running.len(), 1, "the live CI run");
    assert_eq!(running[0]["name"], "CI");
    let pulls = runs("event=pull_request").await;
    assert_eq!(pulls.len(), 5);
    assert!(pulls.iter().all(|r| r["head_branch"] != "main"));
    let branch = runs("branch=feat/3ds-modal").await;
    assert_eq!(branch.len(), 2);
    let deploys = server
        .ok(&format!(
            "{STOREFRONT}/actions/workflows/deploy.yml/runs?per_page=100"
        ))
        .await;
    let deploys = deploys["workflow_runs"].as_array().unwrap();
    assert_eq!(deploys.len(), 19);
    assert!(deploys.iter().all(|r| r["event"] == "workflow_dispatch"));
    assert!(
        deploys[0]["display_title"]
            .as_str()
            .unwrap()
            .starts_with("Deploy ")
    );
}

#[tokio::test]
async fn jobs_list_their_steps_and_move_with_the_clock() {
    let server = Server::start().await;
    let body = server
        .ok(&format!("{STOREFRONT}/actions/runs?status=in_progress"))
        .await;
    let live = body["workflow_runs"][0]["id"].as_u64().unwrap();
    let jobs = server.jobs(STOREFRONT, live).await;
    assert_eq!(jobs.len(), 3);
    let test = jobs.iter().find(|j| j["name"] == "test (node 20)").unwrap();
    assert_eq!(test["status"], "in_progress");
    assert_eq!(test["run_id"], live);
    let steps = test["steps"].as_array().unwrap();
    assert_eq!(steps[0]["name"], "Set up job");
    assert_eq!(steps[0]["number"], 1);
    assert_eq!(steps[0]["conclusion"], "success");
    assert_time(&steps[0]["completed_at"]);
    assert!(
        steps
            .iter()
            .any(|s| s["status"] == "queued" && s["started_at"].is_null())
    );
    let html = test["html_url"].as_str().unwrap();
    assert_eq!(
        html,
        format!(
            "https://github.example/acme/storefront/actions/runs/{live}/job/{}",
            test["id"]
        )
    );

    server.advance(40);
    let run = server.run(STOREFRONT, live).await;
    assert_eq!(
        (run["status"].as_str(), run["conclusion"].as_str()),
        (Some("completed"), Some("success"))
    );
    for job in server.jobs(STOREFRONT, live).await {
        assert_eq!(job["conclusion"], "success");
        assert_time(&job["completed_at"]);
        assert!(
            job["steps"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["status"] == "completed")
        );
    }
}
