//! Wire types of `GET /repos/{owner}/{repo}/issues` (the parts the board reads).

use super::super::dto::UserDto;
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Debug, Deserialize)]
pub struct IssueDto {
    pub number: u64,
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    pub html_url: String,
    /// `open` or `closed`.
    pub state: String,
    #[serde(default)]
    pub labels: Vec<LabelDto>,
    #[serde(default)]
    pub assignees: Option<Vec<UserDto>>,
    pub closed_at: Option<String>,
    /// Present on pull requests, which the issues list includes.
    #[serde(default)]
    pub pull_request: Option<IgnoredAny>,
}

impl IssueDto {
    pub fn is_pull_request(&self) -> bool {
        self.pull_request.is_some()
    }
}

/// GitHub documents a label as either its name or an object with one.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LabelDto {
    Name(String),
    Object {
        #[serde(default)]
        name: Option<String>,
    },
}

impl LabelDto {
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Name(name) => Some(name),
            Self::Object { name } => name.as_deref(),
        }
    }
}
