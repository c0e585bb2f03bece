//! A GitHub deploy under each fault on its `workflow_dispatch`: GitHub takes no idempotency
//! key, so the dispatch is sent exactly once, and an answer lost after sending is reported as
//! an unknown outcome, never retried. The sandbox's GitHub shows the one run it started.

use super::support::{Case, TIMEOUT, answer_faults, reason};
use crate::proxy::{Fault, Proxy};
use futures::future::join_all;
use serde_json::Value;
use shipdeck::config::{Secret, TokenSource};
use shipdeck::domain::deploy::{IdempotencyKey, PromoteRequest};
use shipdeck::providers::github::{
    GithubClient, GithubDeploy, GithubDeploySettings, GithubSettings,
};
use shipdeck::providers::http::Network;
use shipdeck::providers::{DeployBackend, ProviderError};
use shipdeck_sandbox::{DEMO_DEPLOY_WORKFLOW, DEMO_GITHUB_TOKEN, Sandbox};
use std::sync::Arc;

const REPO: &str = "/api/v3/repos/acme/storefront";

fn backend(url: &str) -> GithubDeploy {
    let client = GithubClient::new(GithubSettings {
        name: "acme".into(),
        api_url: format!("{url}/api/v3"),
        graphql_url: format!("{url}/api/graphql"),
        token: Secret::new(DEMO_GITHUB_TOKEN),
        token_source: TokenSource::Env("GITHUB_TOKEN".into()),
        network: Network::default(),
    })
    .unwrap()
    .with_timeout(TIMEOUT);
    GithubDeploy::new(
        Arc::new(client),
        GithubDeploySettings {
            repos: vec!["acme/storefront".into()],
            deploy_workflow: Some(DEMO_DEPLOY_WORKFLOW.into()),
            workflow_ref: None,
            protected: Vec::new(),
        },
    )
}

/// The ids of the deploy workflow's dispatched runs, straight from the sandbox.
async fn dispatched_runs(sandbox: &Sandbox) -> Vec<u64> {
    let url = format!(
        "{}{REPO}/actions/workflows/{DEMO_DEPLOY_WORKFLOW}/runs",
        sandbox.url()
    );
    let page: Value = reqwest::Client::new()
        .get(url)
        .query(&[("event", "workflow_dispatch"), ("per_page", "100")])
        .bearer_auth(DEMO_GITHUB_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let runs = page["workflow_runs"].as_array().unwrap().iter();
    runs.map(|r| r["id"].as_u64().unwrap()).collect()
}

fn staging_to_production() -> PromoteRequest {
    PromoteRequest {
        service: "storefront".into(),
        from: "staging".into(),
        to: "production".into(),
        revision: None,
        reason: Some("fault test".into()),
    }
}

#[tokio::test]
async fn a_dispatch_is_sent_exactly_once_and_a_lost_answer_is_unknown() {
    let dispatch = format!("{REPO}/actions/workflows/{DEMO_DEPLOY_WORKFLOW}/dispatches");
    let outcomes = join_all(answer_faults().into_iter().map(|fault| {
        let dispatch = &dispatch;
        async move {
            let sandbox = Sandbox::start(0).await.unwrap();
            let before = dispatched_runs(&sandbox).await;
            let proxy = Proxy::start(sandbox.addr).await;
            proxy.on("POST", dispatch, fault);
            let result = backend(&proxy.url())
                .promote(&staging_to_production(), &IdempotencyKey::new())
                .await;
            let started: Vec<u64> = dispatched_runs(&sandbox).await;
            let new = started.iter().filter(|r| !before.contains(r)).count();
            (fault, result, proxy.count("POST", dispatch), new)
        }
    }));
    for (fault, result, sent, new) in outcomes.await {
        assert_eq!(sent, 1, "{fault:?}: sent exactly once");
        assert_eq!(new, 1, "{fault:?}: the sandbox started one run");
        match (fault, result) {
            // GitHub said yes (200); its body is not needed to find the run.
            (Fault::NotJson, result) => assert!(result.is_ok(), "{result:?}"),
            (_, Err(ProviderError::UnknownOutcome { action, detail })) => {
                assert_eq!(action, "promote storefront staging -> production");
                assert!(
                    detail.contains(reason(Case::Fault(fault))),
                    "{fault:?}: {detail}"
                );
                assert!(detail.contains("not sent again"), "{detail}");
            }
            (_, other) => panic!("{fault:?}: {other:?}"),
        }
    }
}
