//! The one error type of kokoro-http.

use std::{fmt, time::Duration};

use kokoro_model::validate::ValidationError;
use serde_json::Value;

use crate::ratelimit::RateLimitScope;

/// Everything a request can fail with.
///
/// Never contains the token: transport errors carry no URL, and API errors only the
/// route template.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Discord answered with an error status.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// The connection failed (after `max_retries` retries).
    #[error("transport error: {0}")]
    Transport(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// No response within the request timeout (after `max_retries` retries).
    #[error("request timed out after {0:?}")]
    Timeout(Duration),
    /// The rate limit would have held the request longer than `max_rate_limit` (or
    /// retries ran out on 429s).
    #[error("rate limited ({scope} limit): retry after {retry_after:?}")]
    RateLimited {
        /// How long the wait would have been.
        retry_after: Duration,
        /// Which limit.
        scope: RateLimitScope,
    },
    /// A payload broke one of Discord's documented limits; nothing was sent.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The response body is not what was expected.
    #[error("cannot decode the response: {0}")]
    Decode(#[source] serde_json::Error),
    /// The response body was larger than `max_response_bytes`; it was not read further.
    #[error("the response body is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit (`ClientBuilder::max_response_bytes`).
        limit: usize,
    },
    /// The request could not be built (a body that does not serialize, a bad base URL).
    #[error("invalid request: {0}")]
    Request(String),
}

impl Error {
    /// The HTTP status, for [`Error::Api`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            _ => None,
        }
    }

    /// Discord's JSON error code, for [`Error::Api`].
    pub fn code(&self) -> Option<u32> {
        match self {
            Error::Api(e) => e.code,
            _ => None,
        }
    }
}

/// One field error of a `50035 Invalid Form Body` response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's path, `embeds.0.title`.
    pub path: String,
    /// Discord's code for the error, `BASE_TYPE_MAX_LENGTH`.
    pub code: String,
    /// Discord's message.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {}", self.path, self.code, self.message)
    }
}

/// An error response from Discord.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// Discord's JSON error code (see opcodes-and-status-codes), when the body had one.
    pub code: Option<u32>,
    /// Discord's message, or the body's start when it was not JSON.
    pub message: String,
    /// The nested errors of `50035 Invalid Form Body`, flattened.
    pub errors: Vec<FieldError>,
    /// The route, `POST /channels/{channel_id}/messages`.
    pub route: String,
}

impl ApiError {
    /// Parses an error body.
    pub fn parse(status: u16, route: String, body: &[u8]) -> Self {
        let json: Option<Value> = serde_json::from_slice(body).ok();
        let code = json
            .as_ref()
            .and_then(|v| v.get("code"))
            .and_then(Value::as_u64)
            .and_then(|c| u32::try_from(c).ok());
        let message = match json
            .as_ref()
            .and_then(|v| v.get("message"))
            .and_then(Value::as_str)
        {
            Some(m) => m.to_owned(),
            None => String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
        };
        let mut errors = Vec::new();
        if let Some(tree) = json.as_ref().and_then(|v| v.get("errors")) {
            flatten(tree, &mut String::new(), &mut errors);
        }
        Self {
            status,
            code,
            message,
            errors,
            route,
        }
    }

    /// What a few error codes usually mean, in words.
    pub fn hint(&self) -> Option<&'static str> {
        match self.code? {
            10062 => Some(
                "the interaction was not answered within 3 seconds, or its token expired (15 minutes)",
            ),
            40060 => Some(
                "the interaction was already acknowledged: use a follow-up or edit the original response",
            ),
            50035 => None,
            40001 | 0 if self.status == 401 => Some("the token is invalid"),
            50001 => Some("the bot cannot see this resource (missing access)"),
            50013 => Some("the bot lacks a permission for this action"),
            _ => None,
        }
    }
}

fn flatten(node: &Value, path: &mut String, out: &mut Vec<FieldError>) {
    let Some(map) = node.as_object() else { return };
    if let Some(list) = map.get("_errors").and_then(Value::as_array) {
        for e in list {
            out.push(FieldError {
                path: if path.is_empty() {
                    "(body)".into()
                } else {
                    path.clone()
                },
                code: e
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                message: e
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            });
        }
    }
    for (key, child) in map {
        if key == "_errors" {
            continue;
        }
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        flatten(child, path, out);
        path.truncate(len);
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} returned {}", self.route, self.status)?;
        if let Some(code) = self.code {
            write!(f, " (code {code})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = self.hint() {
            write!(f, " — {hint}")?;
        }
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_form_errors_flatten() {
        let body = br#"{"code":50035,"errors":{"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 256 or fewer in length."}]}}},"content":{"_errors":[{"code":"BASE_TYPE_REQUIRED","message":"This field is required"}]}},"message":"Invalid Form Body"}"#;
        let e = ApiError::parse(400, "POST /channels/{channel_id}/messages".into(), body);
        assert_eq!(e.code, Some(50035));
        let paths: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
        assert!(paths.contains(
            &"embeds.0.title: BASE_TYPE_MAX_LENGTH Must be 256 or fewer in length.".into()
        ));
        assert!(paths.contains(&"content: BASE_TYPE_REQUIRED This field is required".into()));
        assert!(e.to_string().contains("Invalid Form Body"));
    }

    #[test]
    fn interaction_codes_explain_themselves() {
        let e = ApiError::parse(
            404,
            "r".into(),
            br#"{"message":"Unknown interaction","code":10062}"#,
        );
        assert!(e.to_string().contains("3 seconds"), "{e}");
        let e = ApiError::parse(
            400,
            "r".into(),
            br#"{"message":"Interaction has already been acknowledged.","code":40060}"#,
        );
        assert!(e.to_string().contains("already acknowledged"), "{e}");
    }

    #[test]
    fn non_json_bodies_are_kept_short() {
        let e = ApiError::parse(502, "r".into(), &[b'x'; 1000]);
        assert_eq!(e.message.len(), 200);
        assert_eq!(e.code, None);
    }
}
