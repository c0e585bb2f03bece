//! The deploy screen's state: services x environments per backend, history, the plan of a
//! dangerous action, and deployments being watched. A deployment's log opens in the pipelines
//! screen's log viewer.

mod events;
mod plan;
mod review;
mod update;

pub use events::on_sync;
pub use plan::{Plan, PlanKind};
pub use review::offered as review_offered;
pub use update::{on_action, on_input, refresh};

use crate::domain::deploy::{Deployment, DeploymentId, Environment, IdempotencyKey, Service};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct BackendView {
    pub name: String,
    pub read_only: bool,
    /// Why promote and rollback are off for this backend (`DeployBackend::deploys_refused`).
    pub deploys_refused: Option<String>,
    pub services: Vec<Service>,
    pub loading: bool,
    pub last_synced: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

impl BackendView {
    pub fn new(name: impl Into<String>, read_only: bool) -> Self {
        Self {
            name: name.into(),
            read_only,
            deploys_refused: None,
            services: Vec::new(),
            loading: false,
            last_synced: None,
            last_error: None,
        }
    }
}

/// One row of the matrix: a service of a backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowRef {
    pub backend: usize,
    pub service: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub backend: usize,
    pub service: String,
    pub environment: String,
    pub deployments: Vec<Deployment>,
    pub selected: usize,
    pub loading: bool,
    pub error: Option<String>,
}

/// A confirmed action the backend has not answered yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Inflight {
    pub backend: usize,
    pub service: String,
    pub environment: String,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeployView {
    pub backends: Vec<BackendView>,
    /// Selected row (flattened over backends) and environment column.
    pub row: usize,
    pub env: usize,
    pub history: Option<History>,
    pub plan: Option<Plan>,
    pub inflight: BTreeMap<IdempotencyKey, Inflight>,
    /// Reviews sent and not yet answered, by the deployment they are about.
    pub reviewing: BTreeMap<DeploymentId, Inflight>,
    /// Deployments started here, followed until they finish: (backend, deployment).
    pub watching: BTreeMap<DeploymentId, (usize, Deployment)>,
    pub note: Option<String>,
    pub error: Option<String>,
}

impl DeployView {
    pub fn rows(&self) -> Vec<RowRef> {
        self.backends
            .iter()
            .enumerate()
            .flat_map(|(b, view)| {
                (0..view.services.len()).map(move |s| RowRef {
                    backend: b,
                    service: s,
                })
            })
            .collect()
    }

    pub fn service(&self, row: RowRef) -> Option<&Service> {
        self.backends.get(row.backend)?.services.get(row.service)
    }

    /// Environment names as matrix columns: the union over services, in first-seen order.
    pub fn env_columns(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for service in self.backends.iter().flat_map(|b| &b.services) {
            for env in &service.environments {
                if !names.contains(&env.name) {
                    names.push(env.name.clone());
                }
            }
        }
        names
    }

    pub fn selected_row(&self) -> Option<RowRef> {
        self.rows().get(self.row).copied()
    }

    /// The selected cell: its row, service and environment (None for a gap in the matrix).
    pub fn selected(&self) -> Option<(RowRef, &Service, &Environment)> {
        let row = self.selected_row()?;
        let service = self.service(row)?;
        let name = self.env_columns().into_iter().nth(self.env)?;
        let env = service.environments.iter().find(|e| e.name == name)?;
        Some((row, service, env))
    }

    /// A deployment started here and still moving in this cell, shown over `current`.
    pub fn moving(&self, backend: usize, service: &str, env: &str) -> Option<&Deployment> {
        self.watching.values().find_map(|(b, d)| {
            (*b == backend && d.service == service && d.environment == env && d.state.is_active())
                .then_some(d)
        })
    }

    pub fn busy(&self, backend: usize, service: &str, env: &str) -> bool {
        self.inflight
            .values()
            .any(|i| i.backend == backend && i.service == service && i.environment == env)
            || self.moving(backend, service, env).is_some()
    }

    pub fn is_loading(&self) -> bool {
        self.backends.iter().any(|b| b.loading)
    }
}
