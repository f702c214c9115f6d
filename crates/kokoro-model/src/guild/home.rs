//! A guild's Server Guide: the welcome message, new member to-dos and resource channels
//! (`GET /guilds/{id}/new-member-welcome`).

use serde::{Deserialize, Serialize};

use crate::{
    emoji::PartialEmoji,
    id::{ChannelId, GuildId, UserId},
    util::ImageHash,
};

/// A guild's Server Guide settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildHomeSettings {
    /// The guild's id.
    pub guild_id: GuildId,
    /// Whether the Server Guide is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// The message new members are welcomed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<WelcomeMessage>,
    /// The to-dos shown to new members.
    #[serde(default)]
    pub new_member_actions: Vec<NewMemberAction>,
    /// The channels listed as resources.
    #[serde(default)]
    pub resource_channels: Vec<ResourceChannel>,
}

/// The message a Server Guide welcomes new members with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeMessage {
    /// The members shown as its authors.
    #[serde(default)]
    pub author_ids: Vec<UserId>,
    /// The message's text.
    pub message: String,
}

int_enum! {
    /// What a new member is asked to do in a channel.
    pub enum NewMemberActionType: u8 {
        /// Read the channel.
        View = 0,
        /// Send a message in the channel.
        Talk = 1,
    }
}

/// A to-do a Server Guide shows new members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMemberAction {
    /// The channel of the to-do.
    pub channel_id: ChannelId,
    /// What to do there.
    pub action_type: NewMemberActionType,
    /// The to-do's title.
    pub title: String,
    /// The to-do's description.
    #[serde(default)]
    pub description: String,
    /// The to-do's emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<PartialEmoji>,
    /// The to-do's icon hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageHash>,
}

/// A channel a Server Guide lists as a resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceChannel {
    /// The channel.
    pub channel_id: ChannelId,
    /// The resource's title.
    pub title: String,
    /// The resource's emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<PartialEmoji>,
    /// The resource's icon hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageHash>,
    /// The resource's description.
    #[serde(default)]
    pub description: String,
}
