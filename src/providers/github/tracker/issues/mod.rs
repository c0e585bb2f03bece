//! A board of plain issues (no project): the open issues of `repos` and those closed in the
//! last 14 days, sorted into columns by label or by assignment. Moves are label, assignee
//! and state changes over REST.

mod dto;
#[cfg(test)]
mod fuzz_tests;
pub mod lanes;

use super::project::{line, time};
use crate::config::LabelColumn;
use crate::domain::text::sanitize;
use crate::domain::{Board, BoardKind, Column, Issue, IssueKey, Person, StatusId};
use crate::providers::ProviderError;
use crate::providers::github::GithubClient;
use crate::providers::http::path_segment;
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use dto::IssueDto;
use lanes::{Card, Lanes, Write};
use reqwest::Method;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

/// How long a closed issue stays on the board.
const RECENT_DAYS: i64 = 14;
/// Issues read per repository and state; GitHub pages hold 100.
const LIMIT: usize = 500;

pub struct IssuesBoard {
    repos: Vec<String>,
    lanes: Lanes,
    wip: BTreeMap<String, u32>,
}

/// A loaded board with what its moves need to know of each card.
pub struct Loaded {
    pub board: Board,
    pub cards: HashMap<String, Card>,
}

impl IssuesBoard {
    pub fn new(repos: Vec<String>, columns: &[LabelColumn], wip: BTreeMap<String, u32>) -> Self {
        Self {
            repos,
            lanes: Lanes::new(columns),
            wip,
        }
    }

    pub async fn load(
        &self,
        client: &GithubClient,
        now: DateTime<Utc>,
    ) -> Result<Loaded, ProviderError> {
        let columns = self.lanes.columns(&self.wip);
        let mut issues = Vec::new();
        let mut cards = HashMap::new();
        for repo in &self.repos {
            let mut found = self.read(client, repo, "open", None).await?;
            if self.lanes.shows_closed() {
                let recent = now - TimeDelta::days(RECENT_DAYS);
                // `since` on a day boundary keeps the URL, and so the ETag, for a whole day.
                let day = recent.date_naive().and_time(NaiveTime::MIN).and_utc();
                let closed = self.read(client, repo, "closed", Some(day)).await?;
                found.extend(closed.into_iter().filter(|d| {
                    d.closed_at
                        .as_deref()
                        .and_then(time)
                        .is_some_and(|at| at >= recent)
                }));
            }
            for dto in found {
                let (card, issue) = card(repo, dto);
                let Some(column) = self.lanes.place(&card).and_then(|at| columns.get(at)) else {
                    continue;
                };
                let issue = Issue {
                    status: StatusId(column.name.clone()),
                    status_name: column.name.clone(),
                    ..issue
                };
                cards.insert(issue.key.0.clone(), card);
                issues.push(issue);
            }
        }
        Ok(Loaded {
            board: Board {
                cut: None,
                id: 0,
                name: line(&self.repos.join(", ")),
                kind: BoardKind::Kanban,
                columns,
                issues,
                sprint: None,
            },
            cards,
        })
    }

    async fn read(
        &self,
        client: &GithubClient,
        repo: &str,
        state: &str,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<IssueDto>, ProviderError> {
        let since = since.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        let mut query = vec![("state", state), ("per_page", "100")];
        if let Some(since) = &since {
            query.push(("since", since));
        }
        let path = format!("{}/issues", repo_path(client, repo)?);
        let all: Vec<IssueDto> = client.get_list(&path, &query, LIMIT).await?;
        if all.len() == LIMIT {
            tracing::warn!(
                "{}: {repo} has more than {LIMIT} {state} issues; the board shows the first ones",
                client.service()
            );
        }
        Ok(all.into_iter().filter(|d| !d.is_pull_request()).collect())
    }

    /// Moves `card` into the column named like `to`.
    pub async fn move_card(
        &self,
        client: &GithubClient,
        card: &Card,
        to: &Column,
    ) -> Result<(), ProviderError> {
        let names = self.lanes.names();
        let target = to
            .statuses
            .iter()
            .find_map(|s| names.iter().position(|n| *n == s.0))
            .ok_or_else(|| {
                ProviderError::Rejected(format!(
                    "{}: the board has no column {:?}",
                    client.service(),
                    to.name
                ))
            })?;
        let issue = format!("{}/issues/{}", repo_path(client, &card.repo)?, card.number);
        for write in self.lanes.plan(card, target) {
            match write {
                Write::RemoveLabel(label) => {
                    let name = segment(client, &label)?;
                    let path = format!("{issue}/labels/{name}");
                    client.send(Method::DELETE, &path, None::<&()>).await?;
                }
                Write::AddLabel(label) => {
                    let body = json!({ "labels": [label] });
                    let path = format!("{issue}/labels");
                    client.send(Method::POST, &path, Some(&body)).await?;
                }
                Write::AssignMe => {
                    let me = myself(client).await?;
                    let body = json!({ "assignees": [me.id] });
                    let path = format!("{issue}/assignees");
                    client.send(Method::POST, &path, Some(&body)).await?;
                }
                Write::Patch { close, unassign } => {
                    let mut body = if close {
                        json!({ "state": "closed", "state_reason": "completed" })
                    } else {
                        json!({ "state": "open" })
                    };
                    if unassign {
                        body["assignees"] = json!([]);
                    }
                    client.send(Method::PATCH, &issue, Some(&body)).await?;
                }
            }
        }
        Ok(())
    }
}

/// The user the token belongs to.
pub async fn myself(client: &GithubClient) -> Result<Person, ProviderError> {
    let me: super::dto::UserDto = client.get("/user", &[]).await?;
    if me.login.trim().is_empty() {
        return Err(client.decode_error("/user", "the user has no login"));
    }
    Ok(super::project::person(me))
}

fn card(repo: &str, dto: IssueDto) -> (Card, Issue) {
    let labels: Vec<String> = dto
        .labels
        .iter()
        .filter_map(|l| l.name())
        .map(String::from)
        .collect();
    let assignees = dto.assignees.unwrap_or_default();
    let closed = dto.state.eq_ignore_ascii_case("closed");
    let issue = Issue {
        key: IssueKey(format!("{}#{}", line(repo), dto.number)),
        summary: line(&dto.title),
        status: StatusId(String::new()),
        status_name: String::new(),
        assignee: assignees.into_iter().next().map(super::project::person),
        points: None,
        labels: labels.iter().map(|l| line(l)).collect(),
        description: sanitize(dto.body.as_deref().unwrap_or(""), true),
        sprint: None,
        url: line(&dto.html_url),
        status_since: closed
            .then(|| dto.closed_at.as_deref().and_then(time))
            .flatten()
            .map(|t| t.with_timezone(&Utc)),
    };
    let card = Card {
        repo: repo.to_string(),
        number: dto.number,
        labels,
        assigned: issue.assignee.is_some(),
        closed,
    };
    (card, issue)
}

/// `/repos/{owner}/{name}` with both parts encoded.
fn repo_path(client: &GithubClient, repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = repo.split_once('/').unwrap_or((repo, ""));
    Ok(format!(
        "/repos/{}/{}",
        segment(client, owner)?,
        segment(client, name)?
    ))
}

fn segment(client: &GithubClient, part: &str) -> Result<String, ProviderError> {
    path_segment(part).ok_or_else(|| {
        ProviderError::Rejected(format!(
            "{}: {:?} cannot be part of a request path",
            client.service(),
            line(part)
        ))
    })
}
