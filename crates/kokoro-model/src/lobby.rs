//! Lobbies of the Social SDK.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{
    channel::Channel,
    id::{ApplicationId, ChannelId, LobbyId, MessageId, UserId},
    message::{MessageFlags, MessageType},
    user::User,
    validate::{self, ValidationError, ValidationErrorKind},
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

impl LobbyMember {
    /// Most characters of `additional_name`.
    pub const ADDITIONAL_NAME_MAX: usize = 80;

    /// A member to add, without metadata or flags.
    pub fn new(id: UserId) -> Self {
        Self {
            id,
            metadata: None,
            flags: None,
            additional_name: None,
        }
    }

    /// Checks Discord's limits: `metadata` (at most 25 pairs, 1000 characters in
    /// total) and `additional_name` (1 to 80 characters).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(m) = &self.metadata {
            validate_metadata("metadata", m)?;
        }
        if let Some(n) = &self.additional_name {
            validate::chars_between("additional_name", n, 1, Self::ADDITIONAL_NAME_MAX)?;
        }
        Ok(())
    }
}

/// Most key/value pairs of lobby and lobby member metadata.
pub const METADATA_ENTRIES_MAX: usize = 25;

/// Checks lobby (or lobby member) metadata: at most 25 pairs, whose keys and values
/// are at most 1000 characters together.
///
/// ```
/// use std::collections::HashMap;
/// use kokoro_model::lobby::validate_metadata;
///
/// let ok = HashMap::from([("map".to_owned(), "dust".to_owned())]);
/// assert!(validate_metadata("metadata", &ok).is_ok());
/// let big = HashMap::from([("map".to_owned(), "x".repeat(1000))]);
/// assert_eq!(
///     validate_metadata("metadata", &big).unwrap_err().to_string(),
///     "metadata is 1003 characters long, more than the limit of 1000"
/// );
/// ```
pub fn validate_metadata(
    field: &'static str,
    metadata: &HashMap<String, String>,
) -> Result<(), ValidationError> {
    validate::max_items(field, metadata.len(), METADATA_ENTRIES_MAX)?;
    let len: usize = metadata
        .iter()
        .map(|(k, v)| k.chars().count() + v.chars().count())
        .sum();
    if len > Lobby::METADATA_MAX {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooLong {
                len,
                max: Lobby::METADATA_MAX,
            },
        ));
    }
    Ok(())
}

/// One change of `POST /lobbies/{lobby_id}/members/bulk`: adds or updates a member,
/// or removes it with `remove_member`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbyMemberUpdate {
    /// The user.
    pub id: UserId,
    /// String key/value pairs (at most 25, 1000 characters in total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<HashMap<String, String>>,
    /// The member's flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<LobbyMemberFlags>,
    /// Removes the user from the lobby.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub remove_member: bool,
    /// An additional display name (1 to 80 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_name: Option<String>,
}

impl LobbyMemberUpdate {
    /// Adds (or updates) `id`, without metadata or flags.
    pub fn add(id: UserId) -> Self {
        Self {
            id,
            metadata: None,
            flags: None,
            remove_member: false,
            additional_name: None,
        }
    }

    /// Removes `id` from the lobby.
    pub fn remove(id: UserId) -> Self {
        Self {
            remove_member: true,
            ..Self::add(id)
        }
    }

    /// Checks Discord's limits on `metadata` and `additional_name`.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(m) = &self.metadata {
            validate_metadata("metadata", m)?;
        }
        if let Some(n) = &self.additional_name {
            validate::chars_between("additional_name", n, 1, LobbyMember::ADDITIONAL_NAME_MAX)?;
        }
        Ok(())
    }
}

str_enum! {
    /// How a game authenticates a player for a provisional account (Social SDK).
    pub enum ExternalAuthType {
        /// An OpenID Connect ID token.
        Oidc = "OIDC",
        /// An Epic Online Services access token.
        EpicOnlineServicesAccessToken = "EPIC_ONLINE_SERVICES_ACCESS_TOKEN",
        /// An Epic Online Services ID token.
        EpicOnlineServicesIdToken = "EPIC_ONLINE_SERVICES_ID_TOKEN",
        /// A Steam session ticket.
        SteamSessionTicket = "STEAM_SESSION_TICKET",
        /// A Unity Services ID token.
        UnityServicesIdToken = "UNITY_SERVICES_ID_TOKEN",
        /// An access token the application's bot issued.
        DiscordBotIssuedAccessToken = "DISCORD_BOT_ISSUED_ACCESS_TOKEN",
        /// A Sign in with Apple ID token.
        AppleIdToken = "APPLE_ID_TOKEN",
        /// A PlayStation Network ID token.
        PlaystationNetworkIdToken = "PLAYSTATION_NETWORK_ID_TOKEN",
    }
}
