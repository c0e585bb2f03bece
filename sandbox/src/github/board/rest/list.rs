//! `GET /repos/{owner}/{repo}/issues` and its twin `/repositories/{id}/issues`, where
//! GitHub's `Link: rel="next"` points. Pull requests are listed too, as on GitHub.

use super::json;
use crate::github::board::Shared;
use crate::github::board::model::{Board, Issue, State as IssueState};
use crate::github::error::{GhError, Reply};
use crate::github::http::Origin;
use crate::github::page::{Listing, page_of};
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};

const DOCS: &str = "https://docs.github.com/rest/issues/issues#list-repository-issues";

pub async fn by_name(
    State(state): State<Shared>,
    Path((owner, repo)): Path<(String, String)>,
    origin: Origin,
    listing: Listing,
) -> Reply {
    let board = state.board();
    let repo = board
        .repo_by_name(&owner, &repo)
        .ok_or_else(|| GhError::not_found().documented_at(DOCS))?;
    respond(&board, repo, &origin, listing)
}

pub async fn by_id(
    State(state): State<Shared>,
    Path(id): Path<String>,
    origin: Origin,
    listing: Listing,
) -> Reply {
    let board = state.board();
    let repo = board
        .repos
        .iter()
        .position(|r| r.id.to_string() == id)
        .ok_or_else(|| GhError::not_found().documented_at(DOCS))?;
    respond(&board, repo, &origin, listing)
}

fn respond(board: &Board, repo: usize, origin: &Origin, listing: Listing) -> Reply {
    let filter = Filter::parse(&listing)?;
    let mut found: Vec<&Issue> = board
        .issues
        .iter()
        .filter(|i| i.repo == repo && filter.keeps(board, i))
        .collect();
    filter.order(&mut found);
    let repo_id = board.repos.get(repo).map_or(0, |r| r.id);
    let listing = listing.links_at(format!("/api/v3/repositories/{repo_id}/issues"));
    let api = origin.api();
    Ok(page_of(&listing, found)
        .map(|issue| json::issue(&api, board, issue))
        .array())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Open,
    Closed,
    All,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Created,
    Updated,
    Comments,
}

struct Filter<'a> {
    state: Wanted,
    labels: Vec<&'a str>,
    assignee: Option<&'a str>,
    creator: Option<&'a str>,
    since: Option<DateTime<Utc>>,
    sort: Sort,
    ascending: bool,
}

impl<'a> Filter<'a> {
    fn parse(listing: &'a Listing) -> Result<Self, GhError> {
        let invalid =
            |field: &str| GhError::invalid_field("Issue", field, "invalid").documented_at(DOCS);
        let state = match listing.param("state").unwrap_or("open") {
            "open" => Wanted::Open,
            "closed" => Wanted::Closed,
            "all" => Wanted::All,
            _ => return Err(invalid("state")),
        };
        let sort = match listing.param("sort").unwrap_or("created") {
            "created" => Sort::Created,
            "updated" => Sort::Updated,
            "comments" => Sort::Comments,
            _ => return Err(invalid("sort")),
        };
        let ascending = match listing.param("direction").unwrap_or("desc") {
            "asc" => true,
            "desc" => false,
            _ => return Err(invalid("direction")),
        };
        let since = match listing.param("since") {
            None => None,
            Some(text) => Some(
                DateTime::parse_from_rfc3339(text)
                    .map_err(|_| invalid("since"))?
                    .to_utc(),
            ),
        };
        Ok(Filter {
            state,
            labels: listing
                .param("labels")
                .map(|l| {
                    l.split(',')
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            assignee: listing.param("assignee"),
            creator: listing.param("creator"),
            since,
            sort,
            ascending,
        })
    }

    fn keeps(&self, board: &Board, issue: &Issue) -> bool {
        let state = match self.state {
            Wanted::Open => issue.state == IssueState::Open,
            Wanted::Closed => issue.state == IssueState::Closed,
            Wanted::All => true,
        };
        let labels = self.labels.iter().all(|want| {
            board
                .labels_of(issue)
                .any(|l| l.name.eq_ignore_ascii_case(want))
        });
        let assignee = match self.assignee {
            None => true,
            Some("none") => issue.assignees.is_empty(),
            Some("*") => !issue.assignees.is_empty(),
            Some(login) => issue
                .assignees
                .iter()
                .any(|a| a.login.eq_ignore_ascii_case(login)),
        };
        let creator = self
            .creator
            .is_none_or(|login| issue.author.login.eq_ignore_ascii_case(login));
        let since = self.since.is_none_or(|since| issue.updated_at >= since);
        state && labels && assignee && creator && since
    }

    fn order(&self, issues: &mut [&Issue]) {
        match self.sort {
            Sort::Created => issues.sort_by_key(|i| (i.created_at, i.number)),
            Sort::Updated => issues.sort_by_key(|i| (i.updated_at, i.number)),
            Sort::Comments => issues.sort_by_key(|i| (i.comments, i.number)),
        }
        if !self.ascending {
            issues.reverse();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_unless_asked() {
        let listing = |q: &str| {
            let origin = Origin("http://127.0.0.1:9".into());
            Listing::new(&origin, &format!("/x?{q}").parse().unwrap())
        };
        let l = listing("sort=comments&direction=asc");
        let f = Filter::parse(&l).unwrap();
        assert!(f.ascending && f.sort == Sort::Comments);
        let l = listing("state=bogus");
        assert_eq!(
            Filter::parse(&l).err().map(|e| e.status().as_u16()),
            Some(422)
        );
        let l = listing("since=yesterday");
        assert!(Filter::parse(&l).is_err());
    }
}
