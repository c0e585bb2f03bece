//! GitHub's list paging: `per_page` (default 30, at most 100) and `page` (from 1), with a
//! `Link` header of absolute URLs for the pages around this one. Like GitHub, values that do
//! not parse fall back to the defaults instead of failing the request.

use super::http::Origin;
use axum::Json;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};
use std::convert::Infallible;

const DEFAULT_PER_PAGE: usize = 30;
const MAX_PER_PAGE: usize = 100;

/// What a list request asked for: the page, its size, its other query parameters (filters),
/// and where the `Link` URLs point.
#[derive(Clone, Debug)]
pub struct Listing {
    origin: String,
    path: String,
    /// The query as sent, decoded, in order.
    pairs: Vec<(String, String)>,
    per_page: usize,
    page: usize,
}

impl Listing {
    pub fn new(origin: &Origin, uri: &Uri) -> Listing {
        let pairs = Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map(|Query(pairs)| pairs)
            .unwrap_or_default();
        let number = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(key, _)| key == name)
                .and_then(|(_, value)| value.trim().parse::<usize>().ok())
                .filter(|n| *n >= 1)
        };
        Listing {
            origin: origin.0.clone(),
            path: uri.path().to_string(),
            per_page: number("per_page").map_or(DEFAULT_PER_PAGE, |n| n.min(MAX_PER_PAGE)),
            page: number("page").unwrap_or(1),
            pairs,
        }
    }

    /// Links point at `path` (absolute, starting `/api/v3/`) instead of the requested one, as
    /// GitHub's issue lists switch to `/repositories/{id}/...`.
    pub fn links_at(mut self, path: impl Into<String>) -> Listing {
        self.path = path.into();
        self
    }

    pub fn per_page(&self) -> usize {
        self.per_page
    }

    pub fn page(&self) -> usize {
        self.page
    }

    /// A query parameter other than the paging ones (the last one wins when repeated).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn url(&self, page: usize) -> String {
        let mut sized = false;
        let mut query = Vec::new();
        for (key, value) in &self.pairs {
            match key.as_str() {
                "page" => {}
                // The size as applied (clipped), once, where the client put it.
                "per_page" if !sized => {
                    sized = true;
                    query.push(format!("per_page={}", self.per_page));
                }
                "per_page" => {}
                _ => query.push(format!("{}={}", encode(key), encode(value))),
            }
        }
        query.push(format!("page={page}"));
        format!("{}{}?{}", self.origin, self.path, query.join("&"))
    }

    /// `<url>; rel="prev", <url>; rel="next", <url>; rel="last", <url>; rel="first"` with only
    /// the relations that exist, in GitHub's order; none for a list that fits one page.
    fn link(&self, total: usize) -> Option<HeaderValue> {
        let last = total.div_ceil(self.per_page).max(1);
        let page = self.page;
        let mut parts = Vec::new();
        if page > 1 {
            parts.push(format!("<{}>; rel=\"prev\"", self.url(page - 1)));
        }
        if page < last {
            parts.push(format!("<{}>; rel=\"next\"", self.url(page + 1)));
            parts.push(format!("<{}>; rel=\"last\"", self.url(last)));
        }
        if page > 1 {
            parts.push(format!("<{}>; rel=\"first\"", self.url(1)));
        }
        if parts.is_empty() {
            return None;
        }
        HeaderValue::from_str(&parts.join(", ")).ok()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Listing {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Infallible> {
        let origin = Origin::from_request_parts(parts, state).await?;
        Ok(Listing::new(&origin, &parts.uri))
    }
}

/// One page of a list and the `Link` header that goes with it.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items the whole list has (the `total_count` of wrapped lists).
    pub total: usize,
    link: Option<HeaderValue>,
}

/// Cuts `items` (already filtered and ordered) to the page `listing` asks for.
pub fn page_of<T>(listing: &Listing, items: Vec<T>) -> Page<T> {
    let total = items.len();
    let skip = (listing.page - 1).saturating_mul(listing.per_page);
    Page {
        items: items
            .into_iter()
            .skip(skip)
            .take(listing.per_page)
            .collect(),
        total,
        link: listing.link(total),
    }
}

impl<T> Page<T> {
    /// Turns each item into its wire form (render only the page, not the whole list).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            link: self.link,
        }
    }

    /// An object holding the page somewhere inside (a comparison's `commits`), with the
    /// page's `Link`.
    pub fn within(self, body: impl FnOnce(Vec<T>) -> Value) -> Response {
        let link = self.link;
        with_link(Json(body(self.items)).into_response(), link)
    }
}

impl<T: Serialize> Page<T> {
    /// A bare JSON array, as `/issues` and `/deployments` answer.
    pub fn array(self) -> Response {
        let link = self.link;
        with_link(Json(self.items).into_response(), link)
    }

    /// `{"total_count": N, "<key>": [...]}`, as the Actions and environments lists answer.
    pub fn wrapped(self, key: &str) -> Response {
        let mut body = Map::new();
        body.insert("total_count".into(), Value::from(self.total));
        body.insert(
            key.into(),
            serde_json::to_value(self.items).unwrap_or_else(|_| Value::Array(Vec::new())),
        );
        with_link(Json(Value::Object(body)).into_response(), self.link)
    }
}

fn with_link(mut response: Response, link: Option<HeaderValue>) -> Response {
    if let Some(link) = link {
        response.headers_mut().insert(header::LINK, link);
    }
    response
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a query value or
/// a path segment.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(uri: &str) -> Listing {
        let origin = Origin("http://127.0.0.1:9".into());
        Listing::new(&origin, &uri.parse().unwrap())
    }

    fn link(uri: &str, total: usize) -> Option<String> {
        let page = page_of(&listing(uri), vec![0; total]);
        page.link.map(|v| v.to_str().unwrap().to_string())
    }

    #[test]
    fn sizes_fall_back_and_clip_like_github() {
        let l = listing("/x?per_page=abc&page=0");
        assert_eq!((l.per_page(), l.page()), (30, 1));
        let l = listing("/x?per_page=500&page=3");
        assert_eq!((l.per_page(), l.page()), (100, 3));
    }

    #[test]
    fn a_middle_page_links_every_way_keeping_filters() {
        let link = link("/api/v3/r?status=in%20progress&per_page=2&page=2", 5).unwrap();
        let base = "http://127.0.0.1:9/api/v3/r?status=in%20progress&per_page=2";
        assert_eq!(
            link,
            format!(
                "<{base}&page=1>; rel=\"prev\", <{base}&page=3>; rel=\"next\", \
                 <{base}&page=3>; rel=\"last\", <{base}&page=1>; rel=\"first\""
            )
        );
    }

    #[test]
    fn one_page_has_no_link_and_the_last_page_only_looks_back() {
        assert_eq!(link("/r", 30), None);
        let last = link("/r?per_page=10&page=3", 30).unwrap();
        assert!(last.contains("rel=\"prev\"") && last.contains("rel=\"first\""));
        assert!(!last.contains("rel=\"next\""), "{last}");
    }

    #[test]
    fn links_can_point_elsewhere() {
        let l = listing("/api/v3/repos/acme/storefront/issues?per_page=1")
            .links_at("/api/v3/repositories/7001/issues");
        let page = page_of(&l, vec![1, 2]);
        assert_eq!(page.items, vec![1]);
        let link = page.link.unwrap();
        assert!(
            link.to_str().unwrap().starts_with(
                "<http://127.0.0.1:9/api/v3/repositories/7001/issues?per_page=1&page=2>"
            ),
        );
    }
}
