//! The board side's world: the `acme` organisation, its repositories with their issues and
//! pull requests, and the Projects v2 board that lists them.

use super::people::Account;
use chrono::{DateTime, NaiveDate, Utc};

pub struct Board {
    pub org: Org,
    pub repos: Vec<Repo>,
    /// Issues and pull requests of every repository, in creation order.
    pub issues: Vec<Issue>,
    pub projects: Vec<Project>,
    /// The GraphQL points budget (`rateLimit`).
    pub budget: Budget,
    /// Next database id for labels created on the fly, as GitHub does for unknown names.
    pub next_label_id: u64,
}

pub struct Org {
    pub login: &'static str,
    pub id: u64,
    pub node_id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub created_at: DateTime<Utc>,
}

pub struct Repo {
    pub id: u64,
    pub node_id: String,
    pub name: &'static str,
    /// `owner/name`.
    pub full_name: String,
    pub description: &'static str,
    pub created_at: DateTime<Utc>,
    pub labels: Vec<Label>,
}

#[derive(Clone)]
pub struct Label {
    pub id: u64,
    pub node_id: String,
    pub name: String,
    pub color: String,
    pub description: Option<String>,
    /// One of the labels GitHub gives every new repository.
    pub default: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Open,
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateReason {
    Completed,
    NotPlanned,
    Reopened,
    Duplicate,
}

impl StateReason {
    pub fn rest(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::NotPlanned => "not_planned",
            Self::Reopened => "reopened",
            Self::Duplicate => "duplicate",
        }
    }

    pub fn parse_rest(text: &str) -> Option<Self> {
        [
            Self::Completed,
            Self::NotPlanned,
            Self::Reopened,
            Self::Duplicate,
        ]
        .into_iter()
        .find(|r| r.rest() == text)
    }

    pub fn graphql(self) -> &'static str {
        match self {
            Self::Completed => "COMPLETED",
            Self::NotPlanned => "NOT_PLANNED",
            Self::Reopened => "REOPENED",
            Self::Duplicate => "DUPLICATE",
        }
    }
}

pub struct Issue {
    pub id: u64,
    pub node_id: String,
    /// Index into `Board::repos`.
    pub repo: usize,
    pub number: u64,
    pub title: String,
    pub body: String,
    pub author: &'static Account,
    pub assignees: Vec<&'static Account>,
    /// Names of labels of the issue's repository.
    pub labels: Vec<String>,
    pub state: State,
    pub state_reason: Option<StateReason>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<&'static Account>,
    pub comments: u32,
    /// Set for pull requests, which GitHub lists among the issues.
    pub pull: Option<Pull>,
}

pub struct Pull {
    pub draft: bool,
    pub merged_at: Option<DateTime<Utc>>,
    pub head: String,
    pub base: String,
}

pub struct Project {
    pub node_id: String,
    pub database_id: u64,
    pub number: u64,
    pub title: String,
    pub short_description: String,
    pub readme: String,
    pub creator: &'static Account,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// In GitHub's position order.
    pub fields: Vec<Field>,
    /// In the project's position order.
    pub items: Vec<Item>,
}

pub struct Field {
    pub node_id: String,
    pub database_id: u64,
    pub name: &'static str,
    pub created_at: DateTime<Utc>,
    pub kind: FieldKind,
}

/// The built-in fields hold no values of their own: they show the content's title,
/// assignees, labels and repository.
pub enum FieldKind {
    Title,
    Assignees,
    Labels,
    LinkedPullRequests,
    Milestone,
    Repository,
    Reviewers,
    SingleSelect(Vec<SelectOption>),
    Iteration(Iterations),
    Number,
    Text,
    Date,
}

impl FieldKind {
    /// GitHub's `ProjectV2FieldType`.
    pub fn data_type(&self) -> &'static str {
        match self {
            Self::Title => "TITLE",
            Self::Assignees => "ASSIGNEES",
            Self::Labels => "LABELS",
            Self::LinkedPullRequests => "LINKED_PULL_REQUESTS",
            Self::Milestone => "MILESTONE",
            Self::Repository => "REPOSITORY",
            Self::Reviewers => "REVIEWERS",
            Self::SingleSelect(_) => "SINGLE_SELECT",
            Self::Iteration(_) => "ITERATION",
            Self::Number => "NUMBER",
            Self::Text => "TEXT",
            Self::Date => "DATE",
        }
    }
}

pub struct SelectOption {
    pub id: &'static str,
    pub name: &'static str,
    pub color: &'static str,
    pub description: &'static str,
}

pub struct Iterations {
    pub duration: u32,
    /// 1 = Monday, as GitHub counts.
    pub start_day: u32,
    /// Oldest first; which are completed depends on the day they are read.
    pub all: Vec<Iteration>,
}

pub struct Iteration {
    pub id: &'static str,
    pub title: String,
    pub start_date: NaiveDate,
    pub duration: u32,
}

impl Iteration {
    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start_date && day < self.end()
    }

    pub fn end(&self) -> NaiveDate {
        self.start_date + chrono::Days::new(u64::from(self.duration))
    }
}

pub struct Item {
    pub node_id: String,
    pub database_id: u64,
    pub content: Content,
    pub creator: &'static Account,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
    /// Values of the project's own fields, by field node id.
    pub values: Vec<Stored>,
}

pub enum Content {
    /// Index into `Board::issues` (an issue or a pull request).
    Issue(usize),
    Draft(Draft),
}

pub struct Draft {
    pub node_id: String,
    pub title: String,
    pub body: String,
    pub creator: &'static Account,
    pub assignees: Vec<&'static Account>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct Stored {
    pub field: String,
    pub value: Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A single-select option id.
    Option(String),
    /// An iteration id.
    Iteration(String),
    Number(f64),
    Text(String),
    Date(NaiveDate),
}

/// GraphQL's points budget: 5,000 an hour, the window starting at the first query.
pub struct Budget {
    pub limit: u32,
    pub used: u32,
    pub reset_at: DateTime<Utc>,
}

impl Board {
    pub fn repo_by_name(&self, owner: &str, name: &str) -> Option<usize> {
        if !owner.eq_ignore_ascii_case(self.org.login) {
            return None;
        }
        self.repos
            .iter()
            .position(|r| r.name.eq_ignore_ascii_case(name))
    }

    pub fn issue_index(&self, repo: usize, number: u64) -> Option<usize> {
        self.issues
            .iter()
            .position(|i| i.repo == repo && i.number == number)
    }

    /// The labels of an issue as its repository defines them, in the issue's order.
    pub fn labels_of<'a>(&'a self, issue: &'a Issue) -> impl Iterator<Item = &'a Label> + 'a {
        let defined = self.repos.get(issue.repo).map_or(&[][..], |r| &r.labels);
        issue
            .labels
            .iter()
            .filter_map(move |name| defined.iter().find(|l| l.name.eq_ignore_ascii_case(name)))
    }
}
