//! `POST /api/graphql`: a small GraphQL server over the board's world. Documents are parsed
//! with graphql-parser, validated against the served part of GitHub's schema, and executed
//! field by field, so any client query GitHub would answer is answered the same way.

mod document;
mod exec;
mod out;
mod resolve;
mod run;
mod schema;
mod survey;
mod syntax;
mod validate;
mod values;

#[cfg(test)]
mod tests;

use super::{NO_PROJECT_SCOPE_TOKEN, Shared};
use crate::github::error::GhError;
use crate::github::http::Token;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

const DOCS: &str = "https://docs.github.com/graphql";

/// What the caller's token may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scopes {
    /// `read:project` and `project`: Projects v2 reads and writes.
    pub project: bool,
}

impl Scopes {
    /// Served without the GitHub plumbing in front there is no token, and nothing is
    /// restricted.
    fn of(token: Option<&Token>) -> Scopes {
        Scopes {
            project: token.is_none_or(|t| t.0 != NO_PROJECT_SCOPE_TOKEN),
        }
    }

    /// `X-OAuth-Scopes`, as GitHub lists a classic token's scopes.
    fn header(self) -> &'static str {
        if self.project {
            "project, read:org, repo, workflow"
        } else {
            "repo"
        }
    }
}

pub async fn serve(
    State(shared): State<Shared>,
    token: Option<Extension<Token>>,
    body: Bytes,
) -> Response {
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return GhError::bad_request("Problems parsing JSON")
            .documented_at(DOCS)
            .into_response();
    };
    let scopes = Scopes::of(token.as_ref().map(|Extension(t)| t));
    let now = shared.now();
    let answer = {
        let mut board = shared.board();
        run::run(&mut board, &request, scopes, now)
    };
    let mut response = Json(answer).into_response();
    let headers = response.headers_mut();
    headers.insert("x-oauth-scopes", HeaderValue::from_static(scopes.header()));
    headers.insert("x-accepted-oauth-scopes", HeaderValue::from_static("repo"));
    response
}
