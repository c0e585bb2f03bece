//! Jira Cloud (REST v3, Basic email:token) and Data Center (REST v2, Bearer PAT), with the
//! Agile 1.0 API for boards and sprints.

mod adf;
mod changelog;
mod client;
mod dto;
mod map;
mod sprint_data;
mod sprints;
mod values;
mod wiki;

use super::http::{Auth, HttpClient};
use super::{IssueTracker, ProviderError};
use crate::config::{JiraAuth, JiraScope, Secret, TokenSource};
use crate::domain::sprint::SprintData;
use crate::domain::{Board, BoardKind, Column, IssueKey, Person, Sprint, SprintState};
use async_trait::async_trait;
use changelog::HistoryFields;
use client::JiraClient;
use map::{IssueContext, Setup};
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
        let auth = match settings.auth {
            JiraAuth::Basic => {
                let email = settings
                    .email
                    .map(|e| e.trim().to_string())
                    .filter(|e| !e.is_empty())
                    .ok_or_else(|| {
                        ProviderError::Rejected(
                            "Jira Cloud (auth = \"basic\") needs `email` in the [jira] config"
                                .to_string(),
                        )
                    })?;
                Auth::Basic {
                    user: email,
                    token: settings.token,
                }
            }
            JiraAuth::Bearer => Auth::Bearer(settings.token),
        };
        let cloud = settings.auth == JiraAuth::Basic;
        let http = HttpClient::new("Jira", &settings.base_url, auth, settings.token_source)?;
        Ok(Self {
            client: JiraClient::new(http, cloud, settings.board),
            board: settings.board,
            jql: settings.jql,
            scope: settings.scope,
            setup: OnceCell::new(),
            history_fields: OnceCell::new(),
        })
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
        let setup = self.setup.get_or_try_init(|| self.fetch_setup()).await?;
        let mut board = Board {
            id: self.board,
            name: setup.name.clone(),
            kind: setup.kind,
            columns: setup.columns.clone(),
            issues: Vec::new(),
            sprint: None,
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
        let jql = client::jql(setup.filter_id, sprint_id, self.jql.as_deref());
        let fields = client::fields(setup.points_field.as_deref(), setup.sprint_field.as_deref());
        let found = self.client.search(&jql, &fields).await?;
        let cx = IssueContext {
            base: self.client.base(),
            points_field: setup.points_field.as_deref(),
            sprint_field: setup.sprint_field.as_deref(),
            sprint_name: board.sprint.as_ref().map(|s| s.name.as_str()),
        };
        let mut seen = HashSet::new();
        // Offset paging can repeat a card when ranks change between pages: keep the first.
        let issues = found
            .into_iter()
            .map(|dto| map::issue(dto, &cx))
            .filter(|issue| seen.insert(issue.key.clone()))
            .collect();
        board.issues = issues;
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
        self.client.transition(&key.0, &transition.id).await
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
