//! Errors as the service answers them: one JSON shape, one mapping to
//! status codes.
//!
//! Every failure becomes an [`ApiError`], rendered as
//! `{"error": "...", "error_type": "..."}`. The status code is decided here
//! and nowhere else. Messages from the core (an empty cluster, a binary
//! document, HTML without an article) keep the core's wording, which is what
//! the CLI prints after its `cannot summarize ...:` context.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Why a request failed; each kind has one status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The body is not JSON of the endpoint's shape (400).
    BadRequest,
    /// An API key is required and was missing or wrong (401).
    Unauthorized,
    /// No such route (404).
    NotFound,
    /// The route exists but not for this method (405).
    MethodNotAllowed,
    /// The body is larger than the body limit (413).
    PayloadTooLarge,
    /// The request is well-formed but breaks a limit of the service (too
    /// many documents, words or clusters) (422).
    LimitExceeded,
    /// The core could not summarize the input, or a parameter is invalid (422).
    Validation,
    /// Every worker is busy and the queue is full (503, with `Retry-After`).
    Overloaded,
    /// The request took longer than the per-request time limit (503).
    Timeout,
    /// A bug: a worker panicked (500).
    Internal,
}

impl ErrorKind {
    /// The `error_type` string clients match on.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::NotFound => "not_found",
            ErrorKind::MethodNotAllowed => "method_not_allowed",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::Validation => "validation",
            ErrorKind::Overloaded => "overloaded",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
        }
    }

    /// The HTTP status of this kind of failure.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::LimitExceeded | ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::Overloaded | ErrorKind::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// A failed request: what went wrong, where, and what to do.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The kind, which decides the status code.
    pub kind: ErrorKind,
    /// The message, naming the cluster or document and what to do.
    pub message: String,
}

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError { kind, message: message.into() }
    }

    /// The JSON body of this error.
    pub fn body(&self) -> ErrorResponse {
        ErrorResponse { error: self.message.clone(), error_type: self.kind.name().to_owned() }
    }
}

impl From<precis::Error> for ApiError {
    fn from(e: precis::Error) -> ApiError {
        // The core's messages already name the cluster or document and say
        // what to do; they are the CLI's wording.
        ApiError::new(ErrorKind::Validation, e.to_string())
    }
}

/// The body of every error answer.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct ErrorResponse {
    /// What was wrong, where, and what to do.
    #[schema(
        example = "cluster \"c1\" has no document with text; give at least one non-empty document"
    )]
    pub error: String,
    /// One of `bad_request`, `unauthorized`, `not_found`, `method_not_allowed`,
    /// `payload_too_large`, `limit_exceeded`, `validation`, `overloaded`,
    /// `timeout`, `internal`.
    #[schema(example = "validation")]
    pub error_type: String,
}

/// Seconds a client should wait before retrying an overloaded or timed-out request.
pub const RETRY_AFTER_SECONDS: u32 = 1;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.kind.status();
        let mut response = (status, axum::Json(self.body())).into_response();
        if matches!(self.kind, ErrorKind::Overloaded | ErrorKind::Timeout) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
        if self.kind == ErrorKind::Unauthorized {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_statuses_and_names() {
        let cases = [
            (ErrorKind::BadRequest, 400, "bad_request"),
            (ErrorKind::Unauthorized, 401, "unauthorized"),
            (ErrorKind::PayloadTooLarge, 413, "payload_too_large"),
            (ErrorKind::LimitExceeded, 422, "limit_exceeded"),
            (ErrorKind::Overloaded, 503, "overloaded"),
            (ErrorKind::Internal, 500, "internal"),
        ];
        for (kind, status, name) in cases {
            assert_eq!((kind.status().as_u16(), kind.name()), (status, name));
        }
        let core = precis::Error::EmptyCluster { cluster: "c9".into() };
        let e = ApiError::from(core);
        assert_eq!(e.kind, ErrorKind::Validation);
        assert!(e.message.contains("\"c9\""), "{}", e.message);
    }
}
