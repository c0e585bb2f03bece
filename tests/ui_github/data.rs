//! GitHub-shaped data for the rendered-frame tests, in domain types as the GitHub providers
//! hand them over: a Projects v2 board with `owner/repo#n` and draft keys, an Actions run,
//! and GitHub deployments with environment protection rules. Fixed clock.

use chrono::{DateTime, Duration, TimeZone, Utc};
use shipdeck::domain::deploy::*;
use shipdeck::domain::pipeline::{Job, Run, RunStatus, Step};
use shipdeck::domain::{Board, BoardKind, Column, Issue, IssueKey, Person, StatusId};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 13, 40, 0).unwrap()
}

fn person(login: &str) -> Person {
    Person {
        id: login.into(),
        display_name: login.into(),
    }
}

fn column(name: &str, option: &str, max: Option<u32>) -> Column {
    Column {
        name: name.into(),
        statuses: vec![StatusId(option.into())],
        min: None,
        max,
    }
}

fn card(key: &str, summary: &str, option: &str, who: Option<&str>, hours: i64) -> Issue {
    let url = match key.split_once('#') {
        Some((repo, n)) => format!("https://github.com/{repo}/issues/{n}"),
        None => "https://github.com/orgs/acme/projects/3".into(),
    };
    Issue {
        key: IssueKey(key.into()),
        summary: summary.into(),
        status: StatusId(option.into()),
        status_name: option.into(),
        assignee: who.map(person),
        points: None,
        labels: vec!["checkout".into()],
        description: String::new(),
        sprint: Some("Iteration 7".into()),
        url,
        status_since: Some(now() - Duration::hours(hours)),
    }
}

/// The acme project's board: Status options as columns, WIP limits from the config.
pub fn board() -> Board {
    let issues = vec![
        card(
            "acme/storefront#12",
            "Cart total ignores the voucher",
            "Todo",
            Some("ana-k"),
            30,
        ),
        card(
            "draft:PVTI_lADOB1x2zs4AbCdEzgKm9Qo",
            "Spike: move the cart to the edge",
            "Todo",
            None,
            4,
        ),
        card(
            "acme/payments#7",
            "Refunds post twice when the webhook retries",
            "In progress",
            Some("marcus-b"),
            50,
        ),
        card(
            "acme/storefront#131",
            "Checkout page shifts when the banner loads",
            "In progress",
            Some("ana-k"),
            8,
        ),
        card(
            "acme/ledger#1044",
            "Nightly export skips the last day of the month",
            "In review",
            Some("mei"),
            20,
        ),
        card(
            "acme/storefront#9",
            "Show delivery dates in the cart",
            "Done",
            Some("bo"),
            70,
        ),
    ];
    Board {
        cut: None,
        id: 3,
        name: "acme project 3".into(),
        kind: BoardKind::Scrum,
        columns: vec![
            column("Todo", "Todo", None),
            column("In progress", "In progress", Some(4)),
            column("In review", "In review", Some(3)),
            column("Done", "Done", None),
        ],
        issues,
        sprint: None,
    }
}

/// A deployment of storefront made `minutes_ago`; GitHub's ids are plain numbers.
pub fn deployment(
    id: &str,
    env: &str,
    (version, sha): (&str, &str),
    state: DeployState,
    minutes_ago: i64,
) -> Deployment {
    Deployment {
        id: DeploymentId(id.into()),
        service: "storefront".into(),
        environment: env.into(),
        revision: sha.into(),
        version: Some(version.into()),
        kind: DeployKind::Deploy,
        state,
        from_environment: None,
        rollback_of: None,
        created_at: now() - Duration::minutes(minutes_ago),
        finished_at: (!state.is_active()).then(|| now() - Duration::minutes(minutes_ago - 2)),
        by: Some("mei".into()),
        reason: None,
        run_id: Some("812".into()),
        changes: vec![Change {
            sha: "9f0e1d2c33aa".into(),
            title: "Cart total honours vouchers".into(),
            issue_keys: vec![IssueKey("acme/storefront#12".into())],
        }],
    }
}

fn env(name: &str, current: Deployment, protection: &[&str]) -> Environment {
    Environment {
        name: name.into(),
        protected: !protection.is_empty(),
        protection: protection.iter().map(|p| p.to_string()).collect(),
        health: Health::Unknown,
        lock: None,
        current: Some(current),
    }
}

/// Version and sha of the release waiting for production.
pub const V190: (&str, &str) = ("1.9.0", "9f0e1d2c33aa");

/// Services of the acme GitHub table: storefront's production waits for two reviewers.
pub fn services() -> Vec<Service> {
    use DeployState::*;
    let storefront = Service {
        name: "storefront".into(),
        repo: Some("acme/storefront".into()),
        environments: vec![
            env(
                "staging",
                deployment("1843276", "staging", V190, Succeeded, 50),
                &[],
            ),
            env(
                "production",
                deployment("1843390", "production", V190, Waiting, 4),
                &[
                    "2 reviewers: ana-k, marcus-b",
                    "wait 5 min",
                    "branches: main",
                ],
            ),
        ],
    };
    let mut payments = storefront.clone();
    payments.name = "payments".into();
    payments.repo = Some("acme/payments".into());
    payments.environments = vec![
        env(
            "staging",
            deployment(
                "1841002",
                "staging",
                ("3.2.1", "77aa01b2c3"),
                Succeeded,
                300,
            ),
            &[],
        ),
        env(
            "production",
            deployment(
                "1839920",
                "production",
                ("3.2.0", "5e6f7a8b9c"),
                Succeeded,
                2000,
            ),
            &[
                "2 reviewers: ana-k, marcus-b",
                "wait 5 min",
                "branches: main",
            ],
        ),
    ];
    for env in &mut payments.environments {
        if let Some(d) = env.current.as_mut() {
            d.service = "payments".into();
        }
    }
    vec![storefront, payments]
}

fn step(name: &str, status: RunStatus, started_ago: i64, took: i64) -> Step {
    let started = now() - Duration::seconds(started_ago);
    Step {
        name: name.into(),
        status,
        started_at: (status != RunStatus::Queued).then_some(started),
        finished_at: (!status.is_active()).then(|| started + Duration::seconds(took)),
    }
}

fn job(id: &str, name: &str, status: RunStatus, steps: Vec<Step>) -> Job {
    Job {
        id: id.into(),
        name: name.into(),
        status,
        steps,
    }
}

/// The Actions run "CI" on main: the build passed, the tests failed, deploy was skipped.
pub fn failed_run() -> Run {
    use RunStatus::*;
    Run {
        id: "812".into(),
        service: Some("storefront".into()),
        name: "CI".into(),
        branch: Some("main".into()),
        revision: Some("9f0e1d2c33aa".into()),
        status: Failed,
        created_at: Some(now() - Duration::minutes(12)),
        finished_at: Some(now() - Duration::minutes(6)),
        url: Some("https://github.com/acme/storefront/actions/runs/812".into()),
        jobs: vec![
            job(
                "4410",
                "build (ubuntu-latest)",
                Succeeded,
                vec![
                    step("Set up job", Succeeded, 700, 2),
                    step("Run actions/checkout@v4", Succeeded, 698, 3),
                    step("Run cargo build --locked", Succeeded, 695, 140),
                    step("Post Run actions/checkout@v4", Succeeded, 555, 1),
                    step("Complete job", Succeeded, 554, 1),
                ],
            ),
            job(
                "4411",
                "test (ubuntu-latest)",
                Failed,
                vec![
                    step("Set up job", Succeeded, 550, 2),
                    step("Run actions/checkout@v4", Succeeded, 548, 3),
                    step("Run cargo test --workspace", Failed, 545, 180),
                    step("Complete job", Succeeded, 365, 1),
                ],
            ),
            job("4412", "deploy", Skipped, Vec::new()),
        ],
    }
}

/// Run 813 on main, started 3 minutes ago, its test job still running: GitHub has no log
/// for it yet. Its build ran inside those 3 minutes.
pub fn running_run() -> Run {
    use RunStatus::*;
    let mut run = failed_run();
    run.id = "813".into();
    run.status = Running;
    run.created_at = Some(now() - Duration::minutes(3));
    run.finished_at = None;
    run.url = Some("https://github.com/acme/storefront/actions/runs/813".into());
    run.jobs[0] = job(
        "4420",
        "build (ubuntu-latest)",
        Succeeded,
        vec![
            step("Set up job", Succeeded, 178, 2),
            step("Run actions/checkout@v4", Succeeded, 176, 3),
            step("Run cargo build --locked", Succeeded, 173, 45),
            step("Post Run actions/checkout@v4", Succeeded, 128, 1),
            step("Complete job", Succeeded, 127, 1),
        ],
    );
    run.jobs[1] = job(
        "4421",
        "test (ubuntu-latest)",
        Running,
        vec![
            step("Set up job", Succeeded, 120, 2),
            step("Run actions/checkout@v4", Succeeded, 118, 3),
            step("Run cargo test --workspace", Running, 115, 0),
            step("Complete job", Queued, 0, 0),
        ],
    );
    run.jobs[2] = job("4422", "deploy", Queued, Vec::new());
    run
}
