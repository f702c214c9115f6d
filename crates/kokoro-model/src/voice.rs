//! Voice states and voice regions.

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    guild::Member,
    id::{ChannelId, GuildId, UserId},
};

/// A user's connection to voice.
///
/// In GUILD_CREATE, voice states lack `guild_id` (and usually `member`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceState {
    /// The guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The channel the user is connected to; `None` when they left.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
    /// The user.
    pub user_id: UserId,
    /// The guild member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    /// The voice session id.
    pub session_id: String,
    /// Whether the guild deafened the user.
    #[serde(default)]
    pub deaf: bool,
    /// Whether the guild muted the user.
    #[serde(default)]
    pub mute: bool,
    /// Whether the user deafened themselves.
    #[serde(default)]
    pub self_deaf: bool,
    /// Whether the user muted themselves.
    #[serde(default)]
    pub self_mute: bool,
    /// Whether the user is streaming with Go Live (`null` in the OpenAPI spec decodes as false).
    #[serde(
        default,
        skip_serializing_if = "crate::util::is_false",
        deserialize_with = "crate::guild::null_as_default::deserialize"
    )]
    pub self_stream: bool,
    /// Whether the user's camera is on.
    #[serde(default)]
    pub self_video: bool,
    /// Whether the user may not speak.
    #[serde(default)]
    pub suppress: bool,
    /// When the user asked to speak in a stage.
    #[serde(default)]
    pub request_to_speak_timestamp: Option<Timestamp>,
}

/// A voice region, for a voice channel's `rtc_region`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceRegion {
    /// The region's id.
    pub id: String,
    /// The region's name.
    pub name: String,
    /// Whether this is the closest region to the current user.
    #[serde(default)]
    pub optimal: bool,
    /// Whether the region is deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// Whether the region is custom (for events).
    #[serde(default)]
    pub custom: bool,
}
