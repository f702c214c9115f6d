//! The JSON bodies of failed HTTP requests: Discord's error object (with the
//! per-field errors of `50035 Invalid Form Body`) and the 429 rate limit body.
//!
//! ```
//! use kokoro_model::api_error::ApiError;
//!
//! let err: ApiError = serde_json::from_str(r#"{
//!     "code": 50035,
//!     "message": "Invalid Form Body",
//!     "errors": {
//!         "embeds": {"0": {"title": {"_errors": [
//!             {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 256 or fewer in length."}
//!         ]}}}
//!     }
//! }"#).unwrap();
//! let fields = err.field_errors();
//! assert_eq!(fields[0].path, "embeds[0].title");
//! assert_eq!(
//!     fields[0].to_string(),
//!     "embeds[0].title: BASE_TYPE_MAX_LENGTH Must be 256 or fewer in length."
//! );
//! ```

use std::{collections::BTreeMap, fmt};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, MapAccess, Visitor},
    ser::SerializeMap,
};

/// The body of a failed request: a JSON error code, a message and, for
/// `50035 Invalid Form Body`, the errors of each field of the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message} (code {code})")]
pub struct ApiError {
    /// Discord's JSON error code (`10003` Unknown Channel, `50035` Invalid Form Body, …).
    pub code: u32,
    /// A human-readable message.
    pub message: String,
    /// The errors of the request's fields, nested like the request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<ErrorDetails>,
}

impl ApiError {
    /// JSON error code of a request body that failed validation.
    pub const INVALID_FORM_BODY: u32 = 50035;

    /// Every field error, flattened, in path order: `embeds[0].title: BASE_TYPE_MAX_LENGTH …`.
    pub fn field_errors(&self) -> Vec<FieldErrorEntry> {
        let mut out = Vec::new();
        if let Some(errors) = &self.errors {
            errors.collect(&mut String::new(), &mut out);
        }
        out
    }
}

/// One node of the nested errors of an [`ApiError`]: the errors of the field
/// at this path, and the nodes of its sub-fields (by name, or by index for arrays).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// The errors of the field at this path (`_errors` on the wire).
    pub errors: Vec<FieldError>,
    /// The sub-fields that have errors, keyed by field name or array index.
    pub fields: BTreeMap<String, ErrorDetails>,
}

impl ErrorDetails {
    fn collect(&self, path: &mut String, out: &mut Vec<FieldErrorEntry>) {
        for error in &self.errors {
            out.push(FieldErrorEntry {
                path: path.clone(),
                code: error.code.clone(),
                message: error.message.clone(),
            });
        }
        for (key, child) in &self.fields {
            let len = path.len();
            if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
                path.push('[');
                path.push_str(key);
                path.push(']');
            } else {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            child.collect(path, out);
            path.truncate(len);
        }
    }
}

impl Serialize for ErrorDetails {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = self.fields.len() + usize::from(!self.errors.is_empty());
        let mut map = serializer.serialize_map(Some(len))?;
        if !self.errors.is_empty() {
            map.serialize_entry("_errors", &self.errors)?;
        }
        for (key, child) in &self.fields {
            map.serialize_entry(key, child)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ErrorDetails {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorDetails;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of field errors")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorDetails, A::Error> {
                let mut details = ErrorDetails::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "_errors" {
                        details.errors = map.next_value()?;
                    } else {
                        details.fields.insert(key, map.next_value()?);
                    }
                }
                Ok(details)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// One error of a field: a code such as `BASE_TYPE_REQUIRED` and a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The error's code: a string such as `BASE_TYPE_MAX_LENGTH` (the OpenAPI
    /// spec says an integer, which decodes as its decimal string).
    #[serde(deserialize_with = "code_string")]
    pub code: String,
    /// A human-readable message.
    pub message: String,
}

/// A field error with the path of its field, from [`ApiError::field_errors`].
///
/// Displays as `path: code message` (`code message` for the request as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldErrorEntry {
    /// The field's path in the request, `embeds[0].fields[2].name`; empty for the request as a whole.
    pub path: String,
    /// The error's code, `BASE_TYPE_REQUIRED`.
    pub code: String,
    /// A human-readable message.
    pub message: String,
}

impl fmt::Display for FieldErrorEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{} {}", self.code, self.message)
    }
}

/// Decodes an error code given as a string or an integer into a string.
fn code_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code string or integer")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_any(V)
}

/// The body of a `429 Too Many Requests` response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateLimitError {
    /// A message saying you are being rate limited.
    pub message: String,
    /// Seconds to wait before retrying.
    pub retry_after: f64,
    /// Whether the global rate limit was hit, rather than a route's.
    #[serde(default)]
    pub global: bool,
    /// A JSON error code, for some rate limits (`20028` and friends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
}

impl RateLimitError {
    /// How long to wait before retrying.
    pub fn retry_after(&self) -> std::time::Duration {
        std::time::Duration::try_from_secs_f64(self.retry_after).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_nested_and_top_level_errors() {
        let err: ApiError = serde_json::from_str(
            r#"{"code":50035,"message":"Invalid Form Body","errors":{
                "_errors":[{"code":"APPLICATION_COMMAND_TOO_LARGE","message":"Command exceeds maximum size (8000)"}],
                "activities":{"0":{"platform":{"_errors":[{"code":"BASE_TYPE_CHOICES","message":"Value must be one of ('desktop', 'android', 'ios')."}]},
                "type":{"_errors":[{"code":"BASE_TYPE_CHOICES","message":"Value must be one of (0, 1, 2, 3, 4, 5)."}]}}}}}"#,
        )
        .unwrap();
        let lines: Vec<String> = err.field_errors().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "APPLICATION_COMMAND_TOO_LARGE Command exceeds maximum size (8000)",
                "activities[0].platform: BASE_TYPE_CHOICES Value must be one of ('desktop', 'android', 'ios').",
                "activities[0].type: BASE_TYPE_CHOICES Value must be one of (0, 1, 2, 3, 4, 5).",
            ]
        );
        let again: ApiError = serde_json::from_value(serde_json::to_value(&err).unwrap()).unwrap();
        assert_eq!(again, err);
        assert_eq!(err.to_string(), "Invalid Form Body (code 50035)");
    }

    #[test]
    fn rate_limit_body() {
        let body: RateLimitError = serde_json::from_str(
            r#"{"message":"You are being rate limited.","retry_after":64.57,"global":false}"#,
        )
        .unwrap();
        assert_eq!(body.code, None);
        assert_eq!(body.retry_after().as_millis(), 64_570);
    }
}
