//! Project 3, "Storefront delivery": GitHub's built-in fields plus Status, a two-week
//! Iteration and Estimate, and an item for most issues, pull requests and two drafts.

use super::{Placement, SeedError, Table, days_ago, login, logins};
use crate::github::board::ids;
use crate::github::board::model::{
    Board, Content, Draft, Field, FieldKind, Item, Iteration, Iterations, Project, SelectOption,
    Stored, Value,
};
use crate::github::board::people::{self, Account};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc};

const HEADER: &str = "lADOABaVrc4AjQ3Lzg";

/// Status options in board order; the ids are GitHub-style short hex.
const STATUS: [SelectOption; 5] = [
    option(
        "b1f3e2a9",
        "Backlog",
        "GRAY",
        "Not planned for a sprint yet",
    ),
    option("f75ad846", "Todo", "BLUE", "Planned, not started"),
    option("47fc9ee4", "In progress", "YELLOW", "Someone is on it"),
    option(
        "c6d2e1f0",
        "In review",
        "PURPLE",
        "Waiting for review or QA",
    ),
    option("98236657", "Done", "GREEN", "Shipped"),
];

/// Iteration ids, oldest first: three completed sprints, the current one, the next.
const ITERATION_IDS: [&str; 5] = ["3f9a1c2e", "b71e04d5", "5c8d2a90", "e2d47f13", "9a06c3b8"];
const CURRENT: usize = 3;
const FIRST_SPRINT: usize = 21;
const SPRINT_DAYS: u32 = 14;

const fn option(
    id: &'static str,
    name: &'static str,
    color: &'static str,
    description: &'static str,
) -> SelectOption {
    SelectOption {
        id,
        name,
        color,
        description,
    }
}

pub(super) fn build(
    board: &Board,
    table: &Table,
    now: DateTime<Utc>,
) -> Result<Project, SeedError> {
    let created = days_ago(now, 120.0);
    let mut fields = Vec::new();
    let mut add = |name: &'static str, kind: FieldKind| {
        let database_id = 176_300_000 + fields.len() as u64;
        let prefix = match kind {
            FieldKind::SingleSelect(_) => "PVTSSF",
            FieldKind::Iteration(_) => "PVTIF",
            _ => "PVTF",
        };
        fields.push(Field {
            node_id: ids::node_id(prefix, HEADER, database_id),
            database_id,
            name,
            created_at: created,
            kind,
        });
    };
    add("Title", FieldKind::Title);
    add("Assignees", FieldKind::Assignees);
    add("Status", FieldKind::SingleSelect(STATUS.into()));
    add("Labels", FieldKind::Labels);
    add("Linked pull requests", FieldKind::LinkedPullRequests);
    add("Milestone", FieldKind::Milestone);
    add("Repository", FieldKind::Repository);
    add("Reviewers", FieldKind::Reviewers);
    add(
        "Iteration",
        FieldKind::Iteration(iterations(now.date_naive())),
    );
    add("Estimate", FieldKind::Number);
    add("Target date", FieldKind::Date);
    add("Notes", FieldKind::Text);
    let mut project = Project {
        node_id: "PVT_kwDOABaVrc4AjQ3L".into(),
        database_id: 9_244_107,
        number: 3,
        title: "Storefront delivery".into(),
        short_description: "What the storefront and search squads ship, sprint by sprint".into(),
        readme: "Columns follow **Status**. Keep *In progress* to four items; \
                 move a card to *In review* when its pull request is open."
            .into(),
        creator: people::VIEWER,
        created_at: created,
        updated_at: created,
        fields,
        items: Vec::new(),
    };
    for (index, row) in table.issue.iter().enumerate() {
        if row.place.status.is_none() {
            continue;
        }
        let at = |what: String| SeedError(format!("{}#{}: {what}", row.repo, row.number));
        // `seed` pushes one issue per row, in row order.
        let issue = board
            .issues
            .get(index)
            .ok_or_else(|| at("was not seeded".into()))?;
        let added = issue.created_at + TimeDelta::minutes(40);
        let values = values(&project, &row.place, issue.closed_at, added, now).map_err(at)?;
        let updated = values.iter().map(|v| v.updated_at).max().unwrap_or(added);
        push_item(
            &mut project,
            Content::Issue(index),
            issue.author,
            added,
            updated,
            values,
        );
    }
    for row in &table.draft {
        let at = |what: String| SeedError(format!("draft {:?}: {what}", row.title));
        let creator = login(&row.creator).map_err(at)?;
        let created_at = days_ago(now, row.created_days);
        let values = values(&project, &row.place, None, created_at, now).map_err(at)?;
        let draft = Draft {
            node_id: ids::node_id("DI", HEADER, 31_000_000 + project.items.len() as u64),
            title: row.title.clone(),
            body: row.body.clone(),
            creator,
            assignees: logins(&row.assignees).map_err(at)?,
            created_at,
            updated_at: created_at,
        };
        push_item(
            &mut project,
            Content::Draft(draft),
            creator,
            created_at,
            created_at,
            values,
        );
    }
    project.updated_at = project
        .items
        .iter()
        .map(|i| i.updated_at)
        .max()
        .unwrap_or(created);
    Ok(project)
}

fn push_item(
    project: &mut Project,
    content: Content,
    creator: &'static Account,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    values: Vec<Stored>,
) {
    let database_id = 88_410_000 + project.items.len() as u64;
    project.items.push(Item {
        node_id: ids::node_id("PVTI", HEADER, database_id),
        database_id,
        content,
        creator,
        created_at,
        updated_at,
        archived: false,
        values,
    });
}

/// Sprints start on a Monday, every other week; the current one contains today.
fn iterations(today: NaiveDate) -> Iterations {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let current = monday - Days::new(7 * u64::from(today.iso_week().week() % 2));
    let all = ITERATION_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let offset = i64::from(SPRINT_DAYS) * (i as i64 - CURRENT as i64);
            Iteration {
                id,
                title: format!("Sprint {}", FIRST_SPRINT + i),
                start_date: current + TimeDelta::days(offset),
                duration: SPRINT_DAYS,
            }
        })
        .collect();
    Iterations {
        duration: SPRINT_DAYS,
        start_day: 1,
        all,
    }
}

/// The Status, Iteration and Estimate values of one row. Closed work sits in the sprint it
/// closed in; open work in the sprint the row names relative to the current one.
fn values(
    project: &Project,
    place: &Placement,
    closed_at: Option<DateTime<Utc>>,
    added: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Stored>, String> {
    let field = |name: &str| project.fields.iter().find(|f| f.name == name);
    let set_at = closed_at.unwrap_or(added + TimeDelta::hours(2));
    let stored = |field: &Field, value: Value| Stored {
        field: field.node_id.clone(),
        value,
        created_at: added,
        updated_at: set_at,
    };
    let mut out = Vec::new();
    if let (Some(name), Some(status)) = (&place.status, field("Status")) {
        let option = STATUS
            .iter()
            .find(|o| o.name == name)
            .ok_or_else(|| format!("no status {name:?}"))?;
        out.push(stored(status, Value::Option(option.id.into())));
    }
    if let Some(
        sprint @ Field {
            kind: FieldKind::Iteration(its),
            ..
        },
    ) = field("Iteration")
    {
        let chosen = match (closed_at, place.iteration) {
            (Some(_), Some(_)) => {
                return Err("closed rows get their sprint from closed_days".into());
            }
            (Some(at), None) => its.all.iter().find(|it| it.contains(at.date_naive())),
            (None, Some(relative)) => {
                let index = CURRENT as i64 + relative;
                let found = usize::try_from(index).ok().and_then(|i| its.all.get(i));
                Some(found.ok_or_else(|| format!("no sprint {relative:+} from the current one"))?)
            }
            (None, None) => None,
        };
        if let Some(it) = chosen {
            out.push(stored(sprint, Value::Iteration(it.id.into())));
        }
    }
    if let (Some(points), Some(estimate)) = (place.estimate, field("Estimate")) {
        out.push(stored(estimate, Value::Number(points)));
    }
    if let (Some(days), Some(target)) = (place.target_days, field("Target date")) {
        let day = (now + TimeDelta::days(days)).date_naive();
        out.push(stored(target, Value::Date(day)));
    }
    if let (Some(note), Some(notes)) = (&place.note, field("Notes")) {
        out.push(stored(notes, Value::Text(note.clone())));
    }
    Ok(out)
}
