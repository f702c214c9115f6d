//! The guild widget and its settings.

use serde::{Deserialize, Serialize};

use crate::{
    id::{ChannelId, GuildId},
    presence::Status,
};

/// The settings of a guild's widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildWidgetSettings {
    /// Whether the widget is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// The channel the widget invites to.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
}

/// A guild's public widget (`GET /guilds/{id}/widget.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildWidget {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// An invite URL to the widget channel.
    #[serde(default)]
    pub instant_invite: Option<String>,
    /// Voice and stage channels `@everyone` can access.
    #[serde(default)]
    pub channels: Vec<WidgetChannel>,
    /// Online members, anonymized (at most 100).
    #[serde(default)]
    pub members: Vec<WidgetMember>,
    /// Number of online members.
    #[serde(default)]
    pub presence_count: u64,
}

/// A channel in a guild widget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetChannel {
    /// The channel's id.
    pub id: ChannelId,
    /// The channel's name.
    pub name: String,
    /// The channel's position.
    #[serde(default)]
    pub position: i32,
}

/// An anonymized member in a guild widget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetMember {
    /// An anonymized index (`"0"`, `"1"`, …), not a user id.
    pub id: String,
    /// The user's name.
    pub username: String,
    /// Always `"0000"`.
    #[serde(default)]
    pub discriminator: String,
    /// Always `null`.
    #[serde(default)]
    pub avatar: Option<String>,
    /// The member's status.
    pub status: Status,
    /// The URL of the member's anonymized avatar.
    #[serde(default)]
    pub avatar_url: String,
    /// What the member is doing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<WidgetActivity>,
    /// Whether the member is deafened by the guild.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub deaf: bool,
    /// Whether the member is muted by the guild.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub mute: bool,
    /// Whether the member deafened themselves.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub self_deaf: bool,
    /// Whether the member muted themselves.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub self_mute: bool,
    /// Whether the member may not speak.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub suppress: bool,
    /// The voice channel the member is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
}

/// What a widget member is doing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetActivity {
    /// The activity's name.
    pub name: String,
}

str_enum! {
    /// The look of the widget image (`GET /guilds/{guild_id}/widget.png?style=`).
    pub enum WidgetStyle {
        /// A small shield with the online count (Discord's default).
        Shield = "shield",
        /// A large image with the guild icon, name and online count.
        Banner1 = "banner1",
        /// A smaller banner with the Discord logo.
        Banner2 = "banner2",
        /// A large banner with a "Join my server" button.
        Banner3 = "banner3",
        /// A large banner with a "Join my server" button and the guild name.
        Banner4 = "banner4",
    }
}
