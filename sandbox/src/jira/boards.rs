//! The site's boards: the demo's scrum board plus 64 others across sixteen projects, as a
//! company's Jira has them. Only the demo board has issues; the others have their own filter
//! and columns, so any of them loads (empty). `GET /rest/agile/1.0/board` lists them with
//! Jira's paging and its `name`, `type` and `projectKeyOrId` filters.

use super::AppState;
use super::catalog::{
    BOARD_NAME, Category, DEMO_BOARD, FILTER_NAME, PROJECT_KEY, PROJECT_NAME, STATUSES,
};
use super::params::Params;
use super::reply::{JiraError, Reply, ok};
use axum::extract::State;
use serde_json::{Value, json};
use std::sync::OnceLock;

pub struct Project {
    pub key: &'static str,
    pub id: u64,
    pub name: &'static str,
}

pub struct Board {
    pub id: u64,
    pub name: String,
    /// `scrum`, `kanban` or `simple` (a team-managed board).
    pub kind: &'static str,
    pub project: &'static Project,
}

impl Board {
    /// Every board's filter is numbered after the board (the demo's is 10042).
    pub fn filter_id(&self) -> u64 {
        10_000 + self.id
    }

    pub fn filter_name(&self) -> String {
        if self.id == DEMO_BOARD {
            FILTER_NAME.to_string()
        } else {
            format!("Filter for {}", self.name)
        }
    }

    pub fn is_demo(&self) -> bool {
        self.id == DEMO_BOARD
    }

    pub fn has_sprints(&self) -> bool {
        self.kind == "scrum"
    }
}

const fn project(key: &'static str, id: u64, name: &'static str) -> Project {
    Project { key, id, name }
}

pub static PROJECTS: [Project; 16] = [
    project(PROJECT_KEY, 10000, PROJECT_NAME),
    project("PAY", 10001, "Payments"),
    project("LEDG", 10002, "Ledger"),
    project("SRCH", 10003, "Search"),
    project("WEB", 10004, "Storefront"),
    project("MOB", 10005, "Mobile"),
    project("DATA", 10006, "Data"),
    project("SEC", 10007, "Security"),
    project("SRE", 10008, "Reliability"),
    project("INFRA", 10009, "Infrastructure"),
    project("OBS", 10010, "Observability"),
    project("NET", 10011, "Networking"),
    project("IAM", 10012, "Identity"),
    project("BILL", 10013, "Billing"),
    project("SUP", 10014, "Support"),
    project("DOCS", 10015, "Documentation"),
];

/// Name suffix and board type; every project has one board of each.
const KINDS: [(&str, &str); 4] = [
    ("delivery", "scrum"),
    ("kanban", "kanban"),
    ("bug triage", "kanban"),
    ("roadmap", "simple"),
];

/// Ids 1 to 65 in order, the demo board at its own id among them.
pub fn all() -> &'static [Board] {
    static BOARDS: OnceLock<Vec<Board>> = OnceLock::new();
    BOARDS.get_or_init(|| {
        let others = KINDS
            .iter()
            .flat_map(|kind| PROJECTS.iter().map(move |p| (p, kind)));
        let mut boards: Vec<Board> = (1..)
            .filter(|id| *id != DEMO_BOARD)
            .zip(others)
            .map(|(id, (project, (suffix, kind)))| Board {
                id,
                name: format!("{} {suffix}", project.name),
                kind,
                project,
            })
            .collect();
        let at = boards.partition_point(|b| b.id < DEMO_BOARD);
        let demo = Board {
            id: DEMO_BOARD,
            name: BOARD_NAME.to_string(),
            kind: "scrum",
            project: &PROJECTS[0],
        };
        boards.insert(at, demo);
        boards
    })
}

/// The board `id` names, or Jira's 404 for it.
pub fn find(id: &str) -> Result<&'static Board, JiraError> {
    id.parse::<u64>()
        .ok()
        .and_then(|n| all().iter().find(|b| b.id == n))
        .ok_or_else(|| JiraError::no_board(id))
}

/// The board whose filter `value` names (by id or name), for JQL's `filter = ...`.
pub fn by_filter(value: &str) -> Option<&'static Board> {
    all()
        .iter()
        .find(|b| b.filter_id().to_string() == value || b.filter_name().eq_ignore_ascii_case(value))
}

/// The project `value` names by key, id or name, for JQL's `project = ...`.
pub fn project_named(value: &str) -> Option<&'static Project> {
    PROJECTS.iter().find(|p| {
        p.key.eq_ignore_ascii_case(value)
            || p.id.to_string() == value
            || p.name.eq_ignore_ascii_case(value)
    })
}

pub fn board_json(base: &str, board: &Board) -> Value {
    let p = board.project;
    json!({
        "id": board.id,
        "self": format!("{base}/rest/agile/1.0/board/{}", board.id),
        "name": board.name,
        "type": board.kind,
        "location": {
            "projectId": p.id,
            "displayName": format!("{} ({})", p.name, p.key),
            "projectName": p.name,
            "projectKey": p.key,
            "projectTypeKey": "software",
            "avatarURI": format!("{base}/secure/projectavatar?size=small&pid={}", p.id),
            "name": format!("{} ({})", p.name, p.key),
        },
        "isPrivate": false,
    })
}

/// A board other than the demo's: one column per status category, as a new board has.
pub fn plain_configuration(base: &str, board: &Board) -> Value {
    let columns: Vec<Value> = [Category::ToDo, Category::InProgress, Category::Done]
        .into_iter()
        .map(|category| {
            let statuses: Vec<Value> = STATUSES
                .iter()
                .filter(|s| s.category == category)
                .map(
                    |s| json!({ "id": s.id, "self": format!("{base}/rest/api/2/status/{}", s.id) }),
                )
                .collect();
            json!({ "name": category.name(), "statuses": statuses })
        })
        .collect();
    let p = board.project;
    let filter = board.filter_id();
    let mut config = json!({
        "id": board.id,
        "name": board.name,
        "type": board.kind,
        "self": format!("{base}/rest/agile/1.0/board/{}/configuration", board.id),
        "location": { "type": "project", "key": p.key, "id": p.id.to_string(), "self": format!("{base}/rest/api/2/project/{}", p.id), "name": p.name },
        "filter": { "id": filter.to_string(), "self": format!("{base}/rest/api/2/filter/{filter}") },
        "columnConfig": { "columns": columns, "constraintType": "none" },
        "ranking": { "rankCustomFieldId": 10019 },
    });
    if board.has_sprints() {
        config["estimation"] = json!({ "type": "field", "field": { "fieldId": super::catalog::POINTS_FIELD, "displayName": "Story point estimate" } });
    }
    config
}

const TYPES: [&str; 3] = ["scrum", "kanban", "simple"];

/// `GET /rest/agile/1.0/board`: in id order, at most 50 a page.
pub async fn list(State(state): State<AppState>, params: Params) -> Reply {
    let (start, max) = params.window(50, 50)?;
    let types = params.list("type").unwrap_or_default();
    if let Some(bad) = types.iter().find(|t| !TYPES.contains(&t.as_str())) {
        return Err(JiraError::bad_request(format!(
            "The board type '{bad}' is not valid. Valid types are: scrum, kanban, simple."
        )));
    }
    let project = match params.get("projectKeyOrId").filter(|v| !v.is_empty()) {
        Some(v) => Some(project_named(v).ok_or_else(|| {
            JiraError::bad_request(format!("No project could be found with key or id '{v}'."))
        })?),
        None => None,
    };
    let name = params.get("name").unwrap_or_default().to_lowercase();
    let matching: Vec<&Board> = all()
        .iter()
        .filter(|b| types.is_empty() || types.iter().any(|t| t == b.kind))
        .filter(|b| project.is_none_or(|p| p.key == b.project.key))
        .filter(|b| b.name.to_lowercase().contains(&name))
        .collect();
    let values: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|b| board_json(&state.base, b))
        .collect();
    let is_last = start + values.len() >= matching.len();
    ok(json!({
        "maxResults": max,
        "startAt": start,
        "total": matching.len(),
        "isLast": is_last,
        "values": values,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::catalog::{FILTER_ID, PROJECT_ID};

    #[test]
    fn ids_are_unique_ordered_and_the_demo_is_the_platform_team_board() {
        let boards = all();
        assert_eq!(boards.len(), 65);
        assert!(boards.windows(2).all(|w| w[0].id < w[1].id));
        let demo = find(&DEMO_BOARD.to_string()).expect("demo board");
        assert_eq!(
            (demo.name.as_str(), demo.filter_id()),
            (BOARD_NAME, FILTER_ID)
        );
        let mut names: Vec<&str> = boards.iter().map(|b| b.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), boards.len(), "names are unique");
    }

    #[test]
    fn filters_and_projects_resolve_by_id_or_name() {
        assert_eq!(by_filter("10042").map(|b| b.id), Some(DEMO_BOARD));
        assert_eq!(by_filter(FILTER_NAME).map(|b| b.id), Some(DEMO_BOARD));
        assert_eq!(
            by_filter("10001").map(|b| b.name.as_str()),
            Some("Platform delivery")
        );
        assert!(by_filter("99").is_none());
        assert_eq!(project_named("pay").map(|p| p.id), Some(10001));
        assert_eq!(project_named(PROJECT_ID).map(|p| p.key), Some(PROJECT_KEY));
        assert!(project_named("NOPE").is_none());
    }
}
