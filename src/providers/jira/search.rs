//! Jira's issue search, page by page: Cloud's `search/jql` by token, Data Center's `search` by
//! offset. Capped by cards, not pages, because the server picks its own page size (a probe's
//! server gave 20 per page, so a page cap stopped a 5,000-card board at 4,000). The next page
//! is asked for while the current one decodes.

use super::client::JiraClient;
use super::dto::{CloudSearchDto, DcSearchDto, IssueDto};
use crate::providers::ProviderError;
use crate::providers::http::HttpClient;
use futures::StreamExt;
use reqwest::Method;
use serde::Deserialize;
use std::collections::HashSet;

/// The most cards a board or a sprint loads; past it the board says it is cut.
pub const MAX_CARDS: usize = 10_000;
/// Cloud's `search/jql` gives at most 100 issues a page when fields are asked for; a server
/// that allows fewer simply sends fewer.
const CLOUD_PAGE: &str = "100";
/// Data Center caps `maxResults` at its `jira.search.views.default.max` (1,000 by default).
const DC_PAGE: &str = "1000";
/// Offset pages asked for ahead of the one being decoded.
const DC_AHEAD: usize = 3;
/// Empty Cloud pages in a row after which a server is taken to be looping.
const MAX_EMPTY_PAGES: usize = 20;
const CLOUD_PATH: &str = "/rest/api/3/search/jql";
const DC_PATH: &str = "/rest/api/2/search";

/// How a paged search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Searched {
    /// Cards handed on.
    pub held: usize,
    /// Set when the server had more than `MAX_CARDS`: how many it says it has, if it says.
    pub more: Option<Option<u64>>,
}

/// Only the paging part of a Cloud page, read before the issues are decoded.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CloudHead {
    next_page_token: Option<String>,
    is_last: Option<bool>,
}

/// One search's words; `expand` is Jira's list, e.g. `changelog`.
#[derive(Clone)]
pub struct Query {
    pub jql: String,
    pub fields: String,
    pub expand: Option<String>,
}

impl JiraClient {
    /// Every issue the JQL finds, up to `MAX_CARDS`, handed to `page` as each page arrives in
    /// the order Jira returns them, with the total where the server tells it.
    pub async fn search_pages(
        &self,
        query: &Query,
        mut page: impl FnMut(Vec<IssueDto>, Option<u64>) + Send,
    ) -> Result<Searched, ProviderError> {
        if self.is_cloud() {
            cloud(self.http(), query, &mut page).await
        } else {
            dc(self.http(), query, &mut page).await
        }
    }

    /// Every issue the JQL finds; more than `MAX_CARDS` is an error, since a sprint's figures
    /// from part of its issues would be wrong without saying so.
    pub async fn search(&self, query: &Query) -> Result<Vec<IssueDto>, ProviderError> {
        let mut issues = Vec::new();
        let searched = self.search_pages(query, |p, _| issues.extend(p)).await?;
        if let Some(total) = searched.more {
            let path = if self.is_cloud() { CLOUD_PATH } else { DC_PATH };
            let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
            let message = format!(
                "only the first {MAX_CARDS}{of} issues are read; narrow the board with `jql` in the [jira] config"
            );
            return Err(self.http().decode_error(path, &message));
        }
        Ok(issues)
    }

    /// Jira Cloud's estimate of how many issues a JQL finds (its search pages carry no total);
    /// `None` where the server does not offer it.
    pub async fn approximate_count(&self, jql: &str) -> Option<u64> {
        #[derive(Deserialize)]
        struct Count {
            count: u64,
        }
        let path = "/rest/api/3/search/approximate-count";
        let body = self
            .http()
            .post(path, &serde_json::json!({ "jql": jql }))
            .await
            .ok()?;
        self.http()
            .decode::<Count>(path, &body)
            .ok()
            .map(|c| c.count)
    }
}

async fn cloud(
    http: &HttpClient,
    query: &Query,
    page: &mut (impl FnMut(Vec<IssueDto>, Option<u64>) + Send),
) -> Result<Searched, ProviderError> {
    let mut held = 0;
    let mut empty_run = 0;
    let mut seen = HashSet::new();
    let mut next = Some(Ahead::start(http, query, None));
    while let Some(fetch) = next.take() {
        let body = fetch.body(http).await?;
        let head: CloudHead = http.decode(CLOUD_PATH, &body)?;
        // The last page says isLast, and may still carry an empty token.
        let token = head
            .next_page_token
            .filter(|t| !t.is_empty() && head.is_last != Some(true));
        if let Some(token) = token {
            if !seen.insert(token.clone()) {
                let msg = "the same nextPageToken came back twice; stopped paging";
                return Err(http.decode_error(CLOUD_PATH, msg));
            }
            next = Some(Ahead::start(http, query, Some(token)));
        }
        let decoded: CloudSearchDto = http.decode(CLOUD_PATH, &body)?;
        let got = decoded.issues.len();
        held += got;
        page(decoded.issues, None);
        if held >= MAX_CARDS && next.is_some() {
            return Ok(Searched {
                held,
                more: Some(None),
            });
        }
        // Jira may send a page emptied by permissions, but not page after page of them.
        empty_run = if got == 0 { empty_run + 1 } else { 0 };
        if empty_run == MAX_EMPTY_PAGES {
            let msg = format!("{MAX_EMPTY_PAGES} pages in a row held no issue; stopped paging");
            return Err(http.decode_error(CLOUD_PATH, &msg));
        }
    }
    Ok(Searched { held, more: None })
}

/// A Cloud page asked for ahead of need; dropped unread, the request is abandoned.
struct Ahead(tokio::task::JoinHandle<Result<Vec<u8>, ProviderError>>);

impl Ahead {
    fn start(http: &HttpClient, query: &Query, token: Option<String>) -> Self {
        Ahead(tokio::spawn(cloud_page(http.clone(), query.clone(), token)))
    }

    async fn body(mut self, http: &HttpClient) -> Result<Vec<u8>, ProviderError> {
        (&mut self.0)
            .await
            .map_err(|e| http.network_error(&format!("a search page was lost: {e}")))?
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.0.abort();
    }
}

async fn cloud_page(
    http: HttpClient,
    query: Query,
    token: Option<String>,
) -> Result<Vec<u8>, ProviderError> {
    let mut words = vec![
        ("jql", query.jql.as_str()),
        ("fields", query.fields.as_str()),
        ("maxResults", CLOUD_PAGE),
    ];
    if let Some(expand) = &query.expand {
        words.push(("expand", expand));
    }
    if let Some(token) = &token {
        words.push(("nextPageToken", token));
    }
    get_body(&http, CLOUD_PATH, &words).await
}

async fn get_body(
    http: &HttpClient,
    path: &str,
    query: &[(&str, &str)],
) -> Result<Vec<u8>, ProviderError> {
    let reply = http
        .exchange(Method::GET, path, query, &[], None::<&()>)
        .await?;
    if reply.status.is_success() {
        Ok(reply.body)
    } else {
        Err(http.status_error(path, &reply))
    }
}

async fn dc_page(
    http: &HttpClient,
    query: &Query,
    start: usize,
) -> Result<DcSearchDto, ProviderError> {
    let start_at = start.to_string();
    let mut words = vec![
        ("jql", query.jql.as_str()),
        ("fields", query.fields.as_str()),
        ("startAt", start_at.as_str()),
        ("maxResults", DC_PAGE),
    ];
    if let Some(expand) = &query.expand {
        words.push(("expand", expand));
    }
    http.get(DC_PATH, &words).await
}

/// The first page tells the server's page size and the total; the pages after it are asked
/// for a few at a time and handed on in order. Should a page come back short (issues moved
/// between pages), the rest is read one page at a time from what is held.
async fn dc(
    http: &HttpClient,
    query: &Query,
    page: &mut (impl FnMut(Vec<IssueDto>, Option<u64>) + Send),
) -> Result<Searched, ProviderError> {
    let first = dc_page(http, query, 0).await?;
    let size = first.issues.len();
    let total = first.total.unwrap_or(0);
    let target = usize::try_from(total).unwrap_or(usize::MAX).min(MAX_CARDS);
    let mut held = size;
    page(first.issues, first.total);
    if size > 0 && held < target {
        let offsets = (size..target).step_by(size);
        let mut ahead = futures::stream::iter(offsets)
            .map(|start| dc_page(http, query, start))
            .buffered(DC_AHEAD);
        while let Some(next) = ahead.next().await {
            let got = next?.issues;
            let short = got.len() < size;
            held += got.len();
            page(got, first.total);
            if short {
                break;
            }
        }
        while held < target {
            let got = dc_page(http, query, held).await?.issues;
            if got.is_empty() {
                break;
            }
            held += got.len();
            page(got, first.total);
        }
    }
    let more = (total > held as u64 && held >= MAX_CARDS).then_some(Some(total));
    Ok(Searched { held, more })
}
