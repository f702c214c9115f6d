//! Lobbies of the Social SDK.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{
    channel::Channel,
    id::{ApplicationId, ChannelId, LobbyId, MessageId, UserId},
    message::{MessageFlags, MessageType},
    user::User,
};

flags! {
    /// Flags of a lobby member.
    pub struct LobbyMemberFlags: u32 {
        /// The user can link a text channel to the lobby.
        const CAN_LINK_LOBBY = 1 << 0;
    }
}

/// A group of users who can talk together (Social SDK).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lobby {
    /// The lobby's id.
    pub id: LobbyId,
    /// The application that created the lobby.
    pub application_id: ApplicationId,
    /// String key/value pairs, at most 1000 characters in total.
    #[serde(default)]
    pub metadata: Option<HashMap<String, String>>,
    /// The lobby's members.
    #[serde(default)]
    pub members: Vec<LobbyMember>,
    /// The guild channel linked to the lobby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_channel: Option<Box<Channel>>,
    /// The lobby's flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<u32>,
    /// The URL overriding the app's event webhooks URL for this lobby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_event_webhooks_url: Option<String>,
}

impl Lobby {
    /// Most characters of keys and values of `metadata`, combined.
    pub const METADATA_MAX: usize = 1000;
    /// Most members added at once.
    pub const MEMBERS_MAX: usize = 25;
    /// Least idle timeout, in seconds.
    pub const IDLE_TIMEOUT_MIN: u32 = 5;
    /// Greatest idle timeout, in seconds (7 days).
    pub const IDLE_TIMEOUT_MAX: u32 = 604_800;
}

/// A member of a lobby.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbyMember {
    /// The user's id.
    pub id: UserId,
    /// String key/value pairs, at most 1000 characters in total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<HashMap<String, String>>,
    /// The member's flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<LobbyMemberFlags>,
    /// An additional display name (1-80 characters), such as an in-game character name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_name: Option<String>,
}

/// A message sent to a lobby.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbyMessage {
    /// The message's id.
    pub id: MessageId,
    /// The message's type.
    #[serde(rename = "type")]
    pub kind: MessageType,
    /// The content.
    #[serde(default)]
    pub content: String,
    /// The lobby the message was sent to.
    pub lobby_id: LobbyId,
    /// Equal to `lobby_id`, for compatibility with messages.
    pub channel_id: ChannelId,
    /// The author.
    pub author: User,
    /// The author's lobby member details when the message was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lobby_member: Option<LobbyMessageMember>,
    /// Dispatch-only metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<HashMap<String, String>>,
    /// Moderation metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation_metadata: Option<HashMap<String, String>>,
    /// The message flags.
    #[serde(default)]
    pub flags: MessageFlags,
    /// The application that sent the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
}

/// The author's lobby member details captured with a lobby message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbyMessageMember {
    /// The author's additional display name.
    pub additional_name: String,
}

/// An invite to the guild of a lobby's linked channel
/// (`POST /lobbies/{id}/members/{user_id}/invites`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbyGuildInvite {
    /// The invite code.
    pub code: String,
}
