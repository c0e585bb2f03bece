//! `?limit=&cursor=` paging over newest-first lists. The cursor is the id of the last item
//! handed out, so items created while a client pages never shift what it has still to read.

use super::error::ApiError;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use serde::Deserialize;

const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    limit: Option<String>,
    cursor: Option<String>,
    pub service: Option<String>,
}

#[derive(Debug)]
pub struct Page {
    limit: usize,
    cursor: Option<String>,
}

pub fn parse(query: Result<Query<Params>, QueryRejection>) -> Result<(Page, Params), ApiError> {
    let Query(mut params) =
        query.map_err(|e| ApiError::invalid(format!("bad query string: {e}")))?;
    let limit = match params.limit.take() {
        None => DEFAULT_LIMIT,
        Some(text) => match text.parse::<usize>() {
            // Larger pages are clipped rather than refused, as most list APIs do.
            Ok(n) if n >= 1 => n.min(MAX_LIMIT),
            _ => {
                return Err(ApiError::invalid(format!(
                    "limit must be a whole number from 1 to {MAX_LIMIT}, not {text:?}"
                )));
            }
        },
    };
    Ok((
        Page {
            limit,
            cursor: params.cursor.take(),
        },
        params,
    ))
}

/// One page of `items` (newest first) and the cursor for the next, if any.
pub fn slice<'a, T>(
    items: Vec<&'a T>,
    id: impl Fn(&T) -> &str,
    page: &Page,
) -> Result<(Vec<&'a T>, Option<String>), ApiError> {
    let start = match &page.cursor {
        None => 0,
        Some(cursor) => match items.iter().position(|item| id(item) == cursor) {
            Some(i) => i + 1,
            None => {
                return Err(ApiError::invalid(format!(
                    "cursor {cursor:?} does not belong to this list"
                )));
            }
        },
    };
    let rest = items.get(start..).unwrap_or_default();
    let taken: Vec<&T> = rest.iter().take(page.limit).copied().collect();
    let next = (rest.len() > page.limit)
        .then(|| taken.last().map(|item| id(item).to_string()))
        .flatten();
    Ok((taken, next))
}
