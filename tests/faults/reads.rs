//! Reads under each fault, at the provider: Jira's board, the deploy protocol's services and
//! a GitHub REST read each fail with a typed error that says why, and never panic.

use super::support::{CASES, assert_says_why, deploy, faulty, github, jira};
use crate::proxy::Proxy;
use futures::future::join_all;
use shipdeck::providers::{DeployBackend, IssueTracker, ProviderError};
use shipdeck_sandbox::Sandbox;
use std::future::Future;

/// `read` through a proxy in each case at once (the slow faults overlap), and first through
/// a proxy that passes everything, which must succeed.
async fn under_every_fault<F, Fut, T>(sandbox: &Sandbox, read: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, ProviderError>>,
{
    let clean = Proxy::start(sandbox.addr).await;
    if let Err(e) = read(clean.url()).await {
        panic!("through a proxy that passes everything: {e}");
    }
    let outcomes = join_all(CASES.iter().map(|&case| {
        let read = &read;
        async move {
            let proxy = faulty(sandbox.addr, case).await;
            (case, read(proxy.url()).await.err())
        }
    }))
    .await;
    for (case, error) in outcomes {
        let error = error.unwrap_or_else(|| panic!("{case:?}: the read succeeded"));
        assert_says_why(case, &error);
    }
}

#[tokio::test]
async fn jira_board_reads_say_why_they_failed() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let email = sandbox.demo_user_email();
    under_every_fault(&sandbox, |url| async move {
        jira(&url, email).load_board().await
    })
    .await;
}

#[tokio::test]
async fn deploy_service_reads_say_why_they_failed() {
    let sandbox = Sandbox::start(0).await.unwrap();
    under_every_fault(&sandbox, |url| async move { deploy(&url).services().await }).await;
}

#[tokio::test]
async fn github_rest_reads_say_why_they_failed() {
    let sandbox = Sandbox::start(0).await.unwrap();
    under_every_fault(&sandbox, |url| async move {
        github(&url)
            .get::<serde_json::Value>("/repos/acme/storefront", &[])
            .await
    })
    .await;
}
