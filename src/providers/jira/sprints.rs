//! The Agile sprint endpoints and Cloud's changelog pages.

use super::changelog::{ChangelogPageDto, HistoryDto};
use super::client::{JiraClient, MAX_PAGES};
use super::dto::{SprintDto, SprintPageDto};
use crate::providers::ProviderError;
use crate::providers::http::path_segment;

/// Every sprint of the board in Jira's order (closed by sequence, then active, then future).
pub async fn all(client: &JiraClient) -> Result<Vec<SprintDto>, ProviderError> {
    let path = format!("/rest/agile/1.0/board/{}/sprint", client.board_id());
    let mut sprints = Vec::new();
    for _ in 0..MAX_PAGES {
        let start_at = sprints.len().to_string();
        let query = [
            ("state", "closed,active,future"),
            ("startAt", start_at.as_str()),
        ];
        let page: SprintPageDto = client.on_board(client.http().get(&path, &query).await)?;
        let count = page.values.len();
        sprints.extend(page.values);
        if page.is_last != Some(false) || count == 0 {
            return Ok(sprints);
        }
    }
    Err(client.too_many_pages(&path))
}

pub async fn one(client: &JiraClient, id: u64) -> Result<SprintDto, ProviderError> {
    let path = format!("/rest/agile/1.0/sprint/{id}");
    client.http().get(&path, &[]).await.map_err(|e| match e {
        ProviderError::NotFound(_) => ProviderError::NotFound(format!(
            "Jira sprint {id} was not found, or the token cannot see it"
        )),
        other => other,
    })
}

/// The whole changelog of one issue, oldest first, from Cloud's paged endpoint.
pub async fn changelog(client: &JiraClient, key: &str) -> Result<Vec<HistoryDto>, ProviderError> {
    let segment = path_segment(key)
        .ok_or_else(|| ProviderError::Rejected(format!("{key:?} is not a Jira issue key")))?;
    let path = format!("{}/issue/{segment}/changelog", client.api());
    let mut histories = Vec::new();
    for _ in 0..MAX_PAGES {
        let start_at = histories.len().to_string();
        let query = [("startAt", start_at.as_str()), ("maxResults", "100")];
        let page: ChangelogPageDto =
            client.on_issue(key, client.http().get(&path, &query).await)?;
        let count = page.values.len();
        histories.extend(page.values);
        let complete = page
            .total
            .is_some_and(|total| histories.len() as u64 >= total);
        if count == 0 || page.is_last == Some(true) || complete {
            return Ok(histories);
        }
    }
    Err(client.too_many_pages(&path))
}
