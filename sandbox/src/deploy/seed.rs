//! Builds the deploy world from the catalog and the current time: every service's releases and
//! environments, then two months of history played through the same lifecycle as live
//! deployments, so seeded runs have real jobs, steps and logs.

use super::catalog::{self, Event, Outcome, ServiceSpec};
use super::lifecycle::{self, Order};
use super::model::{Change, Environment, Kind, Lock, Release, Service, State, World};
use super::script::Tick;
use crate::hex;
use chrono::{DateTime, TimeDelta, Utc};

/// Seeded pipelines are slower than live ones: minutes, as in real life.
const QUEUED: TimeDelta = TimeDelta::seconds(25);
const PER_LINE: TimeDelta = TimeDelta::seconds(7);
/// A cancelled seeded deployment was stopped after this many ticks.
const CANCELLED_AFTER: usize = 12;

pub fn seed(now: DateTime<Utc>) -> Result<World, String> {
    let mut world = World::default();
    for spec in &catalog::SERVICES {
        world.services.push(service(spec, now)?);
    }
    let (bad_service, bad_version) = catalog::BAD_RELEASE;
    let bad = world
        .service(bad_service)
        .map(|s| &world.services[s])
        .and_then(|s| s.releases.iter().find(|r| r.version == bad_version));
    let bad =
        bad.ok_or_else(|| format!("the bad release {bad_service} {bad_version} does not exist"))?;
    world.bad_revisions.insert(bad.revision.clone());

    let mut events: Vec<(usize, &Event)> = catalog::SERVICES
        .iter()
        .enumerate()
        .flat_map(|(s, spec)| spec.history.iter().map(move |e| (s, e)))
        .collect();
    // Oldest first across services, so ids grow with time.
    events.sort_by_key(|&(s, e)| started(now, s, e));
    for (s, event) in events {
        replay(&mut world, s, event, now).map_err(|e| {
            format!(
                "{} history at {}h ago: {e}",
                world.services[s].name, event.hours_ago
            )
        })?;
    }
    Ok(world)
}

fn service(spec: &ServiceSpec, now: DateTime<Utc>) -> Result<Service, String> {
    let mut releases: Vec<Release> = Vec::new();
    for commit in spec.commits {
        let sha = hex::digest(
            format!("{}/{}/{}", spec.name, commit.version, commit.title),
            40,
        );
        let change = Change {
            sha: sha.clone(),
            title: commit.title.to_string(),
            issue_keys: commit.issue_keys.iter().map(|k| k.to_string()).collect(),
        };
        let same = releases.last().is_some_and(|r| r.version == commit.version);
        if same {
            if let Some(release) = releases.last_mut() {
                release.revision = sha;
                release.changes.push(change);
            }
        } else if releases.iter().any(|r| r.version == commit.version) {
            return Err(format!(
                "{} commits of {} are not together",
                spec.name, commit.version
            ));
        } else {
            releases.push(Release {
                version: commit.version.to_string(),
                branch: branch(commit.version),
                revision: sha,
                changes: vec![change],
            });
        }
    }
    let (frozen, frozen_env, by, reason, days) = catalog::FREEZE;
    let environments = catalog::ENVIRONMENTS
        .iter()
        .zip(spec.health)
        .map(|(&name, health)| Environment {
            name: name.to_string(),
            protected: name == "prod",
            health,
            lock: (spec.name == frozen && name == frozen_env).then(|| Lock {
                by: by.to_string(),
                reason: reason.to_string(),
                until: Some(now + TimeDelta::days(days)),
            }),
            current: None,
        })
        .collect();
    Ok(Service {
        name: spec.name.to_string(),
        repo: spec.repo.to_string(),
        environments,
        releases,
    })
}

/// When a seeded deployment started: its hour, and a minute and second that differ from one
/// deployment to the next, as real ones do.
fn started(now: DateTime<Utc>, s: usize, event: &Event) -> DateTime<Utc> {
    let jitter = (event.hours_ago * 7919 + s as i64 * 104_729) % 3600;
    now - TimeDelta::hours(event.hours_ago) - TimeDelta::seconds(jitter)
}

/// Minor releases come from main, patches from their release branch.
fn branch(version: &str) -> String {
    match version.rsplit_once('.') {
        Some((minor, patch)) if patch != "0" => format!("release/{minor}"),
        _ => "main".to_string(),
    }
}

fn replay(world: &mut World, s: usize, event: &Event, now: DateTime<Utc>) -> Result<(), String> {
    let service = &world.services[s];
    let env = service
        .environment(event.env)
        .ok_or_else(|| format!("unknown environment {}", event.env))?;
    let release = service
        .releases
        .iter()
        .position(|r| r.version == event.version)
        .ok_or_else(|| format!("unknown version {}", event.version))?;
    let running = |e: usize| {
        service.environments[e]
            .current
            .map(|d| world.deployments[d].revision.as_str())
    };
    let revision = service.releases[release].revision.as_str();
    let (from_environment, rollback_of) = match event.kind {
        Kind::Deploy => (None, None),
        Kind::Promote => {
            let from = env.checked_sub(1).ok_or("nothing comes before dev")?;
            if running(from) != Some(revision) {
                return Err(format!(
                    "{} does not run {}",
                    service.environments[from].name, event.version
                ));
            }
            (Some(service.environments[from].name.clone()), None)
        }
        Kind::Rollback => {
            let earlier = world.deployments.iter().any(|d| {
                d.service == service.name && d.environment == event.env && d.revision == revision
            });
            let current = service.environments[env]
                .current
                .map(|d| world.deployments[d].id.clone());
            if !earlier || current.is_none() {
                return Err(format!("{} never ran {} before", event.env, event.version));
            }
            (None, current)
        }
    };
    let order = Order {
        service: s,
        env,
        kind: event.kind,
        release,
        from_environment,
        rollback_of,
        by: event.by.to_string(),
        reason: Some(event.reason.to_string()),
        fails: event.outcome == Outcome::Failed,
    };
    let mut at = started(now, s, event);
    let (index, ticks) = lifecycle::open(world, order, at);
    at += QUEUED;
    let played = if event.outcome == Outcome::Cancelled {
        CANCELLED_AFTER
    } else {
        ticks.len()
    };
    for tick in &ticks[..played.min(ticks.len())] {
        if let Tick::Line { .. } = tick {
            at += PER_LINE;
        }
        lifecycle::play(world, index, tick, at);
    }
    if event.outcome == Outcome::Cancelled {
        lifecycle::cancel(world, index, event.by, at + PER_LINE);
    } else {
        lifecycle::settle(world, index, at);
    }
    let want = match event.outcome {
        Outcome::Succeeded => State::Succeeded,
        Outcome::Failed => State::Failed,
        Outcome::Cancelled => State::Cancelled,
    };
    let state = world.deployments[index].state;
    if state != want {
        return Err(format!(
            "ended {} instead of {}",
            state.as_str(),
            want.as_str()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
