//! The world at the sandbox's start: two repositories with a week of CI, the storefront's
//! deployment history (staging one release ahead of production, one failed rollout), and a CI
//! run in each repository that is running now and ends about 40 s after the start.

use super::catalog::{self, JobSpec, Stack, User};
use super::catalog::{ANA, FANG, MARCUS, PRIYA, ZOE};
use super::lifecycle::{self, DeployOrder, NewRun, PICKUP};
use super::model::{Review, Start, World};
use super::repos::{search, storefront};
use chrono::{DateTime, TimeDelta, Utc};

const STOREFRONT: usize = 0;
const SEARCH: usize = 1;
pub const STAGING: usize = 0;
pub const PRODUCTION: usize = 1;
/// The live runs end this long after the start.
const LIVE_ENDS: TimeDelta = TimeDelta::seconds(40);

#[derive(Clone, Copy)]
enum Outcome {
    Success,
    /// This job's work step fails.
    Fails(&'static str),
    /// Cancelled this many seconds after the run started.
    Cancelled(i64),
    Skipped,
    /// Running at the start, ending `LIVE_ENDS` later.
    Live,
}

type PushSpec = (usize, Outcome);
type PullSpec = (f64, &'static str, &'static str, &'static User, Outcome);

const STOREFRONT_PUSHES: [PushSpec; 7] = [
    (5, Outcome::Success),
    (6, Outcome::Success),
    (7, Outcome::Success),
    (8, Outcome::Fails("test (node 20)")),
    (9, Outcome::Success),
    (10, Outcome::Success),
    (11, Outcome::Live),
];

#[rustfmt::skip]
const STOREFRONT_PULLS: [PullSpec; 5] = [
    (26.0, "feat/3ds-modal", "payments: show the 3-D Secure challenge in a modal", &ANA,
        Outcome::Cancelled(40)),
    (25.5, "feat/3ds-modal", "payments: show the 3-D Secure challenge in a modal", &ANA,
        Outcome::Success),
    (18.0, "fix/basket-rounding", "cart: keep basket totals in minor units", &FANG,
        Outcome::Fails("lint")),
    (12.0, "docs/rollback-runbook", "docs: a rollback runbook for the storefront", &MARCUS,
        Outcome::Skipped),
    (8.0, "deps/next-14.2.6", "deps: bump next from 14.2.5 to 14.2.6", &PRIYA, Outcome::Success),
];

const SEARCH_PUSHES: [PushSpec; 8] = [
    (4, Outcome::Success),
    (5, Outcome::Success),
    (6, Outcome::Fails("clippy")),
    (7, Outcome::Success),
    (8, Outcome::Success),
    (9, Outcome::Success),
    (10, Outcome::Success),
    (11, Outcome::Live),
];

#[rustfmt::skip]
const SEARCH_PULLS: [PullSpec; 4] = [
    (60.0, "fix/facet-panic", "query: fix a panic on an empty facet list", &FANG,
        Outcome::Fails("test (ubuntu-latest)")),
    (33.0, "perf/segment-merge", "indexer: merge small segments in the background", &MARCUS,
        Outcome::Cancelled(55)),
    (20.0, "docs/ranking-notes", "docs: how ranking works", &PRIYA, Outcome::Skipped),
    (6.0, "feat/cjk-tokenizer", "query: a CJK tokenizer for product titles", &PRIYA,
        Outcome::Success),
];

/// Storefront deployments: hours ago, environment, commit, who. Production ones waited this
/// many minutes for a reviewer.
#[rustfmt::skip]
const DEPLOYS: [(f64, usize, usize, &User); 19] = [
    (190.0, STAGING, 0, &ANA), (186.0, PRODUCTION, 0, &MARCUS),
    (160.0, STAGING, 1, &ZOE), (150.0, PRODUCTION, 1, &ANA),
    (130.0, STAGING, 2, &FANG), (128.0, STAGING, 3, &PRIYA), (120.0, PRODUCTION, 3, &MARCUS),
    (100.0, STAGING, 4, &ZOE), (96.0, PRODUCTION, 4, &ANA),
    (80.0, STAGING, 5, &PRIYA), (72.0, PRODUCTION, 5, &MARCUS),
    (60.0, STAGING, 6, &FANG), (52.0, PRODUCTION, 6, &ANA),
    (41.0, STAGING, 8, &ZOE), (40.0, STAGING, 7, &ZOE), (30.0, PRODUCTION, 7, &MARCUS),
    (38.0, STAGING, 9, &ANA), (20.0, STAGING, 10, &PRIYA), (4.0, PRODUCTION, 9, &MARCUS),
];
const REVIEW_WAIT: TimeDelta = TimeDelta::minutes(4);

fn ago(now: DateTime<Utc>, hours: f64) -> DateTime<Utc> {
    now - TimeDelta::seconds((hours * 3600.0) as i64)
}

pub fn seed(now: DateTime<Utc>) -> World {
    let mut world = World {
        repos: vec![storefront(now), search(now)],
        runs: Vec::new(),
        jobs: Vec::new(),
        deployments: Vec::new(),
        bad_sha: String::new(),
        next_run_id: 11_840_112_000,
        next_job_id: 32_997_401_000,
        next_deployment_id: 1_874_220_000,
    };
    world.bad_sha = world.repos[STOREFRONT].commits[catalog::BAD_COMMIT]
        .sha
        .clone();
    // Everything is created in time order, so ids grow with time as on GitHub.
    let mut events: Vec<(DateTime<Utc>, Event)> = Vec::new();
    for (repo, pushes, pulls) in [
        (STOREFRONT, &STOREFRONT_PUSHES[..], &STOREFRONT_PULLS[..]),
        (SEARCH, &SEARCH_PUSHES[..], &SEARCH_PULLS[..]),
    ] {
        for &(commit, outcome) in pushes {
            let at = match outcome {
                Outcome::Live => live_start(stack(repo), now),
                _ => world.repos[repo].commits[commit].at + TimeDelta::seconds(20),
            };
            events.push((at, Event::Push(repo, commit, outcome)));
        }
        for &pull in pulls {
            events.push((ago(now, pull.0), Event::Pull(repo, pull)));
        }
    }
    for &(hours, env, commit, by) in &DEPLOYS {
        events.push((ago(now, hours), Event::Deploy(env, commit, by)));
    }
    events.sort_by_key(|(at, _)| *at);
    for (at, event) in events {
        play(&mut world, at, event);
    }
    world
}

enum Event {
    Push(usize, usize, Outcome),
    Pull(usize, PullSpec),
    Deploy(usize, usize, &'static User),
}

fn stack(repo: usize) -> Stack {
    if repo == SEARCH {
        Stack::Rust
    } else {
        Stack::Node
    }
}

/// The runner's delay for the `n`th job of a run.
fn pickup(n: usize) -> TimeDelta {
    PICKUP + TimeDelta::seconds(2 * n as i64)
}

/// When a live run must start to end `LIVE_ENDS` after `now`.
fn live_start(stack: Stack, now: DateTime<Utc>) -> DateTime<Utc> {
    let longest = catalog::ci_jobs(stack)
        .iter()
        .enumerate()
        .map(|(n, (_, steps))| pickup(n) + TimeDelta::seconds(steps.iter().map(|s| s.1).sum()))
        .max()
        .unwrap_or_default();
    now + LIVE_ENDS - longest
}

fn play(world: &mut World, at: DateTime<Utc>, event: Event) {
    match event {
        Event::Push(repo, commit, outcome) => {
            let c = world.repos[repo].commits[commit].clone();
            let title = c.message.lines().next().unwrap_or_default().to_string();
            let new = NewRun {
                repo,
                workflow: 0,
                event: "push",
                branch: "main".into(),
                sha: c.sha,
                title,
                actor: c.author,
                at,
            };
            ci(world, new, outcome);
        }
        Event::Pull(repo, (_, branch, title, actor, outcome)) => {
            let sha = world.repos[repo].resolve(branch, at).unwrap_or_default();
            let new = NewRun {
                repo,
                workflow: 0,
                event: "pull_request",
                branch: branch.into(),
                sha,
                title: title.into(),
                actor,
                at,
            };
            ci(world, new, outcome);
        }
        Event::Deploy(environment, commit, by) => {
            let start = match environment {
                PRODUCTION => Start::At(at + REVIEW_WAIT),
                _ => Start::At(at + PICKUP),
            };
            let sha = world.repos[STOREFRONT].commits[commit].sha.clone();
            let run = lifecycle::deploy(
                world,
                DeployOrder {
                    repo: STOREFRONT,
                    workflow: 1,
                    environment,
                    sha,
                    branch: "main".into(),
                    by,
                    at,
                    start,
                },
            );
            if environment == PRODUCTION {
                approve_in_history(world, run, by);
            }
        }
    }
}

/// Seeded production deployments were approved by the other reviewer.
fn approve_in_history(world: &mut World, run: usize, asked_by: &User) {
    let reviewer = if asked_by.login == MARCUS.login {
        &ANA
    } else {
        &MARCUS
    };
    for &j in &world.runs[run].jobs {
        world.jobs[j].review = Some(Review {
            by: reviewer,
            approved: true,
            comment: "Checked the staging dashboards.".into(),
        });
    }
}

fn ci(world: &mut World, new: NewRun, outcome: Outcome) {
    let (repo, at) = (new.repo, new.at);
    let run = lifecycle::open_run(world, new);
    let specs: &[JobSpec] = catalog::ci_jobs(stack(repo));
    let mut jobs = Vec::new();
    for (n, spec) in specs.iter().enumerate() {
        let start = match outcome {
            Outcome::Skipped => Start::Skipped,
            _ => Start::At(at + pickup(n)),
        };
        let fails = match outcome {
            Outcome::Fails(name) if name == spec.0 => {
                spec.1.iter().map(|s| s.0).find(|k| catalog::is_work(*k))
            }
            _ => None,
        };
        let steps = lifecycle::plan(spec, None, fails);
        jobs.push(lifecycle::add_job(world, run, spec.0, steps, start, None));
    }
    if let Outcome::Cancelled(after) = outcome {
        for j in jobs {
            world.jobs[j].cancelled_at = Some(at + TimeDelta::seconds(after));
        }
    }
}

#[cfg(test)]
mod tests;
