//! Reading a whole project page by page, and setting or clearing an item's Status.

use super::dto::{ItemDto, PageData, PageInfo, ProjectDto};
use super::project::{self, Project};
use super::query;
use crate::config::ProjectRef;
use crate::providers::ProviderError;
use crate::providers::github::GithubClient;
use serde::de::IgnoredAny;
use serde_json::json;

/// 100 items a page: a project of 5,000 items is past what a board can show.
const MAX_PAGES: usize = 50;

pub async fn project(
    client: &GithubClient,
    at: &ProjectRef,
    points_field: Option<&str>,
) -> Result<Project, ProviderError> {
    let mut first = page(client, at, None).await?;
    // A project the board cannot show is reported before reading its other pages.
    let fields = std::mem::take(&mut first.fields.nodes);
    let fields: Vec<_> = fields.into_iter().flatten().collect();
    let fields = project::fields(&fields, points_field).map_err(|why| {
        ProviderError::Rejected(format!("{}: project {} {why}", client.service(), at.number))
    })?;
    let mut next = next_cursor(client, at, &first.items.page_info, None)?;
    let mut items: Vec<Option<ItemDto>> = std::mem::take(&mut first.items.nodes);
    let mut pages = 1;
    while let Some(cursor) = next {
        if pages == MAX_PAGES {
            tracing::warn!(
                "{}: project {} has more than {} items; the board shows the first ones",
                client.service(),
                at.number,
                MAX_PAGES * 100
            );
            break;
        }
        let mut more = page(client, at, Some(&cursor)).await?;
        next = next_cursor(client, at, &more.items.page_info, Some(&cursor))?;
        items.append(&mut more.items.nodes);
        pages += 1;
    }
    let items = items
        .into_iter()
        .flatten()
        .filter_map(|dto| project::item(dto, &fields, &first.url))
        .collect();
    Ok(Project {
        id: first.id,
        number: at.number,
        title: project::line(&first.title),
        url: project::line(&first.url),
        fields,
        items,
    })
}

/// One page of the project, or an error naming what was not found.
async fn page(
    client: &GithubClient,
    at: &ProjectRef,
    cursor: Option<&str>,
) -> Result<ProjectDto, ProviderError> {
    let variables = json!({ "owner": at.owner, "number": at.number, "cursor": cursor });
    let data: PageData = client.graphql(query::PROJECT_PAGE, variables).await?;
    let owner = data.repository_owner.ok_or_else(|| {
        ProviderError::NotFound(format!(
            "{}: no user or organization has the login {:?}",
            client.service(),
            project::line(&at.owner)
        ))
    })?;
    owner.project_v2.ok_or_else(|| {
        ProviderError::NotFound(format!(
            "{}: {:?} has no project number {}",
            client.service(),
            project::line(&at.owner),
            at.number
        ))
    })
}

/// The cursor of the page after this one; a server that says "more" without moving on
/// would otherwise be asked the same page forever.
fn next_cursor(
    client: &GithubClient,
    at: &ProjectRef,
    info: &PageInfo,
    cursor: Option<&str>,
) -> Result<Option<String>, ProviderError> {
    match (info.has_next_page, info.end_cursor.as_deref()) {
        (false, _) => Ok(None),
        (true, Some(end)) if cursor != Some(end) => Ok(Some(end.to_string())),
        (true, _) => Err(client.decode_error(
            "graphql",
            &format!(
                "project {} says there are more items but gives no new cursor",
                at.number
            ),
        )),
    }
}

/// Sets the Status of `item` to `option`, or clears it when `option` is `None`.
pub async fn set_status(
    client: &GithubClient,
    project: &str,
    item: &str,
    field: &str,
    option: Option<&str>,
) -> Result<(), ProviderError> {
    let mut variables = json!({ "project": project, "item": item, "field": field });
    let document = match option {
        Some(option) => {
            variables["option"] = json!(option);
            query::SET_STATUS
        }
        None => query::CLEAR_STATUS,
    };
    client.graphql::<IgnoredAny>(document, variables).await?;
    Ok(())
}
