//! Relay connections as GitHub serves them: `first`/`last` (at most 100, one of them
//! required), `after`/`before` cursors, `nodes`, `edges { cursor node }`, `pageInfo` and
//! `totalCount`.

use super::{Args, FieldError, Obj, Reply, Resolved, leaf, node, optional};
use crate::github::board::ids;

const MAX_PAGE: i64 = 100;

#[derive(Clone)]
pub struct Conn<'a> {
    pub typename: &'static str,
    edge: &'static str,
    page: Vec<Obj<'a>>,
    /// Index of the page's first item in the whole list.
    start: usize,
    total: usize,
}

#[derive(Clone)]
pub struct Edge<'a> {
    pub typename: &'static str,
    node: Box<Obj<'a>>,
    cursor: String,
}

#[derive(Clone)]
pub struct PageInfo {
    start: Option<String>,
    end: Option<String>,
    has_next: bool,
    has_previous: bool,
}

/// One page of `all` as the connection arguments ask, or GitHub's paging error.
/// `name` is the connection field (`items`), `typename` its type (`ProjectV2ItemConnection`).
pub fn connection<'a>(
    name: &str,
    typename: &'static str,
    all: Vec<Obj<'a>>,
    args: &Args,
) -> Reply<'a> {
    Some(page(name, typename, all, args).map(|c| Resolved::Node(Obj::Conn(c))))
}

fn page<'a>(
    name: &str,
    typename: &'static str,
    all: Vec<Obj<'a>>,
    args: &Args,
) -> Result<Conn<'a>, FieldError> {
    let (first, last) = (args.int("first"), args.int("last"));
    if first.is_none() && last.is_none() {
        return Err(FieldError::typed(
            "MISSING_PAGINATION_BOUNDARIES",
            format!(
                "You must provide a `first` or `last` value to properly paginate the `{name}` connection."
            ),
        ));
    }
    for (arg, n) in [("first", first), ("last", last)] {
        match n {
            Some(n) if n > MAX_PAGE => {
                return Err(FieldError::typed(
                    "EXCESSIVE_PAGINATION",
                    format!(
                        "Requesting {n} records on the `{name}` connection exceeds the `{arg}` limit of {MAX_PAGE} records."
                    ),
                ));
            }
            Some(n) if n < 0 => {
                return Err(FieldError::typed(
                    "INVALID_PAGINATION",
                    format!("`{arg}` on the `{name}` connection cannot be less than zero."),
                ));
            }
            _ => {}
        }
    }
    let total = all.len();
    let cursor = |arg: &str| -> Result<Option<usize>, FieldError> {
        let Some(text) = args.str(arg) else {
            return Ok(None);
        };
        ids::cursor_index(text).map(Some).ok_or_else(|| {
            FieldError::typed(
                "INVALID_CURSOR_ARGUMENTS",
                format!("`{text}` does not appear to be a valid cursor."),
            )
        })
    };
    let mut start = cursor("after")?.map_or(0, |i| i + 1).min(total);
    let mut end = cursor("before")?.map_or(total, |i| i.min(total)).max(start);
    if let Some(n) = first {
        end = end.min(start + n as usize);
    }
    if let Some(n) = last {
        start = start.max(end.saturating_sub(n as usize));
    }
    let page = all.into_iter().skip(start).take(end - start).collect();
    Ok(Conn {
        typename,
        edge: edge_typename(typename),
        page,
        start,
        total,
    })
}

/// `ProjectV2ItemConnection` → `ProjectV2ItemEdge`.
fn edge_typename(connection: &'static str) -> &'static str {
    match connection {
        "ProjectV2ItemConnection" => "ProjectV2ItemEdge",
        "ProjectV2FieldConfigurationConnection" => "ProjectV2FieldConfigurationEdge",
        "ProjectV2ItemFieldValueConnection" => "ProjectV2ItemFieldValueEdge",
        "ProjectV2Connection" => "ProjectV2Edge",
        "LabelConnection" => "LabelEdge",
        "UserConnection" => "UserEdge",
        "OrganizationConnection" => "OrganizationEdge",
        "PullRequestConnection" => "PullRequestEdge",
        _ => "Edge",
    }
}

impl<'a> Conn<'a> {
    pub fn resolve(&self, field: &str) -> Reply<'a> {
        let end = self.start + self.page.len();
        match field {
            "nodes" => Some(Ok(Resolved::List(
                self.page.iter().cloned().map(Resolved::Node).collect(),
            ))),
            "edges" => Some(Ok(Resolved::List(
                self.page
                    .iter()
                    .enumerate()
                    .map(|(i, obj)| {
                        Resolved::Node(Obj::Edge(Edge {
                            typename: self.edge,
                            node: Box::new(obj.clone()),
                            cursor: ids::cursor(self.start + i),
                        }))
                    })
                    .collect(),
            ))),
            "pageInfo" => node(Obj::PageInfo(PageInfo {
                start: (!self.page.is_empty()).then(|| ids::cursor(self.start)),
                end: (!self.page.is_empty()).then(|| ids::cursor(end - 1)),
                has_next: end < self.total,
                has_previous: self.start > 0,
            })),
            "totalCount" => leaf(self.total),
            _ => None,
        }
    }
}

impl<'a> Edge<'a> {
    pub fn resolve(&self, field: &str) -> Reply<'a> {
        match field {
            "cursor" => leaf(self.cursor.clone()),
            "node" => node((*self.node).clone()),
            _ => None,
        }
    }
}

impl PageInfo {
    pub fn resolve(&self, field: &str) -> Reply<'static> {
        match field {
            "startCursor" => optional(self.start.clone()),
            "endCursor" => optional(self.end.clone()),
            "hasNextPage" => leaf(self.has_next),
            "hasPreviousPage" => leaf(self.has_previous),
            _ => None,
        }
    }
}
