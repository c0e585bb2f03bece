//! Builds the board side's world from `seed/issues.toml` and the current time, so every
//! "how long ago" is plausible whenever the sandbox runs.

mod project;

use super::ids;
use super::model::{Board, Budget, Issue, Label, Org, Pull, Repo, State, StateReason};
use super::people::{self, Account};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;

const TABLE: &str = include_str!("seed/issues.toml");

#[derive(Debug, thiserror::Error)]
#[error("GitHub sandbox seed (seed/issues.toml): {0}")]
pub struct SeedError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    issue: Vec<Row>,
    draft: Vec<DraftRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    repo: String,
    number: u64,
    pr: Option<PullRow>,
    title: String,
    author: String,
    assignees: Vec<String>,
    labels: Vec<String>,
    created_days: f64,
    closed_days: Option<f64>,
    reason: Option<String>,
    comments: u32,
    body: String,
    #[serde(flatten)]
    place: Placement,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PullRow {
    head: String,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    merged: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftRow {
    title: String,
    creator: String,
    assignees: Vec<String>,
    created_days: f64,
    body: String,
    #[serde(flatten)]
    place: Placement,
}

/// Where a row sits on the project.
#[derive(Deserialize)]
struct Placement {
    status: Option<String>,
    iteration: Option<i64>,
    estimate: Option<f64>,
    /// "Target date", in days from now.
    target_days: Option<i64>,
    /// "Notes".
    note: Option<String>,
}

/// Labels every repository has: GitHub's defaults plus the team's own.
const LABELS: [(&str, &str, &str, bool); 10] = [
    ("bug", "d73a4a", "Something isn't working", true),
    (
        "documentation",
        "0075ca",
        "Improvements or additions to documentation",
        true,
    ),
    ("enhancement", "a2eeef", "New feature or request", true),
    (
        "dependencies",
        "0366d6",
        "Pull requests that update a dependency file",
        false,
    ),
    (
        "ops",
        "0e8a16",
        "Deploys, infrastructure and on-call",
        false,
    ),
    (
        "blocked",
        "b60205",
        "Waiting on someone outside the team",
        false,
    ),
    ("security", "ee0701", "Security fixes and hardening", false),
    (
        "performance",
        "fbca04",
        "Latency, throughput or cost",
        false,
    ),
    ("tech-debt", "c5def5", "Cleanup that pays back later", false),
    ("i18n", "5319e7", "Languages, scripts and locales", false),
];

const REPOS: [(u64, &str, &str); 2] = [
    (
        7001,
        "storefront",
        "The shop's web front end and storefront-api",
    ),
    (
        7002,
        "search",
        "Product search: indexing, query service and autocomplete",
    ),
];

pub fn seed(now: DateTime<Utc>) -> Result<Board, SeedError> {
    let table: Table = toml::from_str(TABLE).map_err(|e| SeedError(e.to_string()))?;
    let org = Org {
        login: "acme",
        id: 9_310_001,
        node_id: "O_kgDOABaVrQ",
        name: "Acme Commerce",
        description: "Storefront, search and the platform under them",
        created_at: days_ago(now, 1900.0),
    };
    let mut label_id = 6_102_334_000;
    let repos = REPOS
        .iter()
        .map(|(id, name, description)| Repo {
            id: *id,
            node_id: ids::node_id("R", "kgDO", *id),
            name,
            full_name: format!("{}/{name}", org.login),
            description,
            created_at: days_ago(now, 1400.0 - *id as f64 / 10.0),
            labels: LABELS
                .iter()
                .map(|(label, color, description, default)| {
                    label_id += 1;
                    Label {
                        id: label_id,
                        node_id: ids::node_id("LA", "kwDOABaVrc8AAAAB", label_id),
                        name: (*label).into(),
                        color: (*color).into(),
                        description: Some((*description).into()),
                        default: *default,
                    }
                })
                .collect(),
        })
        .collect();
    let mut board = Board {
        org,
        repos,
        issues: Vec::new(),
        projects: Vec::new(),
        budget: Budget {
            limit: 5000,
            used: 0,
            reset_at: now + TimeDelta::hours(1),
        },
        next_label_id: label_id + 1,
    };
    for row in &table.issue {
        let issue = issue(&board, row, now)?;
        board.issues.push(issue);
    }
    let project = project::build(&board, &table, now)?;
    board.projects.push(project);
    Ok(board)
}

fn issue(board: &Board, row: &Row, now: DateTime<Utc>) -> Result<Issue, SeedError> {
    let at = |what: String| SeedError(format!("{}#{}: {what}", row.repo, row.number));
    let repo = board
        .repo_by_name(board.org.login, &row.repo)
        .ok_or_else(|| at(format!("no repository {:?}", row.repo)))?;
    if board.issue_index(repo, row.number).is_some() {
        return Err(at("number used twice".into()));
    }
    let labels = &board.repos[repo].labels;
    if let Some(unknown) = row
        .labels
        .iter()
        .find(|name| !labels.iter().any(|l| &l.name == *name))
    {
        return Err(at(format!("no label {unknown:?}")));
    }
    let created_at = days_ago(now, row.created_days);
    let closed_at = row.closed_days.map(|days| days_ago(now, days));
    let reason = match (&row.reason, closed_at) {
        (Some(text), _) => {
            Some(StateReason::parse_rest(text).ok_or_else(|| at(format!("no reason {text:?}")))?)
        }
        (None, Some(_)) => Some(StateReason::Completed),
        (None, None) => None,
    };
    let author = login(&row.author).map_err(at)?;
    let id = 2_411_000_000 + repo as u64 * 100_000 + row.number;
    let pull = row.pr.as_ref().map(|pr| Pull {
        draft: pr.draft,
        merged_at: closed_at.filter(|_| pr.merged),
        head: pr.head.clone(),
        base: "main".into(),
    });
    let prefix = if pull.is_some() { "PR" } else { "I" };
    Ok(Issue {
        id,
        node_id: ids::node_id(prefix, "kwDOABaVrc6", id),
        repo,
        number: row.number,
        title: row.title.clone(),
        body: row.body.clone(),
        author,
        assignees: logins(&row.assignees).map_err(at)?,
        labels: row.labels.clone(),
        state: if closed_at.is_some() {
            State::Closed
        } else {
            State::Open
        },
        state_reason: reason,
        created_at,
        // Open work was last touched about a third of its age ago.
        updated_at: closed_at.unwrap_or_else(|| days_ago(now, row.created_days / 3.0)),
        closed_at,
        closed_by: closed_at.map(|_| author),
        comments: row.comments,
        pull,
    })
}

fn login(login: &str) -> Result<&'static Account, String> {
    people::by_login(login).ok_or_else(|| format!("no account {login:?}"))
}

fn logins(list: &[String]) -> Result<Vec<&'static Account>, String> {
    list.iter().map(|l| login(l)).collect()
}

/// `now` minus a fractional number of days, to the second as GitHub reports times.
fn days_ago(now: DateTime<Utc>, days: f64) -> DateTime<Utc> {
    let seconds = (days * 86_400.0).round() as i64;
    let at = now - TimeDelta::seconds(seconds);
    at - TimeDelta::nanoseconds(i64::from(at.timestamp_subsec_nanos()))
}

#[cfg(test)]
mod tests;
