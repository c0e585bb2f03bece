//! Watching an accepted deployment to its end: each state it passes through, once who it waits
//! for when reviewers hold it, and `--timeout` so a script is never stuck without a word.

use super::act::record;
use super::{Stop, say_waiting};
use crate::audit::{AuditLog, AuditResult};
use crate::domain::deploy::state_name;
use crate::domain::deploy::{DeployState, Deployment, DeploymentId, Environment, IdempotencyKey};
use crate::providers::ProviderError;
use crate::setup::DeployHandle;
use crate::sync::patient;
use std::process::ExitCode;
use std::time::Duration;
use tokio::time::Instant;

/// How often a deployment is asked about while waiting.
const POLL: Duration = Duration::from_secs(1);
/// Network or server failures in a row before waiting gives up.
const POLL_FAILURES: usize = 10;

/// "waiting for review by ana-k, marcus-b (required reviewers on production)". The names come
/// from the environment's reviewer rule as the backend words it ("2 reviewers: ana-k,
/// marcus-b"); a backend that names none still says what the wait is.
pub fn review_note(env: &Environment) -> String {
    let who = env.protection.iter().find_map(|rule| {
        let (count, names) = rule.split_once(": ")?;
        (count.ends_with(" reviewer") || count.ends_with(" reviewers")).then_some(names)
    });
    match who {
        Some(names) => format!(
            "waiting for review by {names} (required reviewers on {})",
            env.name
        ),
        None => format!("waiting for review (required reviewers on {})", env.name),
    }
}

pub struct Watch<'a> {
    pub handle: &'a DeployHandle,
    pub log: &'a AuditLog,
    pub key: &'a IdempotencyKey,
    /// Said once when the deployment waits for reviewers.
    pub review: String,
    /// `--timeout`: how long to watch before giving up (the deployment goes on).
    pub timeout: Option<Duration>,
}

impl Watch<'_> {
    /// Polls until the deployment ends, printing each state it passes through.
    pub async fn run(&self, first: Deployment) -> Result<ExitCode, Stop> {
        let id = first.id.clone();
        let deadline = self.timeout.and_then(|t| Instant::now().checked_add(t));
        let mut state = first.state;
        let mut told = false;
        self.say(&id, state, &mut told);
        let mut failures = 0;
        while state.is_active() {
            let read = tokio::select! {
                read = self.next(&id) => read,
                () = sleep_until(deadline) => {
                    return Err(self.still_waiting(&id, state));
                }
                _ = tokio::signal::ctrl_c() => {
                    return Err(Stop::Failed(format!(
                        "stopped watching; {id} goes on (see `shipdeck print deploys` and `shipdeck audit`)"
                    )));
                }
            };
            match read {
                Ok(d) => {
                    failures = 0;
                    if d.state != state {
                        state = d.state;
                        self.say(&id, state, &mut told);
                    }
                }
                Err(e) if e.is_transient() && failures < POLL_FAILURES => {
                    failures += 1;
                    eprintln!("shipdeck: cannot read {id} ({e}); trying again");
                }
                Err(e) => {
                    let message = format!("stopped watching {id}: {e}");
                    record(
                        self.log,
                        self.key,
                        AuditResult::Unknown,
                        Some(&id),
                        Some(message.clone()),
                    );
                    return Err(Stop::Failed(message));
                }
            }
        }
        let result = match state {
            DeployState::Succeeded => AuditResult::Succeeded,
            DeployState::Failed => AuditResult::Failed,
            DeployState::Cancelled => AuditResult::Cancelled,
            _ => AuditResult::Unknown,
        };
        record(self.log, self.key, result, Some(&id), None);
        match result {
            AuditResult::Succeeded => Ok(ExitCode::SUCCESS),
            _ => Err(Stop::Failed(format!("{id} ended {}", state_name(state)))),
        }
    }

    async fn next(&self, id: &DeploymentId) -> Result<Deployment, ProviderError> {
        tokio::time::sleep(POLL).await;
        patient(say_waiting, || self.handle.backend.deployment(id)).await
    }

    fn say(&self, id: &DeploymentId, state: DeployState, told: &mut bool) {
        let at = chrono::Local::now().format("%H:%M:%S");
        println!("{at}  {id}  {}", state_name(state));
        if state == DeployState::Waiting && !*told {
            *told = true;
            println!("{}", self.review);
        }
    }

    /// Not recorded in the audit log: nothing ended, the deployment goes on without us.
    fn still_waiting(&self, id: &DeploymentId, state: DeployState) -> Stop {
        let after = humantime::format_duration(self.timeout.unwrap_or_default());
        let what = if state == DeployState::Waiting {
            self.review.clone()
        } else {
            state_name(state).to_string()
        };
        Stop::Failed(format!(
            "still waiting after {after} (--timeout): {id} is {what}; it goes on (see `shipdeck print deploys` and `shipdeck audit`)"
        ))
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::review_note;
    use crate::domain::deploy::{Environment, Health};

    fn env(protection: &[&str]) -> Environment {
        Environment {
            name: "production".into(),
            protected: true,
            protection: protection.iter().map(|p| p.to_string()).collect(),
            health: Health::Unknown,
            lock: None,
            current: None,
        }
    }

    #[test]
    fn the_note_names_the_reviewers_from_the_rule() {
        assert_eq!(
            review_note(&env(&["2 reviewers: ana-k, marcus-b", "wait 5 min"])),
            "waiting for review by ana-k, marcus-b (required reviewers on production)"
        );
        assert_eq!(
            review_note(&env(&["wait 5 min", "1 reviewer: mei"])),
            "waiting for review by mei (required reviewers on production)"
        );
        assert_eq!(
            review_note(&env(&["branches: main"])),
            "waiting for review (required reviewers on production)"
        );
    }
}
