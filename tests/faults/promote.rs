//! A promote through the deploy protocol under each fault on its POST. The provider retries
//! a lost answer with the same Idempotency-Key, so the sandbox (which honours the key)
//! deploys once: with the fault on every attempt the outcome is reported as unknown; with it
//! on the first attempt only, the retry returns the deployment the first attempt made.

use super::support::{Case, answer_faults, deploy, reason};
use crate::proxy::{Fault, Proxy, Seen};
use futures::future::join_all;
use serde_json::Value;
use shipdeck::audit::AuditLog;
use shipdeck::domain::deploy::{Deployment, IdempotencyKey, PromoteRequest};
use shipdeck::providers::{DeployBackend, ProviderError};
use shipdeck::sync::{self, DeployAction, DeployLink, Providers, Request, SyncEvent};
use shipdeck_sandbox::Sandbox;
use std::sync::Arc;
use std::time::Duration;

const PROMOTE: &str = "/v1/services/payments/promote";

fn payments_to_prod() -> PromoteRequest {
    PromoteRequest {
        service: "payments".into(),
        from: "staging".into(),
        to: "prod".into(),
        revision: None,
        reason: Some("fault test".into()),
    }
}

/// prod's deployment ids, straight from the sandbox.
async fn prod_ids(sandbox: &Sandbox) -> Vec<String> {
    let url = format!(
        "{}/v1/services/payments/environments/prod/deployments?limit=100",
        sandbox.url()
    );
    let page: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    let ids = page["deployments"].as_array().unwrap().iter();
    ids.map(|d| d["id"].as_str().unwrap().to_string()).collect()
}

struct Promoted {
    key: IdempotencyKey,
    result: Result<Deployment, ProviderError>,
    /// Each promote POST the server was sent.
    posts: Vec<Seen>,
    /// prod's deployments that were not there before.
    made: Vec<String>,
}

/// A promote through a proxy with `fault` on its POST: every attempt, or the first only.
async fn promote(fault: Fault, every_attempt: bool) -> Promoted {
    let sandbox = Sandbox::start(0).await.unwrap();
    let before = prod_ids(&sandbox).await;
    let proxy = Proxy::start(sandbox.addr).await;
    if every_attempt {
        proxy.on("POST", PROMOTE, fault);
    } else {
        proxy.once("POST", PROMOTE, fault);
    }
    let key = IdempotencyKey::new();
    let result = deploy(&proxy.url())
        .promote(&payments_to_prod(), &key)
        .await;
    let made = prod_ids(&sandbox).await;
    Promoted {
        key,
        result,
        posts: proxy
            .seen()
            .into_iter()
            .filter(|s| s.path == PROMOTE)
            .collect(),
        made: made.into_iter().filter(|id| !before.contains(id)).collect(),
    }
}

fn assert_one_key(fault: Fault, p: &Promoted, attempts: usize) {
    assert_eq!(p.posts.len(), attempts, "{fault:?}: {:?}", p.posts);
    for post in &p.posts {
        assert_eq!(
            post.idempotency_key.as_deref(),
            Some(p.key.0.as_str()),
            "{fault:?}"
        );
    }
    assert_eq!(
        p.made.len(),
        1,
        "{fault:?}: deployed once, made {:?}",
        p.made
    );
}

#[tokio::test]
async fn a_promote_whose_answers_are_all_lost_deploys_once_and_is_unknown() {
    let outcomes = join_all(
        answer_faults()
            .into_iter()
            .map(|f| async move { (f, promote(f, true).await) }),
    );
    for (fault, p) in outcomes.await {
        assert_one_key(fault, &p, 3);
        let Err(ProviderError::UnknownOutcome { action, detail }) = &p.result else {
            panic!("{fault:?}: {:?}", p.result);
        };
        assert_eq!(action, "promote payments staging -> prod");
        assert!(
            detail.contains(reason(Case::Fault(fault))),
            "{fault:?}: {detail}"
        );
        assert!(detail.ends_with("after 3 attempts"), "{detail}");
    }
}

#[tokio::test]
async fn a_promote_whose_first_answer_is_lost_gets_the_deployment_it_made() {
    let outcomes = join_all(
        answer_faults()
            .into_iter()
            .map(|f| async move { (f, promote(f, false).await) }),
    );
    for (fault, p) in outcomes.await {
        assert_one_key(fault, &p, 2);
        let deployment = p.result.unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert_eq!(p.made, [deployment.id.0], "{fault:?}");
    }
}

/// As the app sends it, through the engine: a promote whose answers are all unreadable 200s
/// (the server did deploy) is audited as unknown under its key, never as refused.
#[tokio::test]
async fn the_engine_audits_a_promote_with_unreadable_answers_as_unknown() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let proxy = Proxy::start(sandbox.addr).await;
    proxy.on("POST", PROMOTE, Fault::NotJson);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let (engine, mut events) = sync::spawn(Providers {
        deploys: vec![DeployLink {
            backend: Arc::new(deploy(&proxy.url())),
            ci: None,
        }],
        audit: Some(Arc::new(AuditLog::at(path.clone()))),
        ..Providers::default()
    });
    let key = IdempotencyKey::new();
    engine.send(Request::Deploy {
        backend: 0,
        action: DeployAction::Promote(payments_to_prod()),
        key: key.clone(),
    });
    let error = loop {
        let event = tokio::time::timeout(Duration::from_secs(30), events.recv()).await;
        match event
            .expect("an answer within 30 s")
            .expect("the engine runs")
        {
            SyncEvent::ActionFailed { key: failed, error } if failed == key => break error,
            SyncEvent::ActionAccepted { deployment, .. } => panic!("accepted {deployment:?}"),
            _ => {}
        }
    };
    assert!(
        error.starts_with("unknown outcome of promote payments staging -> prod"),
        "{error}"
    );
    assert!(error.contains("instead of JSON"), "{error}");
    let audit = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let events: Vec<(&str, Option<&str>)> = lines
        .iter()
        .map(|l| (l["event"].as_str().unwrap(), l["result"].as_str()))
        .collect();
    assert_eq!(
        events,
        [("started", None), ("outcome", Some("unknown"))],
        "{audit}"
    );
    assert!(
        lines.iter().all(|l| l["idempotency_key"] == key.0.as_str()),
        "{audit}"
    );
    assert_eq!(proxy.count("POST", PROMOTE), 3);
}
