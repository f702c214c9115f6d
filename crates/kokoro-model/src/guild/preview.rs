//! The preview of a guild one may not be in.

use serde::{Deserialize, Serialize};

use super::GuildFeature;
use crate::{emoji::Emoji, id::GuildId, sticker::Sticker, util::ImageHash};

/// The public preview of a guild (`GET /guilds/{id}/preview`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildPreview {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The invite splash hash.
    #[serde(default)]
    pub splash: Option<ImageHash>,
    /// The discovery splash hash.
    #[serde(default)]
    pub discovery_splash: Option<ImageHash>,
    /// The custom emojis.
    #[serde(default)]
    pub emojis: Vec<Emoji>,
    /// The features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
    /// Approximate member count.
    #[serde(default)]
    pub approximate_member_count: u64,
    /// Approximate online member count.
    #[serde(default)]
    pub approximate_presence_count: u64,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The custom stickers.
    #[serde(default)]
    pub stickers: Vec<Sticker>,
    /// The home header hash (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_header: Option<String>,
}
