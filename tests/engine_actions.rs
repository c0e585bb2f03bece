//! The engine's run controls, deployment reviews and budget forwarding, against a fake backend
//! that records each call and what the audit log held when it came.

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use shipdeck::audit::{AuditAction, AuditLog, AuditResult};
use shipdeck::domain::RateBudget;
use shipdeck::domain::deploy::*;
use shipdeck::domain::pipeline::RunAction;
use shipdeck::domain::pipeline::{LogChunk, Run, RunStatus};
use shipdeck::providers::{CiProvider, DeployBackend, ProviderError};
use shipdeck::sync::{self, DeployLink, Providers, Request, SyncEvent};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::sync::watch;

/// A deploy backend with Actions-like runs. `refuse` makes every write fail with that error.
struct Fake {
    audit: Option<PathBuf>,
    refuse: Option<ProviderError>,
    /// Each write as "verb target", with the audit log's line count when it came.
    calls: Mutex<Vec<(String, usize)>>,
}

impl Fake {
    fn new(audit: Option<PathBuf>, refuse: Option<ProviderError>) -> Arc<Self> {
        Arc::new(Self {
            audit,
            refuse,
            calls: Mutex::new(Vec::new()),
        })
    }

    fn write(&self, call: String) -> Result<(), ProviderError> {
        let lines = self
            .audit
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map_or(0, |text| text.lines().count());
        self.calls.lock().unwrap().push((call, lines));
        self.refuse.clone().map_or(Ok(()), Err)
    }

    fn calls(&self) -> Vec<(String, usize)> {
        self.calls.lock().unwrap().clone()
    }
}

fn run(id: &str) -> Run {
    Run {
        id: id.into(),
        service: Some("storefront".into()),
        name: "CI".into(),
        branch: Some("main".into()),
        revision: Some("9f0e1d2c33aa".into()),
        status: RunStatus::Failed,
        created_at: None,
        finished_at: None,
        url: None,
        jobs: Vec::new(),
    }
}

fn waiting() -> Deployment {
    Deployment {
        id: DeploymentId("d-77".into()),
        service: "storefront".into(),
        environment: "production".into(),
        revision: "abc1234def".into(),
        version: Some("1.9.0".into()),
        kind: DeployKind::Deploy,
        state: DeployState::Waiting,
        from_environment: None,
        rollback_of: None,
        created_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        finished_at: None,
        by: Some("mei".into()),
        reason: None,
        run_id: Some("812".into()),
        changes: Vec::new(),
    }
}

#[async_trait]
impl DeployBackend for Fake {
    fn name(&self) -> &str {
        "acme"
    }
    async fn services(&self) -> Result<Vec<Service>, ProviderError> {
        Ok(Vec::new())
    }
    async fn history(&self, _: &str, _: &str, _: usize) -> Result<Vec<Deployment>, ProviderError> {
        Ok(Vec::new())
    }
    async fn deployment(&self, _: &DeploymentId) -> Result<Deployment, ProviderError> {
        Ok(waiting())
    }
    async fn promote(
        &self,
        _: &PromoteRequest,
        _: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError> {
        Err(ProviderError::Rejected("not in these tests".into()))
    }
    async fn rollback(
        &self,
        _: &RollbackRequest,
        _: &IdempotencyKey,
    ) -> Result<Deployment, ProviderError> {
        Err(ProviderError::Rejected("not in these tests".into()))
    }
    async fn cancel(&self, _: &DeploymentId) -> Result<Deployment, ProviderError> {
        Err(ProviderError::Rejected("not in these tests".into()))
    }
    async fn review(
        &self,
        deployment: &Deployment,
        approve: bool,
        comment: &str,
    ) -> Result<(), ProviderError> {
        let verb = if approve { "approve" } else { "reject" };
        self.write(format!("{verb} {} {comment}", deployment.id))
    }
}

#[async_trait]
impl CiProvider for Fake {
    async fn run(&self, id: &str) -> Result<Run, ProviderError> {
        Ok(run(id))
    }
    async fn runs(&self, _: Option<&str>, _: usize) -> Result<Vec<Run>, ProviderError> {
        Ok(vec![run("812")])
    }
    async fn log(&self, _: &str, _: &str, offset: u64) -> Result<LogChunk, ProviderError> {
        Ok(LogChunk {
            offset,
            bytes: Vec::new(),
            size: Some(offset),
            complete: true,
            waiting: None,
        })
    }
    fn controls_runs(&self) -> bool {
        true
    }
    async fn rerun_failed(&self, run: &str) -> Result<(), ProviderError> {
        self.write(format!("rerun {run}"))
    }
    async fn cancel_run(&self, run: &str) -> Result<(), ProviderError> {
        self.write(format!("cancel {run}"))
    }
}

/// The engine over `fake`, auditing into `audit` when given.
fn engine(
    fake: &Arc<Fake>,
    audit: Option<&PathBuf>,
) -> (sync::Engine, UnboundedReceiver<SyncEvent>) {
    sync::spawn(Providers {
        deploys: vec![DeployLink {
            backend: fake.clone(),
            ci: Some(fake.clone()),
        }],
        audit: audit.map(|p| Arc::new(AuditLog::at(p.clone()))),
        ..Providers::default()
    })
}

fn audit_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("state").join("audit.jsonl")
}

async fn next(events: &mut UnboundedReceiver<SyncEvent>) -> SyncEvent {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("an event within 10 s")
        .expect("the engine is running")
}

fn rerun(run_id: &str) -> Request {
    Request::RunAction {
        backend: 0,
        run_id: run_id.into(),
        action: RunAction::RerunFailed,
    }
}

#[tokio::test]
async fn a_rerun_is_audited_before_it_is_sent_then_the_run_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = audit_path(&dir);
    let fake = Fake::new(Some(path.clone()), None);
    let (engine, mut events) = engine(&fake, Some(&path));
    engine.send(rerun("812"));
    assert_eq!(
        next(&mut events).await,
        SyncEvent::RunActionDone {
            backend: 0,
            run_id: "812".into(),
            action: RunAction::RerunFailed
        }
    );
    assert_eq!(
        next(&mut events).await,
        SyncEvent::RunLoaded {
            backend: 0,
            run: run("812")
        }
    );
    // One line was on disk when the call came: the start, written first.
    assert_eq!(fake.calls(), [("rerun 812".to_string(), 1)]);
    let records = AuditLog::at(path).read(None).unwrap().records;
    assert_eq!(records.len(), 1);
    let entry = &records[0].entry;
    assert_eq!(entry.action, AuditAction::RerunFailed);
    assert_eq!(
        (entry.backend.as_str(), entry.service.as_str()),
        ("acme", "storefront")
    );
    assert_eq!(entry.to.as_deref(), Some("run 812"));
    assert_eq!(entry.revision.as_deref(), Some("9f0e1d2c33aa"));
    assert_eq!(records[0].result(), Some(AuditResult::Accepted));
}

#[tokio::test]
async fn without_an_audit_log_nothing_is_sent() {
    let fake = Fake::new(None, None);
    let (engine, mut events) = engine(&fake, None);
    engine.send(rerun("812"));
    match next(&mut events).await {
        SyncEvent::RunActionFailed { run_id, error, .. } => {
            assert_eq!(run_id, "812");
            assert!(error.contains("nothing was sent"), "{error}");
        }
        other => panic!("unexpected {other:?}"),
    }
    engine.send(Request::Review {
        backend: 0,
        deployment: Box::new(waiting()),
        approve: true,
        comment: "Approved from shipdeck".into(),
    });
    match next(&mut events).await {
        SyncEvent::ReviewFailed { id, error, .. } => {
            assert_eq!(id, DeploymentId("d-77".into()));
            assert!(error.contains("nothing was sent"), "{error}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(fake.calls().is_empty(), "{:?}", fake.calls());
}

#[tokio::test]
async fn an_unwritable_audit_log_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be: the line cannot be appended.
    let path = dir.path().join("audit.jsonl");
    std::fs::create_dir_all(&path).unwrap();
    let fake = Fake::new(None, None);
    let (engine, mut events) = engine(&fake, Some(&path));
    engine.send(Request::RunAction {
        backend: 0,
        run_id: "812".into(),
        action: RunAction::Cancel,
    });
    match next(&mut events).await {
        SyncEvent::RunActionFailed { error, .. } => {
            assert!(error.contains("cannot write the audit log"), "{error}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(fake.calls().is_empty());
}

#[tokio::test]
async fn a_refused_cancel_carries_the_providers_message_and_is_audited_as_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = audit_path(&dir);
    let refusal = ProviderError::Conflict("Cannot cancel a workflow run that is completed.".into());
    let fake = Fake::new(Some(path.clone()), Some(refusal));
    let (engine, mut events) = engine(&fake, Some(&path));
    engine.send(Request::RunAction {
        backend: 0,
        run_id: "812".into(),
        action: RunAction::Cancel,
    });
    assert_eq!(
        next(&mut events).await,
        SyncEvent::RunActionFailed {
            backend: 0,
            run_id: "812".into(),
            action: RunAction::Cancel,
            error: "Cannot cancel a workflow run that is completed. (409)".into(),
        }
    );
    assert_eq!(fake.calls(), [("cancel 812".to_string(), 1)]);
    let records = AuditLog::at(path).read(None).unwrap().records;
    assert_eq!(records[0].entry.action, AuditAction::CancelRun);
    assert_eq!(records[0].result(), Some(AuditResult::Refused));
    assert!(records[0].message().unwrap().contains("completed"));
}

#[tokio::test]
async fn a_review_is_audited_then_the_services_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = audit_path(&dir);
    let fake = Fake::new(Some(path.clone()), None);
    let (engine, mut events) = engine(&fake, Some(&path));
    engine.send(Request::Review {
        backend: 0,
        deployment: Box::new(waiting()),
        approve: false,
        comment: "Rejected from shipdeck".into(),
    });
    assert_eq!(
        next(&mut events).await,
        SyncEvent::Reviewed {
            backend: 0,
            id: DeploymentId("d-77".into()),
            approve: false
        }
    );
    assert!(matches!(
        next(&mut events).await,
        SyncEvent::DeploysLoaded { backend: 0, .. }
    ));
    assert_eq!(
        fake.calls(),
        [("reject d-77 Rejected from shipdeck".to_string(), 1)]
    );
    let records = AuditLog::at(path).read(None).unwrap().records;
    let entry = &records[0].entry;
    assert_eq!(entry.action, AuditAction::Reject);
    assert_eq!(entry.to.as_deref(), Some("production"));
    assert_eq!(
        records[0].deployment_id(),
        Some(&DeploymentId("d-77".into()))
    );
}

fn budget(remaining: u64) -> RateBudget {
    RateBudget {
        service: "acme".into(),
        resource: "core".into(),
        limit: 5000,
        remaining,
        reset: Utc.with_ymd_and_hms(2026, 3, 2, 14, 5, 0).unwrap(),
    }
}

#[tokio::test]
async fn the_budget_forwarder_sends_the_current_budget_then_each_change() {
    let (publish, budgets) = watch::channel(Some(budget(4000)));
    let (_engine, mut events) = sync::spawn(Providers {
        budgets: vec![budgets],
        ..Providers::default()
    });
    assert_eq!(
        next(&mut events).await,
        SyncEvent::BudgetChanged(budget(4000))
    );
    publish.send(Some(budget(312))).unwrap();
    assert_eq!(
        next(&mut events).await,
        SyncEvent::BudgetChanged(budget(312))
    );
    // A provider that has not heard from the server yet says nothing.
    publish.send(None).unwrap();
    publish.send(Some(budget(311))).unwrap();
    assert_eq!(
        next(&mut events).await,
        SyncEvent::BudgetChanged(budget(311))
    );
}

#[tokio::test]
async fn the_budget_forwarder_ends_when_the_provider_goes() {
    let (publish, budgets) = watch::channel(None);
    let (events_tx, mut events) = tokio::sync::mpsc::unbounded_channel();
    let forwarder = tokio::spawn(sync::forward_budget(budgets, events_tx));
    publish.send(Some(budget(100))).unwrap();
    assert_eq!(
        next(&mut events).await,
        SyncEvent::BudgetChanged(budget(100))
    );
    drop(publish);
    tokio::time::timeout(Duration::from_secs(10), forwarder)
        .await
        .expect("the forwarder ends")
        .unwrap();
    // It ended without a word: the channel closes with nothing more in it.
    assert_eq!(events.recv().await, None);
}
