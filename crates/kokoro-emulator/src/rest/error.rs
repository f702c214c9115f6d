//! Discord's JSON error responses.

use serde_json::{Value, json};

/// An error response: status, Discord error code, message and form errors.
#[derive(Clone, Debug)]
pub(crate) struct ApiError {
    pub(crate) status: u16,
    pub(crate) code: u32,
    pub(crate) message: String,
    pub(crate) errors: Option<Value>,
}

impl ApiError {
    pub(crate) fn new(status: u16, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            errors: None,
        }
    }

    pub(crate) fn unauthorized() -> Self {
        Self::new(401, 0, "401: Unauthorized")
    }

    pub(crate) fn not_found() -> Self {
        Self::new(404, 0, "404: Not Found")
    }

    pub(crate) fn method_not_allowed() -> Self {
        Self::new(405, 0, "405: Method Not Allowed")
    }

    pub(crate) fn unknown_channel() -> Self {
        Self::new(404, 10003, "Unknown Channel")
    }

    pub(crate) fn unknown_guild() -> Self {
        Self::new(404, 10004, "Unknown Guild")
    }

    pub(crate) fn unknown_member() -> Self {
        Self::new(404, 10007, "Unknown Member")
    }

    pub(crate) fn unknown_message() -> Self {
        Self::new(404, 10008, "Unknown Message")
    }

    pub(crate) fn unknown_role() -> Self {
        Self::new(404, 10011, "Unknown Role")
    }

    pub(crate) fn unknown_user() -> Self {
        Self::new(404, 10013, "Unknown User")
    }

    pub(crate) fn unknown_webhook() -> Self {
        Self::new(404, 10015, "Unknown Webhook")
    }

    pub(crate) fn unknown_invite() -> Self {
        Self::new(404, 10006, "Unknown Invite")
    }

    pub(crate) fn unknown_ban() -> Self {
        Self::new(404, 10026, "Unknown Ban")
    }

    pub(crate) fn unknown_interaction() -> Self {
        Self::new(404, 10062, "Unknown interaction")
    }

    pub(crate) fn unknown_command() -> Self {
        Self::new(404, 10063, "Unknown application command")
    }

    pub(crate) fn unknown_emoji() -> Self {
        Self::new(400, 10014, "Unknown Emoji")
    }

    pub(crate) fn already_acknowledged() -> Self {
        Self::new(400, 40060, "Interaction has already been acknowledged.")
    }

    pub(crate) fn missing_access() -> Self {
        Self::new(403, 50001, "Missing Access")
    }

    pub(crate) fn missing_permissions() -> Self {
        Self::new(403, 50013, "Missing Permissions")
    }

    pub(crate) fn empty_message() -> Self {
        Self::new(400, 50006, "Cannot send an empty message")
    }

    pub(crate) fn invalid_json() -> Self {
        Self::new(400, 50109, "The request body contains invalid JSON.")
    }

    pub(crate) fn too_large() -> Self {
        Self::new(413, 40005, "Request entity too large")
    }

    /// 50035 Invalid Form Body with one error at a dotted field path.
    pub(crate) fn form(path: &str, code: &str, message: impl Into<String>) -> Self {
        let mut errors = json!({"_errors": [{"code": code, "message": message.into()}]});
        for part in path.rsplit('.') {
            let mut o = serde_json::Map::new();
            o.insert(part.to_owned(), errors);
            errors = Value::Object(o);
        }
        Self {
            status: 400,
            code: 50035,
            message: "Invalid Form Body".into(),
            errors: Some(errors),
        }
    }

    /// A required field is missing.
    pub(crate) fn required(path: &str) -> Self {
        Self::form(path, "BASE_TYPE_REQUIRED", "This field is required")
    }

    /// A string is longer than allowed.
    pub(crate) fn max_length(path: &str, max: usize) -> Self {
        Self::form(
            path,
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {max} or fewer in length."),
        )
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Value {
        let mut v = json!({"message": self.message, "code": self.code});
        if let Some(e) = &self.errors {
            v["errors"] = e.clone();
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_errors_nest_by_path() {
        let e = ApiError::max_length("embeds.0.title", 256);
        assert_eq!(
            e.body()["errors"]["embeds"]["0"]["title"]["_errors"][0]["code"],
            "BASE_TYPE_MAX_LENGTH"
        );
    }
}
