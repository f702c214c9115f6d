//! Requests to join a guild that gates membership behind an application form
//! (`GET /guilds/{id}/requests`, `PATCH /guilds/{id}/requests/{request_id}`).

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    id::{GenericId, GuildId, UserId},
    user::User,
};

str_enum! {
    /// Where a join request stands.
    pub enum JoinRequestStatus {
        /// The user started filling in the form.
        Started = "STARTED",
        /// The user submitted the form.
        Submitted = "SUBMITTED",
        /// A moderator rejected the request.
        Rejected = "REJECTED",
        /// A moderator approved the request.
        Approved = "APPROVED",
    }
}

/// A user's request to join a guild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildJoinRequest {
    /// The request's id.
    pub id: GenericId,
    /// When the request was made.
    pub created_at: Timestamp,
    /// When a moderator reviewed it.
    #[serde(default)]
    pub reviewed_at: Option<Timestamp>,
    /// Where the request stands.
    #[serde(default)]
    pub application_status: Option<JoinRequestStatus>,
    /// Why it was rejected.
    #[serde(default)]
    pub rejection_reason: Option<String>,
    /// The guild's id.
    pub guild_id: GuildId,
    /// The requesting user's id.
    pub user_id: UserId,
    /// The requesting user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The user's answers to the form.
    #[serde(
        default,
        deserialize_with = "super::null_as_default::deserialize",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub form_responses: Vec<FormField>,
    /// The moderator who approved or rejected the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actioned_by_user: Option<User>,
}

/// A page of join requests (`GET /guilds/{id}/requests`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildJoinRequests {
    /// How many requests match in total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// The requests.
    #[serde(default)]
    pub guild_join_requests: Vec<GuildJoinRequest>,
}

str_enum! {
    /// The kind of a field of a membership application form.
    pub enum FormFieldType {
        /// Rules the user must accept (`values`, answered with a boolean).
        Terms = "TERMS",
        /// A short text answer.
        TextInput = "TEXT_INPUT",
        /// A long text answer.
        Paragraph = "PARAGRAPH",
        /// One of `choices`, answered with its index.
        MultipleChoice = "MULTIPLE_CHOICE",
    }
}

/// A field of a membership application form, with the user's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The kind of field.
    pub field_type: FormFieldType,
    /// The field's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The field's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether an answer is required.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub required: bool,
    /// The rules of a `TERMS` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The choices of a `MULTIPLE_CHOICE` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// The placeholder of a text field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// The user's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<FormFieldResponse>,
}

/// A user's answer to a [`FormField`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FormFieldResponse {
    /// Whether the rules of a `TERMS` field were accepted.
    Accepted(bool),
    /// The index of the choice picked in a `MULTIPLE_CHOICE` field.
    Choice(u32),
    /// The text of a `TEXT_INPUT` or `PARAGRAPH` field.
    Text(String),
}
