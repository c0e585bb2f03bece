//! The fixed clock and data of the deploy screen tests: three services in dev/staging/prod, a
//! history with changes, and a small board. Text is plain: the provider's mapping sanitises
//! before this point.

use chrono::{DateTime, Duration, TimeZone, Utc};
use shipdeck::domain::deploy::*;
use shipdeck::domain::{Board, BoardKind, Column, Issue, IssueKey, StatusId};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn change(sha: &str, title: &str, keys: &[&str]) -> Change {
    Change {
        sha: sha.into(),
        title: title.into(),
        issue_keys: keys.iter().map(|k| IssueKey(k.to_string())).collect(),
    }
}

/// A deployment of `service` in `env` created `minutes` ago, finished 3m12s later unless
/// it is still moving.
#[allow(clippy::too_many_arguments)]
pub fn dep(
    id: &str,
    service: &str,
    env: &str,
    version: &str,
    rev: &str,
    state: DeployState,
    minutes: i64,
    by: &str,
) -> Deployment {
    let created_at = now() - Duration::minutes(minutes);
    Deployment {
        id: DeploymentId(id.into()),
        service: service.into(),
        environment: env.into(),
        revision: rev.into(),
        version: Some(version.into()),
        kind: DeployKind::Deploy,
        state,
        from_environment: None,
        rollback_of: None,
        created_at,
        finished_at: (!state.is_active()).then(|| created_at + Duration::seconds(192)),
        by: Some(by.into()),
        reason: None,
        run_id: Some(format!("run-{id}")),
        changes: vec![change(rev, &format!("Release {version}"), &[])],
    }
}

fn env(name: &str, current: Deployment) -> Environment {
    Environment {
        name: name.into(),
        protected: name == "prod",
        protection: Vec::new(),
        health: Health::Healthy,
        lock: None,
        current: Some(current),
    }
}

/// payments: staging is behind dev (promotable), prod is locked. ledger: prod is degraded and
/// behind staging. notifications: dev failed, staging moves to 0.8.3, no prod at all.
pub fn services() -> Vec<Service> {
    use DeployState::*;
    let mut payments_prod = env(
        "prod",
        dep(
            "d-31",
            "payments",
            "prod",
            "1.7.2",
            "7a2c9e1f00",
            Succeeded,
            2 * 1440,
            "mei",
        ),
    );
    payments_prod.lock = Some(Lock {
        by: "mei".into(),
        reason: "change freeze for the quarter-end close".into(),
        until: None,
    });
    let mut ledger_prod = env(
        "prod",
        dep(
            "d-22",
            "ledger",
            "prod",
            "2.3.1",
            "23b1aa0c11",
            Succeeded,
            3 * 1440,
            "bo",
        ),
    );
    ledger_prod.health = Health::Degraded;
    vec![
        Service {
            name: "payments".into(),
            repo: Some("acme/payments".into()),
            environments: vec![
                env(
                    "dev",
                    dep(
                        "d-35",
                        "payments",
                        "dev",
                        "1.9.0",
                        "9f0e1d2c33",
                        Succeeded,
                        60,
                        "ana",
                    ),
                ),
                env(
                    "staging",
                    dep(
                        "d-33",
                        "payments",
                        "staging",
                        "1.8.0",
                        "8e1f0a9b22",
                        Succeeded,
                        180,
                        "mei",
                    ),
                ),
                payments_prod,
            ],
        },
        Service {
            name: "ledger".into(),
            repo: Some("acme/ledger".into()),
            environments: vec![
                env(
                    "dev",
                    dep(
                        "d-25",
                        "ledger",
                        "dev",
                        "2.4.0",
                        "24c0ffee00",
                        Succeeded,
                        1440,
                        "bo",
                    ),
                ),
                env(
                    "staging",
                    dep(
                        "d-24",
                        "ledger",
                        "staging",
                        "2.4.0",
                        "24c0ffee00",
                        Succeeded,
                        1200,
                        "bo",
                    ),
                ),
                ledger_prod,
            ],
        },
        Service {
            name: "notifications".into(),
            repo: None,
            environments: vec![
                env(
                    "dev",
                    dep(
                        "d-41",
                        "notifications",
                        "dev",
                        "0.9.0",
                        "09aa11bb22",
                        Failed,
                        20,
                        "bo",
                    ),
                ),
                env(
                    "staging",
                    dep(
                        "d-40",
                        "notifications",
                        "staging",
                        "0.8.2",
                        "08cc22dd33",
                        Succeeded,
                        4 * 1440,
                        "ana",
                    ),
                ),
            ],
        },
    ]
}

/// A board with PLAT-212 in progress, so the history can point at it.
pub fn board() -> Board {
    let column = |name: &str, status: &str| Column {
        name: name.into(),
        statuses: vec![StatusId(status.into())],
        min: None,
        max: None,
    };
    let issue = |key: &str, status: &str, status_name: &str| Issue {
        key: IssueKey(key.into()),
        summary: format!("Work for {key}"),
        status: StatusId(status.into()),
        status_name: status_name.into(),
        assignee: None,
        points: None,
        labels: Vec::new(),
        description: String::new(),
        sprint: None,
        url: String::new(),
        status_since: None,
    };
    Board {
        cut: None,
        id: 3,
        name: "Platform".into(),
        kind: BoardKind::Kanban,
        columns: vec![
            column("To Do", "1"),
            column("In Progress", "2"),
            column("Done", "3"),
        ],
        issues: vec![
            issue("PLAT-212", "2", "In Progress"),
            issue("PLAT-90", "3", "Done"),
        ],
        sprint: None,
    }
}

pub fn with_changes(mut d: Deployment, changes: &[(&str, &str, &[&str])]) -> Deployment {
    d.changes = changes
        .iter()
        .map(|(sha, title, keys)| change(sha, title, keys))
        .collect();
    d
}

/// payments prod's history as the backend returns it, newest first.
pub fn prod_history() -> Vec<Deployment> {
    use DeployState::*;
    let mut current = with_changes(
        dep(
            "d-31",
            "payments",
            "prod",
            "1.7.2",
            "7a2c9e1f00",
            Succeeded,
            2 * 1440,
            "mei",
        ),
        &[
            ("7a2c9e1f00", "Retry webhooks with backoff", &["PLAT-212"]),
            ("1b2c3d4e55", "Bump serde to 1.0.215", &[]),
            (
                "5e6f7a8b66",
                "Fix rounding in partial refunds",
                &["PLAT-90", "PLAT-7"],
            ),
        ],
    );
    current.kind = DeployKind::Promote;
    current.reason = Some("weekly release".into());
    let mut rollback = dep(
        "d-28",
        "payments",
        "prod",
        "1.7.1",
        "71aa00bb11",
        Succeeded,
        5 * 1440,
        "ana",
    );
    rollback.kind = DeployKind::Rollback;
    rollback.reason = Some("1.7.0 broke refunds for EUR accounts".into());
    let broken = dep(
        "d-27",
        "payments",
        "prod",
        "1.7.0",
        "70cc00dd22",
        Failed,
        6 * 1440,
        "bo",
    );
    let mut older = dep(
        "d-20",
        "payments",
        "prod",
        "1.6.4",
        "64ee00ff33",
        Succeeded,
        12 * 1440,
        "mei",
    );
    older.kind = DeployKind::Promote;
    vec![current, rollback, broken, older]
}
