//! Guilds and what belongs to them: members, roles, bans, integrations, previews, widgets, welcome screens, onboarding, templates, Server Guide settings, join requests.

mod enums;
mod home;
mod integration;
mod join_request;
mod member;
mod moderation;
mod onboarding;
mod preview;
mod role;
mod template;
mod widget;

use serde::{Deserialize, Serialize};

use crate::{
    Permissions, Timestamp,
    channel::Channel,
    emoji::Emoji,
    id::{ApplicationId, ChannelId, GuildId, UserId},
    presence::Presence,
    scheduled_event::GuildScheduledEvent,
    soundboard::SoundboardSound,
    stage_instance::StageInstance,
    sticker::Sticker,
    util::ImageHash,
    voice::VoiceState,
};

pub use enums::{
    DefaultMessageNotificationLevel, ExplicitContentFilter, GuildFeature,
    IntegrationExpireBehavior, IntegrationType, MfaLevel, NsfwLevel, OnboardingMode,
    OnboardingPromptType, PremiumTier, SystemChannelFlags, VerificationLevel,
};
pub use home::{
    GuildHomeSettings, NewMemberAction, NewMemberActionType, ResourceChannel, WelcomeMessage,
};
pub use integration::{Integration, IntegrationAccount, IntegrationApplication};
pub use join_request::{
    FormField, FormFieldResponse, FormFieldType, GuildJoinRequest, GuildJoinRequests,
    JoinRequestStatus,
};
pub use member::{Member, MemberFlags, PartialMember};
pub use moderation::{Ban, BulkBan, GuildPrune, VanityUrl, VanityUrlError};
pub use onboarding::{
    GuildOnboarding, OnboardingPrompt, OnboardingPromptOption, WelcomeScreen, WelcomeScreenChannel,
};
pub use preview::GuildPreview;
pub use role::{Role, RoleColors, RoleFlags, RoleTags};
pub use template::{
    GuildTemplate, PlaceholderId, TemplateChannel, TemplateGuild, TemplateOverwrite,
    TemplateReactionEmoji, TemplateRole, TemplateTag,
};
pub use widget::{
    GuildWidget, GuildWidgetSettings, WidgetActivity, WidgetChannel, WidgetMember, WidgetStyle,
};

/// A guild (a "server"), as returned by `GET /guilds/{id}` and sent in
/// GUILD_CREATE and GUILD_UPDATE.
///
/// The fields after `incidents_data` are only sent in GUILD_CREATE.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Guild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name (2-100 characters).
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The icon hash, in the template object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_hash: Option<ImageHash>,
    /// The invite splash hash.
    #[serde(default)]
    pub splash: Option<ImageHash>,
    /// The discovery splash hash (guilds with `DISCOVERABLE`).
    #[serde(default)]
    pub discovery_splash: Option<ImageHash>,
    /// Whether the current user owns the guild (`/users/@me/guilds` only).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub owner: bool,
    /// The owner's id.
    pub owner_id: UserId,
    /// The current user's permissions in the guild (`/users/@me/guilds` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// The voice region id (deprecated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The AFK voice channel.
    #[serde(default)]
    pub afk_channel_id: Option<ChannelId>,
    /// Seconds of inactivity before a member is moved to the AFK channel.
    #[serde(default)]
    pub afk_timeout: u32,
    /// Whether the widget is enabled.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub widget_enabled: bool,
    /// The channel the widget invites to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widget_channel_id: Option<ChannelId>,
    /// The verification level members need.
    #[serde(default)]
    pub verification_level: VerificationLevel,
    /// Which messages notify members by default.
    #[serde(default)]
    pub default_message_notifications: DefaultMessageNotificationLevel,
    /// Whose media is scanned for explicit content.
    #[serde(default)]
    pub explicit_content_filter: ExplicitContentFilter,
    /// The guild's roles.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The guild's custom emojis.
    #[serde(default)]
    pub emojis: Vec<Emoji>,
    /// The guild's features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
    /// Whether moderators need 2FA.
    #[serde(default)]
    pub mfa_level: MfaLevel,
    /// The application that created the guild, if a bot did.
    #[serde(default)]
    pub application_id: Option<ApplicationId>,
    /// The channel of welcome messages and boost notices.
    #[serde(default)]
    pub system_channel_id: Option<ChannelId>,
    /// Notices the system channel does not show.
    #[serde(default)]
    pub system_channel_flags: SystemChannelFlags,
    /// The rules channel of a Community guild.
    #[serde(default)]
    pub rules_channel_id: Option<ChannelId>,
    /// The most presences the guild holds (sent, as `null`, but for the largest guilds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_presences: Option<u64>,
    /// The most members the guild holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_members: Option<u64>,
    /// The vanity invite code.
    #[serde(default)]
    pub vanity_url_code: Option<String>,
    /// The guild's description.
    #[serde(default)]
    pub description: Option<String>,
    /// The banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// The Server Boost level.
    #[serde(default)]
    pub premium_tier: PremiumTier,
    /// How many boosts the guild has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_subscription_count: Option<u64>,
    /// The preferred locale of a Community guild (`en-US` by default).
    #[serde(default = "default_locale")]
    pub preferred_locale: String,
    /// The channel where Community moderators receive notices from Discord.
    #[serde(default)]
    pub public_updates_channel_id: Option<ChannelId>,
    /// The most users in a video channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_video_channel_users: Option<u32>,
    /// The most users in a stage video channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stage_video_channel_users: Option<u32>,
    /// Approximate member count (`GET /guilds/{id}?with_counts=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_member_count: Option<u64>,
    /// Approximate non-offline member count (`with_counts=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_presence_count: Option<u64>,
    /// The welcome screen of a Community guild (in invites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_screen: Option<WelcomeScreen>,
    /// The age restriction.
    #[serde(default)]
    pub nsfw_level: NsfwLevel,
    /// Whether the guild is age-restricted (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub nsfw: bool,
    /// The guild's custom stickers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stickers: Vec<Sticker>,
    /// Whether the boost progress bar is shown.
    #[serde(default)]
    pub premium_progress_bar_enabled: bool,
    /// The channel where Community moderators receive safety alerts.
    #[serde(default)]
    pub safety_alerts_channel_id: Option<ChannelId>,
    /// Raid and spam incident actions in effect.
    #[serde(default)]
    pub incidents_data: Option<IncidentsData>,
    /// The home header hash (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_header: Option<String>,
    /// When a user last toggled the boost progress bar (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_progress_bar_enabled_user_updated_at: Option<Timestamp>,

    /// When the current user joined (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<Timestamp>,
    /// Whether the guild is large (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub large: bool,
    /// Whether the guild is unavailable because of an outage (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub unavailable: bool,
    /// Total number of members (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
    /// Voice states of members in voice channels, without `guild_id` (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voice_states: Vec<VoiceState>,
    /// Members of the guild (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// Channels of the guild (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Active threads the current user can view (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub threads: Vec<Channel>,
    /// Presences of members (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presences: Vec<Presence>,
    /// Stage instances (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_instances: Vec<StageInstance>,
    /// Scheduled events (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guild_scheduled_events: Vec<GuildScheduledEvent>,
    /// Soundboard sounds (GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub soundboard_sounds: Vec<SoundboardSound>,
}

fn default_locale() -> String {
    "en-US".to_owned()
}

impl Guild {
    /// The id of the `@everyone` role, which is the guild's id.
    pub fn everyone_role_id(&self) -> crate::id::RoleId {
        self.id.cast()
    }

    /// Whether the guild has `feature`.
    pub fn has_feature(&self, feature: &GuildFeature) -> bool {
        self.features.contains(feature)
    }
}

/// Raid and DM spam actions in effect in a guild.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentsData {
    /// When invites get enabled again.
    #[serde(default)]
    pub invites_disabled_until: Option<Timestamp>,
    /// When direct messages get enabled again.
    #[serde(default)]
    pub dms_disabled_until: Option<Timestamp>,
    /// When DM spam was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dm_spam_detected_at: Option<Timestamp>,
    /// When a raid was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raid_detected_at: Option<Timestamp>,
}

/// A guild that is unavailable: during an outage, before its GUILD_CREATE
/// (READY), or after the current user left it (GUILD_DELETE, `unavailable` false).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnavailableGuild {
    /// The guild's id.
    pub id: GuildId,
    /// Whether the guild is unavailable because of an outage.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub unavailable: bool,
}

/// A guild the current user is in, as listed by `GET /users/@me/guilds`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// Whether the current user owns the guild.
    #[serde(default)]
    pub owner: bool,
    /// The current user's permissions in the guild (without overwrites).
    #[serde(default)]
    pub permissions: Permissions,
    /// The guild's features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
    /// Approximate member count (`with_counts=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_member_count: Option<u64>,
    /// Approximate non-offline member count (`with_counts=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_presence_count: Option<u64>,
}

/// Decodes `null` as the type's default, for fields Discord's docs call
/// non-null but its OpenAPI spec calls nullable.
pub(crate) mod null_as_default {
    use serde::{Deserialize, Deserializer};

    /// Deserializes `T`, or `T::default()` for `null`.
    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
    }
}
