//! A Projects v2 board as read from its pages: the fields that matter (Status, the Iteration
//! field, the points field) and every item mapped to a card. Every server string is
//! sanitised here, once.

use super::dto::{ContentDto, FieldDto, FieldValueDto, ItemDto, IterationDto, UserDto};
use crate::domain::text::sanitize;
use crate::domain::{Issue, IssueKey, Person, StatusId};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// The status of items whose Status is empty; option ids are GitHub's own hex strings, so
/// this cannot name one.
pub const NO_STATUS: &str = "no-status";
pub const NO_STATUS_NAME: &str = "No status";
/// Number fields read as points when `points_field` is not set.
const POINTS_NAMES: [&str; 4] = ["estimate", "points", "story points", "size"];

/// One whole read of a project: every page's items, in the project's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// The node id (what the mutations take).
    pub id: String,
    pub number: u64,
    pub title: String,
    pub url: String,
    pub fields: Fields,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fields {
    pub status_id: String,
    /// The Status options in the project's order: (option id, name).
    pub options: Vec<(String, String)>,
    pub iteration: Option<IterationField>,
    pub points_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IterationField {
    pub id: String,
    /// Open and completed iterations, oldest first.
    pub iterations: Vec<Iteration>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Iteration {
    pub id: String,
    pub title: String,
    pub start: NaiveDate,
    pub days: u32,
}

impl Iteration {
    /// The first day after the iteration (the last day there is, for absurd lengths).
    pub fn after(&self) -> NaiveDate {
        self.start
            .checked_add_days(chrono::Days::new(u64::from(self.days)))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day < self.after()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The item's node id (what the mutations take).
    pub id: String,
    pub archived: bool,
    /// When the item was added to the project.
    pub created: Option<DateTime<FixedOffset>>,
    /// Set for closed issues and pull requests.
    pub closed_at: Option<DateTime<FixedOffset>>,
    pub iteration: Option<String>,
    pub issue: Issue,
}

/// Where a project lacks what the board needs, says why (the caller names the table).
pub fn fields(nodes: &[FieldDto], points_field: Option<&str>) -> Result<Fields, String> {
    let status = nodes
        .iter()
        .find(|f| f.data_type == "SINGLE_SELECT" && f.name.eq_ignore_ascii_case("status"))
        .ok_or("has no Status field (a single-select field named Status gives the columns)")?;
    let iteration = nodes
        .iter()
        .find(|f| f.data_type == "ITERATION")
        .map(iteration_field)
        .transpose()?;
    let numbers = || nodes.iter().filter(|f| f.data_type == "NUMBER");
    let points_id = match points_field {
        Some(name) => Some(
            numbers()
                .find(|f| f.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| format!("has no number field named {name:?} (points_field)"))?,
        ),
        None => numbers().find(|f| POINTS_NAMES.contains(&f.name.to_lowercase().as_str())),
    };
    Ok(Fields {
        status_id: status.id.clone(),
        options: status
            .options
            .iter()
            .map(|o| (line(&o.id), line(&o.name)))
            .collect(),
        iteration,
        points_id: points_id.map(|f| f.id.clone()),
    })
}

fn iteration_field(field: &FieldDto) -> Result<IterationField, String> {
    let config = field.configuration.as_ref();
    let all = config
        .into_iter()
        .flat_map(|c| c.completed_iterations.iter().chain(&c.iterations));
    let mut iterations = all.map(iteration).collect::<Result<Vec<_>, _>>()?;
    iterations.sort_by_key(|i| i.start);
    iterations.dedup_by(|a, b| a.id == b.id);
    Ok(IterationField {
        id: field.id.clone(),
        iterations,
    })
}

fn iteration(dto: &IterationDto) -> Result<Iteration, String> {
    Ok(Iteration {
        id: line(&dto.id),
        title: line(&dto.title),
        start: date(&dto.start_date)?,
        days: dto.duration,
    })
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("has an iteration starting on {:?}, not a date", line(text)))
}

/// The item as a card; `None` for items the token cannot read.
pub fn item(dto: ItemDto, fields: &Fields, project_url: &str) -> Option<Item> {
    let mut status = None;
    let mut points = None;
    let mut iteration = None;
    for value in dto.field_values.into_vec() {
        match value {
            FieldValueDto::SingleSelect {
                option_id: Some(option),
                updated_at,
                field,
            } if field.id == fields.status_id => status = Some((line(&option), updated_at)),
            FieldValueDto::Iteration {
                iteration_id,
                title,
                field,
            } if fields.iteration.as_ref().is_some_and(|f| f.id == field.id) => {
                iteration = Some((line(&iteration_id), line(&title)));
            }
            FieldValueDto::Number { number, field }
                if fields.points_id.as_deref() == Some(field.id.as_str()) =>
            {
                points = number;
            }
            _ => {}
        }
    }
    // An option deleted since the value was set shows no column: treat it as empty.
    let status = status.and_then(|(id, since)| {
        let name = fields.options.iter().find(|o| o.0 == id)?.1.clone();
        Some((id, name, since))
    });
    let (status, status_name, since) =
        status.unwrap_or_else(|| (NO_STATUS.to_string(), NO_STATUS_NAME.to_string(), None));
    let mut issue = Issue {
        key: IssueKey(String::new()),
        summary: String::new(),
        status: StatusId(status),
        status_name,
        assignee: None,
        points,
        labels: Vec::new(),
        description: String::new(),
        sprint: iteration.as_ref().map(|i| i.1.clone()),
        url: line(project_url),
        status_since: since
            .as_deref()
            .and_then(time)
            .map(|t| t.with_timezone(&Utc)),
    };
    let mut closed_at = None;
    match dto.content? {
        ContentDto::Issue(work) | ContentDto::PullRequest(work) => {
            issue.key = IssueKey(format!(
                "{}#{}",
                line(&work.repository.name_with_owner),
                work.number
            ));
            issue.summary = line(&work.title);
            issue.url = line(&work.url);
            issue.description = sanitize(&work.body, true);
            issue.assignee = work.assignees.into_vec().into_iter().next().map(person);
            issue.labels = work
                .labels
                .map(|l| l.into_vec().iter().map(|l| line(&l.name)).collect())
                .unwrap_or_default();
            if work.closed {
                closed_at = work.closed_at.as_deref().and_then(time);
            }
        }
        ContentDto::DraftIssue(draft) => {
            issue.key = IssueKey(format!("draft:{}", line(&dto.id)));
            issue.summary = line(&draft.title);
            issue.description = sanitize(&draft.body, true);
            issue.assignee = draft.assignees.into_vec().into_iter().next().map(person);
        }
        ContentDto::Other => return None,
    }
    Some(Item {
        id: dto.id,
        archived: dto.is_archived,
        created: dto.created_at.as_deref().and_then(time),
        closed_at,
        iteration: iteration.map(|i| i.0),
        issue,
    })
}

/// A GitHub user: the login is the id, the name is shown when set.
pub fn person(dto: UserDto) -> Person {
    let id = line(&dto.login);
    let display_name = dto
        .name
        .map(|n| line(&n))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.clone());
    Person { id, display_name }
}

pub fn time(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

pub fn line(s: &str) -> String {
    sanitize(s, false)
}
