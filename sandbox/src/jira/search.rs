//! Issue search: Cloud's `search/jql` with opaque page tokens, Data Center's `search` with
//! `startAt`/`total`, and the removed Cloud `search` that answers 410.

use super::changelog;
use super::fields::Selection;
use super::params::Params;
use super::render::View;
use super::reply::{JiraError, Reply, ok};
use super::{AppState, Flavour};
use crate::jira::jql::Jql;
use crate::jira::store::{Issue, Store};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

/// A JQL problem is a 400 with Jira's wording.
pub fn parse(jql: &str) -> Result<Jql, JiraError> {
    Jql::parse(jql).map_err(|e| JiraError::bad_request(e.to_string()))
}

pub fn run<'a>(query: &Jql, store: &'a Store) -> Result<Vec<&'a Issue>, JiraError> {
    query
        .run(store)
        .map_err(|e| JiraError::bad_request(e.to_string()))
}

pub async fn jql(State(state): State<AppState>, Path(v): Path<String>, params: Params) -> Reply {
    if Flavour::from_version(&v)? != Flavour::Cloud {
        return Err(JiraError::not_found(format!(
            "null for uri: /rest/api/{v}/search/jql"
        )));
    }
    // At least one per page, so following nextPageToken always ends.
    let max = params.number("maxResults", 50)?.clamp(1, 100);
    let text = params.get("jql").unwrap_or_default();
    let query = parse(text)?;
    if !query.is_bounded() {
        return Err(JiraError::bad_request(
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
        ));
    }
    let start = match params.get("nextPageToken") {
        None => 0,
        Some(token) => decode_token(token, text)?,
    };
    let store = state.store();
    let hits = run(&query, &store)?;
    let view = View {
        base: &state.base,
        flavour: Flavour::Cloud,
        agile: false,
    };
    let fields = params
        .list("fields")
        .map(|items| Selection::parse(&items, false));
    let expand = changelog::wanted(&params);
    let page: Vec<Value> = hits
        .iter()
        .skip(start)
        .take(max)
        .map(|issue| {
            let mut value = match &fields {
                // Without `fields` the endpoint returns ids only.
                None => json!({ "id": issue.id.to_string() }),
                Some(fields) => view.issue(&store, issue, fields),
            };
            if expand {
                value["changelog"] = changelog::embedded(&view, &store, issue);
            }
            value
        })
        .collect();
    let next = start + page.len();
    let mut body = json!({ "issues": page, "isLast": next >= hits.len() });
    if next < hits.len() {
        body["nextPageToken"] = json!(encode_token(text, next));
    }
    ok(body)
}

pub async fn classic(
    State(state): State<AppState>,
    Path(v): Path<String>,
    params: Params,
) -> Reply {
    if Flavour::from_version(&v)? == Flavour::Cloud {
        return Err(JiraError::new(
            StatusCode::GONE,
            "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
        ));
    }
    let (start, max) = params.window(50, 1000)?;
    let fields = params.list("fields").map_or_else(
        || Selection::all(false),
        |items| Selection::parse(&items, false),
    );
    let query = parse(params.get("jql").unwrap_or_default())?;
    let store = state.store();
    let hits = run(&query, &store)?;
    let view = View {
        base: &state.base,
        flavour: Flavour::DataCenter,
        agile: false,
    };
    let expand = changelog::wanted(&params);
    let page: Vec<Value> = hits
        .iter()
        .skip(start)
        .take(max)
        .map(|i| {
            let mut value = view.issue(&store, i, &fields);
            if expand {
                value["changelog"] = changelog::embedded(&view, &store, i);
            }
            value
        })
        .collect();
    ok(json!({
        "expand": "schema,names",
        "startAt": start,
        "maxResults": max,
        "total": hits.len(),
        "issues": page,
    }))
}

/// Tokens are bound to their query, so a token replayed with other JQL is refused.
fn encode_token(jql: &str, offset: usize) -> String {
    format!("{:016x}{offset:x}", fnv1a(jql))
}

fn decode_token(token: &str, jql: &str) -> Result<usize, JiraError> {
    let invalid = || {
        JiraError::bad_request(format!(
            "The nextPageToken '{token}' is invalid or does not belong to this query."
        ))
    };
    let hash = token.get(..16).ok_or_else(invalid)?;
    let offset = token
        .get(16..)
        .filter(|o| !o.is_empty())
        .ok_or_else(invalid)?;
    if hash != format!("{:016x}", fnv1a(jql)) {
        return Err(invalid());
    }
    usize::from_str_radix(offset, 16).map_err(|_| invalid())
}

/// FNV-1a: stable across runs and builds, unlike std's hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_are_bound_to_their_query() {
        let token = encode_token("sprint = 7", 150);
        assert_eq!(decode_token(&token, "sprint = 7").expect("valid"), 150);
        assert!(decode_token(&token, "sprint = 8").is_err());
        assert!(decode_token("short", "sprint = 7").is_err());
        assert!(decode_token(&format!("{}zz", &token[..16]), "sprint = 7").is_err());
    }
}
