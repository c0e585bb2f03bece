//! Jira's endpoints and paging. Knows paths and query shapes; turning answers into domain
//! types is `map`'s job.

use super::dto::{
    BoardConfigDto, BoardDto, FieldDto, SprintDto, SprintPageDto, TransitionDto, TransitionsDto,
    UserDto,
};
use crate::providers::ProviderError;
use crate::providers::http::{HttpClient, path_segment};

/// A broken server must not keep us paging through sprints forever.
pub const MAX_PAGES: usize = 200;
const FIELDS: &str = "summary,status,assignee,labels,description,statuscategorychangedate";

pub struct JiraClient {
    http: HttpClient,
    /// Cloud speaks REST v3 with token paging; Data Center REST v2 with offsets.
    cloud: bool,
    board: u64,
}

impl JiraClient {
    pub fn new(http: HttpClient, cloud: bool, board: u64) -> Self {
        Self { http, cloud, board }
    }

    /// Replaces the total per-request timeout.
    pub fn with_timeout(mut self, total: std::time::Duration) -> Self {
        self.http = self.http.with_timeout(total);
        self
    }

    pub fn base(&self) -> &str {
        self.http.base()
    }

    /// For the sprint and changelog requests, which live in their own module.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    pub fn board_id(&self) -> u64 {
        self.board
    }

    pub fn is_cloud(&self) -> bool {
        self.cloud
    }

    pub fn api(&self) -> &'static str {
        if self.cloud {
            "/rest/api/3"
        } else {
            "/rest/api/2"
        }
    }

    pub async fn board(&self) -> Result<BoardDto, ProviderError> {
        let path = format!("/rest/agile/1.0/board/{}", self.board);
        self.on_board(self.http.get(&path, &[]).await)
    }

    pub async fn configuration(&self) -> Result<BoardConfigDto, ProviderError> {
        let path = format!("/rest/agile/1.0/board/{}/configuration", self.board);
        self.on_board(self.http.get(&path, &[]).await)
    }

    pub async fn fields(&self) -> Result<Vec<FieldDto>, ProviderError> {
        self.http.get(&format!("{}/field", self.api()), &[]).await
    }

    pub async fn myself(&self) -> Result<UserDto, ProviderError> {
        self.http.get(&format!("{}/myself", self.api()), &[]).await
    }

    /// The first active sprint, paging through `state=active,future` until one shows up.
    pub async fn active_sprint(&self) -> Result<Option<SprintDto>, ProviderError> {
        let path = format!("/rest/agile/1.0/board/{}/sprint", self.board);
        let mut start = 0usize;
        for _ in 0..MAX_PAGES {
            let start_at = start.to_string();
            let query = [("state", "active,future"), ("startAt", start_at.as_str())];
            let page: SprintPageDto = self.on_board(self.http.get(&path, &query).await)?;
            let count = page.values.len();
            let last = page.is_last != Some(false) || count == 0;
            let active = page
                .values
                .into_iter()
                .find(|s| s.state.eq_ignore_ascii_case("active"));
            if active.is_some() || last {
                return Ok(active);
            }
            start += count;
        }
        Err(self.too_many_pages(&path))
    }

    pub async fn transitions(&self, key: &str) -> Result<Vec<TransitionDto>, ProviderError> {
        let path = self.transitions_path(key)?;
        let answer: TransitionsDto = self.on_issue(key, self.http.get(&path, &[]).await)?;
        Ok(answer.transitions)
    }

    pub async fn transition(&self, key: &str, id: &str) -> Result<(), ProviderError> {
        let path = self.transitions_path(key)?;
        let body = serde_json::json!({ "transition": { "id": id } });
        self.on_issue(key, self.http.post(&path, &body).await)?;
        Ok(())
    }

    fn transitions_path(&self, key: &str) -> Result<String, ProviderError> {
        let segment = path_segment(key)
            .ok_or_else(|| ProviderError::Rejected(format!("{key:?} is not a Jira issue key")))?;
        Ok(format!("{}/issue/{segment}/transitions", self.api()))
    }

    pub fn on_board<T>(&self, result: Result<T, ProviderError>) -> Result<T, ProviderError> {
        result.map_err(|e| match e {
            ProviderError::NotFound(_) => ProviderError::NotFound(format!(
                "Jira board {} was not found, or the token cannot see it",
                self.board
            )),
            other => other,
        })
    }

    pub fn on_issue<T>(
        &self,
        key: &str,
        result: Result<T, ProviderError>,
    ) -> Result<T, ProviderError> {
        result.map_err(|e| match e {
            ProviderError::NotFound(_) => ProviderError::NotFound(format!(
                "Jira issue {key} was not found, or the token cannot see it"
            )),
            other => other,
        })
    }

    pub fn too_many_pages(&self, path: &str) -> ProviderError {
        let msg = format!("still more after {MAX_PAGES} pages; the server keeps sending pages");
        self.http.decode_error(path, &msg)
    }
}

/// The board's own filter in the board's rank order: `filter = F [AND sprint = S]
/// [AND (kanban sub-filter)] [AND (extra)] ORDER BY Rank ASC`.
pub fn jql(filter_id: u64, sprint: Option<u64>, sub: Option<&str>, extra: Option<&str>) -> String {
    let mut q = format!("filter = {filter_id}");
    if let Some(id) = sprint {
        q.push_str(&format!(" AND sprint = {id}"));
    }
    for clause in [sub, extra].into_iter().flatten() {
        let clause = clause.trim();
        if !clause.is_empty() {
            q.push_str(&format!(" AND ({clause})"));
        }
    }
    q.push_str(" ORDER BY Rank ASC");
    q
}

/// Only what a card shows: without `fields` Cloud returns bare ids.
pub fn fields(points: Option<&str>, sprint: Option<&str>) -> String {
    [Some(FIELDS), points, sprint]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jql_inserts_sprint_and_extra_before_order() {
        assert_eq!(
            jql(10042, None, None, None),
            "filter = 10042 ORDER BY Rank ASC"
        );
        assert_eq!(
            jql(10042, Some(7), None, Some(" assignee = currentUser() ")),
            "filter = 10042 AND sprint = 7 AND (assignee = currentUser()) ORDER BY Rank ASC"
        );
        assert_eq!(
            jql(1, None, None, Some("  ")),
            "filter = 1 ORDER BY Rank ASC"
        );
    }

    #[test]
    fn a_kanban_sub_filter_narrows_the_board_before_the_extra_jql() {
        assert_eq!(
            jql(
                5,
                None,
                Some("resolution = EMPTY OR resolved >= -14d"),
                Some("team = ops")
            ),
            "filter = 5 AND (resolution = EMPTY OR resolved >= -14d) AND (team = ops) ORDER BY Rank ASC"
        );
    }

    #[test]
    fn fields_add_points_and_sprint_when_known() {
        assert_eq!(
            fields(Some("customfield_10016"), Some("customfield_10020")),
            "summary,status,assignee,labels,description,statuscategorychangedate,customfield_10016,customfield_10020"
        );
        assert_eq!(fields(None, None), FIELDS);
    }
}
