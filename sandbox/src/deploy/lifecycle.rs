//! A deployment's life, shared by the seed (history played instantly) and the live server:
//! opened queued with its run, moved along by pipeline ticks, settled, or cancelled.

use super::model::{Change, Deployment, Kind, Service, State, Status, World};
use super::pipeline::{self, NewRun};
use super::script::{self, Context, Tick};
use chrono::{DateTime, Utc};

pub struct Order {
    pub service: usize,
    pub env: usize,
    pub kind: Kind,
    pub release: usize,
    pub from_environment: Option<String>,
    pub rollback_of: Option<String>,
    pub by: String,
    pub reason: Option<String>,
    /// Fail the rollout whatever the revision (seeded failures); bad revisions fail anyway.
    pub fails: bool,
}

/// Creates the deployment (queued) and its run; returns the deployment's index and the ticks
/// its pipeline will play.
pub fn open(world: &mut World, order: Order, at: DateTime<Utc>) -> (usize, Vec<Tick>) {
    let (id, run_id) = world.next_ids();
    let service = &world.services[order.service];
    let env = &service.environments[order.env];
    let release = &service.releases[order.release];
    let bad = world.bad_revisions.contains(&release.revision);
    let cx = Context {
        service: &service.name,
        repo: &service.repo,
        environment: &env.name,
        kind: order.kind,
        version: &release.version,
        revision: &release.revision,
        last_title: release.changes.last().map_or("", |c| c.title.as_str()),
        fails: order.fails || (bad && order.kind != Kind::Deploy),
    };
    let run = pipeline::create(
        NewRun {
            id: run_id.clone(),
            service: &service.name,
            name: format!("{} {}", order.kind.verb(), env.name),
            branch: &release.branch,
            revision: &release.revision,
            repo: &service.repo,
            created_at: at,
        },
        script::jobs(&cx),
    );
    let ticks = script::ticks(&cx);
    let deployment = Deployment {
        id,
        service: service.name.clone(),
        environment: env.name.clone(),
        revision: release.revision.clone(),
        version: Some(release.version.clone()),
        kind: order.kind,
        state: State::Queued,
        from_environment: order.from_environment,
        rollback_of: order.rollback_of,
        created_at: at,
        finished_at: None,
        by: Some(order.by),
        reason: order.reason,
        run_id: Some(run_id),
        changes: changes(
            service,
            env.current.map(|c| &world.deployments[c].revision),
            order.release,
        ),
    };
    world.deployments.push(deployment);
    world.runs.push(run);
    (world.deployments.len() - 1, ticks)
}

/// What moving an environment from `running` to release `to` changes: the commits it adds, or
/// for a move back, the commits it takes away.
fn changes(service: &Service, running: Option<&String>, to: usize) -> Vec<Change> {
    let from = running.and_then(|revision| service.release_of(revision));
    let span = match from {
        Some(from) if from < to => from + 1..to + 1,
        Some(from) => to + 1..from + 1,
        None => to..to + 1,
    };
    service.releases[span]
        .iter()
        .flat_map(|r| r.changes.iter().cloned())
        .collect()
}

/// Plays one tick of deployment `index`'s run; false once the deployment has finished (it was
/// cancelled, or an earlier tick failed it) so the caller stops.
pub fn play(world: &mut World, index: usize, tick: &Tick, at: DateTime<Utc>) -> bool {
    let deployment = &mut world.deployments[index];
    if deployment.state.is_finished() {
        return false;
    }
    deployment.state = State::InProgress;
    pipeline::apply(&mut world.runs[index], tick, at);
    if world.runs[index].status.is_finished() {
        settle(world, index, at);
        return false;
    }
    true
}

/// Ends the deployment as its run ended; a success makes it the environment's current one.
pub fn settle(world: &mut World, index: usize, at: DateTime<Utc>) {
    let run = &mut world.runs[index];
    pipeline::finish(run, at);
    let state = match run.status {
        Status::Succeeded => State::Succeeded,
        Status::Cancelled => State::Cancelled,
        _ => State::Failed,
    };
    let deployment = &mut world.deployments[index];
    deployment.state = state;
    deployment.finished_at = run.finished_at;
    if state == State::Succeeded {
        let (service, env) = (deployment.service.clone(), deployment.environment.clone());
        if let Some(s) = world.service(&service) {
            let service = &mut world.services[s];
            if let Some(e) = service.environment(&env) {
                service.environments[e].current = Some(index);
            }
        }
    }
}

/// Stops a deployment that is still queued or in progress; false when it had already finished.
pub fn cancel(world: &mut World, index: usize, by: &str, at: DateTime<Utc>) -> bool {
    if world.deployments[index].state.is_finished() {
        return false;
    }
    pipeline::cancel(&mut world.runs[index], by, at);
    settle(world, index, at);
    true
}
