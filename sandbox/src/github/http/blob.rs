//! Log downloads live on blob storage, not the API: errors there are storage's XML, and a
//! request that carries an Authorization header is refused, as a pre-signed URL must be
//! fetched without one.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub fn error(status: StatusCode, code: &str, message: &str, detail: Option<&str>) -> Response {
    let request_id = uuid::Uuid::new_v4();
    let detail = detail
        .map(|d| format!("<AuthenticationErrorDetail>{d}</AuthenticationErrorDetail>"))
        .unwrap_or_default();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code>\
         <Message>{message}\nRequestId:{request_id}</Message>{detail}</Error>"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

/// The answer to a blob request that sent credentials of its own.
pub fn authorization_refused() -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "InvalidAuthenticationInfo",
        "Authentication information is not given in the correct format. This pre-signed URL \
         must be fetched without an Authorization header.",
        None,
    )
}

/// The answer to an unknown, mismatched or expired signature.
pub fn signature_refused(detail: &str) -> Response {
    error(
        StatusCode::FORBIDDEN,
        "AuthenticationFailed",
        "Server failed to authenticate the request. Make sure the value of Authorization header \
         is formed correctly including the signature.",
        Some(detail),
    )
}
