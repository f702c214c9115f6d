//! Guild audit logs.

use serde::{Deserialize, Serialize};

use crate::{
    application::ApplicationCommand,
    auto_moderation::AutoModerationRule,
    channel::Channel,
    guild::{IntegrationAccount, IntegrationType},
    id::{ApplicationId, AuditLogEntryId, ChannelId, GenericId, IntegrationId, MessageId, UserId},
    scheduled_event::GuildScheduledEvent,
    user::User,
    webhook::Webhook,
};

int_enum! {
    /// The kind of action an audit log entry records.
    pub enum AuditLogEvent: u16 {
        /// Server settings were updated.
        GuildUpdate = 1,
        /// Channel was created.
        ChannelCreate = 10,
        /// Channel settings were updated.
        ChannelUpdate = 11,
        /// Channel was deleted.
        ChannelDelete = 12,
        /// Permission overwrite was added to a channel.
        ChannelOverwriteCreate = 13,
        /// Permission overwrite was updated for a channel.
        ChannelOverwriteUpdate = 14,
        /// Permission overwrite was deleted from a channel.
        ChannelOverwriteDelete = 15,
        /// Member was removed from server.
        MemberKick = 20,
        /// Members were pruned from server.
        MemberPrune = 21,
        /// Member was banned from server.
        MemberBanAdd = 22,
        /// Server ban was lifted for a member.
        MemberBanRemove = 23,
        /// Member was updated in server.
        MemberUpdate = 24,
        /// Member was added or removed from a role.
        MemberRoleUpdate = 25,
        /// Member was moved to a different voice channel.
        MemberMove = 26,
        /// Member was disconnected from a voice channel.
        MemberDisconnect = 27,
        /// Bot user was added to server.
        BotAdd = 28,
        /// Role was created.
        RoleCreate = 30,
        /// Role was edited.
        RoleUpdate = 31,
        /// Role was deleted.
        RoleDelete = 32,
        /// Server invite was created.
        InviteCreate = 40,
        /// Server invite was updated.
        InviteUpdate = 41,
        /// Server invite was deleted.
        InviteDelete = 42,
        /// Webhook was created.
        WebhookCreate = 50,
        /// Webhook properties or channel were updated.
        WebhookUpdate = 51,
        /// Webhook was deleted.
        WebhookDelete = 52,
        /// Emoji was created.
        EmojiCreate = 60,
        /// Emoji name was updated.
        EmojiUpdate = 61,
        /// Emoji was deleted.
        EmojiDelete = 62,
        /// Single message was deleted.
        MessageDelete = 72,
        /// Multiple messages were deleted.
        MessageBulkDelete = 73,
        /// Message was pinned to a channel.
        MessagePin = 74,
        /// Message was unpinned from a channel.
        MessageUnpin = 75,
        /// App was added to server.
        IntegrationCreate = 80,
        /// App was updated (as an example, its scopes were updated).
        IntegrationUpdate = 81,
        /// App was removed from server.
        IntegrationDelete = 82,
        /// Stage instance was created (stage channel becomes live).
        StageInstanceCreate = 83,
        /// Stage instance details were updated.
        StageInstanceUpdate = 84,
        /// Stage instance was deleted (stage channel no longer live).
        StageInstanceDelete = 85,
        /// Sticker was created.
        StickerCreate = 90,
        /// Sticker details were updated.
        StickerUpdate = 91,
        /// Sticker was deleted.
        StickerDelete = 92,
        /// Event was created.
        GuildScheduledEventCreate = 100,
        /// Event was updated.
        GuildScheduledEventUpdate = 101,
        /// Event was cancelled.
        GuildScheduledEventDelete = 102,
        /// Thread was created in a channel.
        ThreadCreate = 110,
        /// Thread was updated.
        ThreadUpdate = 111,
        /// Thread was deleted.
        ThreadDelete = 112,
        /// Permissions were updated for a command.
        ApplicationCommandPermissionUpdate = 121,
        /// Soundboard sound was created.
        SoundboardSoundCreate = 130,
        /// Soundboard sound was updated.
        SoundboardSoundUpdate = 131,
        /// Soundboard sound was deleted.
        SoundboardSoundDelete = 132,
        /// Auto Moderation rule was created.
        AutoModerationRuleCreate = 140,
        /// Auto Moderation rule was updated.
        AutoModerationRuleUpdate = 141,
        /// Auto Moderation rule was deleted.
        AutoModerationRuleDelete = 142,
        /// Message was blocked by Auto Moderation.
        AutoModerationBlockMessage = 143,
        /// Message was flagged by Auto Moderation.
        AutoModerationFlagToChannel = 144,
        /// Member was timed out by Auto Moderation.
        AutoModerationUserCommunicationDisabled = 145,
        /// Member was quarantined by Auto Moderation.
        AutoModerationQuarantineUser = 146,
        /// Creator monetization request was created.
        CreatorMonetizationRequestCreated = 150,
        /// Creator monetization terms were accepted.
        CreatorMonetizationTermsAccepted = 151,
        /// Guild Onboarding Question was created.
        OnboardingPromptCreate = 163,
        /// Guild Onboarding Question was updated.
        OnboardingPromptUpdate = 164,
        /// Guild Onboarding Question was deleted.
        OnboardingPromptDelete = 165,
        /// Guild Onboarding was created.
        OnboardingCreate = 166,
        /// Guild Onboarding was updated.
        OnboardingUpdate = 167,
        /// A Server Guide item was featured.
        GuildHomeFeatureItem = 171,
        /// A Server Guide item was removed.
        GuildHomeRemoveItem = 172,
        /// A message with a harmful link was blocked.
        HarmfulLinksBlockedMessage = 180,
        /// Guild Server Guide was created.
        HomeSettingsCreate = 190,
        /// Guild Server Guide was updated.
        HomeSettingsUpdate = 191,
        /// A voice channel status was set by a user.
        VoiceChannelStatusCreate = 192,
        /// A voice channel status was deleted by a user.
        VoiceChannelStatusDelete = 193,
        /// An exception of a recurring event was created.
        GuildScheduledEventExceptionCreate = 200,
        /// An exception of a recurring event was updated.
        GuildScheduledEventExceptionUpdate = 201,
        /// An exception of a recurring event was deleted.
        GuildScheduledEventExceptionDelete = 202,
        /// The guild profile was updated.
        GuildProfileUpdate = 211,
    }
}

/// A guild's audit log (`GET /guilds/{guild.id}/audit-logs`), with the
/// objects its entries refer to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    /// Application commands referenced in the log.
    #[serde(default)]
    pub application_commands: Vec<ApplicationCommand>,
    /// The entries, most recent first (oldest first when paging with `after`).
    #[serde(default)]
    pub audit_log_entries: Vec<AuditLogEntry>,
    /// Auto moderation rules referenced in the log.
    #[serde(default)]
    pub auto_moderation_rules: Vec<AutoModerationRule>,
    /// Guild scheduled events referenced in the log.
    #[serde(default)]
    pub guild_scheduled_events: Vec<GuildScheduledEvent>,
    /// Partial integrations referenced in the log.
    #[serde(default)]
    pub integrations: Vec<AuditLogIntegration>,
    /// Threads referenced in the log.
    #[serde(default)]
    pub threads: Vec<Channel>,
    /// Users referenced in the log.
    #[serde(default)]
    pub users: Vec<User>,
    /// Webhooks referenced in the log.
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
}

impl AuditLog {
    /// The referenced user with `id`.
    pub fn user(&self, id: UserId) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }
}

/// A partial integration referenced in an audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogIntegration {
    /// The integration's id.
    pub id: IntegrationId,
    /// The integration's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The integration's type: `twitch`, `youtube`, `discord` or `guild_subscription`.
    #[serde(rename = "type")]
    pub kind: IntegrationType,
    /// The integration's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<IntegrationAccount>,
    /// The bot's application, for `discord` integrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
}

/// One administrative action in a guild.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLogEntry {
    /// The affected entity (webhook, user, role, …); see [`target`](Self::target).
    #[serde(default)]
    pub target_id: Option<String>,
    /// The changes made to the target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<AuditLogChange>,
    /// The user or app that made the changes.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The entry's id.
    pub id: AuditLogEntryId,
    /// What happened.
    pub action_type: AuditLogEvent,
    /// Additional info for some event types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<AuditLogOptionalInfo>,
    /// The reason given (1-512 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl AuditLogEntry {
    /// Most characters of a reason (the `X-Audit-Log-Reason` header).
    pub const REASON_MAX: usize = 512;

    /// The target as a snowflake, when it is one.
    pub fn target(&self) -> Option<GenericId> {
        self.target_id.as_deref().and_then(|id| id.parse().ok())
    }

    /// The change of `key`, if the entry has one.
    pub fn change(&self, key: &str) -> Option<&AuditLogChange> {
        self.changes.iter().find(|c| c.key == key)
    }
}

/// A change of one property in an audit log entry.
///
/// Values keep the changed object's field type, so they are JSON values; a
/// missing `new_value` means the property was reset, a missing `old_value`
/// that it was null. Keys are field names, with exceptions (`$add` and
/// `$remove` for member roles, a snowflake for command permissions,
/// `avatar_hash` for webhooks, `channel_id` for invites).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLogChange {
    /// The new value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_value: Option<serde_json::Value>,
    /// The old value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_value: Option<serde_json::Value>,
    /// The name of the changed property (`null` in the OpenAPI spec decodes as empty).
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize"
    )]
    pub key: String,
}

impl AuditLogChange {
    /// The new value decoded as `T`, when present and of that type.
    pub fn new_as<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.new_value.as_ref().and_then(|v| T::deserialize(v).ok())
    }

    /// The old value decoded as `T`, when present and of that type.
    pub fn old_as<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.old_value.as_ref().and_then(|v| T::deserialize(v).ok())
    }
}

/// Additional info of an audit log entry, depending on its event type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogOptionalInfo {
    /// The app whose permissions were targeted (`APPLICATION_COMMAND_PERMISSION_UPDATE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
    /// The name of the triggered auto moderation rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_moderation_rule_name: Option<String>,
    /// The trigger type of the triggered auto moderation rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_moderation_rule_trigger_type: Option<String>,
    /// The channel in which the entities were targeted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// The number of entities targeted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// The number of days after which inactive members were kicked (`MEMBER_PRUNE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_member_days: Option<String>,
    /// The overwritten entity (`CHANNEL_OVERWRITE_*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<GenericId>,
    /// The number of members removed by the prune.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_removed: Option<String>,
    /// The message targeted (`MESSAGE_PIN`, `MESSAGE_UNPIN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
    /// The role's name when the overwritten entity is a role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// The type of overwritten entity: role (`"0"`) or member (`"1"`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The type of integration that performed the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_type: Option<String>,
    /// The new voice channel status (`VOICE_CHANNEL_STATUS_CREATE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl AuditLogOptionalInfo {
    /// `count` as a number.
    pub fn count(&self) -> Option<u64> {
        self.count.as_deref().and_then(|s| s.parse().ok())
    }

    /// `delete_member_days` as a number.
    pub fn delete_member_days(&self) -> Option<u64> {
        self.delete_member_days
            .as_deref()
            .and_then(|s| s.parse().ok())
    }

    /// `members_removed` as a number.
    pub fn members_removed(&self) -> Option<u64> {
        self.members_removed.as_deref().and_then(|s| s.parse().ok())
    }
}
