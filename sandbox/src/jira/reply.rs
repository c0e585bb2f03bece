//! Jira's error body, `{"errorMessages":[..],"errors":{}}`, as a response type.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug)]
pub struct JiraError {
    status: StatusCode,
    message: String,
}

impl JiraError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn no_issue() -> Self {
        Self::not_found("Issue does not exist or you do not have permission to see it.")
    }

    pub fn no_board(id: &str) -> Self {
        Self::not_found(format!(
            "Board {id} does not exist or you do not have permission to see it."
        ))
    }
}

impl IntoResponse for JiraError {
    fn into_response(self) -> Response {
        let body = json!({ "errorMessages": [self.message], "errors": {} });
        (self.status, Json(body)).into_response()
    }
}

pub type Reply = Result<Response, JiraError>;

/// A 200 with a JSON body.
pub fn ok(body: serde_json::Value) -> Reply {
    Ok(Json(body).into_response())
}
