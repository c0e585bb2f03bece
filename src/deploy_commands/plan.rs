//! The plan shown before a promote or rollback: what runs now, what will run, the commits that
//! change, and the blockers that refuse the action before anything is sent.

use crate::audit::AuditAction;
use crate::domain::deploy::{Change, DeployState, Deployment, Environment, Health, Service};

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub action: AuditAction,
    pub backend: String,
    pub service: String,
    /// The promote's source environment.
    pub from: Option<String>,
    /// The environment that changes.
    pub environment: String,
    /// What `environment` runs now.
    pub current: Option<Deployment>,
    /// What it will run: the source's deployment, or the rollback target.
    pub incoming: Option<Deployment>,
    /// What arrives, or what is reverted when `reverts`. Newest first, each commit once.
    pub changes: Vec<Change>,
    /// A rollback, or a promote of something older than what `environment` runs.
    pub reverts: bool,
    /// False when the history read did not reach back to what `environment` runs.
    pub changes_complete: bool,
    pub blockers: Vec<String>,
    pub protected: bool,
}

impl Plan {
    fn new(action: AuditAction, backend: &str, service: &Service, env: &Environment) -> Self {
        Self {
            action,
            backend: backend.to_string(),
            service: service.name.clone(),
            from: None,
            environment: env.name.clone(),
            current: env.current.clone(),
            incoming: None,
            changes: Vec::new(),
            reverts: action == AuditAction::Rollback,
            changes_complete: true,
            blockers: target_blockers(env),
            protected: env.protected,
        }
    }
}

/// A lock, or something already moving in the environment.
fn target_blockers(env: &Environment) -> Vec<String> {
    let mut blockers = Vec::new();
    if let Some(lock) = &env.lock {
        let until = lock
            .until
            .map(|t| format!(" (until {})", t.format("%Y-%m-%d %H:%M UTC")))
            .unwrap_or_default();
        blockers.push(format!(
            "{} is locked by {}: {}{until}",
            env.name, lock.by, lock.reason
        ));
    }
    if let Some(d) = env.current.as_ref().filter(|d| d.state.is_active()) {
        blockers.push(format!(
            "a deployment is already in flight in {}: {} {} ({})",
            env.name,
            d.id,
            d.label(),
            state_name(d.state)
        ));
    }
    blockers
}

/// `revision` (`--revision`) matches a revision by prefix or a version exactly.
fn matches(d: &Deployment, revision: &str) -> bool {
    d.revision.starts_with(revision) || d.version.as_deref() == Some(revision)
}

/// Promote into `to` what `from` runs, or its deployment of `revision`. `history` is `from`'s,
/// newest first.
pub fn promote(
    backend: &str,
    service: &Service,
    from: &Environment,
    to: &Environment,
    history: &[Deployment],
    revision: Option<&str>,
) -> Plan {
    let mut plan = Plan::new(AuditAction::Promote, backend, service, to);
    plan.from = Some(from.name.clone());
    plan.incoming = match revision {
        None => from.current.clone(),
        Some(r) => history
            .iter()
            .filter(|d| matches(d, r))
            .find(|d| d.state == DeployState::Succeeded)
            .or_else(|| history.iter().find(|d| matches(d, r)))
            .cloned(),
    };
    match (&plan.incoming, revision) {
        (None, None) => plan
            .blockers
            .push(format!("{} runs nothing to promote", from.name)),
        (None, Some(r)) => plan.blockers.push(format!(
            "{} has no deployment of {r} in its last {} deployments",
            from.name,
            history.len()
        )),
        (Some(d), _) if d.state != DeployState::Succeeded => plan.blockers.push(format!(
            "{}'s deployment {} of {} has not succeeded ({})",
            from.name,
            d.id,
            d.label(),
            state_name(d.state)
        )),
        (Some(d), _)
            if to
                .current
                .as_ref()
                .is_some_and(|c| c.revision == d.revision) =>
        {
            plan.blockers
                .push(format!("{} already runs {}", to.name, d.label()));
        }
        (Some(_), _) => {}
    }
    if matches!(from.health, Health::Degraded | Health::Down) {
        plan.blockers.push(format!(
            "{} is not healthy ({})",
            from.name,
            health_name(from.health)
        ));
    }
    if let Some(incoming) = plan.incoming.clone() {
        let running = to.current.as_ref().map(|d| d.revision.as_str());
        changes_between(&mut plan, history, &incoming, running);
    }
    plan
}

/// Roll `env` back to `target` (`--to`), or to the newest succeeded deployment before the
/// current one with another revision. `history` is `env`'s, newest first.
pub fn rollback(
    backend: &str,
    service: &Service,
    env: &Environment,
    history: &[Deployment],
    target: Option<&Deployment>,
) -> Plan {
    let mut plan = Plan::new(AuditAction::Rollback, backend, service, env);
    let current = env.current.as_ref();
    if current.is_none() {
        plan.blockers
            .push(format!("{} runs nothing to roll back", env.name));
    }
    let chosen = target.cloned().or_else(|| {
        let current = current?;
        history
            .iter()
            .filter(|d| d.id != current.id && d.created_at < current.created_at)
            .find(|d| d.state == DeployState::Succeeded && d.revision != current.revision)
            .cloned()
    });
    match &chosen {
        None if current.is_some() => plan.blockers.push(format!(
            "{} has no earlier successful deployment to return to in its last {}",
            env.name,
            history.len()
        )),
        None => {}
        Some(d) if d.state != DeployState::Succeeded => plan.blockers.push(format!(
            "{} of {} did not succeed ({}): only a successful deployment can be returned to",
            d.id,
            d.label(),
            state_name(d.state)
        )),
        Some(d) if current.is_some_and(|c| c.revision == d.revision) => plan
            .blockers
            .push(format!("{} already runs {}", env.name, d.label())),
        Some(d) => {
            let newer: Vec<&Deployment> = history.iter().take_while(|h| h.id != d.id).collect();
            plan.changes_complete = newer.len() < history.len();
            plan.changes = unique_changes(newer.into_iter());
        }
    }
    plan.incoming = chosen;
    plan
}

/// What a promote of `incoming` changes in an environment running `running`, read from the
/// source's `history` (newest first): the deployments from `incoming` back to the one of
/// `running`, or, when `running` is newer, the ones it would take away.
fn changes_between(
    plan: &mut Plan,
    history: &[Deployment],
    incoming: &Deployment,
    running: Option<&str>,
) {
    let Some(start) = history.iter().position(|d| d.id == incoming.id) else {
        // The history read raced a newer deployment: its own changes at least.
        plan.changes_complete = false;
        plan.changes = incoming.changes.clone();
        return;
    };
    let is_running = |d: &Deployment| Some(d.revision.as_str()) == running;
    let older = &history[start..];
    let newer = &history[..start];
    match (
        older.iter().position(is_running),
        newer.iter().position(is_running),
    ) {
        (Some(end), _) => plan.changes = unique_changes(older[..end].iter()),
        (None, Some(at)) => {
            plan.reverts = true;
            plan.changes = unique_changes(newer[at..].iter());
        }
        (None, None) => {
            plan.changes_complete = running.is_none();
            plan.changes = unique_changes(older.iter());
        }
    }
}

/// Changes of the deployments that went out (failed attempts brought nothing), each commit once.
fn unique_changes<'a>(deployments: impl Iterator<Item = &'a Deployment>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let succeeded = deployments.filter(|d| d.state == DeployState::Succeeded);
    for change in succeeded.flat_map(|d| &d.changes) {
        if !out.iter().any(|c| c.sha == change.sha) {
            out.push(change.clone());
        }
    }
    out
}

pub fn state_name(state: DeployState) -> &'static str {
    match state {
        DeployState::Queued => "queued",
        DeployState::InProgress => "in_progress",
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
