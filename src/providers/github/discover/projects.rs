//! The viewer's own Projects v2 and those of every organisation they belong to, each
//! connection followed by its cursor.

use super::{ProjectSummary, line};
use crate::providers::ProviderError;
use crate::providers::github::GithubClient;
use serde::Deserialize;
use serde_json::{Value, json};

/// A broken server must not keep us paging forever: this many pages per connection.
const MAX_PAGES: usize = 20;

const PROJECT_PAGE: &str = "fragment ProjectPage on ProjectV2Connection { \
    nodes { number title closed } pageInfo { hasNextPage endCursor } }";

const FIRST: &str = "query Discover($first: Int!) { viewer { login \
    projectsV2(first: $first) { ...ProjectPage } \
    organizations(first: $first) { nodes { login projectsV2(first: $first) { ...ProjectPage } } \
    pageInfo { hasNextPage endCursor } } } }";

const VIEWER_MORE: &str = "query ViewerProjects($first: Int!, $after: String) { viewer { \
    projectsV2(first: $first, after: $after) { ...ProjectPage } } }";

const ORGS_MORE: &str = "query Organizations($first: Int!, $after: String) { viewer { \
    organizations(first: $first, after: $after) { nodes { login \
    projectsV2(first: $first) { ...ProjectPage } } pageInfo { hasNextPage endCursor } } } }";

const ORG_MORE: &str = "query OrganizationProjects($login: String!, $first: Int!, $after: String) { \
    organization(login: $login) { projectsV2(first: $first, after: $after) { ...ProjectPage } } }";

/// Who the token belongs to, and every open project it can see, owner by owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectList {
    pub viewer: String,
    pub projects: Vec<ProjectSummary>,
}

#[derive(Deserialize)]
struct FirstDto {
    viewer: ViewerDto,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ViewerDto {
    login: Option<String>,
    projects_v2: Option<PageDto<ProjectDto>>,
    organizations: Option<PageDto<OrgDto>>,
}

#[derive(Deserialize)]
struct OrgOnlyDto {
    organization: Option<OwnerProjectsDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OwnerProjectsDto {
    projects_v2: PageDto<ProjectDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OrgDto {
    login: String,
    projects_v2: PageDto<ProjectDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageDto<T> {
    #[serde(default = "Vec::new")]
    nodes: Vec<Option<T>>,
    page_info: PageInfoDto,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfoDto {
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
struct ProjectDto {
    number: u64,
    title: String,
    #[serde(default)]
    closed: bool,
}

impl<T> PageDto<T> {
    /// The cursor to ask after, when there is more.
    fn next(&self) -> Option<String> {
        self.page_info
            .end_cursor
            .clone()
            .filter(|_| self.page_info.has_next_page)
    }
}

/// Every open project of the viewer and their organisations, `first` per page.
pub async fn projects(client: &GithubClient, first: u32) -> Result<ProjectList, ProviderError> {
    let query = |text: &str| format!("{text} {PROJECT_PAGE}");
    let first_page: FirstDto = client
        .graphql(&query(FIRST), json!({ "first": first }))
        .await?;
    let viewer = first_page.viewer;
    let login = viewer.login.as_deref().map(line).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(own) = viewer.projects_v2 {
        let mut page = own;
        for _ in 0..MAX_PAGES {
            let next = page.next();
            take(&mut out, &login, page);
            let Some(after) = next else { break };
            let vars = json!({ "first": first, "after": after });
            let more: Value = client.graphql(&query(VIEWER_MORE), vars).await?;
            page = decode(client, &more, "/viewer/projectsV2")?;
        }
    }
    let Some(mut orgs) = viewer.organizations else {
        return Ok(ProjectList {
            viewer: login,
            projects: out,
        });
    };
    for _ in 0..MAX_PAGES {
        let next = orgs.next();
        for org in orgs.nodes.into_iter().flatten() {
            org_projects(client, first, org, &mut out).await?;
        }
        let Some(after) = next else { break };
        let vars = json!({ "first": first, "after": after });
        let more: Value = client.graphql(&query(ORGS_MORE), vars).await?;
        orgs = decode(client, &more, "/viewer/organizations")?;
    }
    Ok(ProjectList {
        viewer: login,
        projects: out,
    })
}

/// One organisation's projects: the first page came with it, the rest by cursor.
async fn org_projects(
    client: &GithubClient,
    first: u32,
    org: OrgDto,
    out: &mut Vec<ProjectSummary>,
) -> Result<(), ProviderError> {
    let owner = line(&org.login);
    let mut page = org.projects_v2;
    for _ in 0..MAX_PAGES {
        let next = page.next();
        take(out, &owner, page);
        let Some(after) = next else { return Ok(()) };
        let vars = json!({ "login": org.login, "first": first, "after": after });
        let more: OrgOnlyDto = client
            .graphql(&format!("{ORG_MORE} {PROJECT_PAGE}"), vars)
            .await?;
        match more.organization {
            Some(found) => page = found.projects_v2,
            None => return Ok(()),
        }
    }
    Ok(())
}

fn take(out: &mut Vec<ProjectSummary>, owner: &str, page: PageDto<ProjectDto>) {
    out.extend(
        page.nodes
            .into_iter()
            .flatten()
            .filter(|p| !p.closed)
            .map(|p| ProjectSummary {
                owner: owner.to_string(),
                number: p.number,
                title: line(&p.title),
            }),
    );
}

/// The connection at `pointer` (`/viewer/projectsV2`) of a follow-up answer.
fn decode<T: serde::de::DeserializeOwned>(
    client: &GithubClient,
    data: &Value,
    pointer: &str,
) -> Result<PageDto<T>, ProviderError> {
    let at = data
        .pointer(pointer)
        .cloned()
        .ok_or_else(|| client.decode_error("graphql", &format!("no {pointer} in the answer")))?;
    serde_json::from_value(at)
        .map_err(|e| client.decode_error("graphql", &format!("at {pointer}: {e}")))
}
