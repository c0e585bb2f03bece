//! One sprint with its history, assembled from several requests.
//!
//! Which issues: `sprint = N` finds those in the sprint now. Jira Cloud does not support
//! `sprint WAS N`, so the issues removed from it are found among the board filter's issues
//! updated since the day before the sprint started, keeping those whose changelog has a
//! Sprint change naming N. Both searches use `expand=changelog`; when Cloud sends only part
//! of a changelog, the rest comes from `/issue/{key}/changelog`. Data Center has no such
//! endpoint (and sends whole changelogs), so a cut one stays marked incomplete.
//!
//! Velocity: for each of the last closed sprints, the points of its issues that are in a
//! done column now and whose Sprint field ends with that sprint, i.e. that were not carried
//! over into a later one. Jira's own velocity report is not public API.

use super::changelog::{self, HistoryFields};
use super::client::{self, JiraClient};
use super::dto::{IssueDto, SprintDto};
use super::map::{self, IssueContext, Setup};
use super::search::Query;
use super::{sprints, values};
use crate::domain::sprint::{
    Change, ChangeEvent, IssueHistory, SprintData, VELOCITY_SPRINTS, is_done,
};
use crate::domain::{Board, Sprint, SprintState};
use crate::providers::ProviderError;
use chrono::{Days, FixedOffset, Offset, Utc};
use futures::{StreamExt, TryStreamExt};
use serde_json::Value;
use std::collections::HashSet;

/// Changelogs fetched at once for issues whose changelog came back cut.
const CHANGELOG_FETCHES: usize = 4;
/// Closed sprints searched at once for velocity.
const VELOCITY_FETCHES: usize = 3;

pub struct Context<'a> {
    pub client: &'a JiraClient,
    pub setup: &'a Setup,
    pub fields: &'a HistoryFields,
    /// The `[jira] jql` narrowing, applied as on the board.
    pub extra_jql: Option<&'a str>,
}

impl Context<'_> {
    fn issue_fields(&self) -> String {
        let flagged = self.fields.flagged.as_ref().map(|f| f.id.as_str());
        let base = client::fields(
            self.setup.points_field.as_deref(),
            self.setup.sprint_field.as_deref(),
        );
        [Some(base.as_str()), Some("created"), flagged]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(",")
    }

    /// `clause` within the board's filter, with each issue's changelog.
    fn query(&self, clause: &str, fields: &str) -> Query {
        let mut jql = format!("filter = {} AND {clause}", self.setup.filter_id);
        if let Some(extra) = self.extra_jql.map(str::trim).filter(|e| !e.is_empty()) {
            jql.push_str(&format!(" AND ({extra})"));
        }
        jql.push_str(" ORDER BY Rank ASC");
        Query {
            jql,
            fields: fields.to_string(),
            expand: Some("changelog".into()),
        }
    }

    fn issue_cx(&self) -> IssueContext<'_> {
        IssueContext {
            base: self.client.base(),
            points_field: self.setup.points_field.as_deref(),
            sprint_field: self.setup.sprint_field.as_deref(),
            sprint_name: None,
        }
    }
}

/// The offset the sprint's start (else end) date was written in; UTC when neither says.
pub fn offset_of(dto: &SprintDto) -> FixedOffset {
    [dto.start_date.as_deref(), dto.end_date.as_deref()]
        .into_iter()
        .flatten()
        .find_map(changelog::parse_time)
        .map_or_else(|| Utc.fix(), |t| *t.offset())
}

pub async fn sprint_data(cx: &Context<'_>, id: u64) -> Result<SprintData, ProviderError> {
    let (dto, all) = tokio::try_join!(sprints::one(cx.client, id), sprints::all(cx.client))?;
    let offset = offset_of(&dto);
    let sprint = map::sprint(dto);
    let fields = cx.issue_fields();
    let inside = cx
        .client
        .search(&cx.query(&format!("sprint = {id}"), &fields))
        .await?;
    let mut issues = histories(cx, inside).await?;
    if let Some(start) = sprint.start {
        // A day early, so the server's time zone for JQL dates cannot make us miss one.
        let since = start.with_timezone(&offset).date_naive() - Days::new(1);
        let clause = format!("updated >= \"{}\"", since.format("%Y-%m-%d"));
        let touched = cx.client.search(&cx.query(&clause, &fields)).await?;
        let known: HashSet<String> = issues.iter().map(|h| h.issue.key.0.clone()).collect();
        let touched = touched
            .into_iter()
            .filter(|d| !known.contains(&d.key))
            .collect();
        let removed = histories(cx, touched)
            .await?
            .into_iter()
            .filter(|h| h.events.iter().any(|e| names_sprint(&e.change, id)));
        issues.extend(removed);
    }
    let closed = velocity(cx, &sprint, all).await?;
    Ok(SprintData {
        board: Board {
            cut: None,
            id: cx.client.board_id(),
            name: cx.setup.name.clone(),
            kind: cx.setup.kind,
            columns: cx.setup.columns.clone(),
            issues: Vec::new(),
            sprint: Some(sprint.clone()),
        },
        sprint,
        offset,
        issues,
        closed,
    })
}

fn names_sprint(change: &Change, id: u64) -> bool {
    matches!(change, Change::Sprint { from, to } if from.contains(&id) || to.contains(&id))
}

/// Issues with their changelogs, the cut ones completed from Cloud's changelog endpoint.
async fn histories(
    cx: &Context<'_>,
    dtos: Vec<IssueDto>,
) -> Result<Vec<IssueHistory>, ProviderError> {
    let cloud = cx.client.is_cloud();
    futures::stream::iter(dtos)
        .map(|mut dto| async move {
            // No changelog at all means the server ignored `expand`: nothing is known.
            let mut complete = dto.changelog.is_some();
            let mut log = dto.changelog.take().unwrap_or_default();
            if log.is_truncated() {
                complete = cloud;
                if cloud {
                    log.histories = sprints::changelog(cx.client, &dto.key).await?;
                }
            }
            let (events, readable) = changelog::events(&log.histories, cx.fields);
            Ok::<_, ProviderError>(history(cx, dto, events, complete && readable))
        })
        .buffered(CHANGELOG_FETCHES)
        .try_collect()
        .await
}

fn history(
    cx: &Context<'_>,
    dto: IssueDto,
    events: Vec<ChangeEvent>,
    complete: bool,
) -> IssueHistory {
    let custom = &dto.fields.custom;
    let created = custom
        .get("created")
        .and_then(Value::as_str)
        .and_then(changelog::parse_time);
    let sprints = cx
        .setup
        .sprint_field
        .as_deref()
        .and_then(|f| custom.get(f))
        .map(values::sprint_ids)
        .unwrap_or_default();
    let flagged = cx
        .fields
        .flagged
        .as_ref()
        .and_then(|f| custom.get(&f.id))
        .is_some_and(is_set);
    IssueHistory {
        issue: map::issue(dto, &cx.issue_cx()),
        sprints,
        created,
        events,
        flagged,
        complete,
    }
}

/// A multi-checkbox field is set when it holds at least one option.
fn is_set(value: &Value) -> bool {
    match value {
        Value::Array(items) => !items.is_empty(),
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    }
}

/// Completed points of the last closed sprints that ended no later than `shown`, newest
/// first.
async fn velocity(
    cx: &Context<'_>,
    shown: &Sprint,
    all: Vec<SprintDto>,
) -> Result<Vec<(Sprint, f64)>, ProviderError> {
    let closed: Vec<Sprint> = all
        .into_iter()
        .map(map::sprint)
        .filter(|s| s.state == SprintState::Closed)
        .filter(|s| match (s.end, shown.end, shown.state) {
            (Some(end), Some(limit), SprintState::Closed) => end <= limit,
            _ => true,
        })
        .collect();
    let recent = closed.into_iter().rev().take(VELOCITY_SPRINTS);
    let fields = client::fields(
        cx.setup.points_field.as_deref(),
        cx.setup.sprint_field.as_deref(),
    );
    let fields = fields.as_str();
    futures::stream::iter(recent)
        .map(|sprint| async move {
            let query = Query {
                expand: None,
                ..cx.query(&format!("sprint = {}", sprint.id), fields)
            };
            let found = cx.client.search(&query).await?;
            let points: f64 = found
                .into_iter()
                .map(|dto| history(cx, dto, Vec::new(), true))
                .filter(|h| h.sprints.last() == Some(&sprint.id))
                .filter(|h| is_done(&cx.setup.columns, &h.issue.status))
                .filter_map(|h| h.issue.points)
                .sum();
            Ok::<_, ProviderError>((sprint, points))
        })
        .buffered(VELOCITY_FETCHES)
        .try_collect()
        .await
}
