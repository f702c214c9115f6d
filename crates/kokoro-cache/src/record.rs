//! The compact records the cache keeps.
//!
//! Records are smaller than the models they come from: strings Discord repeats
//! are shared `Arc<str>`s, role lists keep two ids inline, rarely set fields
//! live behind one `Option<Box<_>>` that costs eight bytes when absent, and a
//! member holds no copy of its user (look it up with
//! [`InMemoryCache::user`](crate::InMemoryCache::user)).

use std::sync::Arc;

use kokoro_model::{
    Permissions, Timestamp,
    channel::{ChannelFlags, ChannelType, ThreadMemberFlags},
    guild::{
        DefaultMessageNotificationLevel, ExplicitContentFilter, MemberFlags, MfaLevel, NsfwLevel,
        PremiumTier, RoleFlags, SystemChannelFlags, VerificationLevel,
    },
    id::{
        ApplicationId, ChannelId, EmojiId, GenericId, GuildId, MessageId, RoleId, ScheduledEventId,
        SkuId, SoundboardSoundId, StageInstanceId, StickerId, TagId, UserId, WebhookId,
    },
    message::{Embed, MessageFlags, MessageType},
    presence::{ActivityType, ClientStatus, Status},
    scheduled_event::{
        GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus,
    },
    stage_instance::StageInstancePrivacyLevel,
    sticker::StickerFormatType,
    user::UserFlags,
    util::ImageHash,
};
use smallvec::SmallVec;

/// Role ids of a member: two are kept inline, more spill to the heap.
pub type RoleIds = SmallVec<[RoleId; 2]>;

/// A user, stored once however many guilds, messages and bots name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedUser {
    /// The user's id.
    pub id: UserId,
    /// The user's name.
    pub username: Box<str>,
    /// The display name, if set.
    pub global_name: Option<Box<str>>,
    /// The legacy tag as a number, 0 for migrated users.
    pub discriminator: u16,
    /// The avatar hash.
    pub avatar: Option<ImageHash>,
    /// Whether the user is a bot.
    pub bot: bool,
    /// Whether the user is an official Discord system user.
    pub system: bool,
    /// The public flags of the account.
    pub public_flags: UserFlags,
    /// Avatar decoration, nameplate and guild tag, when the user has any.
    pub cosmetics: Option<Box<UserCosmetics>>,
}

impl CachedUser {
    /// The name to show: the display name when set, else the username.
    pub fn display_name(&self) -> &str {
        self.global_name.as_deref().unwrap_or(&self.username)
    }

    /// The discriminator as Discord writes it (`"0"` for migrated users).
    pub fn discriminator_string(&self) -> String {
        if self.discriminator == 0 {
            "0".to_owned()
        } else {
            format!("{:04}", self.discriminator)
        }
    }
}

/// The cosmetic extras of a user; the strings are shared between users.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserCosmetics {
    /// The avatar decoration's asset hash and SKU.
    pub avatar_decoration: Option<(Arc<str>, Option<SkuId>)>,
    /// The nameplate's SKU, asset path and palette.
    pub nameplate: Option<(Option<SkuId>, Arc<str>, Arc<str>)>,
    /// The guild whose tag the user shows.
    pub primary_guild_id: Option<GuildId>,
    /// Whether the tag is shown.
    pub primary_guild_enabled: Option<bool>,
    /// The tag's text.
    pub primary_guild_tag: Option<Arc<str>>,
    /// The tag's badge hash.
    pub primary_guild_badge: Option<Arc<str>>,
}

/// A guild member; its user is the shared [`CachedUser`] of `user_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedMember {
    /// The member's user id.
    pub user_id: UserId,
    /// The guild nickname.
    pub nick: Option<Box<str>>,
    /// The guild avatar hash.
    pub avatar: Option<ImageHash>,
    /// The member's roles (without `@everyone`).
    pub roles: RoleIds,
    /// When the member joined (absent for guests).
    pub joined_at: Option<Timestamp>,
    /// The member's flags.
    pub flags: MemberFlags,
    /// Whether the member is deafened in voice channels.
    pub deaf: bool,
    /// Whether the member is muted in voice channels.
    pub mute: bool,
    /// Whether the member has not yet passed membership screening.
    pub pending: bool,
    /// Boost, timeout, banner and decoration, when any is set.
    pub extras: Option<Box<MemberExtras>>,
}

/// The rarely set fields of a member.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberExtras {
    /// Since when the member boosts the guild.
    pub premium_since: Option<Timestamp>,
    /// Until when the member is timed out.
    pub communication_disabled_until: Option<Timestamp>,
    /// The guild banner hash.
    pub banner: Option<ImageHash>,
    /// The guild avatar decoration's asset and SKU.
    pub avatar_decoration: Option<(Arc<str>, Option<SkuId>)>,
}

impl MemberExtras {
    pub(crate) fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

impl CachedMember {
    /// Since when the member boosts the guild.
    pub fn premium_since(&self) -> Option<Timestamp> {
        self.extras.as_ref().and_then(|e| e.premium_since)
    }

    /// Until when the member is timed out, if a timeout was ever set.
    pub fn communication_disabled_until(&self) -> Option<Timestamp> {
        self.extras
            .as_ref()
            .and_then(|e| e.communication_disabled_until)
    }

    /// Whether the member is timed out at `now`.
    pub fn is_timed_out_at(&self, now: Timestamp) -> bool {
        self.communication_disabled_until()
            .is_some_and(|until| until.as_micros() > now.as_micros())
    }
}

/// Status codes, one byte each.
const STATUSES: [&str; 5] = ["online", "dnd", "idle", "invisible", "offline"];

pub(crate) fn status_code(status: &Status) -> u8 {
    STATUSES
        .iter()
        .position(|s| *s == status.as_str())
        .map_or(u8::MAX, |i| i as u8)
}

fn status_of(code: u8) -> Option<Status> {
    STATUSES
        .get(usize::from(code))
        .map(|s| Status::from_wire(s))
}

/// A user's presence in one guild: status, per-platform status and activities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedPresence {
    pub(crate) status: u8,
    pub(crate) desktop: u8,
    pub(crate) mobile: u8,
    pub(crate) web: u8,
    /// What the user is doing, most important first.
    pub activities: Box<[CachedActivity]>,
}

impl CachedPresence {
    pub(crate) const NONE: u8 = u8::MAX - 1;

    /// The user's status (unknown statuses read as offline).
    pub fn status(&self) -> Status {
        status_of(self.status).unwrap_or(Status::Offline)
    }

    /// The user's status on each platform.
    pub fn client_status(&self) -> ClientStatus {
        ClientStatus {
            desktop: status_of(self.desktop),
            mobile: status_of(self.mobile),
            web: status_of(self.web),
        }
    }
}

/// One activity of a presence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedActivity {
    /// The activity's name (shared between everyone doing it).
    pub name: Arc<str>,
    /// The kind of activity.
    pub kind: ActivityType,
    /// The party status, or a custom status's text.
    pub state: Option<Box<str>>,
    /// What the player is doing (shared: song titles and game modes repeat).
    pub details: Option<Arc<str>>,
    /// The game's application.
    pub application_id: Option<ApplicationId>,
    /// When the activity was added to the session, in Unix milliseconds.
    pub created_at: Option<u64>,
    /// The less used parts: URL, emoji, timestamps, images, party.
    pub extras: Option<Box<ActivityExtras>>,
}

/// The less used parts of an activity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityExtras {
    /// The stream URL.
    pub url: Option<Box<str>>,
    /// A custom status's emoji: name, id, animated.
    pub emoji: Option<(Arc<str>, Option<EmojiId>, bool)>,
    /// Start and end, in Unix milliseconds.
    pub timestamps: (Option<u64>, Option<u64>),
    /// Large image and its text.
    pub large_image: Option<(Arc<str>, Option<Arc<str>>)>,
    /// Small image and its text.
    pub small_image: Option<(Arc<str>, Option<Arc<str>>)>,
    /// The player's party.
    pub party: Option<ActivityParty>,
    /// Button labels.
    pub buttons: Box<[Box<str>]>,
}

/// The party of an activity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityParty {
    /// The party's id.
    pub id: Option<Box<str>>,
    /// Current and maximum size.
    pub size: Option<[u32; 2]>,
}

/// A role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedRole {
    /// The role's id (the guild's id for `@everyone`).
    pub id: RoleId,
    /// The guild the role belongs to.
    pub guild_id: GuildId,
    /// The role's name.
    pub name: Box<str>,
    /// The primary color.
    pub color: u32,
    /// The secondary and tertiary colors of a gradient or holographic role.
    pub extra_colors: Option<(u32, Option<u32>)>,
    /// Whether the role is shown separately in the member list.
    pub hoist: bool,
    /// The role icon hash.
    pub icon: Option<ImageHash>,
    /// The role's unicode emoji.
    pub unicode_emoji: Option<Box<str>>,
    /// Position in the role list.
    pub position: i32,
    /// The role's permissions.
    pub permissions: Permissions,
    /// Whether an integration manages the role.
    pub managed: bool,
    /// Whether the role can be mentioned.
    pub mentionable: bool,
    /// The role's flags.
    pub flags: RoleFlags,
    /// The role's tags, if any.
    pub tags: Option<Box<RoleTagsRecord>>,
}

/// The tags of a role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleTagsRecord {
    /// The bot this role belongs to.
    pub bot_id: Option<UserId>,
    /// The integration this role belongs to.
    pub integration_id: Option<GenericId>,
    /// Whether this is the guild's booster role.
    pub premium_subscriber: bool,
    /// The subscription listing of the role.
    pub subscription_listing_id: Option<GenericId>,
    /// Whether the role can be purchased.
    pub available_for_purchase: bool,
    /// Whether this is a guild's linked role.
    pub guild_connections: bool,
}

/// Whether an overwrite targets a role or a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OverwriteTarget {
    /// A role (or `@everyone`, whose id is the guild's).
    Role(RoleId),
    /// A member.
    Member(UserId),
}

/// A channel permission overwrite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Overwrite {
    /// Whom it applies to.
    pub target: OverwriteTarget,
    /// Permissions granted.
    pub allow: Permissions,
    /// Permissions denied.
    pub deny: Permissions,
}

/// A guild channel or thread.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedChannel {
    /// The channel's id.
    pub id: ChannelId,
    /// The channel's type.
    pub kind: ChannelType,
    /// The guild (absent for DMs).
    pub guild_id: Option<GuildId>,
    /// The sorting position.
    pub position: i32,
    /// The channel's name.
    pub name: Option<Box<str>>,
    /// The topic.
    pub topic: Option<Box<str>>,
    /// Whether the channel is age-restricted.
    pub nsfw: bool,
    /// The parent category, or for a thread its channel.
    pub parent_id: Option<ChannelId>,
    /// The permission overwrites (threads have none: their parent's apply).
    pub permission_overwrites: Box<[Overwrite]>,
    /// The id of the last message sent.
    pub last_message_id: Option<MessageId>,
    /// When a message was last pinned.
    pub last_pin_timestamp: Option<Timestamp>,
    /// Slowmode, in seconds.
    pub rate_limit_per_user: u16,
    /// Bitrate of a voice channel.
    pub bitrate: u32,
    /// User limit of a voice channel.
    pub user_limit: u32,
    /// The channel's flags.
    pub flags: ChannelFlags,
    /// Voice region override.
    pub rtc_region: Option<Arc<str>>,
    /// The creator of a thread.
    pub owner_id: Option<UserId>,
    /// Thread fields, for threads.
    pub thread: Option<Box<ThreadInfo>>,
    /// Forum tags: id and name.
    pub available_tags: Box<[(TagId, Arc<str>)]>,
}

/// What a thread has beyond a channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadInfo {
    /// Whether it is archived.
    pub archived: bool,
    /// Whether it is locked.
    pub locked: bool,
    /// Whether non-moderators can add members to a private thread.
    pub invitable: Option<bool>,
    /// Minutes of inactivity before archiving.
    pub auto_archive_duration: u16,
    /// When the archive status last changed.
    pub archive_timestamp: Option<Timestamp>,
    /// When the thread was created (threads after 2022-01-09).
    pub create_timestamp: Option<Timestamp>,
    /// Approximate message count.
    pub message_count: u32,
    /// Approximate member count (stops counting at 50).
    pub member_count: u32,
    /// Applied forum tags.
    pub applied_tags: Box<[TagId]>,
}

/// A member of a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CachedThreadMember {
    /// The user.
    pub user_id: UserId,
    /// When they joined the thread.
    pub join_timestamp: Timestamp,
    /// Notification flags.
    pub flags: ThreadMemberFlags,
}

/// A guild.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: Box<str>,
    /// Icon hash.
    pub icon: Option<ImageHash>,
    /// Splash hash.
    pub splash: Option<ImageHash>,
    /// Discovery splash hash.
    pub discovery_splash: Option<ImageHash>,
    /// Banner hash.
    pub banner: Option<ImageHash>,
    /// The owner.
    pub owner_id: UserId,
    /// AFK channel.
    pub afk_channel_id: Option<ChannelId>,
    /// AFK timeout in seconds.
    pub afk_timeout: u32,
    /// Whether the widget is on.
    pub widget_enabled: bool,
    /// The widget's channel.
    pub widget_channel_id: Option<ChannelId>,
    /// Verification level.
    pub verification_level: VerificationLevel,
    /// Default notification level.
    pub default_message_notifications: DefaultMessageNotificationLevel,
    /// Explicit content filter.
    pub explicit_content_filter: ExplicitContentFilter,
    /// MFA level.
    pub mfa_level: MfaLevel,
    /// NSFW level.
    pub nsfw_level: NsfwLevel,
    /// Boost tier.
    pub premium_tier: PremiumTier,
    /// Enabled features (shared strings).
    pub features: Box<[Arc<str>]>,
    /// The creating bot's application.
    pub application_id: Option<ApplicationId>,
    /// System messages channel.
    pub system_channel_id: Option<ChannelId>,
    /// System channel flags.
    pub system_channel_flags: SystemChannelFlags,
    /// Rules channel.
    pub rules_channel_id: Option<ChannelId>,
    /// Channel for moderator notices.
    pub public_updates_channel_id: Option<ChannelId>,
    /// Channel for safety alerts.
    pub safety_alerts_channel_id: Option<ChannelId>,
    /// Maximum members.
    pub max_members: Option<u64>,
    /// Vanity invite code.
    pub vanity_url_code: Option<Box<str>>,
    /// Description.
    pub description: Option<Box<str>>,
    /// Number of boosts.
    pub premium_subscription_count: Option<u64>,
    /// Preferred locale (shared string).
    pub preferred_locale: Arc<str>,
    /// Maximum users in a video channel.
    pub max_video_channel_users: Option<u32>,
    /// Whether the guild is age-restricted.
    pub nsfw: bool,
    /// Whether the boost progress bar is shown.
    pub premium_progress_bar_enabled: bool,
    /// When the current user joined.
    pub joined_at: Option<Timestamp>,
    /// Whether the guild is large.
    pub large: bool,
    /// Member count, kept up to date by member add and remove events.
    pub member_count: Option<u64>,
    /// Whether the guild is in an outage: its data is kept but may be stale.
    pub unavailable: bool,
}

impl CachedGuild {
    /// Whether the guild has a feature (`"COMMUNITY"`, `"VERIFIED"`, …).
    pub fn has_feature(&self, feature: &str) -> bool {
        self.features.iter().any(|f| &**f == feature)
    }
}

impl CachedChannel {
    /// Whether this is a thread.
    pub fn is_thread(&self) -> bool {
        self.thread.is_some()
    }
}

/// A voice state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedVoiceState {
    /// The user.
    pub user_id: UserId,
    /// The channel they are connected to.
    pub channel_id: ChannelId,
    /// The voice session.
    pub session_id: Box<str>,
    /// Deafened by the guild.
    pub deaf: bool,
    /// Muted by the guild.
    pub mute: bool,
    /// Deafened locally.
    pub self_deaf: bool,
    /// Muted locally.
    pub self_mute: bool,
    /// Streaming with Go Live.
    pub self_stream: bool,
    /// Camera on.
    pub self_video: bool,
    /// Suppressed (stage audience).
    pub suppress: bool,
    /// When they asked to speak in a stage.
    pub request_to_speak_timestamp: Option<Timestamp>,
}

/// A custom emoji.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedEmoji {
    /// The emoji's id.
    pub id: EmojiId,
    /// The guild.
    pub guild_id: GuildId,
    /// The name.
    pub name: Box<str>,
    /// Roles allowed to use it (empty: everyone).
    pub roles: Box<[RoleId]>,
    /// Who uploaded it.
    pub user_id: Option<UserId>,
    /// Whether it must be wrapped in colons.
    pub require_colons: bool,
    /// Whether an integration manages it.
    pub managed: bool,
    /// Whether it is animated.
    pub animated: bool,
    /// Whether it can be used (false when boosts lapsed).
    pub available: bool,
}

/// A guild sticker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedSticker {
    /// The sticker's id.
    pub id: StickerId,
    /// The guild.
    pub guild_id: GuildId,
    /// The name.
    pub name: Box<str>,
    /// The description.
    pub description: Option<Box<str>>,
    /// Autocomplete tags.
    pub tags: Box<str>,
    /// The file format.
    pub format_type: Option<StickerFormatType>,
    /// Whether it can be used.
    pub available: bool,
    /// Who uploaded it.
    pub user_id: Option<UserId>,
}

/// A stage instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedStageInstance {
    /// The instance's id.
    pub id: StageInstanceId,
    /// The guild.
    pub guild_id: GuildId,
    /// The stage channel.
    pub channel_id: ChannelId,
    /// The topic.
    pub topic: Box<str>,
    /// Who can see the stage.
    pub privacy_level: StageInstancePrivacyLevel,
    /// The scheduled event it belongs to.
    pub guild_scheduled_event_id: Option<ScheduledEventId>,
}

/// A guild scheduled event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedScheduledEvent {
    /// The event's id.
    pub id: ScheduledEventId,
    /// The guild.
    pub guild_id: GuildId,
    /// The channel, for stage and voice events.
    pub channel_id: Option<ChannelId>,
    /// Who created it.
    pub creator_id: Option<UserId>,
    /// The name.
    pub name: Box<str>,
    /// The description.
    pub description: Option<Box<str>>,
    /// When it starts.
    pub scheduled_start_time: Timestamp,
    /// When it ends.
    pub scheduled_end_time: Option<Timestamp>,
    /// Who can see the event.
    pub privacy_level: GuildScheduledEventPrivacyLevel,
    /// Scheduled, active, completed or canceled.
    pub status: GuildScheduledEventStatus,
    /// Stage, voice or external.
    pub entity_type: GuildScheduledEventEntityType,
    /// The location, for external events.
    pub location: Option<Box<str>>,
    /// Users subscribed.
    pub user_count: Option<u32>,
    /// Cover image hash.
    pub image: Option<ImageHash>,
}

/// A soundboard sound.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedSoundboardSound {
    /// The sound's id.
    pub id: SoundboardSoundId,
    /// The guild.
    pub guild_id: GuildId,
    /// The name.
    pub name: Box<str>,
    /// Volume, 0 to 1.
    pub volume: f64,
    /// Custom emoji id.
    pub emoji_id: Option<EmojiId>,
    /// Unicode emoji.
    pub emoji_name: Option<Box<str>>,
    /// Whether it can be used.
    pub available: bool,
    /// Who uploaded it.
    pub user_id: Option<UserId>,
}

/// An attachment of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedAttachment {
    /// The file name.
    pub filename: Box<str>,
    /// Size in bytes.
    pub size: u64,
    /// Source URL.
    pub url: Box<str>,
    /// Media type.
    pub content_type: Option<Arc<str>>,
    /// Image width and height.
    pub dimensions: Option<(u32, u32)>,
}

/// A reaction on a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedReaction {
    /// The custom emoji's id.
    pub emoji_id: Option<EmojiId>,
    /// The emoji's name (unicode emoji or custom name).
    pub emoji_name: Option<Arc<str>>,
    /// How many reacted.
    pub count: u32,
}

/// A message.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedMessage {
    /// The message's id.
    pub id: MessageId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The guild.
    pub guild_id: Option<GuildId>,
    /// The author: the shared user record when the author is cached.
    pub author: Arc<CachedUser>,
    /// The text.
    pub content: Box<str>,
    /// When it was sent.
    pub timestamp: Timestamp,
    /// When it was last edited.
    pub edited_timestamp: Option<Timestamp>,
    /// The type of message.
    pub kind: MessageType,
    /// The flags.
    pub flags: MessageFlags,
    /// Text-to-speech.
    pub tts: bool,
    /// Mentions everyone.
    pub mention_everyone: bool,
    /// Pinned.
    pub pinned: bool,
    /// Mentioned users.
    pub mentions: Box<[UserId]>,
    /// Mentioned roles.
    pub mention_roles: Box<[RoleId]>,
    /// Attached files.
    pub attachments: Box<[CachedAttachment]>,
    /// The embeds.
    pub embeds: Box<[Embed]>,
    /// Reactions.
    pub reactions: Vec<CachedReaction>,
    /// The message replied to or forwarded.
    pub referenced_message_id: Option<MessageId>,
    /// The webhook that sent it.
    pub webhook_id: Option<WebhookId>,
    /// The application of an interaction or Rich Presence message.
    pub application_id: Option<ApplicationId>,
    /// Stickers sent.
    pub sticker_ids: Box<[StickerId]>,
    /// The thread started from this message.
    pub thread_id: Option<ChannelId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_stay_compact() {
        use std::mem::size_of;
        assert!(
            size_of::<CachedMember>() <= 96,
            "{}",
            size_of::<CachedMember>()
        );
        assert!(size_of::<CachedUser>() <= 96, "{}", size_of::<CachedUser>());
        assert!(
            size_of::<CachedPresence>() <= 24,
            "{}",
            size_of::<CachedPresence>()
        );
        assert_eq!(size_of::<RoleIds>(), 24);
    }

    #[test]
    fn status_codes_round_trip() {
        for s in [
            Status::Online,
            Status::Idle,
            Status::DoNotDisturb,
            Status::Offline,
        ] {
            assert_eq!(status_of(status_code(&s)), Some(s));
        }
        assert_eq!(status_of(status_code(&Status::from_wire("new"))), None);
    }
}
