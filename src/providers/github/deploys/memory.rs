//! What the provider learnt from earlier answers: which repository a deployment id lives
//! in, and what shipdeck dispatched each run for. It saves trying every repository and
//! lets a run's deployment carry what GitHub does not record (promote from staging).

use crate::domain::deploy::{DeployKind, DeploymentId};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Entries kept before forgetting: ids are cheap to learn again.
const MAX_DEPLOYMENTS: usize = 10_000;
const MAX_RUNS: usize = 1_000;

/// A workflow run shipdeck dispatched, and the deployment it made once that is found.
#[derive(Clone, Debug, PartialEq)]
pub struct RunNote {
    /// Index into the provider's repositories.
    pub repo: usize,
    pub environment: String,
    pub sha: String,
    pub version: Option<String>,
    pub kind: DeployKind,
    pub from_environment: Option<String>,
    pub rollback_of: Option<DeploymentId>,
    pub reason: Option<String>,
    pub deployment: Option<u64>,
}

#[derive(Default)]
pub struct Memory {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    deployments: HashMap<u64, usize>,
    runs: HashMap<u64, RunNote>,
}

impl Memory {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere while holding it leaves maps that are still valid.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn deployment_repo(&self, id: u64) -> Option<usize> {
        self.lock().deployments.get(&id).copied()
    }

    pub fn learn_deployments(&self, repo: usize, ids: impl IntoIterator<Item = u64>) {
        let mut inner = self.lock();
        if inner.deployments.len() > MAX_DEPLOYMENTS {
            inner.deployments.clear();
        }
        inner
            .deployments
            .extend(ids.into_iter().map(|id| (id, repo)));
    }

    pub fn run(&self, run: u64) -> Option<RunNote> {
        self.lock().runs.get(&run).cloned()
    }

    pub fn learn_run(&self, run: u64, note: RunNote) {
        let mut inner = self.lock();
        if inner.runs.len() > MAX_RUNS {
            inner.runs.clear();
        }
        inner.runs.insert(run, note);
    }

    /// The deployment `run` made, once found.
    pub fn link_run(&self, run: u64, deployment: u64) {
        let mut inner = self.lock();
        if let Some(note) = inner.runs.get_mut(&run) {
            note.deployment = Some(deployment);
        }
    }
}
