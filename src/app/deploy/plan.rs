//! The plan shown before a dangerous action: what will change, and what would make the
//! server refuse. Nothing is sent until the plan is ready and confirmed.

use super::{DeployView, previous};
use crate::domain::deploy::{
    Change, DeployState, Deployment, Environment, Health, IdempotencyKey, PromoteRequest,
    RollbackRequest, Service,
};
use crate::sync::DeployAction;

#[derive(Clone, Debug, PartialEq)]
pub enum PlanKind {
    Promote {
        from: String,
        to: String,
    },
    /// `target` is None until the history that names it has loaded.
    Rollback {
        environment: String,
        target: Option<Deployment>,
    },
    Cancel {
        environment: String,
        deployment: Deployment,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub backend: usize,
    pub service: String,
    pub kind: PlanKind,
    /// What the target environment runs now.
    pub current: Option<Deployment>,
    /// What will run: the source's deployment (promote) or the rollback target.
    pub incoming: Option<Deployment>,
    pub changes: Vec<Change>,
    pub blockers: Vec<String>,
    pub protected: bool,
    /// The environment's name as typed so far (protected environments only).
    pub typed: String,
    pub loading: bool,
    /// Made when the plan opens; the same key goes with every retry of the confirmed action.
    pub key: IdempotencyKey,
}

impl Plan {
    pub fn environment(&self) -> &str {
        match &self.kind {
            PlanKind::Promote { to, .. } => to,
            PlanKind::Rollback { environment, .. } | PlanKind::Cancel { environment, .. } => {
                environment
            }
        }
    }

    pub fn title(&self) -> String {
        match &self.kind {
            PlanKind::Promote { from, to } => format!("Promote {} {from} → {to}", self.service),
            PlanKind::Rollback { environment, .. } => {
                format!("Roll back {} in {environment}", self.service)
            }
            PlanKind::Cancel {
                environment,
                deployment,
            } => {
                format!(
                    "Cancel {} of {} in {environment}",
                    deployment.id, self.service
                )
            }
        }
    }

    /// Typing is asked only once nothing blocks.
    pub fn needs_typing(&self) -> bool {
        self.protected && !self.loading && self.blockers.is_empty()
    }

    pub fn ready(&self) -> bool {
        !self.loading
            && self.blockers.is_empty()
            && (!self.protected || self.typed == self.environment())
    }

    pub fn action(&self) -> Option<DeployAction> {
        Some(match &self.kind {
            PlanKind::Promote { from, to } => DeployAction::Promote(PromoteRequest {
                service: self.service.clone(),
                from: from.clone(),
                to: to.clone(),
                revision: self.incoming.as_ref().map(|d| d.revision.clone()),
                reason: None,
            }),
            PlanKind::Rollback {
                environment,
                target,
            } => DeployAction::Rollback(RollbackRequest {
                service: self.service.clone(),
                environment: environment.clone(),
                to_deployment: Some(target.as_ref()?.id.clone()),
                reason: None,
            }),
            PlanKind::Cancel {
                environment,
                deployment,
            } => DeployAction::Cancel {
                service: self.service.clone(),
                environment: environment.clone(),
                id: deployment.id.clone(),
            },
        })
    }
}

fn base(backend: usize, service: &Service, kind: PlanKind, to: &Environment) -> Plan {
    Plan {
        backend,
        service: service.name.clone(),
        kind,
        current: to.current.clone(),
        incoming: None,
        changes: Vec::new(),
        blockers: Vec::new(),
        protected: to.protected,
        typed: String::new(),
        loading: false,
        key: IdempotencyKey::new(),
    }
}

/// Shared refusals: a lock, or something already moving in the target.
fn target_blockers(view: &DeployView, plan: &Plan, to: &Environment) -> Vec<String> {
    let mut blockers = Vec::new();
    if let Some(lock) = &to.lock {
        blockers.push(format!(
            "{} is locked by {}: {}",
            to.name, lock.by, lock.reason
        ));
    }
    let moving = to.current.as_ref().is_some_and(|d| d.state.is_active());
    if moving || view.busy(plan.backend, &plan.service, &to.name) {
        blockers.push(format!("a deployment is already in flight in {}", to.name));
    }
    blockers
}

/// Promote into `to` from the environment before it.
pub fn promote(
    view: &DeployView,
    backend: usize,
    service: &Service,
    to: &Environment,
) -> Result<Plan, String> {
    let from = previous(service, &to.name).ok_or_else(|| {
        format!(
            "nothing comes before {}: select the environment to promote into",
            to.name
        )
    })?;
    let kind = PlanKind::Promote {
        from: from.name.clone(),
        to: to.name.clone(),
    };
    let mut plan = base(backend, service, kind, to);
    plan.incoming = from.current.clone();
    plan.blockers = target_blockers(view, &plan, to);
    match &from.current {
        None => plan
            .blockers
            .push(format!("{} runs nothing to promote", from.name)),
        Some(d) if d.state != DeployState::Succeeded => plan.blockers.push(format!(
            "{}'s deployment {} has not succeeded ({})",
            from.name,
            d.label(),
            state_name(d.state)
        )),
        Some(d)
            if to
                .current
                .as_ref()
                .is_some_and(|c| c.revision == d.revision) =>
        {
            plan.blockers
                .push(format!("{} already runs {}", to.name, d.label()));
        }
        Some(d) => plan.changes = d.changes.clone(),
    }
    if matches!(from.health, Health::Degraded | Health::Down) {
        plan.blockers.push(format!(
            "{} is not healthy ({})",
            from.name,
            health_name(from.health)
        ));
    }
    plan.loading = plan.blockers.is_empty();
    Ok(plan)
}

/// Roll `env` back; the target comes from its history (or the history row the user picked).
pub fn rollback(view: &DeployView, backend: usize, service: &Service, env: &Environment) -> Plan {
    let kind = PlanKind::Rollback {
        environment: env.name.clone(),
        target: None,
    };
    let mut plan = base(backend, service, kind, env);
    plan.blockers = target_blockers(view, &plan, env);
    if env.current.is_none() {
        plan.blockers
            .push(format!("{} runs nothing to roll back", env.name));
    }
    plan.loading = plan.blockers.is_empty();
    plan
}

pub fn cancel(
    backend: usize,
    service: &Service,
    env: &Environment,
    deployment: Deployment,
) -> Plan {
    let kind = PlanKind::Cancel {
        environment: env.name.clone(),
        deployment,
    };
    let mut plan = base(backend, service, kind, env);
    // Stopping a rollout is the safe direction: y is enough, even in production.
    plan.protected = false;
    plan
}

/// Fills a plan from the history that arrived: the changes a promote brings (from the
/// source's history), or a rollback's default target and what it reverts.
pub fn apply_history(
    plan: &mut Plan,
    environment: &str,
    deployments: &[Deployment],
    picked: Option<&Deployment>,
) {
    match &mut plan.kind {
        PlanKind::Promote { from, .. } if from == environment => {
            let running = plan.current.as_ref().map(|d| d.revision.as_str());
            let newer = deployments
                .iter()
                .filter(|d| d.state == DeployState::Succeeded)
                .take_while(|d| Some(d.revision.as_str()) != running);
            plan.changes = unique_changes(newer);
            plan.loading = false;
        }
        PlanKind::Rollback {
            environment: env,
            target,
        } if env == environment => {
            let current = plan.current.as_ref();
            let chosen = picked.cloned().or_else(|| {
                deployments
                    .iter()
                    .filter(|d| Some(&d.id) != current.map(|c| &c.id))
                    .filter(|d| current.is_none_or(|c| d.created_at < c.created_at))
                    .find(|d| {
                        d.state == DeployState::Succeeded
                            && Some(&d.revision) != current.map(|c| &c.revision)
                    })
                    .cloned()
            });
            match chosen {
                Some(chosen) => {
                    let reverted = deployments.iter().take_while(|d| d.id != chosen.id);
                    plan.changes =
                        unique_changes(reverted.filter(|d| d.state == DeployState::Succeeded));
                    plan.incoming = Some(chosen.clone());
                    *target = Some(chosen);
                }
                None => plan.blockers.push(format!(
                    "{env} has no earlier successful deployment to return to"
                )),
            }
            plan.loading = false;
        }
        _ => {}
    }
}

fn unique_changes<'a>(deployments: impl Iterator<Item = &'a Deployment>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for change in deployments.flat_map(|d| &d.changes) {
        if !out.iter().any(|c| c.sha == change.sha) {
            out.push(change.clone());
        }
    }
    out
}

pub fn state_name(state: DeployState) -> &'static str {
    match state {
        DeployState::Queued => "queued",
        DeployState::InProgress => "in progress",
        DeployState::Succeeded => "succeeded",
        DeployState::Failed => "failed",
        DeployState::Cancelled => "cancelled",
        DeployState::Unknown => "unknown",
    }
}

pub fn health_name(health: Health) -> &'static str {
    match health {
        Health::Healthy => "healthy",
        Health::Degraded => "degraded",
        Health::Down => "down",
        Health::Unknown => "unknown",
    }
}
