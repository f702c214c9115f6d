//! Message search in a guild (`GET /guilds/{id}/messages/search`).
//!
//! Thread search (`GET /channels/{id}/threads/search`) returns a
//! [`ThreadList`](crate::channel::ThreadList).

use serde::{Deserialize, Serialize};

use crate::{
    channel::{Channel, ThreadMember},
    message::Message,
};

/// A page of messages matching a guild search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildSearch {
    /// The matching messages; each inner list holds one hit.
    #[serde(default)]
    pub messages: Vec<Vec<SearchMessage>>,
    /// Whether the guild is still being indexed, so results may be incomplete.
    #[serde(default)]
    pub doing_deep_historical_index: bool,
    /// How many messages match in total.
    #[serde(default)]
    pub total_results: u32,
    /// The threads the matching messages are in.
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub threads: Vec<Channel>,
    /// The current user's memberships of those threads.
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub members: Vec<ThreadMember>,
    /// How many messages are indexed, while indexing is in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_indexed: Option<u64>,
}

impl GuildSearch {
    /// The matching messages, one after another.
    pub fn hits(&self) -> impl Iterator<Item = &SearchMessage> {
        self.messages.iter().flatten()
    }
}

/// A message returned by a search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchMessage {
    /// The message.
    #[serde(flatten)]
    pub message: Message,
    /// Whether the message matched the query (always true for the hits).
    #[serde(default)]
    pub hit: bool,
    /// How many restrictions hide parts of the message (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction_count: Option<u32>,
}

/// The `202 Accepted` body of a search that cannot run yet: the index is being built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndexNotReady {
    /// A message saying the index is not ready.
    pub message: String,
    /// Discord's JSON error code (`110000`).
    pub code: u32,
    /// How many messages are indexed so far.
    #[serde(default)]
    pub documents_indexed: u64,
    /// Seconds to wait before searching again.
    #[serde(default)]
    pub retry_after: u32,
}
