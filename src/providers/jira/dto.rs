//! Jira's wire shapes, only the parts shipdeck reads. Lenient where Jira varies between
//! Cloud and Data Center (ids as strings or numbers, optional lists, null fields).

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// `GET /rest/agile/1.0/board/{id}`.
#[derive(Debug, Deserialize)]
pub struct BoardDto {
    pub name: String,
    #[serde(rename = "type", default)]
    pub kind: String,
}

/// `GET /rest/agile/1.0/board/{id}/configuration`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardConfigDto {
    pub filter: Option<IdRef>,
    pub column_config: ColumnConfigDto,
    pub estimation: Option<EstimationDto>,
    /// Kanban only: the board's sub-filter, e.g. `resolution = EMPTY OR resolved >= -14d`.
    pub sub_query: Option<SubQueryDto>,
}

#[derive(Debug, Deserialize)]
pub struct SubQueryDto {
    pub query: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ColumnConfigDto {
    #[serde(default)]
    pub columns: Vec<ColumnDto>,
}

#[derive(Debug, Deserialize)]
pub struct ColumnDto {
    pub name: String,
    #[serde(default)]
    pub statuses: Vec<IdRef>,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

#[derive(Debug, Deserialize)]
pub struct EstimationDto {
    pub field: Option<EstimationFieldDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstimationFieldDto {
    pub field_id: String,
}

/// Anything Jira refers to by `{"id": ..}` (statuses, filters).
#[derive(Debug, Deserialize)]
pub struct IdRef {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
}

/// One entry of `GET /rest/api/{v}/field`.
#[derive(Debug, Deserialize)]
pub struct FieldDto {
    pub id: String,
    /// Data Center changelog items name fields by this, not by id.
    #[serde(default)]
    pub name: String,
    pub schema: Option<FieldSchemaDto>,
}

#[derive(Debug, Deserialize)]
pub struct FieldSchemaDto {
    pub custom: Option<String>,
}

/// `GET /rest/agile/1.0/board/{id}/sprint`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SprintPageDto {
    #[serde(default)]
    pub values: Vec<SprintDto>,
    pub is_last: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SprintDto {
    pub id: u64,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub name: String,
    pub goal: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// Cloud `GET /rest/api/3/search/jql`: the issues of a page (its token is read on its own).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudSearchDto {
    #[serde(default)]
    pub issues: Vec<IssueDto>,
}

/// Data Center `GET /rest/api/2/search`: offset paging.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DcSearchDto {
    #[serde(default)]
    pub issues: Vec<IssueDto>,
    pub total: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub struct IssueDto {
    pub key: String,
    pub fields: IssueFieldsDto,
    /// Only with `expand=changelog`.
    pub changelog: Option<super::changelog::ChangelogDto>,
}

#[derive(Debug, Deserialize)]
pub struct IssueFieldsDto {
    pub summary: Option<String>,
    pub status: StatusDto,
    pub assignee: Option<UserDto>,
    pub labels: Option<Vec<String>>,
    /// ADF document on v3, wiki text on v2, or null.
    #[serde(default)]
    pub description: Value,
    pub statuscategorychangedate: Option<String>,
    /// The board's custom fields (points, sprint), whose ids are only known at run time.
    #[serde(flatten)]
    pub custom: Map<String, Value>,
}

#[derive(Debug, Deserialize)]
pub struct StatusDto {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    #[serde(default)]
    pub name: String,
}

/// Cloud users carry `accountId`; Data Center users `name` and `key`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserDto {
    pub account_id: Option<String>,
    pub name: Option<String>,
    pub key: Option<String>,
    pub display_name: Option<String>,
}

/// `GET /rest/api/{v}/issue/{key}/transitions`.
#[derive(Debug, Deserialize)]
pub struct TransitionsDto {
    #[serde(default)]
    pub transitions: Vec<TransitionDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransitionDto {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    pub to: Option<IdRef>,
    pub is_available: Option<bool>,
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected an id (string or number), found {}",
            kind(&other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
