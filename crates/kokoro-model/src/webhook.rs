//! Webhooks.

use serde::{Deserialize, Serialize};

use crate::{
    id::{ApplicationId, ChannelId, GuildId, WebhookId},
    user::User,
    util::ImageHash,
};

int_enum! {
    /// The kind of a webhook.
    pub enum WebhookType: u8 {
        /// Posts messages to a channel with a token.
        Incoming = 1,
        /// Posts the messages of a followed announcement channel.
        ChannelFollower = 2,
        /// Used by interactions.
        Application = 3,
    }
}

/// A webhook: a way to post messages to a channel without a bot user.
///
/// ```
/// use kokoro_model::webhook::{Webhook, WebhookType};
///
/// let hook: Webhook = serde_json::from_str(r#"{"type":3,"id":"658822586720976555","name":"Clyde",
///     "avatar":"689161dc90ac261d00f1608694ac6bfd","channel_id":null,"guild_id":null,
///     "application_id":"658822586720976555"}"#).unwrap();
/// assert_eq!(hook.kind, WebhookType::Application);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Webhook {
    /// The webhook's id.
    pub id: WebhookId,
    /// The kind of webhook.
    #[serde(rename = "type")]
    pub kind: WebhookType,
    /// The guild the webhook is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The channel the webhook is for.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
    /// Who created the webhook (absent when fetched with its token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The default name.
    #[serde(default)]
    pub name: Option<String>,
    /// The default avatar hash.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// The secret token (incoming webhooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The application that created the webhook.
    #[serde(default)]
    pub application_id: Option<ApplicationId>,
    /// The guild of the followed channel (channel follower webhooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_guild: Option<WebhookGuild>,
    /// The followed channel (channel follower webhooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_channel: Option<WebhookChannel>,
    /// The URL that executes the webhook (OAuth2 `webhook.incoming` flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The guild of the channel a channel follower webhook follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
}

/// The channel a channel follower webhook follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookChannel {
    /// The channel's id.
    pub id: ChannelId,
    /// The channel's name.
    pub name: String,
}
