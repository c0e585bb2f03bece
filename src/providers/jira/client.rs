//! Jira's endpoints and paging. Knows paths and query shapes; turning answers into domain
//! types is `map`'s job.

use super::dto::{
    BoardConfigDto, BoardDto, CloudSearchDto, DcSearchDto, FieldDto, IssueDto, SprintDto,
    SprintPageDto, TransitionDto, TransitionsDto, UserDto,
};
use crate::providers::ProviderError;
use crate::providers::http::{HttpClient, path_segment};
use std::collections::HashSet;

const PAGE_SIZE: &str = "50";
/// A broken server must not keep us paging forever: 200 pages of 50 is 10,000 cards.
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

    /// Every issue the JQL finds, in the order Jira returns them.
    pub async fn search(&self, jql: &str, fields: &str) -> Result<Vec<IssueDto>, ProviderError> {
        self.search_expanded(jql, fields, None).await
    }

    /// `expand` is Jira's list, e.g. `changelog`.
    pub async fn search_expanded(
        &self,
        jql: &str,
        fields: &str,
        expand: Option<&str>,
    ) -> Result<Vec<IssueDto>, ProviderError> {
        if self.cloud {
            self.search_cloud(jql, fields, expand).await
        } else {
            self.search_dc(jql, fields, expand).await
        }
    }

    async fn search_cloud(
        &self,
        jql: &str,
        fields: &str,
        expand: Option<&str>,
    ) -> Result<Vec<IssueDto>, ProviderError> {
        let path = "/rest/api/3/search/jql";
        let mut issues = Vec::new();
        let mut token: Option<String> = None;
        let mut seen = HashSet::new();
        for _ in 0..MAX_PAGES {
            let mut query = vec![("jql", jql), ("fields", fields), ("maxResults", PAGE_SIZE)];
            if let Some(expand) = expand {
                query.push(("expand", expand));
            }
            if let Some(t) = &token {
                query.push(("nextPageToken", t.as_str()));
            }
            let page: CloudSearchDto = self.http.get(path, &query).await?;
            issues.extend(page.issues);
            // The last page says isLast, and may still carry an empty token.
            match page.next_page_token.filter(|t| !t.is_empty()) {
                Some(next) if page.is_last != Some(true) => {
                    if !seen.insert(next.clone()) {
                        let msg = "the same nextPageToken came back twice; stopped paging";
                        return Err(self.http.decode_error(path, msg));
                    }
                    token = Some(next);
                }
                _ => return Ok(issues),
            }
        }
        Err(self.too_many_pages(path))
    }

    async fn search_dc(
        &self,
        jql: &str,
        fields: &str,
        expand: Option<&str>,
    ) -> Result<Vec<IssueDto>, ProviderError> {
        let path = "/rest/api/2/search";
        let mut issues = Vec::new();
        for _ in 0..MAX_PAGES {
            // The server may cap maxResults below ours, so the next offset is what we hold.
            let start_at = issues.len().to_string();
            let mut query = vec![
                ("jql", jql),
                ("fields", fields),
                ("startAt", start_at.as_str()),
                ("maxResults", PAGE_SIZE),
            ];
            if let Some(expand) = expand {
                query.push(("expand", expand));
            }
            let page: DcSearchDto = self.http.get(path, &query).await?;
            let got = page.issues.len();
            issues.extend(page.issues);
            if got == 0 || issues.len() as u64 >= page.total.unwrap_or(0) {
                return Ok(issues);
            }
        }
        Err(self.too_many_pages(path))
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
        let msg = format!(
            "still more after {MAX_PAGES} pages; narrow the board with `jql` in the [jira] config"
        );
        self.http.decode_error(path, &msg)
    }
}

/// `filter = F [AND sprint = S] [AND (extra)] ORDER BY Rank ASC`: the board's own filter in
/// the board's rank order.
pub fn jql(filter_id: u64, sprint: Option<u64>, extra: Option<&str>) -> String {
    let mut q = format!("filter = {filter_id}");
    if let Some(id) = sprint {
        q.push_str(&format!(" AND sprint = {id}"));
    }
    if let Some(extra) = extra.map(str::trim).filter(|e| !e.is_empty()) {
        q.push_str(&format!(" AND ({extra})"));
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
        assert_eq!(jql(10042, None, None), "filter = 10042 ORDER BY Rank ASC");
        assert_eq!(
            jql(10042, Some(7), Some(" assignee = currentUser() ")),
            "filter = 10042 AND sprint = 7 AND (assignee = currentUser()) ORDER BY Rank ASC"
        );
        assert_eq!(jql(1, None, Some("  ")), "filter = 1 ORDER BY Rank ASC");
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
