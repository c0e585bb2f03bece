//! The plan shown before a promote or rollback: what the environment runs now, what it will
//! run, the commits in between, and the blockers that refuse the action before anything is
//! sent. One computation for the deploy screen and the `promote`/`rollback` verbs.

use super::{Change, DeployState, Deployment, Environment, Health, Service};
use super::{health_name, state_name};

/// Said under a list of changes that is not complete.
pub const CHANGES_CUT: &str =
    "older ones not shown: the history read does not reach back far enough";

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub service: String,
    /// The promote's source environment; `None` for anything else.
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
    /// False when the history was not read yet, or does not reach back to what `environment`
    /// runs.
    pub changes_complete: bool,
    pub blockers: Vec<String>,
    pub protected: bool,
}

impl Plan {
    /// An action on `env` before anything is planned: what it runs, whether it is protected.
    pub fn new(service: &Service, env: &Environment) -> Self {
        Self {
            service: service.name.clone(),
            from: None,
            environment: env.name.clone(),
            current: env.current.clone(),
            incoming: None,
            changes: Vec::new(),
            reverts: false,
            changes_complete: true,
            blockers: Vec::new(),
            protected: env.protected,
        }
    }
}

/// The environment an action changes, and whether the caller has an action on its way there
/// that the backend does not report yet; that counts as a deployment in flight.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    pub env: &'a Environment,
    pub busy: bool,
}

impl<'a> From<&'a Environment> for Target<'a> {
    fn from(env: &'a Environment) -> Self {
        Self { env, busy: false }
    }
}

/// A lock, or something already moving in the environment.
fn target_blockers(target: Target<'_>) -> Vec<String> {
    let env = target.env;
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
    match env.current.as_ref().filter(|d| d.state.is_active()) {
        Some(d) => blockers.push(format!(
            "a deployment is already in flight in {}: {} {} ({})",
            env.name,
            d.id,
            d.label(),
            state_name(d.state)
        )),
        None if target.busy => {
            blockers.push(format!("a deployment is already in flight in {}", env.name));
        }
        None => {}
    }
    blockers
}

/// `revision` matches a revision by prefix or a version exactly.
fn matches(d: &Deployment, revision: &str) -> bool {
    d.revision.starts_with(revision) || d.version.as_deref() == Some(revision)
}

/// Promote into `to` what `from` runs, or `from`'s deployment of `revision`. `history` is
/// `from`'s, newest first; `None` while it is being read, which leaves the changes (and a
/// `revision` to look up) for the plan made once it is there.
pub fn promote(
    service: &Service,
    from: &Environment,
    to: Target<'_>,
    history: Option<&[Deployment]>,
    revision: Option<&str>,
) -> Plan {
    let mut plan = Plan::new(service, to.env);
    plan.from = Some(from.name.clone());
    plan.blockers = target_blockers(to);
    plan.incoming = match (revision, history) {
        (None, _) => from.current.clone(),
        (Some(r), Some(history)) => history
            .iter()
            .filter(|d| matches(d, r))
            .find(|d| d.state == DeployState::Succeeded)
            .or_else(|| history.iter().find(|d| matches(d, r)))
            .cloned(),
        (Some(_), None) => None,
    };
    let running = to.env.current.as_ref();
    match (&plan.incoming, revision, history) {
        (None, None, _) => plan
            .blockers
            .push(format!("{} runs nothing to promote", from.name)),
        (None, Some(r), Some(history)) => plan.blockers.push(format!(
            "{} has no deployment of {r} in its last {} deployments",
            from.name,
            history.len()
        )),
        (None, Some(_), None) => {}
        (Some(d), ..) if d.state != DeployState::Succeeded => plan.blockers.push(format!(
            "{}'s deployment {} of {} has not succeeded ({})",
            from.name,
            d.id,
            d.label(),
            state_name(d.state)
        )),
        (Some(d), ..) if running.is_some_and(|c| c.revision == d.revision) => {
            plan.blockers
                .push(format!("{} already runs {}", to.env.name, d.label()));
        }
        (Some(_), ..) => {}
    }
    if matches!(from.health, Health::Degraded | Health::Down) {
        plan.blockers.push(format!(
            "{} is not healthy ({})",
            from.name,
            health_name(from.health)
        ));
    }
    match (plan.incoming.clone(), history) {
        (Some(incoming), Some(history)) => {
            let running = running.map(|d| d.revision.as_str());
            changes_between(&mut plan, history, &incoming, running);
        }
        (_, history) => plan.changes_complete = history.is_some(),
    }
    plan
}

/// Roll `env` back to `target`, or to the newest succeeded deployment before the current one
/// with another revision. `history` is `env`'s, newest first; `None` while it is being read,
/// which leaves the default target and the changes for the plan made once it is there.
pub fn rollback(
    service: &Service,
    env: Target<'_>,
    history: Option<&[Deployment]>,
    target: Option<&Deployment>,
) -> Plan {
    let name = &env.env.name;
    let mut plan = Plan::new(service, env.env);
    plan.reverts = true;
    plan.changes_complete = history.is_some();
    plan.blockers = target_blockers(env);
    let current = env.env.current.as_ref();
    if current.is_none() {
        plan.blockers
            .push(format!("{name} runs nothing to roll back"));
    }
    let chosen = target.cloned().or_else(|| {
        let current = current?;
        history?
            .iter()
            .filter(|d| d.id != current.id && d.created_at < current.created_at)
            .find(|d| d.state == DeployState::Succeeded && d.revision != current.revision)
            .cloned()
    });
    match (&chosen, history) {
        (None, Some(history)) if current.is_some() => plan.blockers.push(format!(
            "{name} has no earlier successful deployment to return to in its last {}",
            history.len()
        )),
        (None, _) => {}
        (Some(d), _) if d.state != DeployState::Succeeded => plan.blockers.push(format!(
            "{} of {} did not succeed ({}): only a successful deployment can be returned to",
            d.id,
            d.label(),
            state_name(d.state)
        )),
        (Some(d), _) if current.is_some_and(|c| c.revision == d.revision) => plan
            .blockers
            .push(format!("{name} already runs {}", d.label())),
        (Some(d), Some(history)) => {
            let newer: Vec<&Deployment> = history.iter().take_while(|h| h.id != d.id).collect();
            plan.changes_complete = newer.len() < history.len();
            plan.changes = unique_changes(newer.into_iter());
        }
        (Some(_), None) => {}
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

/// The environment before `env` in the service's promotion order: where a promote into `env`
/// comes from.
pub fn previous<'a>(service: &'a Service, env: &str) -> Option<&'a Environment> {
    let index = service.environments.iter().position(|e| e.name == env)?;
    index.checked_sub(1).map(|i| &service.environments[i])
}

/// A promote into `env` would change it: the environment before runs something else.
pub fn promotable(service: &Service, env: &Environment) -> bool {
    let Some(before) = previous(service, &env.name).and_then(|e| e.current.as_ref()) else {
        return false;
    };
    env.current
        .as_ref()
        .is_none_or(|d| d.revision != before.revision)
}
