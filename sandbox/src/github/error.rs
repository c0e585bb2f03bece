//! GitHub's error body, `{"message","documentation_url","status"}`, as a response type.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const DOCS: &str = "https://docs.github.com/rest";

#[derive(Debug)]
pub struct GhError {
    status: StatusCode,
    message: String,
    documentation_url: &'static str,
    /// The `errors` array of a 422, when there is one.
    errors: Option<Value>,
}

impl GhError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            documentation_url: DOCS,
            errors: None,
        }
    }

    /// GitHub answers 404 for anything it will not show, wrong methods included.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not Found")
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub fn unprocessable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// A 422 "Validation Failed" naming the resource, field and problem code, as the REST API
    /// reports invalid fields.
    pub fn invalid_field(resource: &str, field: &str, code: &str) -> Self {
        let mut error = Self::unprocessable("Validation Failed");
        error.errors = Some(json!([{ "resource": resource, "field": field, "code": code }]));
        error
    }

    pub fn documented_at(mut self, url: &'static str) -> Self {
        self.documentation_url = url;
        self
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl IntoResponse for GhError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "message": self.message,
            "documentation_url": self.documentation_url,
            "status": self.status.as_u16().to_string(),
        });
        if let Some(errors) = self.errors {
            body["errors"] = errors;
        }
        (self.status, Json(body)).into_response()
    }
}

pub type Reply = Result<Response, GhError>;
