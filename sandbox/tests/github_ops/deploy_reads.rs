//! Environments with their protection rules, and deployments with their statuses.

use crate::support::{SEARCH, STOREFRONT, Server, TEAM, is_sha};
use reqwest::StatusCode;

#[tokio::test]
async fn environments_show_their_protection_rules() {
    let server = Server::start().await;
    let body = server.ok(&format!("{STOREFRONT}/environments")).await;
    assert_eq!(body["total_count"], 2);
    let envs = body["environments"].as_array().unwrap();
    assert_eq!(envs[0]["name"], "staging");
    assert_eq!(envs[0]["protection_rules"], serde_json::json!([]));
    let production = server
        .ok(&format!("{STOREFRONT}/environments/production"))
        .await;
    assert_eq!(production, envs[1]);
    let rules = production["protection_rules"].as_array().unwrap();
    let kinds: Vec<&str> = rules.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["required_reviewers", "wait_timer", "branch_policy"]);
    let reviewers: Vec<&str> = rules[0]["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reviewer"]["login"].as_str().unwrap())
        .collect();
    assert_eq!(reviewers, ["ana-k", "marcus-b"]);
    assert_eq!(rules[0]["reviewers"][1]["reviewer"]["name"], "Marcus Bell");
    assert_eq!(rules[1]["wait_timer"], 5);
    assert_eq!(
        production["deployment_branch_policy"]["custom_branch_policies"],
        true
    );

    let search = server.ok(&format!("{SEARCH}/environments")).await;
    assert_eq!(search["total_count"], 0);
    let missing = server.get(&format!("{STOREFRONT}/environments/qa")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body["message"], "Not Found");
}

#[tokio::test]
async fn deployments_are_newest_first_and_point_at_their_runs() {
    let server = Server::start().await;
    let production = server.deployments("production").await;
    assert_eq!(production.len(), 8);
    let created: Vec<&str> = production
        .iter()
        .map(|d| d["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]));
    let newest = &production[0];
    assert!(is_sha(&newest["sha"]));
    assert_eq!(newest["environment"], "production");
    assert_eq!(newest["production_environment"], true);
    assert_eq!(newest["task"], "deploy");
    assert!(TEAM.contains(&newest["creator"]["login"].as_str().unwrap()));

    let statuses = server.ok(newest["statuses_url"].as_str().unwrap()).await;
    let statuses = statuses.as_array().unwrap();
    let states: Vec<&str> = statuses
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["success", "in_progress", "queued"]);
    let log_url = statuses[0]["log_url"].as_str().unwrap();
    let (run, job) = log_url
        .strip_prefix("https://github.example/acme/storefront/actions/runs/")
        .and_then(|rest| rest.split_once("/job/"))
        .unwrap();
    let run: u64 = run.parse().unwrap();
    let jobs = server.jobs(STOREFRONT, run).await;
    assert_eq!(jobs[0]["id"].to_string(), job);
    assert_eq!(jobs[0]["name"], "deploy");
    assert_eq!(
        statuses[0]["environment_url"],
        "https://storefront.acme.example"
    );

    let older = server.states(&production[1]).await;
    assert_eq!(older[0], "inactive", "superseded by the newest");
    let by_sha = server
        .ok(&format!(
            "{STOREFRONT}/deployments?sha={}",
            newest["sha"].as_str().unwrap()
        ))
        .await;
    assert!(
        by_sha
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == newest["id"])
    );

    let staging = server.deployments("staging").await;
    assert_eq!(staging.len(), 11);
    let mut failed = 0;
    for deployment in &staging {
        failed += usize::from(server.states(deployment).await[0] == "failure");
    }
    assert_eq!(failed, 1);
    assert_ne!(
        server.running("staging").await,
        server.running("production").await
    );
}

fn policies_path(environment: &str) -> String {
    format!("{STOREFRONT}/environments/{environment}/deployment-branch-policies")
}

#[tokio::test]
async fn production_names_the_branches_that_may_deploy_there() {
    let server = Server::start().await;
    let body = server.ok(&policies_path("production")).await;
    assert_eq!(body["total_count"], 2);
    let policies = body["branch_policies"].as_array().unwrap();
    let names: Vec<(&str, &str)> = policies
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["type"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("main", "branch"), ("release/*", "branch")]);
    assert!(
        policies
            .iter()
            .all(|p| p["id"].is_u64() && p["node_id"].is_string())
    );
    assert_ne!(policies[0]["id"], policies[1]["id"]);

    let first = server
        .get(&format!("{}?per_page=1", policies_path("production")))
        .await;
    assert_eq!(first.body["total_count"], 2);
    assert_eq!(first.body["branch_policies"][0]["name"], "main");
    assert!(first.link("next").is_some());

    for environment in ["staging", "qa"] {
        let reply = server.get(&policies_path(environment)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{environment}");
        assert_eq!(reply.body["message"], "Not Found");
    }
    let search = server
        .get(&format!(
            "{SEARCH}/environments/production/deployment-branch-policies"
        ))
        .await;
    assert_eq!(search.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_branch_the_policies_do_not_name_cannot_deploy_to_production() {
    let server = Server::start().await;
    let sha = server.running("staging").await;
    let before = server.deployments("production").await.len();
    let reply = server
        .post(
            &format!("{STOREFRONT}/actions/workflows/deploy.yml/dispatches"),
            &serde_json::json!({
                "ref": "feat/3ds-modal",
                "inputs": { "environment": "production", "ref": sha },
                "return_run_details": true,
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let run = reply.body["workflow_run_id"].as_u64().unwrap();
    let body = server.run(STOREFRONT, run).await;
    assert_eq!(
        (&body["status"], &body["conclusion"]),
        (&"completed".into(), &"failure".into())
    );
    assert_eq!(server.deployments("production").await.len(), before);
    let staging = server.dispatch("staging", &sha).await;
    assert_eq!(server.run(STOREFRONT, staging).await["status"], "queued");
}
