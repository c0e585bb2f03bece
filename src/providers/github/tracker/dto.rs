//! Wire types of the Projects v2 page query (`query::PROJECT_PAGE`) and of `GET /user`.
//! Lists may hold `null` nodes (items the token cannot see), so nodes are `Option`s.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageData {
    /// `null` when no user or organisation has the login.
    pub repository_owner: Option<OwnerDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerDto {
    /// Absent when the owner is not a `ProjectV2Owner`; `null` when the number is unknown.
    #[serde(default)]
    pub project_v2: Option<ProjectDto>,
}

#[derive(Debug, Deserialize)]
pub struct ProjectDto {
    pub id: String,
    pub title: String,
    pub url: String,
    pub fields: Nodes<FieldDto>,
    pub items: ItemPage,
}

#[derive(Debug, Deserialize)]
pub struct Nodes<T> {
    #[serde(default = "Vec::new")]
    pub nodes: Vec<Option<T>>,
}

impl<T> Nodes<T> {
    pub fn into_vec(self) -> Vec<T> {
        self.nodes.into_iter().flatten().collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDto {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// `SINGLE_SELECT`, `ITERATION`, `NUMBER`...; kept as text so new types do not fail.
    #[serde(default)]
    pub data_type: String,
    #[serde(default)]
    pub options: Vec<OptionDto>,
    pub configuration: Option<IterationConfigDto>,
}

#[derive(Debug, Deserialize)]
pub struct OptionDto {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IterationConfigDto {
    #[serde(default)]
    pub iterations: Vec<IterationDto>,
    #[serde(default)]
    pub completed_iterations: Vec<IterationDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct IterationDto {
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    /// Days.
    pub duration: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemPage {
    pub page_info: PageInfo,
    #[serde(default = "Vec::new")]
    pub nodes: Vec<Option<ItemDto>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    pub has_next_page: bool,
    pub end_cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemDto {
    pub id: String,
    #[serde(default)]
    pub is_archived: bool,
    pub created_at: Option<String>,
    pub field_values: Nodes<FieldValueDto>,
    /// `null` for items the token may not read (type `REDACTED`).
    pub content: Option<ContentDto>,
}

/// The field a value belongs to.
#[derive(Debug, Deserialize)]
pub struct FieldRef {
    #[serde(default)]
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "__typename")]
pub enum FieldValueDto {
    #[serde(
        rename = "ProjectV2ItemFieldSingleSelectValue",
        rename_all = "camelCase"
    )]
    SingleSelect {
        option_id: Option<String>,
        updated_at: Option<String>,
        field: FieldRef,
    },
    #[serde(rename = "ProjectV2ItemFieldIterationValue", rename_all = "camelCase")]
    Iteration {
        iteration_id: String,
        title: String,
        field: FieldRef,
    },
    #[serde(rename = "ProjectV2ItemFieldNumberValue")]
    Number {
        number: Option<f64>,
        field: FieldRef,
    },
    /// Text, date, label, user... values: not read.
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "__typename")]
pub enum ContentDto {
    Issue(WorkDto),
    PullRequest(WorkDto),
    DraftIssue(DraftDto),
    #[serde(other)]
    Other,
}

/// An issue or a pull request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkDto {
    pub number: u64,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub closed: bool,
    pub closed_at: Option<String>,
    pub repository: RepositoryDto,
    pub assignees: Nodes<UserDto>,
    /// `null` when labels are not available for the content.
    pub labels: Option<Nodes<LabelDto>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftDto {
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub assignees: Nodes<UserDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryDto {
    pub name_with_owner: String,
}

/// A GraphQL `User` or a REST simple user: `name` is optional in both.
#[derive(Debug, Deserialize)]
pub struct UserDto {
    pub login: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LabelDto {
    pub name: String,
}
