//! The demo team's three services: their commits, grouped into releases by version (each with
//! the Jira issues it closes), and what happened to each environment over the last two months.

use super::model::{Health, Kind};

pub struct ServiceSpec {
    pub name: &'static str,
    pub repo: &'static str,
    /// dev, staging, prod.
    pub health: [Health; 3],
    /// Oldest first; consecutive commits with one version make one release.
    pub commits: &'static [Commit],
    /// Oldest first.
    pub history: &'static [Event],
}

pub struct Commit {
    pub version: &'static str,
    pub title: &'static str,
    pub issue_keys: &'static [&'static str],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Succeeded,
    Failed,
    Cancelled,
}

pub struct Event {
    pub hours_ago: i64,
    pub env: &'static str,
    pub kind: Kind,
    pub version: &'static str,
    pub outcome: Outcome,
    pub by: &'static str,
    pub reason: &'static str,
}

pub const ENVIRONMENTS: [&str; 3] = ["dev", "staging", "prod"];

/// gateway 3.6.0 is the bad revision: it leaks upstream connections under load. Quiet dev only
/// shows it as `degraded`, so it deployed there, but any rollout of it to staging or prod fails
/// its checks (promote gateway dev -> staging to watch a deployment fail).
pub const BAD_RELEASE: (&str, &str) = ("gateway", "3.6.0");

/// ledger's prod is frozen: (service, environment, by, reason, days until it thaws).
pub const FREEZE: (&str, &str, &str, &str, i64) = (
    "ledger",
    "prod",
    "zoe",
    "change freeze until the quarter closes",
    9,
);

const fn c(version: &'static str, title: &'static str, keys: &'static [&'static str]) -> Commit {
    Commit {
        version,
        title,
        issue_keys: keys,
    }
}

type Row = (
    i64,
    &'static str,
    Kind,
    &'static str,
    &'static str,
    &'static str,
);

const fn with(outcome: Outcome, row: Row) -> Event {
    let (hours_ago, env, kind, version, by, reason) = row;
    Event {
        hours_ago,
        env,
        kind,
        version,
        outcome,
        by,
        reason,
    }
}

const fn ok(row: Row) -> Event {
    with(Outcome::Succeeded, row)
}

const fn failed(row: Row) -> Event {
    with(Outcome::Failed, row)
}

const fn cancelled(row: Row) -> Event {
    with(Outcome::Cancelled, row)
}

use Kind::{Deploy as D, Promote as P, Rollback as R};

pub const SERVICES: [ServiceSpec; 3] = [
    ServiceSpec {
        name: "payments",
        repo: "acme/payments",
        // Dev has no health checks wired up.
        health: [Health::Unknown, Health::Healthy, Health::Healthy],
        commits: PAYMENTS_COMMITS,
        history: PAYMENTS_HISTORY,
    },
    ServiceSpec {
        name: "ledger",
        repo: "acme/ledger",
        health: [Health::Healthy, Health::Healthy, Health::Healthy],
        commits: LEDGER_COMMITS,
        history: LEDGER_HISTORY,
    },
    ServiceSpec {
        name: "gateway",
        repo: "acme/gateway",
        health: [Health::Degraded, Health::Healthy, Health::Healthy],
        commits: GATEWAY_COMMITS,
        history: GATEWAY_HISTORY,
    },
];

#[rustfmt::skip]
const PAYMENTS_COMMITS: &[Commit] = &[
    c("1.5.0", "Idempotency keys on the charge endpoint", &[]),
    c("1.5.0", "Pin GitHub Actions to commit SHAs", &["PLAT-230"]),
    c("1.5.1", "Fix rounding of JPY amounts in refunds", &[]),
    c("1.6.0", "Cache cargo dependencies in the build", &["PLAT-214"]),
    c("1.6.0", "Export p99 latency for the API SLO", &["PLAT-260"]),
    c("1.6.1", "Retry ledger writes on serialization failures", &[]),
    c("1.7.0", "Read database credentials from Vault dynamic secrets", &["PLAT-262"]),
    c("1.7.0", "Add a PodDisruptionBudget to the chart", &["PLAT-245"]),
    c("1.8.0", "Batch settlement exports by merchant", &[]),
    c("1.8.0", "Move to the shared Helm chart library", &["PLAT-251"]),
    c("1.8.1", "Restore the connection pool size lost in the chart move", &["PLAT-251"]),
    c("1.9.0", "Scan release images with Trivy", &["PLAT-242"]),
    c("1.9.0", "Settle refunds in the merchant's currency", &[]),
    c("1.9.0", "Serve metrics over mTLS", &["PLAT-256"]),
];

#[rustfmt::skip]
const PAYMENTS_HISTORY: &[Event] = &[
    ok((1250, "dev", D, "1.5.0", "ana", "merge of #412")),
    ok((1231, "staging", P, "1.5.0", "ana", "release 1.5.0 candidate")),
    ok((1204, "prod", P, "1.5.0", "marcus", "release 1.5.0")),
    ok((1101, "dev", D, "1.5.1", "priya", "merge of #418")),
    ok((1097, "staging", P, "1.5.1", "priya", "hotfix 1.5.1")),
    ok((1093, "prod", P, "1.5.1", "priya", "hotfix 1.5.1: JPY refunds off by 100x")),
    ok((962, "dev", D, "1.6.0", "ana", "merge of #431")),
    ok((933, "staging", P, "1.6.0", "ana", "release 1.6.0 candidate")),
    ok((861, "prod", P, "1.6.0", "marcus", "release 1.6.0")),
    ok((791, "dev", D, "1.6.1", "diego", "merge of #440")),
    failed((772, "staging", P, "1.6.1", "diego", "release 1.6.1 candidate")),
    ok((766, "staging", P, "1.6.1", "diego", "retry: the rollout timed out on a cold node")),
    ok((741, "prod", P, "1.6.1", "diego", "release 1.6.1")),
    ok((603, "dev", D, "1.7.0", "fang", "merge of #452")),
    ok((581, "staging", P, "1.7.0", "fang", "release 1.7.0 candidate")),
    ok((529, "prod", P, "1.7.0", "marcus", "release 1.7.0")),
    ok((402, "dev", D, "1.8.0", "ana", "merge of #467")),
    ok((379, "staging", P, "1.8.0", "ana", "release 1.8.0 candidate")),
    ok((331, "prod", P, "1.8.0", "zoe", "release 1.8.0")),
    ok((327, "prod", R, "1.7.0", "zoe", "5xx spike on settlement exports after 1.8.0")),
    ok((301, "dev", D, "1.8.1", "ana", "merge of #471")),
    ok((292, "staging", P, "1.8.1", "ana", "release 1.8.1 candidate")),
    ok((259, "prod", P, "1.8.1", "marcus", "release 1.8.1")),
    ok((61, "dev", D, "1.9.0", "priya", "merge of #488")),
    ok((39, "staging", P, "1.9.0", "priya", "release 1.9.0 candidate")),
];

#[rustfmt::skip]
const LEDGER_COMMITS: &[Commit] = &[
    c("2.1.0", "Double-entry check on every journal write", &[]),
    c("2.1.0", "Log queries slower than 500 ms", &["PLAT-206"]),
    c("2.2.0", "Partition the journal table by month", &[]),
    c("2.2.0", "Include the analytics schema in nightly backups", &["PLAT-224"]),
    c("2.2.1", "Fix partition pruning at month boundaries", &[]),
    c("2.3.0", "Support Postgres 16", &["PLAT-231"]),
    c("2.3.0", "Export pg_stat_statements to Grafana", &["PLAT-257"]),
    c("2.3.1", "Retry transient connection resets from the proxy", &[]),
    c("2.4.0", "Quarter-close report endpoint", &[]),
    c("2.4.0", "Read database credentials from Vault dynamic secrets", &["PLAT-262"]),
];

#[rustfmt::skip]
const LEDGER_HISTORY: &[Event] = &[
    ok((1182, "dev", D, "2.1.0", "priya", "merge of #207")),
    ok((1151, "staging", P, "2.1.0", "priya", "release 2.1.0 candidate")),
    ok((1123, "prod", P, "2.1.0", "marcus", "release 2.1.0")),
    ok((901, "dev", D, "2.2.0", "priya", "merge of #219")),
    ok((879, "staging", P, "2.2.0", "priya", "release 2.2.0 candidate")),
    failed((852, "prod", P, "2.2.0", "marcus", "release 2.2.0")),
    ok((846, "prod", P, "2.2.0", "marcus", "retry 2.2.0 with a longer migration lock timeout")),
    ok((701, "dev", D, "2.2.1", "fang", "merge of #226")),
    ok((689, "staging", P, "2.2.1", "fang", "release 2.2.1 candidate")),
    ok((668, "prod", P, "2.2.1", "fang", "fix partition pruning at month boundaries")),
    ok((502, "dev", D, "2.3.0", "priya", "merge of #233")),
    ok((471, "staging", P, "2.3.0", "priya", "release 2.3.0 candidate")),
    ok((421, "prod", P, "2.3.0", "marcus", "release 2.3.0")),
    ok((409, "prod", R, "2.2.1", "priya", "replication lag alarms after 2.3.0")),
    ok((381, "prod", P, "2.3.0", "priya", "2.3.0 again: the lag was a replica's disk")),
    ok((203, "dev", D, "2.3.1", "diego", "merge of #241")),
    ok((188, "staging", P, "2.3.1", "diego", "release 2.3.1 candidate")),
    ok((171, "prod", P, "2.3.1", "marcus", "release 2.3.1")),
    ok((82, "dev", D, "2.4.0", "priya", "merge of #250")),
    ok((51, "staging", P, "2.4.0", "priya", "release 2.4.0 candidate")),
];

#[rustfmt::skip]
const GATEWAY_COMMITS: &[Commit] = &[
    c("3.2.0", "Rate limit by API key instead of client IP", &[]),
    c("3.3.0", "Upgrade ingress-nginx for the admission-webhook advisory", &["PLAT-198"]),
    c("3.3.0", "Raise conntrack limits on the ingress nodes", &["PLAT-239"]),
    c("3.3.1", "Serve the renewed wildcard certificate", &["PLAT-240"]),
    c("3.4.0", "HTTP/2 to upstream services", &[]),
    c("3.4.0", "Add a PodDisruptionBudget to the chart", &["PLAT-245"]),
    c("3.5.0", "mTLS to upstreams with Linkerd identities", &["PLAT-256"]),
    c("3.5.0", "Load-test profile at 3x peak traffic", &["PLAT-253"]),
    c("3.5.1", "Allow 16 KiB headers for large JWTs", &[]),
    c("3.6.0", "New connection pool for upstream keep-alives", &[]),
    c("3.6.0", "Export the availability SLI", &["PLAT-260"]),
];

#[rustfmt::skip]
const GATEWAY_HISTORY: &[Event] = &[
    ok((1302, "dev", D, "3.2.0", "zoe", "merge of #530")),
    ok((1279, "staging", P, "3.2.0", "zoe", "release 3.2.0 candidate")),
    ok((1251, "prod", P, "3.2.0", "zoe", "release 3.2.0")),
    ok((1003, "dev", D, "3.3.0", "zoe", "merge of #544")),
    ok((991, "staging", P, "3.3.0", "zoe", "release 3.3.0 candidate")),
    ok((969, "prod", P, "3.3.0", "marcus", "security advisory for ingress-nginx")),
    ok((821, "dev", D, "3.3.1", "diego", "merge of #551")),
    ok((816, "staging", P, "3.3.1", "diego", "certificate renewal")),
    ok((811, "prod", P, "3.3.1", "diego", "certificate renewal")),
    ok((642, "dev", D, "3.4.0", "zoe", "merge of #563")),
    ok((619, "staging", P, "3.4.0", "zoe", "release 3.4.0 candidate")),
    ok((561, "prod", P, "3.4.0", "zoe", "release 3.4.0")),
    ok((352, "dev", D, "3.5.0", "zoe", "merge of #577")),
    ok((331, "staging", P, "3.5.0", "zoe", "release 3.5.0 candidate")),
    ok((299, "prod", P, "3.5.0", "marcus", "release 3.5.0")),
    ok((121, "dev", D, "3.5.1", "fang", "merge of #590")),
    cancelled((113, "staging", P, "3.5.1", "fang", "release 3.5.1 candidate")),
    ok((101, "staging", P, "3.5.1", "fang", "3.5.1 with the header limit in the config map")),
    ok((29, "dev", D, "3.6.0", "zoe", "merge of #602")),
];
