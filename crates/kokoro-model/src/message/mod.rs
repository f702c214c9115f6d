//! Messages and what they carry: embeds, attachments, reactions, references, snapshots, mentions.
//!
//! [`Message`] is what Discord sends (REST responses and the MESSAGE_CREATE /
//! MESSAGE_UPDATE events, whose extra fields it includes). Outgoing messages
//! are built with [`CreateMessage`] and [`EditMessage`], which check Discord's
//! limits:
//!
//! ```
//! use kokoro_model::message::{CreateMessage, EmbedBuilder};
//!
//! let body = CreateMessage::new()
//!     .content("Hello")
//!     .embed(EmbedBuilder::new().title("Hi").build().unwrap())
//!     .build()
//!     .unwrap();
//! assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"content":"Hello","embeds":[{"title":"Hi"}]}"#);
//! ```

mod allowed_mentions;
mod attachment;
mod create;
mod embed;
mod nonce;

pub use allowed_mentions::{AllowedMentions, MentionType};
pub use attachment::{Attachment, AttachmentFlags, PartialAttachment};
pub use create::{CreateMessage, EditMessage};
pub use embed::{
    Embed, EmbedAuthor, EmbedBuilder, EmbedField, EmbedFlags, EmbedFooter, EmbedImage,
    EmbedMediaFlags, EmbedProvider, EmbedThumbnail, EmbedType, EmbedVideo,
};
pub use nonce::Nonce;

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    application::PartialApplication,
    channel::{Channel, ChannelType},
    component::Component,
    emoji::PartialEmoji,
    guild::PartialMember,
    id::{
        ApplicationId, ChannelId, GuildId, Id, InteractionId, MessageId, RoleId, UserId, WebhookId,
        marker::RoleSubscriptionListingMarker,
    },
    interaction::{InteractionType, MessageInteractionMetadata, Resolved},
    poll::Poll,
    sticker::{Sticker, StickerItem},
    user::{AvatarDecorationData, Collectibles, PremiumType, PrimaryGuild, User, UserFlags},
    util::ImageHash,
};

int_enum! {
    /// The type of a message.
    pub enum MessageType: u8 {
        /// A regular message.
        Default = 0,
        /// A recipient was added to a group DM.
        RecipientAdd = 1,
        /// A recipient was removed from a group DM.
        RecipientRemove = 2,
        /// A call.
        Call = 3,
        /// The channel's name changed.
        ChannelNameChange = 4,
        /// The channel's icon changed.
        ChannelIconChange = 5,
        /// A message was pinned.
        ChannelPinnedMessage = 6,
        /// A member joined the guild.
        UserJoin = 7,
        /// A member boosted the guild.
        GuildBoost = 8,
        /// The guild reached boost tier 1.
        GuildBoostTier1 = 9,
        /// The guild reached boost tier 2.
        GuildBoostTier2 = 10,
        /// The guild reached boost tier 3.
        GuildBoostTier3 = 11,
        /// An announcement channel was followed into this channel.
        ChannelFollowAdd = 12,
        /// The guild was disqualified from Discovery.
        GuildDiscoveryDisqualified = 14,
        /// The guild requalified for Discovery.
        GuildDiscoveryRequalified = 15,
        /// Initial warning of the Discovery grace period.
        GuildDiscoveryGracePeriodInitialWarning = 16,
        /// Final warning of the Discovery grace period.
        GuildDiscoveryGracePeriodFinalWarning = 17,
        /// A thread was created.
        ThreadCreated = 18,
        /// A reply.
        Reply = 19,
        /// A slash command response.
        ChatInputCommand = 20,
        /// The first message of a thread started from a message.
        ThreadStarterMessage = 21,
        /// A reminder to invite people.
        GuildInviteReminder = 22,
        /// A context menu command response.
        ContextMenuCommand = 23,
        /// An auto moderation action.
        AutoModerationAction = 24,
        /// A role subscription was purchased or renewed.
        RoleSubscriptionPurchase = 25,
        /// An interaction premium upsell.
        InteractionPremiumUpsell = 26,
        /// A stage started.
        StageStart = 27,
        /// A stage ended.
        StageEnd = 28,
        /// A stage speaker.
        StageSpeaker = 29,
        /// A stage topic changed.
        StageTopic = 31,
        /// An application premium subscription in the guild.
        GuildApplicationPremiumSubscription = 32,
        /// Incident alert mode was enabled.
        GuildIncidentAlertModeEnabled = 36,
        /// Incident alert mode was disabled.
        GuildIncidentAlertModeDisabled = 37,
        /// A raid was reported.
        GuildIncidentReportRaid = 38,
        /// A raid report was a false alarm.
        GuildIncidentReportFalseAlarm = 39,
        /// A purchase notification.
        PurchaseNotification = 44,
        /// The result of a poll.
        PollResult = 46,
    }
}

impl MessageType {
    /// Whether a message of this type can be deleted (some need `MANAGE_MESSAGES`).
    pub const fn is_deletable(self) -> bool {
        !matches!(
            self,
            Self::RecipientAdd
                | Self::RecipientRemove
                | Self::Call
                | Self::ChannelNameChange
                | Self::ChannelIconChange
                | Self::ThreadStarterMessage
        )
    }
}

flags! {
    /// Flags of a message.
    pub struct MessageFlags: u64 {
        /// Published to following channels.
        const CROSSPOSTED = 1 << 0;
        /// Originated from a followed channel.
        const IS_CROSSPOST = 1 << 1;
        /// Embeds are not shown.
        const SUPPRESS_EMBEDS = 1 << 2;
        /// The source of this crosspost was deleted.
        const SOURCE_MESSAGE_DELETED = 1 << 3;
        /// From the urgent message system.
        const URGENT = 1 << 4;
        /// Has a thread with the same id.
        const HAS_THREAD = 1 << 5;
        /// Visible only to the user who invoked the interaction.
        const EPHEMERAL = 1 << 6;
        /// An interaction response where the bot is "thinking".
        const LOADING = 1 << 7;
        /// Some roles could not be mentioned and added to the thread.
        const FAILED_TO_MENTION_SOME_ROLES_IN_THREAD = 1 << 8;
        /// No push or desktop notifications.
        const SUPPRESS_NOTIFICATIONS = 1 << 12;
        /// A voice message.
        const IS_VOICE_MESSAGE = 1 << 13;
        /// Has a snapshot (a forward).
        const HAS_SNAPSHOT = 1 << 14;
        /// Uses the component-driven layout (Components V2).
        const IS_COMPONENTS_V2 = 1 << 15;
    }
}

int_enum! {
    /// The type of a Rich Presence message activity.
    pub enum MessageActivityType: u8 {
        /// Join.
        Join = 1,
        /// Spectate.
        Spectate = 2,
        /// Listen.
        Listen = 3,
        /// Request to join.
        JoinRequest = 5,
        /// Request to stream.
        StreamRequest = 6,
    }
}

/// A Rich Presence activity sent with a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageActivity {
    /// The type of activity.
    #[serde(rename = "type")]
    pub kind: MessageActivityType,
    /// The party id from the Rich Presence event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
}

int_enum! {
    /// How a message reference is to be read.
    pub enum MessageReferenceType: u8 {
        /// A reply (or any reference from before types existed).
        Default = 0,
        /// A forward, with the message in `message_snapshots`.
        Forward = 1,
    }
}

/// Where a reply, forward, crosspost, pin or thread message points.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageReference {
    /// The type of reference; absent means [`MessageReferenceType::Default`].
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MessageReferenceType>,
    /// The originating message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
    /// The originating message's channel (required for forwards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// The originating message's guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// When sending: whether to fail if the message does not exist (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_if_not_exists: Option<bool>,
}

impl MessageReference {
    /// A reply to `message_id`.
    pub fn reply(message_id: MessageId) -> Self {
        Self {
            message_id: Some(message_id),
            ..Self::default()
        }
    }

    /// A forward of `message_id` in `channel_id`.
    pub fn forward(channel_id: ChannelId, message_id: MessageId) -> Self {
        Self {
            kind: Some(MessageReferenceType::Forward),
            message_id: Some(message_id),
            channel_id: Some(channel_id),
            ..Self::default()
        }
    }

    /// The type, [`MessageReferenceType::Default`] when absent.
    pub fn kind(&self) -> MessageReferenceType {
        self.kind.unwrap_or(MessageReferenceType::Default)
    }
}

/// A forwarded message, frozen when it was forwarded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageSnapshot {
    /// The subset of the message's fields that is kept.
    pub message: SnapshotMessage,
}

/// The fields of a message kept in a [`MessageSnapshot`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotMessage {
    /// The type of message.
    #[serde(rename = "type")]
    pub kind: MessageType,
    /// The content.
    #[serde(default)]
    pub content: String,
    /// The embeds.
    #[serde(default)]
    pub embeds: Vec<Embed>,
    /// The attachments.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// When the message was sent.
    pub timestamp: Timestamp,
    /// When the message was last edited.
    #[serde(default)]
    pub edited_timestamp: Option<Timestamp>,
    /// The flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<MessageFlags>,
    /// The users mentioned.
    #[serde(default)]
    pub mentions: Vec<User>,
    /// The roles mentioned.
    #[serde(default)]
    pub mention_roles: Vec<RoleId>,
    /// The stickers (deprecated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stickers: Vec<Sticker>,
    /// The stickers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sticker_items: Vec<StickerItem>,
    /// The components.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
}

/// The count of normal and super reactions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionCountDetails {
    /// Super reactions.
    #[serde(default)]
    pub burst: u32,
    /// Normal reactions.
    #[serde(default)]
    pub normal: u32,
}

/// A reaction to a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    /// Times this emoji was used, super reactions included.
    pub count: u32,
    /// The breakdown into normal and super reactions.
    #[serde(default)]
    pub count_details: ReactionCountDetails,
    /// Whether the current user reacted with this emoji.
    #[serde(default)]
    pub me: bool,
    /// Whether the current user super-reacted with this emoji.
    #[serde(default)]
    pub me_burst: bool,
    /// The emoji.
    pub emoji: PartialEmoji,
    /// Hex colors of the super reaction.
    #[serde(default)]
    pub burst_colors: Vec<String>,
}

/// The call of a message in a private channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageCall {
    /// The users who took part.
    #[serde(default)]
    pub participants: Vec<UserId>,
    /// When the call ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_timestamp: Option<Timestamp>,
}

/// A channel mentioned in a crossposted message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelMention {
    /// The channel's id.
    pub id: ChannelId,
    /// The guild containing the channel.
    pub guild_id: GuildId,
    /// The type of channel.
    #[serde(rename = "type")]
    pub kind: ChannelType,
    /// The channel's name.
    pub name: String,
}

/// The role subscription behind a ROLE_SUBSCRIPTION_PURCHASE message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSubscriptionData {
    /// The SKU and listing subscribed to.
    pub role_subscription_listing_id: Id<RoleSubscriptionListingMarker>,
    /// The tier's name.
    pub tier_name: String,
    /// Cumulative months subscribed.
    pub total_months_subscribed: u32,
    /// Whether this is a renewal.
    pub is_renewal: bool,
}

/// The interaction a message answers (deprecated in favour of `interaction_metadata`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageInteraction {
    /// The interaction's id.
    pub id: InteractionId,
    /// The type of interaction.
    #[serde(rename = "type")]
    pub kind: InteractionType,
    /// The name of the application command, subcommands included.
    pub name: String,
    /// The user who invoked the interaction (always sent, though the OpenAPI spec makes it optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The member who invoked it, in a guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Box<PartialMember>>,
}

int_enum! {
    /// The base mode of a shared client theme.
    pub enum BaseTheme: u8 {
        /// Unset (same as dark).
        Unset = 0,
        /// Dark.
        Dark = 1,
        /// Light.
        Light = 2,
        /// Darker.
        Darker = 3,
        /// Midnight.
        Midnight = 4,
    }
}

/// A custom client theme shared through a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedClientTheme {
    /// Hex-encoded colors (max 5).
    pub colors: Vec<String>,
    /// The direction of the colors (max 360).
    pub gradient_angle: u16,
    /// The intensity of the colors (max 100).
    pub base_mix: u8,
    /// The mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_theme: Option<BaseTheme>,
}

impl SharedClientTheme {
    /// The most colors.
    pub const COLORS_MAX: usize = 5;
    /// The largest gradient angle.
    pub const GRADIENT_ANGLE_MAX: u16 = 360;
    /// The largest base mix.
    pub const BASE_MIX_MAX: u8 = 100;
}

/// A user mentioned in a message, with their partial member in guild MESSAGE_CREATE events.
///
/// The same fields as [`User`] plus `member`, written out rather than
/// flattened so that decoding messages stays fast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The user's id.
    pub id: UserId,
    /// The user's name.
    pub username: String,
    /// The legacy Discord tag, `"0"` for migrated users.
    #[serde(default = "default_discriminator")]
    pub discriminator: String,
    /// The display name, if set.
    #[serde(default)]
    pub global_name: Option<String>,
    /// The avatar hash.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// Whether the user is a bot.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub bot: bool,
    /// Whether the user is an official Discord system user.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub system: bool,
    /// The banner hash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub banner: Option<Option<ImageHash>>,
    /// The banner color.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub accent_color: Option<Option<u32>>,
    /// The flags on the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<UserFlags>,
    /// The Nitro subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_type: Option<PremiumType>,
    /// The public flags on the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_flags: Option<UserFlags>,
    /// The avatar decoration.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub avatar_decoration_data: Option<Option<AvatarDecorationData>>,
    /// The user's collectibles.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub collectibles: Option<Option<Collectibles>>,
    /// The user's primary guild.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub primary_guild: Option<Option<PrimaryGuild>>,
    /// The user's member in the guild (guild MESSAGE_CREATE and MESSAGE_UPDATE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Box<PartialMember>>,
}

fn default_discriminator() -> String {
    "0".to_owned()
}

impl Mention {
    /// The mentioned user, without the member.
    pub fn to_user(&self) -> User {
        User {
            id: self.id,
            username: self.username.clone(),
            discriminator: self.discriminator.clone(),
            global_name: self.global_name.clone(),
            avatar: self.avatar,
            bot: self.bot,
            system: self.system,
            mfa_enabled: None,
            banner: self.banner,
            accent_color: self.accent_color,
            locale: None,
            verified: None,
            email: None,
            flags: self.flags,
            premium_type: self.premium_type,
            public_flags: self.public_flags,
            avatar_decoration_data: self.avatar_decoration_data.clone(),
            collectibles: self.collectibles.clone(),
            primary_guild: self.primary_guild.clone(),
        }
    }
}

impl From<User> for Mention {
    fn from(user: User) -> Self {
        Self {
            id: user.id,
            username: user.username,
            discriminator: user.discriminator,
            global_name: user.global_name,
            avatar: user.avatar,
            bot: user.bot,
            system: user.system,
            banner: user.banner,
            accent_color: user.accent_color,
            flags: user.flags,
            premium_type: user.premium_type,
            public_flags: user.public_flags,
            avatar_decoration_data: user.avatar_decoration_data,
            collectibles: user.collectibles,
            primary_guild: user.primary_guild,
            member: None,
        }
    }
}

/// A message in a channel.
///
/// Includes the extra fields of the MESSAGE_CREATE and MESSAGE_UPDATE events
/// (`guild_id`, `member`, members on `mentions`). Rarely present large fields
/// are boxed to keep the struct small.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The message's id.
    pub id: MessageId,
    /// The channel it was sent in.
    pub channel_id: ChannelId,
    /// The author (for webhook messages, the webhook's id, name and avatar).
    pub author: User,
    /// The content.
    #[serde(default)]
    pub content: String,
    /// When it was sent.
    pub timestamp: Timestamp,
    /// When it was last edited.
    #[serde(default)]
    pub edited_timestamp: Option<Timestamp>,
    /// Whether it is a text-to-speech message.
    #[serde(default)]
    pub tts: bool,
    /// Whether it mentions everyone.
    #[serde(default)]
    pub mention_everyone: bool,
    /// The users mentioned (with partial members in guild events).
    #[serde(default)]
    pub mentions: Vec<Mention>,
    /// The roles mentioned.
    #[serde(default)]
    pub mention_roles: Vec<RoleId>,
    /// The channels mentioned (crossposts only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mention_channels: Vec<ChannelMention>,
    /// The attached files.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The embeds.
    #[serde(default)]
    pub embeds: Vec<Embed>,
    /// The reactions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<Reaction>,
    /// The nonce used to confirm the message was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<Nonce>,
    /// Whether the message is pinned.
    #[serde(default)]
    pub pinned: bool,
    /// The webhook that sent the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_id: Option<WebhookId>,
    /// The type of message.
    #[serde(rename = "type")]
    pub kind: MessageType,
    /// The Rich Presence activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Box<MessageActivity>>,
    /// The Rich Presence application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Box<PartialApplication>>,
    /// The application of an interaction response or application-owned webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
    /// The flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<MessageFlags>,
    /// The source of a crosspost, follow, pin, reply or forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_reference: Option<Box<MessageReference>>,
    /// The forwarded message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub message_snapshots: Vec<MessageSnapshot>,
    /// The referenced message: absent when not fetched, `Some(None)` when deleted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub referenced_message: Option<Option<Box<Message>>>,
    /// The interaction this message answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_metadata: Option<Box<MessageInteractionMetadata>>,
    /// The interaction this message answers (deprecated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<Box<MessageInteraction>>,
    /// The thread started from this message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<Box<Channel>>,
    /// The components.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// The stickers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sticker_items: Vec<StickerItem>,
    /// The stickers (deprecated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stickers: Vec<Sticker>,
    /// The approximate position in a thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// The role subscription of a ROLE_SUBSCRIPTION_PURCHASE message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_subscription_data: Option<Box<RoleSubscriptionData>>,
    /// Users, members, channels and roles referenced in the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Box<Resolved>>,
    /// The poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<Box<Poll>>,
    /// The call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<Box<MessageCall>>,
    /// The purchase this message notifies of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_notification: Option<Box<crate::monetization::PurchaseNotification>>,
    /// The shared client theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_client_theme: Option<Box<SharedClientTheme>>,
    /// The guild it was sent in (gateway events only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The author's member (guild gateway events only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Box<PartialMember>>,
    /// The type of channel it was sent in (gateway events only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<ChannelType>,
}

impl Message {
    /// The flags, empty when Discord sent none.
    pub fn flags(&self) -> MessageFlags {
        self.flags.unwrap_or_default()
    }

    /// Whether the message was sent by a webhook.
    pub fn is_webhook(&self) -> bool {
        self.webhook_id.is_some()
    }

    /// Whether the message is a forward.
    pub fn is_forward(&self) -> bool {
        self.message_reference
            .as_ref()
            .is_some_and(|r| r.kind() == MessageReferenceType::Forward)
    }

    /// A link to the message (`https://discord.com/channels/…`).
    pub fn link(&self) -> String {
        match self.guild_id {
            Some(guild) => format!(
                "https://discord.com/channels/{guild}/{}/{}",
                self.channel_id, self.id
            ),
            None => format!(
                "https://discord.com/channels/@me/{}/{}",
                self.channel_id, self.id
            ),
        }
    }
}

/// A pinned message and when it was pinned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessagePin {
    /// When the message was pinned.
    pub pinned_at: Timestamp,
    /// The message.
    pub message: Message,
}

/// A page of pinned messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PinnedMessages {
    /// The pins, most recent first.
    pub items: Vec<MessagePin>,
    /// Whether more pins could be fetched.
    #[serde(default)]
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referenced_message_absent_null_and_present() {
        let base = r#""id":"1","channel_id":"2","author":{"id":"3","username":"a"},"content":"","timestamp":"2017-07-11T17:27:07.299000+00:00","type":19"#;
        let absent: Message = serde_json::from_str(&format!("{{{base}}}")).unwrap();
        assert_eq!(absent.referenced_message, None);
        let null: Message =
            serde_json::from_str(&format!("{{{base},\"referenced_message\":null}}")).unwrap();
        assert_eq!(null.referenced_message, Some(None));
        let back = serde_json::to_value(&null).unwrap();
        assert!(back.get("referenced_message").unwrap().is_null());
    }

    #[test]
    fn message_stays_small() {
        // MESSAGE_CREATE is the hottest event; keep the struct compact. The
        // author is inline (always present); everything rare is boxed.
        let size = std::mem::size_of::<Message>();
        let rest = size - std::mem::size_of::<User>();
        assert!(rest <= 512, "{size} bytes, {rest} besides the author");
    }
}
