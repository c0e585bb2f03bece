use super::*;
use crate::github::ops::deploys;
use crate::github::ops::timeline::{self, Conclusion, Status};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
        .unwrap()
        .to_utc()
}

fn runs_of(world: &World, repo: usize) -> Vec<usize> {
    (0..world.runs.len())
        .filter(|&i| world.runs[i].repo == repo)
        .collect()
}

#[test]
fn each_repository_has_a_dozen_ci_runs_with_mixed_endings() {
    let world = seed(now());
    for repo in [STOREFRONT, SEARCH] {
        let ci: Vec<usize> = runs_of(&world, repo)
            .into_iter()
            .filter(|&i| world.runs[i].workflow == 0)
            .collect();
        assert_eq!(ci.len(), 12, "{}", world.repos[repo].name);
        let endings: Vec<Option<Conclusion>> = ci
            .iter()
            .map(|&i| timeline::run(&world, i, now()).conclusion)
            .collect();
        for wanted in [
            Conclusion::Success,
            Conclusion::Failure,
            Conclusion::Cancelled,
            Conclusion::Skipped,
        ] {
            assert!(endings.contains(&Some(wanted)), "{wanted:?} in {endings:?}");
        }
    }
}

#[test]
fn one_run_per_repository_is_running_and_ends_forty_seconds_later() {
    let world = seed(now());
    for repo in [STOREFRONT, SEARCH] {
        let running: Vec<usize> = runs_of(&world, repo)
            .into_iter()
            .filter(|&i| timeline::run(&world, i, now()).status != Status::Completed)
            .collect();
        assert_eq!(running.len(), 1, "{}", world.repos[repo].name);
        let run = running[0];
        let status = |secs| timeline::run(&world, run, now() + TimeDelta::seconds(secs)).status;
        assert_eq!(status(0), Status::InProgress);
        assert_eq!(status(39), Status::InProgress);
        assert_eq!(status(40), Status::Completed);
    }
}

#[test]
fn ids_grow_with_time() {
    let world = seed(now());
    assert!(
        world
            .runs
            .windows(2)
            .all(|w| w[0].id < w[1].id && w[0].created_at <= w[1].created_at)
    );
    assert!(world.deployments.windows(2).all(|w| w[0].id < w[1].id));
}

/// The sha each environment runs: its newest successful deployment's.
fn current(world: &World, environment: usize) -> String {
    (0..world.deployments.len())
        .rev()
        .find(|&d| {
            world.deployments[d].environment == environment
                && deploys::succeeded_at(world, d, now()).is_some()
        })
        .map(|d| world.deployments[d].sha.clone())
        .unwrap()
}

#[test]
fn staging_runs_a_newer_release_than_production() {
    let world = seed(now());
    let repo = &world.repos[STOREFRONT];
    assert_eq!(repo.environments[STAGING].name, "staging");
    assert_eq!(repo.environments[PRODUCTION].name, "production");
    assert_eq!(current(&world, STAGING), repo.commits[10].sha);
    assert_eq!(current(&world, PRODUCTION), repo.commits[9].sha);
}

#[test]
fn the_history_keeps_one_failed_rollout_and_marks_superseded_ones_inactive() {
    let world = seed(now());
    let latest: Vec<&str> = (0..world.deployments.len())
        .map(|d| deploys::statuses(&world, d, now()).last().unwrap().state)
        .collect();
    assert_eq!(latest.iter().filter(|s| **s == "failure").count(), 1);
    let failed = latest.iter().position(|s| *s == "failure").unwrap();
    assert!(world.deployments[failed].sha.starts_with("deadbeef"));
    // Per environment, only the newest success is still active.
    assert_eq!(latest.iter().filter(|s| **s == "success").count(), 2);
    assert!(latest.iter().filter(|s| **s == "inactive").count() >= 15);
}
