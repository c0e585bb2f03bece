//! Jira wire types -> domain. Every string from the server is sanitised here, once.

use super::dto::{BoardConfigDto, BoardDto, FieldDto, IssueDto, SprintDto, UserDto};
use super::{adf, values, wiki};
use crate::domain::text::sanitize;
use crate::domain::{BoardKind, Column, Issue, IssueKey, Person, Sprint, SprintState, StatusId};
use serde_json::Value;

/// The `schema.custom` of Jira Software's sprint field.
const SPRINT_FIELD: &str = "com.pyxis.greenhopper.jira:gh-sprint";

/// What a board is, fetched once: its name, kind, columns and the fields its cards use.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub name: String,
    pub kind: BoardKind,
    pub columns: Vec<Column>,
    pub filter_id: u64,
    /// A kanban board's sub-filter: without it a board loads every issue it ever finished.
    pub sub_query: Option<String>,
    pub points_field: Option<String>,
    pub sprint_field: Option<String>,
}

/// Where the board configuration makes no sense, says why.
pub fn setup(
    board: BoardDto,
    config: BoardConfigDto,
    fields: &[FieldDto],
) -> Result<Setup, String> {
    let filter = config
        .filter
        .ok_or("the board configuration names no filter")?;
    let filter_id = filter
        .id
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("the board filter id {:?} is not a number", line(&filter.id)))?;
    let columns = config
        .column_config
        .columns
        .into_iter()
        .map(|c| Column {
            name: line(&c.name),
            statuses: c.statuses.iter().map(|s| StatusId(line(&s.id))).collect(),
            min: c.min,
            max: c.max,
        })
        .collect();
    let sprint_field = fields
        .iter()
        .find(|f| f.schema.as_ref().and_then(|s| s.custom.as_deref()) == Some(SPRINT_FIELD))
        .map(|f| f.id.clone());
    Ok(Setup {
        name: line(&board.name),
        // Team-managed ("simple") boards are treated like kanban: no sprint requests.
        kind: if board.kind.eq_ignore_ascii_case("scrum") {
            BoardKind::Scrum
        } else {
            BoardKind::Kanban
        },
        columns,
        filter_id,
        sub_query: config
            .sub_query
            .and_then(|q| q.query)
            .filter(|q| !q.trim().is_empty()),
        points_field: config.estimation.and_then(|e| e.field).map(|f| f.field_id),
        sprint_field,
    })
}

pub fn sprint(dto: SprintDto) -> Sprint {
    Sprint {
        id: dto.id,
        name: line(&dto.name),
        state: match dto.state.to_ascii_lowercase().as_str() {
            "active" => SprintState::Active,
            "closed" => SprintState::Closed,
            _ => SprintState::Future,
        },
        goal: dto.goal.map(|g| line(&g)).filter(|g| !g.trim().is_empty()),
        start: dto.start_date.as_deref().and_then(values::parse_time),
        end: dto.end_date.as_deref().and_then(values::parse_time),
    }
}

/// What the cards of one board load share.
pub struct IssueContext<'a> {
    /// The configured URL without a trailing slash.
    pub base: &'a str,
    pub points_field: Option<&'a str>,
    pub sprint_field: Option<&'a str>,
    /// The sprint being shown, for cards whose sprint field was not sent.
    pub sprint_name: Option<&'a str>,
}

pub fn issue(dto: IssueDto, cx: &IssueContext<'_>) -> Issue {
    let f = dto.fields;
    let key = line(&dto.key);
    let custom = |id: Option<&str>| id.and_then(|id| f.custom.get(id));
    Issue {
        url: format!("{}/browse/{key}", cx.base),
        summary: line(f.summary.as_deref().unwrap_or("")),
        status: StatusId(line(&f.status.id)),
        status_name: line(&f.status.name),
        assignee: f.assignee.map(person),
        points: custom(cx.points_field).and_then(values::points),
        labels: f
            .labels
            .unwrap_or_default()
            .iter()
            .map(|l| line(l))
            .collect(),
        description: description(&f.description),
        sprint: custom(cx.sprint_field)
            .and_then(values::sprint_name)
            .map(|s| line(&s))
            .or_else(|| cx.sprint_name.map(str::to_string)),
        status_since: f
            .statuscategorychangedate
            .as_deref()
            .and_then(values::parse_time),
        key: IssueKey(key),
    }
}

/// Cloud identifies people by `accountId`, Data Center by `name` (Cloud sends `name: ""`).
pub fn person(dto: UserDto) -> Person {
    let pick = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let id = pick(dto.account_id)
        .or_else(|| pick(dto.name))
        .or_else(|| pick(dto.key))
        .map(|s| line(&s))
        .unwrap_or_default();
    let display_name = pick(dto.display_name)
        .map(|s| line(&s))
        .unwrap_or_else(|| id.clone());
    Person { id, display_name }
}

/// ADF on v3, wiki text on v2; decided by the JSON type so either API version works.
fn description(value: &Value) -> String {
    let text = match value {
        Value::Object(_) => adf::to_text(value),
        Value::String(s) => wiki::to_text(s),
        _ => String::new(),
    };
    sanitize(&text, true)
}

fn line(s: &str) -> String {
    sanitize(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::jira::dto::{BoardConfigDto, CloudSearchDto, DcSearchDto, SprintPageDto};
    use chrono::{TimeZone, Utc};

    macro_rules! fixture {
        ($name:literal) => {
            serde_json::from_str(include_str!(concat!(
                "../../../tests/fixtures/jira/",
                $name
            )))
            .unwrap()
        };
    }

    fn board_setup() -> Setup {
        let fields: Vec<FieldDto> = fixture!("fields.json");
        setup(
            fixture!("board-scrum.json"),
            fixture!("configuration.json"),
            &fields,
        )
        .unwrap()
    }

    fn cx(base: &str) -> IssueContext<'_> {
        IssueContext {
            base,
            points_field: Some("customfield_10016"),
            sprint_field: Some("customfield_10020"),
            sprint_name: None,
        }
    }

    fn column(name: &str, statuses: &[&str], min: Option<u32>, max: Option<u32>) -> Column {
        let statuses = statuses.iter().map(|s| StatusId(s.to_string())).collect();
        Column {
            name: name.into(),
            statuses,
            min,
            max,
        }
    }

    #[test]
    fn configuration_keeps_every_status_missing_limits_and_empty_columns() {
        let s = board_setup();
        assert_eq!(s.name, "Platform Team board");
        assert_eq!(s.kind, BoardKind::Scrum);
        assert_eq!(s.filter_id, 10042);
        assert_eq!(s.points_field.as_deref(), Some("customfield_10016"));
        assert_eq!(s.sprint_field.as_deref(), Some("customfield_10020"));
        assert_eq!(
            s.columns,
            vec![
                column("To Do", &["10000", "10001"], None, None),
                column("In Progress", &["3"], None, Some(3)),
                column("Code Review", &["10100", "10101"], Some(1), Some(2)),
                column("Blocked", &[], None, None),
                column("Done", &["10002"], None, None),
            ]
        );
    }

    #[test]
    fn configuration_without_a_usable_filter_is_explained() {
        let config = |filter: serde_json::Value| -> BoardConfigDto {
            serde_json::from_value(serde_json::json!({"filter": filter, "columnConfig": {}}))
                .unwrap()
        };
        let board = || fixture!("board-kanban.json");
        let err = setup(board(), config(serde_json::Value::Null), &[]).unwrap_err();
        assert_eq!(err, "the board configuration names no filter");
        let err = setup(
            board(),
            config(serde_json::json!({"id": "x\u{1b}[2J"})),
            &[],
        );
        assert_eq!(
            err.unwrap_err(),
            "the board filter id \"x\" is not a number"
        );
        let kanban = setup(board(), config(serde_json::json!({"id": 7})), &[]).unwrap();
        assert_eq!(
            (kanban.kind, kanban.points_field, kanban.sprint_field),
            (BoardKind::Kanban, None, None)
        );
    }

    #[test]
    fn cloud_issues_with_adf_null_assignee_and_missing_points() {
        let page: CloudSearchDto = fixture!("search-cloud-1.json");
        let issues: Vec<Issue> = page
            .issues
            .into_iter()
            .map(|i| issue(i, &cx("https://acme.atlassian.net")))
            .collect();
        let first = &issues[0];
        assert_eq!(first.key, IssueKey("PLAT-101".into()));
        assert_eq!(first.url, "https://acme.atlassian.net/browse/PLAT-101");
        assert_eq!(
            (first.status.0.as_str(), first.status_name.as_str()),
            ("3", "In Progress")
        );
        let ana = first.assignee.as_ref().unwrap();
        assert_eq!(
            (ana.id.as_str(), ana.display_name.as_str()),
            ("712020:5b10ac8d82e05b22cc7d4ef5", "Ana Kowalski")
        );
        assert_eq!(first.points, Some(3.0));
        assert_eq!(first.labels, ["backend", "k8s"]);
        assert_eq!(
            first.description,
            "The api pod takes traffic before migrations finish.\n\n• probe /healthz/ready"
        );
        assert_eq!(first.sprint.as_deref(), Some("Sprint 23"));
        assert_eq!(
            first.status_since,
            Some(Utc.with_ymd_and_hms(2026, 11, 20, 10, 15, 0).unwrap())
        );

        let hostile = &issues[1];
        assert_eq!(hostile.summary, "Fix title now");
        assert_eq!(
            (
                &hostile.assignee,
                hostile.points,
                hostile.description.as_str()
            ),
            (&None, None, "")
        );

        let page: CloudSearchDto = fixture!("search-cloud-2.json");
        let text_points = issue(page.issues.into_iter().next().unwrap(), &cx("https://x"));
        assert_eq!(text_points.points, Some(5.0));
    }

    #[test]
    fn data_center_issues_with_wiki_names_and_legacy_sprints() {
        let page: DcSearchDto = fixture!("search-dc-1.json");
        let mut issues = page
            .issues
            .into_iter()
            .map(|i| issue(i, &cx("https://jira.corp.example.com/jira")));
        let first = issues.next().unwrap();
        assert_eq!(first.url, "https://jira.corp.example.com/jira/browse/OPS-7");
        let bjorn = first.assignee.unwrap();
        assert_eq!(
            (bjorn.id.as_str(), bjorn.display_name.as_str()),
            ("bjorn.l", "Björn Lindqvist")
        );
        assert_eq!(
            first.description,
            "Why\nCVE fix, see the advisory (https://example.com/cve).\n• staging first\n• then prod"
        );
        assert_eq!(first.sprint.as_deref(), Some("Sprint 23"));
        assert_eq!(
            first.status_since,
            Some(Utc.with_ymd_and_hms(2026, 11, 19, 13, 2, 11).unwrap())
        );
        let bare = issues.next().unwrap();
        assert_eq!(
            (bare.labels.len(), bare.points, bare.status_since),
            (0, None, None)
        );

        let page: DcSearchDto = fixture!("search-dc-2.json");
        let shown = IssueContext {
            sprint_name: Some("Sprint 23"),
            ..cx("https://j")
        };
        let no_field = issue(page.issues.into_iter().next().unwrap(), &shown);
        assert_eq!(no_field.sprint.as_deref(), Some("Sprint 23"));
        assert_eq!(no_field.description, "    s3://logs/2025");
    }

    #[test]
    fn cloud_and_data_center_users() {
        let cloud = person(fixture!("myself-cloud.json"));
        assert_eq!(
            cloud,
            Person {
                id: "712020:5b10ac8d82e05b22cc7d4ef5".into(),
                display_name: "Ana Kowalski".into()
            }
        );
        let dc = person(fixture!("myself-dc.json"));
        assert_eq!(
            dc,
            Person {
                id: "bjorn.l".into(),
                display_name: "Björn Lindqvist".into()
            }
        );
        let nameless = person(serde_json::from_str(r#"{"key":"JIRAUSER1"}"#).unwrap());
        assert_eq!(
            (nameless.id.as_str(), nameless.display_name.as_str()),
            ("JIRAUSER1", "JIRAUSER1")
        );
    }

    #[test]
    fn sprints_with_dates_and_empty_goals() {
        let page: SprintPageDto = fixture!("sprints.json");
        let mut sprints = page.values.into_iter().map(sprint);
        let active = sprints.next().unwrap();
        assert_eq!(active.id, 7);
        assert_eq!(
            (active.name.as_str(), active.state),
            ("Sprint 23", SprintState::Active)
        );
        assert_eq!(
            active.goal.as_deref(),
            Some("Zero-downtime deploys for api")
        );
        assert_eq!(
            active.start,
            Some(Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap())
        );
        let future = sprints.next().unwrap();
        assert_eq!(
            (future.state, future.goal, future.end),
            (SprintState::Future, None, None)
        );
    }
}
