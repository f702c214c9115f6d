//! Bans, prunes and vanity URLs.

use serde::{Deserialize, Serialize};

use crate::{id::UserId, user::User};

/// A ban of a user from a guild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ban {
    /// The reason given.
    #[serde(default)]
    pub reason: Option<String>,
    /// The banned user.
    pub user: User,
}

/// The result of banning users in bulk (`POST /guilds/{id}/bulk-ban`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkBan {
    /// Users who were banned.
    #[serde(default)]
    pub banned_users: Vec<UserId>,
    /// Users who were not.
    #[serde(default)]
    pub failed_users: Vec<UserId>,
}

/// The result of a prune (`GET`/`POST /guilds/{id}/prune`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildPrune {
    /// How many members were (or would be) pruned; `None` when `compute_prune_count` was false.
    #[serde(default)]
    pub pruned: Option<u64>,
}

/// A guild's vanity invite (`GET /guilds/{id}/vanity-url`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VanityUrl {
    /// The vanity code, if set.
    #[serde(default)]
    pub code: Option<String>,
    /// How many times the invite was used.
    #[serde(default)]
    pub uses: u64,
    /// An error about the vanity URL (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<VanityUrlError>,
}

/// An error about a vanity URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VanityUrlError {
    /// The message.
    pub message: String,
    /// The error code.
    pub code: u32,
}
