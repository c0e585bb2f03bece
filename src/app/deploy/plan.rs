//! The plan shown before a dangerous action, as screen state: the domain's plan (what will
//! change, what would make the server refuse) with what only the screen knows: the name typed
//! so far, the history still being read, the key made when the plan opened. Nothing is sent
//! until the plan is ready and confirmed.

use super::DeployView;
use crate::domain::deploy::plan::{self as outline, Target, previous};
use crate::domain::deploy::{
    Deployment, Environment, IdempotencyKey, PromoteRequest, RollbackRequest, Service,
};
use crate::sync::DeployAction;

#[derive(Clone, Debug, PartialEq)]
pub enum PlanKind {
    Promote,
    Rollback,
    /// Stops `deployment`, which is moving in the plan's environment.
    Cancel {
        deployment: Box<Deployment>,
    },
    /// Lets `deployment`, which waits for reviewers, through (`approve`) or turns it down.
    Review {
        deployment: Box<Deployment>,
        approve: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub backend: usize,
    pub kind: PlanKind,
    /// What runs now, what will run, the changes and the blockers, as the domain plans them.
    pub outline: outline::Plan,
    /// The environment's protection rules in the backend's words ("2 reviewers: ana, bo").
    pub protection: Vec<String>,
    /// The environment's name as typed so far (protected environments only).
    pub typed: String,
    /// The history the plan needs is being read.
    pub loading: bool,
    /// Made when the plan opens; the same key goes with every retry of the confirmed action.
    pub key: IdempotencyKey,
}

impl Plan {
    fn new(backend: usize, kind: PlanKind, outline: outline::Plan, env: &Environment) -> Self {
        Self {
            backend,
            kind,
            outline,
            protection: env.protection.clone(),
            typed: String::new(),
            loading: false,
            key: IdempotencyKey::new(),
        }
    }

    pub fn environment(&self) -> &str {
        &self.outline.environment
    }

    /// A promote's source environment (empty for the other actions).
    pub fn from(&self) -> &str {
        self.outline.from.as_deref().unwrap_or_default()
    }

    pub fn title(&self) -> String {
        let (service, env) = (&self.outline.service, self.environment());
        match &self.kind {
            PlanKind::Promote => format!("Promote {service} {} → {env}", self.from()),
            PlanKind::Rollback => format!("Roll back {service} in {env}"),
            PlanKind::Cancel { deployment } => {
                format!("Cancel {} of {service} in {env}", deployment.id)
            }
            PlanKind::Review {
                deployment,
                approve: true,
            } => format!("Approve {service} {} into {env}", deployment.label()),
            PlanKind::Review {
                deployment,
                approve: false,
            } => format!("Reject {service} {} for {env}", deployment.label()),
        }
    }

    /// Typing is asked only once nothing blocks.
    pub fn needs_typing(&self) -> bool {
        self.outline.protected && !self.loading && self.outline.blockers.is_empty()
    }

    pub fn ready(&self) -> bool {
        !self.loading
            && self.outline.blockers.is_empty()
            && (!self.outline.protected || self.typed == self.environment())
    }

    /// The deploy action to send; `None` for a review, which is a request of its own.
    pub fn action(&self) -> Option<DeployAction> {
        let service = self.outline.service.clone();
        let environment = self.environment().to_string();
        Some(match &self.kind {
            PlanKind::Promote => DeployAction::Promote(PromoteRequest {
                service,
                from: self.outline.from.clone()?,
                to: environment,
                revision: self.outline.incoming.as_ref().map(|d| d.revision.clone()),
                reason: None,
            }),
            PlanKind::Rollback => DeployAction::Rollback(RollbackRequest {
                service,
                environment,
                to_deployment: Some(self.outline.incoming.as_ref()?.id.clone()),
                reason: None,
            }),
            PlanKind::Cancel { deployment } => DeployAction::Cancel {
                service,
                environment,
                id: deployment.id.clone(),
            },
            PlanKind::Review { .. } => return None,
        })
    }
}

/// `env` as the domain sees it, busy while an action sent from here has not been answered or
/// has not finished.
fn target<'a>(
    view: &DeployView,
    backend: usize,
    service: &Service,
    env: &'a Environment,
) -> Target<'a> {
    Target {
        env,
        busy: view.busy(backend, &service.name, &env.name),
    }
}

/// Promote into `to` from the environment before it; that one's history is read next.
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
    let target_env = to;
    let to = target(view, backend, service, to);
    let outline = outline::promote(service, from, to, None, None);
    let mut plan = Plan::new(backend, PlanKind::Promote, outline, target_env);
    plan.loading = plan.outline.blockers.is_empty();
    Ok(plan)
}

/// Roll `env` back to `picked`, or to the domain's default. The history open on the screen is
/// used when it is `env`'s; otherwise it is read next (when nothing blocks already).
pub fn rollback(
    view: &DeployView,
    backend: usize,
    service: &Service,
    env: &Environment,
    picked: Option<&Deployment>,
) -> Plan {
    let history = view
        .history
        .as_ref()
        .filter(|h| h.backend == backend && h.service == service.name && h.environment == env.name)
        .filter(|h| !h.loading && h.error.is_none())
        .map(|h| h.deployments.as_slice());
    let to = target(view, backend, service, env);
    let outline = outline::rollback(service, to, history, picked);
    let mut plan = Plan::new(backend, PlanKind::Rollback, outline, env);
    plan.loading = history.is_none() && plan.outline.blockers.is_empty();
    plan
}

pub fn cancel(
    backend: usize,
    service: &Service,
    env: &Environment,
    deployment: Deployment,
) -> Plan {
    let mut outline = outline::Plan::new(service, env);
    // Stopping a rollout is the safe direction: y is enough, even in production.
    outline.protected = false;
    let kind = PlanKind::Cancel {
        deployment: Box::new(deployment),
    };
    Plan::new(backend, kind, outline, env)
}

/// Approve or reject `deployment`, which waits for reviewers in `env`. Approving into a
/// protected environment needs its name typed, as a promote does; rejecting deploys nothing,
/// so y is enough, as for a cancel.
pub fn review(
    backend: usize,
    service: &Service,
    env: &Environment,
    deployment: Deployment,
    approve: bool,
) -> Plan {
    let mut outline = outline::Plan::new(service, env);
    outline.protected = approve && env.protected;
    outline.changes = deployment.changes.clone();
    outline.incoming = Some(deployment.clone());
    let kind = PlanKind::Review {
        deployment: Box::new(deployment),
        approve,
    };
    Plan::new(backend, kind, outline, env)
}

/// The environment whose history the open plan waits for, if it waits.
pub fn awaited(plan: &Plan) -> Option<&str> {
    if !plan.loading {
        return None;
    }
    match plan.kind {
        PlanKind::Promote => plan.outline.from.as_deref(),
        PlanKind::Rollback => Some(plan.environment()),
        PlanKind::Cancel { .. } | PlanKind::Review { .. } => None,
    }
}

/// Plans again, through the domain, with the history that arrived: a promote's changes, a
/// rollback's default target and what it reverts.
pub fn apply_history(
    view: &mut DeployView,
    backend: usize,
    service: &str,
    environment: &str,
    deployments: &[Deployment],
) {
    let Some(plan) = view.plan.as_ref().filter(|p| {
        p.backend == backend && p.outline.service == service && awaited(p) == Some(environment)
    }) else {
        return;
    };
    let fresh = replan(view, plan, deployments);
    let Some(plan) = view.plan.as_mut() else {
        return;
    };
    match fresh {
        Some(outline) => plan.outline = outline,
        None => plan.outline.blockers.push(format!(
            "{service} {} is no longer listed by the backend; refresh and try again",
            plan.outline.environment
        )),
    }
    plan.loading = false;
}

/// The plan made from the matrix as it is now; `None` when the service or an environment
/// of the plan has gone from it.
fn replan(view: &DeployView, plan: &Plan, history: &[Deployment]) -> Option<outline::Plan> {
    let service = view
        .backends
        .get(plan.backend)?
        .services
        .iter()
        .find(|s| s.name == plan.outline.service)?;
    let env = |name: &str| service.environments.iter().find(|e| e.name == name);
    let to = target(view, plan.backend, service, env(plan.environment())?);
    match plan.kind {
        PlanKind::Promote => {
            let from = env(plan.outline.from.as_deref()?)?;
            Some(outline::promote(service, from, to, Some(history), None))
        }
        // Before its history a rollback names a target only when one was picked.
        PlanKind::Rollback => {
            let picked = plan.outline.incoming.as_ref();
            Some(outline::rollback(service, to, Some(history), picked))
        }
        PlanKind::Cancel { .. } | PlanKind::Review { .. } => None,
    }
}
