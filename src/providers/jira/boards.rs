//! The boards a token can see (`GET /rest/agile/1.0/board`), a page at a time, for picking
//! one when the config is written. Cloud and Data Center answer the same shape.

use super::auth::auth;
use crate::config::{JiraAuth, Secret, TokenSource};
use crate::domain::text::sanitize;
use crate::providers::ProviderError;
use crate::providers::http::{HttpClient, Network};
use serde::Deserialize;

const PATH: &str = "/rest/agile/1.0/board";
/// Jira's own default and cap for this list.
pub const PAGE_SIZE: usize = 50;

/// One board as a list shows it; every text is sanitised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardSummary {
    pub id: u64,
    pub name: String,
    /// `scrum`, `kanban` or `simple`.
    pub kind: String,
    /// "Platform (PLAT)", when the board lives in a project.
    pub project: Option<String>,
}

/// One page of boards and where the next starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardPage {
    pub boards: Vec<BoardSummary>,
    /// `startAt` of the next page; `None` on the last.
    pub next: Option<usize>,
    /// How many boards match in all, when Jira says.
    pub total: Option<usize>,
}

/// Where the boards are read: a site and a token, no board yet.
pub struct BoardDirectory {
    http: HttpClient,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageDto {
    #[serde(default)]
    values: Vec<BoardDto>,
    start_at: Option<usize>,
    total: Option<usize>,
    is_last: Option<bool>,
}

#[derive(Deserialize)]
struct BoardDto {
    id: u64,
    /// Private boards come without name and type.
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    location: Option<LocationDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LocationDto {
    display_name: Option<String>,
    project_key: Option<String>,
    project_name: Option<String>,
}

impl BoardDirectory {
    /// `kind` picks Basic email:token (Cloud) or a Bearer PAT (Data Center), as the provider.
    pub fn new(
        base_url: &str,
        kind: JiraAuth,
        email: Option<String>,
        token: Secret,
        token_source: TokenSource,
    ) -> Result<Self, ProviderError> {
        let auth = auth(kind, email, token)?;
        let http = HttpClient::new("Jira", base_url, auth, token_source, &Network::default())?;
        Ok(Self { http })
    }

    /// The boards whose name contains `name` (any case; empty for all), from `start`.
    pub async fn page(&self, name: &str, start: usize) -> Result<BoardPage, ProviderError> {
        let start_at = start.to_string();
        let size = PAGE_SIZE.to_string();
        let mut query = vec![
            ("startAt", start_at.as_str()),
            ("maxResults", size.as_str()),
        ];
        let name = name.trim();
        if !name.is_empty() {
            query.push(("name", name));
        }
        let dto: PageDto = self.http.get(PATH, &query).await?;
        Ok(page(dto, start))
    }
}

fn page(dto: PageDto, asked: usize) -> BoardPage {
    let start = dto.start_at.unwrap_or(asked);
    let count = dto.values.len();
    let end = start + count;
    // Data Center may omit `isLast`; then the total decides, and an empty page always ends.
    let last = count == 0
        || dto
            .is_last
            .unwrap_or_else(|| dto.total.is_none_or(|total| end >= total));
    BoardPage {
        boards: dto.values.into_iter().map(board).collect(),
        next: (!last).then_some(end),
        total: dto.total,
    }
}

fn board(dto: BoardDto) -> BoardSummary {
    let line = |text: &str| sanitize(text, false).trim().to_string();
    let project = dto.location.and_then(|l| {
        let named = match (l.project_name, l.project_key) {
            (Some(name), Some(key)) => Some(format!("{name} ({key})")),
            (name, key) => name.or(key),
        };
        l.display_name.or(named)
    });
    BoardSummary {
        id: dto.id,
        name: dto
            .name
            .map_or_else(|| format!("board {} (private)", dto.id), |n| line(&n)),
        kind: dto.kind.as_deref().map(line).unwrap_or_default(),
        project: project.as_deref().map(line).filter(|p| !p.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(json: &str) -> PageDto {
        serde_json::from_str(json).expect("a board page")
    }

    #[test]
    fn a_middle_page_points_at_the_next_and_texts_are_sanitised() {
        let dto = decode(
            r#"{"maxResults":2,"startAt":1,"total":5,"isLast":false,"values":[
              {"id":84,"self":"https://x/rest/agile/1.0/board/84","name":"scrum \u001b[2Jboard","type":"scrum",
               "location":{"projectKey":"PLAT","displayName":"Platform (PLAT)","projectName":"Platform"}},
              {"id":92,"name":"kanban board","type":"kanban"}]}"#,
        );
        let page = page(dto, 1);
        assert_eq!(page.next, Some(3));
        assert_eq!(page.total, Some(5));
        assert_eq!(
            page.boards[0],
            BoardSummary {
                id: 84,
                name: "scrum board".into(),
                kind: "scrum".into(),
                project: Some("Platform (PLAT)".into()),
            }
        );
        assert_eq!(page.boards[1].project, None);
    }

    #[test]
    fn the_last_page_is_told_by_is_last_then_total_then_emptiness() {
        let last =
            decode(r#"{"startAt":50,"total":52,"isLast":true,"values":[{"id":1},{"id":2}]}"#);
        assert_eq!(page(last, 50).next, None);
        let by_total = decode(r#"{"startAt":0,"total":2,"values":[{"id":1},{"id":2}]}"#);
        assert_eq!(page(by_total, 0).next, None);
        let more = decode(r#"{"startAt":0,"total":3,"values":[{"id":1},{"id":2}]}"#);
        assert_eq!(page(more, 0).next, Some(2));
        let empty = decode(r#"{"startAt":0,"isLast":false,"values":[]}"#);
        assert_eq!(page(empty, 0).next, None);
    }

    #[test]
    fn private_boards_and_bare_locations_still_read() {
        let dto = decode(
            r#"{"isLast":true,"values":[{"id":7},{"id":8,"name":"Ops","location":{"projectKey":"OPS"}}]}"#,
        );
        let boards = page(dto, 0).boards;
        assert_eq!(boards[0].name, "board 7 (private)");
        assert_eq!(boards[1].project.as_deref(), Some("OPS"));
    }
}
