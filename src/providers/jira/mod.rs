//! Jira Cloud (REST v3, Basic email:token) and Data Center (REST v2, Bearer PAT), with the
//! Agile 1.0 API for boards and sprints.

mod adf;
mod auth;
pub mod boards;
mod changelog;
mod client;
mod dto;
#[cfg(test)]
mod fuzz_tests;
mod map;
mod search;
mod sprint_data;
mod sprints;
mod values;
mod wiki;

use super::http::{HttpClient, Network};
use super::{IssueTracker, ProviderError};
use crate::config::{JiraAuth, JiraScope, Secret, TokenSource};
use crate::domain::sprint::SprintData;
use crate::domain::{
    Arrival, Board, BoardKind, Column, Cut, IssueKey, Person, Sprint, SprintState,
};
use async_trait::async_trait;
use changelog::HistoryFields;
use client::JiraClient;
use map::{IssueContext, Setup};
use search::Query;
use std::collections::HashSet;
use tokio::sync::OnceCell;

/// Everything the provider needs from the `[jira]` config and the token source.
#[derive(Clone, Debug)]
pub struct JiraSettings {
    /// A trailing slash is tolerated; a context path (`https://host/jira`) is kept.
    pub base_url: String,
    pub board: u64,
    /// Basic -> REST v3 + Basic auth (Cloud); Bearer -> REST v2 + Bearer (Data Center).
    pub auth: JiraAuth,
    /// Basic only.
    pub email: Option<String>,
    pub token: Secret,
    /// Named in 401 messages.
    pub token_source: TokenSource,
    /// Extra JQL, ANDed with the board's filter.
    pub jql: Option<String>,
    pub scope: Option<JiraScope>,
    /// The `ca_file` and proxies the client follows.
    pub network: Network,
}

pub struct JiraProvider {
    client: JiraClient,
    board: u64,
    jql: Option<String>,
    scope: Option<JiraScope>,
    /// Board name, kind, columns and field ids rarely change: fetched on the first load only.
    setup: OnceCell<Setup>,
    /// How changelog items name points, sprint and flagged: fetched on the first sprint load.
    history_fields: OnceCell<HistoryFields>,
}

impl JiraProvider {
    pub fn new(settings: JiraSettings) -> Result<Self, ProviderError> {
        let auth = auth::auth(settings.auth, settings.email, settings.token)?;
        let cloud = settings.auth == JiraAuth::Basic;
        let http = HttpClient::new(
            "Jira",
            &settings.base_url,
            auth,
            settings.token_source,
            &settings.network,
        )?;
        Ok(Self {
            client: JiraClient::new(http, cloud, settings.board),
            board: settings.board,
            jql: settings.jql,
            scope: settings.scope,
            setup: OnceCell::new(),
            history_fields: OnceCell::new(),
        })
    }

    /// Like `new` with a shorter total timeout per request (tests, impatient callers).
    pub fn with_timeout(mut self, total: std::time::Duration) -> Self {
        self.client = self.client.with_timeout(total);
        self
    }

    async fn setup(&self) -> Result<&Setup, ProviderError> {
        self.setup.get_or_try_init(|| self.fetch_setup()).await
    }

    async fn fetch_setup(&self) -> Result<Setup, ProviderError> {
        // The board first, so a wrong id or token is reported as such, whatever the rest says.
        let board = self.client.board().await?;
        let (config, fields) = tokio::try_join!(self.client.configuration(), self.client.fields())?;
        map::setup(board, config, &fields).map_err(|message| ProviderError::Decode {
            what: format!("Jira /rest/agile/1.0/board/{}/configuration", self.board),
            message,
        })
    }
}

#[async_trait]
impl IssueTracker for JiraProvider {
    async fn load_board(&self) -> Result<Board, ProviderError> {
        self.load_board_arriving(&|_, _| {}).await
    }

    async fn load_board_arriving(
        &self,
        arrived: &(dyn Fn(Board, Arrival) + Send + Sync),
    ) -> Result<Board, ProviderError> {
        let setup = self.setup.get_or_try_init(|| self.fetch_setup()).await?;
        let mut board = Board {
            id: self.board,
            name: setup.name.clone(),
            kind: setup.kind,
            columns: setup.columns.clone(),
            issues: Vec::new(),
            sprint: None,
            cut: None,
        };
        let by_sprint = setup.kind == BoardKind::Scrum && self.scope != Some(JiraScope::All);
        if by_sprint {
            match self.client.active_sprint().await? {
                Some(sprint) => board.sprint = Some(map::sprint(sprint)),
                // No sprint running: nothing to show, and that is not an error.
                None => return Ok(board),
            }
        }
        let sprint_id = board.sprint.as_ref().map(|s| s.id);
        let sub = (setup.kind == BoardKind::Kanban)
            .then_some(setup.sub_query.as_deref())
            .flatten();
        let query = Query {
            jql: client::jql(setup.filter_id, sprint_id, sub, self.jql.as_deref()),
            fields: client::fields(setup.points_field.as_deref(), setup.sprint_field.as_deref()),
            expand: None,
        };
        let sprint_name = board.sprint.as_ref().map(|s| s.name.clone());
        let cx = IssueContext {
            base: self.client.base(),
            points_field: setup.points_field.as_deref(),
            sprint_field: setup.sprint_field.as_deref(),
            sprint_name: sprint_name.as_deref(),
        };
        let mut seen = HashSet::new();
        let mut shown_at = 0;
        let searched = self
            .client
            .search_pages(&query, |page, expected| {
                // Offset paging can repeat a card when ranks change between pages: keep the
                // first.
                board.issues.extend(
                    page.into_iter()
                        .map(|dto| map::issue(dto, &cx))
                        .filter(|issue| seen.insert(issue.key.clone())),
                );
                // Shown each time the board doubles: a few copies, however many pages.
                let loaded = board.issues.len();
                if loaded > 0 && loaded >= shown_at * 2 {
                    shown_at = loaded;
                    arrived(board.clone(), Arrival { loaded, expected });
                }
            })
            .await?;
        if let Some(total) = searched.more {
            let total = match total {
                Some(total) => Some(total),
                None => self.client.approximate_count(&query.jql).await,
            };
            board.cut = Some(Cut {
                shown: board.issues.len(),
                total,
            });
        }
        Ok(board)
    }

    async fn myself(&self) -> Result<Person, ProviderError> {
        let me = map::person(self.client.myself().await?);
        if me.id.is_empty() {
            return Err(ProviderError::Decode {
                what: format!("Jira {}/myself", self.client.api()),
                message: "the user has neither accountId nor name".to_string(),
            });
        }
        Ok(me)
    }

    async fn move_issue(&self, key: &IssueKey, to: &Column) -> Result<(), ProviderError> {
        let offered = self.client.transitions(&key.0).await?;
        // Chosen by target status, never by name: names are per-workflow and often misleading.
        let chosen = offered.iter().find(|t| {
            t.is_available != Some(false)
                && t.to
                    .as_ref()
                    .is_some_and(|s| to.statuses.iter().any(|id| id.0 == s.id))
        });
        let Some(transition) = chosen else {
            return Err(ProviderError::Rejected(format!(
                "Jira offers no transition that takes {key} into {}",
                to.name
            )));
        };
        // Jira takes no idempotency key and a repeated transition may not exist from the new
        // status, so a lost answer is not retried: it is reported as unknown.
        self.client
            .transition(&key.0, &transition.id)
            .await
            .map_err(|e| match e {
                ProviderError::Network { .. } | ProviderError::Server { .. } => {
                    ProviderError::UnknownOutcome {
                        action: format!("moving {key} into {}", to.name),
                        detail: e.to_string(),
                    }
                }
                other => other,
            })
    }

    async fn sprints(&self) -> Result<Vec<Sprint>, ProviderError> {
        if self.setup().await?.kind == BoardKind::Kanban {
            return Ok(Vec::new());
        }
        let all: Vec<Sprint> = sprints::all(&self.client)
            .await?
            .into_iter()
            .map(map::sprint)
            .collect();
        let (closed, open): (Vec<Sprint>, Vec<Sprint>) = all
            .into_iter()
            .partition(|s| s.state == SprintState::Closed);
        let skip = closed
            .len()
            .saturating_sub(crate::domain::sprint::VELOCITY_SPRINTS);
        let (active, future): (Vec<Sprint>, Vec<Sprint>) = open
            .into_iter()
            .partition(|s| s.state == SprintState::Active);
        Ok(closed
            .into_iter()
            .skip(skip)
            .chain(active)
            .chain(future)
            .collect())
    }

    async fn sprint_data(&self, sprint: u64) -> Result<SprintData, ProviderError> {
        let setup = self.setup().await?;
        if setup.kind == BoardKind::Kanban {
            return Err(ProviderError::Rejected(format!(
                "Jira board {} is a kanban board: it has no sprints",
                self.board
            )));
        }
        let fields = self
            .history_fields
            .get_or_try_init(|| async {
                let all = self.client.fields().await?;
                Ok::<_, ProviderError>(HistoryFields::new(
                    setup.points_field.as_deref(),
                    setup.sprint_field.as_deref(),
                    &all,
                ))
            })
            .await?;
        let cx = sprint_data::Context {
            client: &self.client,
            setup,
            fields,
            extra_jql: self.jql.as_deref(),
        };
        sprint_data::sprint_data(&cx, sprint).await
    }
}
