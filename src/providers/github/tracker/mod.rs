//! GitHub as an `IssueTracker`: a Projects v2 board over GraphQL (Status options are the
//! columns, the Iteration field is the sprint), or without a project a board of the
//! `repos`' issues over REST. Card keys are `owner/repo#12`, drafts `draft:<item id>`.

mod board;
mod dto;
mod fetch;
#[cfg(test)]
mod fuzz_tests;
mod history;
pub mod issues;
mod iterations;
mod project;
mod query;

#[cfg(test)]
mod tests;

use super::GithubClient;
use crate::config::{GithubConfig, LabelColumn, ProjectRef};
use crate::domain::sprint::SprintData;
use crate::domain::{Board, Column, IssueKey, Person, Sprint};
use crate::providers::{IssueTracker, ProviderError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use issues::IssuesBoard;
use issues::lanes::Card;
use project::{Fields, NO_STATUS, Project};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// The tracker part of one `[[github]]` table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GithubTrackerSettings {
    /// `owner/name` of each repository (the issues board reads these).
    pub repos: Vec<String>,
    pub project: Option<ProjectRef>,
    /// WIP max per column name (matched case-insensitively).
    pub wip: BTreeMap<String, u32>,
    /// Label columns of the issues board; empty for Open / In progress / Closed recently.
    pub columns: Vec<LabelColumn>,
    /// The project's number field read as points.
    pub points_field: Option<String>,
}

impl From<&GithubConfig> for GithubTrackerSettings {
    fn from(table: &GithubConfig) -> Self {
        Self {
            repos: table.repos.clone(),
            project: table.project.clone(),
            wip: table.wip.clone(),
            columns: table.columns.clone(),
            points_field: table.points_field.clone(),
        }
    }
}

/// Where the tracker reads the time: which iteration is current, which issues closed
/// recently. `Utc::now` in the app; tests pass a fixed time, as they do to `update`.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

pub struct GithubTracker {
    client: Arc<GithubClient>,
    settings: GithubTrackerSettings,
    issues: IssuesBoard,
    clock: Clock,
    /// What the last load learnt that moves need: ids GitHub wants back.
    known: Mutex<Known>,
}

#[derive(Default)]
struct Known {
    project: Option<ProjectIds>,
    /// Card key -> what the issues board knows of it.
    cards: HashMap<String, Card>,
}

struct ProjectIds {
    /// The project's node id.
    id: String,
    fields: Fields,
    /// Card key -> item node id.
    items: HashMap<String, String>,
}

impl GithubTracker {
    pub fn new(client: Arc<GithubClient>, settings: GithubTrackerSettings) -> Self {
        let issues = IssuesBoard::new(
            settings.repos.clone(),
            &settings.columns,
            settings.wip.clone(),
        );
        Self {
            client,
            settings,
            issues,
            clock: Arc::new(Utc::now),
            known: Mutex::new(Known::default()),
        }
    }

    pub fn with_clock(self, clock: Clock) -> Self {
        Self { clock, ..self }
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    async fn read_project(&self, at: &ProjectRef) -> Result<Project, ProviderError> {
        let points = self.settings.points_field.as_deref();
        let project = fetch::project(&self.client, at, points).await?;
        let items = project
            .items
            .iter()
            .map(|i| (i.issue.key.0.clone(), i.id.clone()))
            .collect();
        self.known().project = Some(ProjectIds {
            id: project.id.clone(),
            fields: project.fields.clone(),
            items,
        });
        Ok(project)
    }

    async fn load_issues(&self) -> Result<Board, ProviderError> {
        let loaded = self.issues.load(&self.client, self.now()).await?;
        self.known().cards = loaded.cards;
        Ok(loaded.board)
    }

    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        // The data stays consistent whatever panicked while holding the lock: take it back.
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn not_on_board(&self, key: &IssueKey) -> ProviderError {
        ProviderError::NotFound(format!(
            "{}: {key} is not on the board",
            self.client.service()
        ))
    }

    async fn move_in_project(
        &self,
        at: &ProjectRef,
        key: &IssueKey,
        to: &Column,
    ) -> Result<(), ProviderError> {
        let lookup = |known: &Known| {
            let ids = known.project.as_ref()?;
            let item = ids.items.get(&key.0)?.clone();
            Some((ids.id.clone(), ids.fields.clone(), item))
        };
        let found = lookup(&self.known());
        let found = match found {
            Some(found) => found,
            None => {
                // The card may have been added since the last load: look once more.
                self.read_project(at).await?;
                lookup(&self.known()).ok_or_else(|| self.not_on_board(key))?
            }
        };
        let (project, fields, item) = found;
        let target = to.statuses.iter().find_map(|s| {
            if s.0 == NO_STATUS {
                return Some(None);
            }
            fields
                .options
                .iter()
                .find(|o| o.0 == s.0)
                .map(|o| Some(o.0.as_str()))
        });
        let Some(option) = target else {
            return Err(ProviderError::Rejected(format!(
                "{}: project {} has no Status option for the column {:?}",
                self.client.service(),
                at.number,
                to.name
            )));
        };
        fetch::set_status(&self.client, &project, &item, &fields.status_id, option).await
    }
}

#[async_trait]
impl IssueTracker for GithubTracker {
    async fn load_board(&self) -> Result<Board, ProviderError> {
        match &self.settings.project {
            Some(at) => {
                let project = self.read_project(at).await?;
                let today = self.now().date_naive();
                Ok(board::board(&project, &self.settings.wip, today))
            }
            None => self.load_issues().await,
        }
    }

    async fn myself(&self) -> Result<Person, ProviderError> {
        issues::myself(&self.client).await
    }

    async fn move_issue(&self, key: &IssueKey, to: &Column) -> Result<(), ProviderError> {
        if let Some(at) = &self.settings.project {
            return self.move_in_project(at, key, to).await;
        }
        let card = self.known().cards.get(&key.0).cloned();
        let card = match card {
            Some(card) => card,
            None => {
                self.load_issues().await?;
                let card = self.known().cards.get(&key.0).cloned();
                card.ok_or_else(|| self.not_on_board(key))?
            }
        };
        self.issues.move_card(&self.client, &card, to).await
    }

    async fn sprints(&self) -> Result<Vec<Sprint>, ProviderError> {
        let Some(at) = &self.settings.project else {
            return Ok(Vec::new());
        };
        let known = self.known().project.as_ref().map(|p| p.fields.clone());
        let fields = match known {
            Some(fields) => fields,
            None => self.read_project(at).await?.fields,
        };
        let today = self.now().date_naive();
        Ok(fields
            .iteration
            .map(|f| iterations::sprints(&f.iterations, today))
            .unwrap_or_default())
    }

    async fn sprint_data(&self, sprint: u64) -> Result<SprintData, ProviderError> {
        let service = self.client.service();
        let Some(at) = &self.settings.project else {
            return Err(ProviderError::Rejected(format!(
                "{service}: a board of issues has no sprints (a project with an Iteration field has)"
            )));
        };
        let project = self.read_project(at).await?;
        let today = self.now().date_naive();
        history::sprint_data(&project, sprint, &self.settings.wip, today).ok_or_else(|| {
            ProviderError::NotFound(format!(
                "{service}: project {} has no iteration with sprint id {sprint}",
                at.number
            ))
        })
    }
}
