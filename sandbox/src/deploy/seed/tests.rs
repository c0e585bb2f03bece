use super::*;
use crate::jira::seed as jira_seed;
use crate::people;
use chrono::TimeZone;
use std::collections::HashSet;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap()
}

fn world() -> World {
    seed(now()).unwrap()
}

fn current<'w>(world: &'w World, service: &str, env: &str) -> &'w crate::deploy::model::Deployment {
    let s = &world.services[world.service(service).unwrap()];
    let e = &s.environments[s.environment(env).unwrap()];
    &world.deployments[e.current.unwrap()]
}

#[test]
fn every_service_has_a_long_history_in_every_environment() {
    let world = world();
    assert!(world.services.len() >= 3);
    for service in &world.services {
        let history: Vec<_> = world
            .deployments
            .iter()
            .filter(|d| d.service == service.name)
            .collect();
        assert!(
            history.len() >= 15,
            "{} has {}",
            service.name,
            history.len()
        );
        for env in &service.environments {
            assert!(env.current.is_some(), "{}/{}", service.name, env.name);
            assert_eq!(env.protected, env.name == "prod");
        }
    }
}

#[test]
fn history_is_chronological_finished_and_has_a_run_each() {
    let world = world();
    for pair in world.deployments.windows(2) {
        assert!(
            pair[0].created_at <= pair[1].created_at,
            "{} after {}",
            pair[0].id,
            pair[1].id
        );
    }
    for (d, run) in world.deployments.iter().zip(&world.runs) {
        assert!(d.state.is_finished(), "{}", d.id);
        assert!(d.finished_at.is_some_and(|f| f > d.created_at), "{}", d.id);
        assert_eq!(d.run_id.as_deref(), Some(run.id.as_str()));
        assert_eq!(
            (d.revision.as_str(), d.revision.len()),
            (run.revision.as_str(), 40)
        );
        assert!(
            run.status.is_finished() && run.finished_at == d.finished_at,
            "{}",
            run.id
        );
        assert!(!run.jobs[0].log.is_empty(), "{}", run.id);
    }
    let states: HashSet<&str> = world.deployments.iter().map(|d| d.state.as_str()).collect();
    assert_eq!(states, HashSet::from(["succeeded", "failed", "cancelled"]));
    assert!(
        world
            .deployments
            .iter()
            .any(|d| d.kind == Kind::Rollback && d.rollback_of.is_some())
    );
}

#[test]
fn staging_runs_something_newer_than_prod_in_two_services() {
    let world = world();
    let drifting = world
        .services
        .iter()
        .filter(|s| {
            let release = |env| {
                s.release_of(&current(&world, &s.name, env).revision)
                    .unwrap()
            };
            release("staging") > release("prod")
        })
        .count();
    assert!(drifting >= 2);
}

#[test]
fn ledger_prod_is_frozen_gateway_dev_is_degraded_and_runs_the_bad_revision() {
    let world = world();
    let ledger = &world.services[world.service("ledger").unwrap()];
    let lock = ledger.environments[2].lock.as_ref().unwrap();
    assert!(lock.until.unwrap() > now() && !lock.reason.is_empty());
    let gateway = &world.services[world.service("gateway").unwrap()];
    assert_eq!(
        gateway.environments[0].health,
        crate::deploy::model::Health::Degraded
    );
    let dev = current(&world, "gateway", "dev");
    assert_eq!(dev.version.as_deref(), Some("3.6.0"));
    assert!(world.bad_revisions.contains(&dev.revision));
}

#[test]
fn changes_name_real_board_issues_and_people_are_the_team() {
    let world = world();
    let board = jira_seed::seed(now()).unwrap();
    let keys: HashSet<&str> = board.issues.iter().map(|i| i.key.as_str()).collect();
    let mut named = 0;
    for d in &world.deployments {
        assert!(
            people::by_handle(d.by.as_deref().unwrap()).is_some(),
            "{}",
            d.id
        );
        for key in d.changes.iter().flat_map(|c| &c.issue_keys) {
            assert!(keys.contains(key.as_str()), "{} names {key}", d.id);
            named += 1;
        }
    }
    assert!(named > 20);
}

#[test]
fn seeded_logs_carry_colour_and_progress_lines() {
    let world = world();
    let logs: String = world
        .runs
        .iter()
        .flat_map(|r| &r.jobs)
        .map(|j| j.log.as_str())
        .collect();
    assert!(logs.contains("\x1b[32m✔\x1b[0m"));
    assert!(logs.contains("\x1b[31merror:\x1b[0m"));
    assert!(logs.contains("\x1b[1m▶ "));
    assert!(logs.contains('\r'));
}
