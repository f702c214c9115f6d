//! Payloads of the dispatch events whose `d` is not simply another object.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{
    Timestamp,
    application::PartialApplication,
    channel::{Channel, ChannelType, ThreadMember},
    emoji::{Emoji, PartialEmoji},
    gateway::{OpCode, ShardId, command::RateLimitedMeta},
    guild::{Member, MemberFlags, Role, UnavailableGuild},
    id::{
        ApplicationId, ChannelId, GuildId, IntegrationId, MessageId, RoleId, ScheduledEventId,
        SoundboardSoundId, UserId,
    },
    invite::{InviteTargetType, InviteType},
    presence::Presence,
    soundboard::SoundboardSound,
    sticker::Sticker,
    user::{AvatarDecorationData, Collectibles, User},
    util::ImageHash,
};

// ---------------------------------------------------------------------------
// Session

/// `READY`: the session is established.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ready {
    /// The API version.
    pub v: u8,
    /// The bot's user.
    pub user: User,
    /// The guilds the bot is in, all unavailable until their `GUILD_CREATE`.
    #[serde(default)]
    pub guilds: Vec<UnavailableGuild>,
    /// The id to resume this session with.
    pub session_id: String,
    /// The gateway URL to resume this session at.
    pub resume_gateway_url: String,
    /// The shard of this session, if one was sent when identifying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardId>,
    /// The application's `id` and `flags`.
    pub application: PartialApplication,
}

/// `RESUMED`: a resume succeeded; missed events follow.
///
/// Discord sends only debugging data (`_trace`) with it, which is skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Resumed;

impl Serialize for Resumed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        serializer.serialize_map(Some(0))?.end()
    }
}

impl<'de> Deserialize<'de> for Resumed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Resumed)
    }
}

/// `RATE_LIMITED`: a gateway opcode the client sent was rate limited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateLimited {
    /// The opcode that was rate limited.
    pub opcode: OpCode,
    /// Seconds to wait before sending it again.
    pub retry_after: f64,
    /// What the limited request was about (for opcode 8, its guild and nonce).
    pub meta: RateLimitedMeta,
}

// ---------------------------------------------------------------------------
// Channels and threads

/// `CHANNEL_INFO`: ephemeral data of a guild's channels (answers Request Channel Info).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelInfo {
    /// The guild.
    pub guild_id: GuildId,
    /// The channels' ephemeral data.
    #[serde(default)]
    pub channels: Vec<ChannelInfoChannel>,
}

/// Ephemeral data of one channel in [`ChannelInfo`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelInfoChannel {
    /// The channel.
    pub id: ChannelId,
    /// The voice channel status; `Some(None)` when it is cleared.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub status: Option<Option<String>>,
    /// When the voice session started (Unix seconds); `Some(None)` when none runs.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub voice_start_time: Option<Option<u64>>,
}

/// `CHANNEL_PINS_UPDATE`: a message was pinned or unpinned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelPinsUpdate {
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The channel.
    pub channel_id: ChannelId,
    /// When the most recent pinned message was pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_pin_timestamp: Option<Timestamp>,
}

/// `THREAD_DELETE`: a thread was deleted (only these four fields are sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadDelete {
    /// The thread.
    pub id: ChannelId,
    /// The guild.
    pub guild_id: GuildId,
    /// The thread's parent channel.
    #[serde(default)]
    pub parent_id: Option<ChannelId>,
    /// The thread's channel type.
    #[serde(rename = "type")]
    pub kind: ChannelType,
}

/// `THREAD_LIST_SYNC`: the active threads of channels the bot gained access to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadListSync {
    /// The guild.
    pub guild_id: GuildId,
    /// The parent channels synced; empty when the whole guild was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel_ids: Vec<ChannelId>,
    /// The active threads in those channels.
    #[serde(default)]
    pub threads: Vec<Channel>,
    /// The bot's thread memberships among them.
    #[serde(default)]
    pub members: Vec<ThreadMember>,
}

/// `THREAD_MEMBERS_UPDATE`: users were added to or removed from a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadMembersUpdate {
    /// The thread.
    pub id: ChannelId,
    /// The guild.
    pub guild_id: GuildId,
    /// Approximate member count, capped at 50.
    pub member_count: u32,
    /// Members added, with their guild member and presence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_members: Vec<ThreadMember>,
    /// Users removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_member_ids: Vec<UserId>,
}

// ---------------------------------------------------------------------------
// Guilds

/// `GUILD_BAN_ADD` and `GUILD_BAN_REMOVE`: a user was banned or unbanned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildBan {
    /// The guild.
    pub guild_id: GuildId,
    /// The user.
    pub user: User,
}

/// `GUILD_EMOJIS_UPDATE`: a guild's emojis changed; the full new list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildEmojisUpdate {
    /// The guild.
    pub guild_id: GuildId,
    /// All of the guild's emojis.
    #[serde(default)]
    pub emojis: Vec<Emoji>,
}

/// `GUILD_STICKERS_UPDATE`: a guild's stickers changed; the full new list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildStickersUpdate {
    /// The guild.
    pub guild_id: GuildId,
    /// All of the guild's stickers.
    #[serde(default)]
    pub stickers: Vec<Sticker>,
}

/// `GUILD_INTEGRATIONS_UPDATE`: a guild's integrations changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildIntegrationsUpdate {
    /// The guild.
    pub guild_id: GuildId,
}

/// `GUILD_MEMBER_REMOVE`: a user left or was kicked or banned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildMemberRemove {
    /// The guild.
    pub guild_id: GuildId,
    /// The user.
    pub user: User,
}

/// `GUILD_MEMBER_UPDATE`: a member (or their user) changed.
///
/// Optional fields follow partial-update semantics: `None` means the field
/// was not sent, `Some(None)` that it was sent as `null` (cleared).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildMemberUpdate {
    /// The guild.
    pub guild_id: GuildId,
    /// The member's role ids.
    #[serde(default)]
    pub roles: Vec<RoleId>,
    /// The user.
    pub user: User,
    /// The member's nickname.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub nick: Option<Option<String>>,
    /// The member's guild avatar.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// The member's guild banner.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// When the user joined the guild (null for guest members).
    #[serde(default)]
    pub joined_at: Option<Timestamp>,
    /// Since when the member boosts the guild.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub premium_since: Option<Option<Timestamp>>,
    /// Whether the member is deafened in voice channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deaf: Option<bool>,
    /// Whether the member is muted in voice channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mute: Option<bool>,
    /// Whether the member has not passed membership screening yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<bool>,
    /// Until when the member is timed out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub communication_disabled_until: Option<Option<Timestamp>>,
    /// The member's guild avatar decoration.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub avatar_decoration_data: Option<Option<AvatarDecorationData>>,
    /// The member's collectibles.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub collectibles: Option<Option<Collectibles>>,
    /// The member's flags (`GuildMemberFlags` bits), when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<MemberFlags>,
}

/// `GUILD_MEMBERS_CHUNK`: a chunk of members answering Request Guild Members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildMembersChunk {
    /// The guild.
    pub guild_id: GuildId,
    /// The members of this chunk.
    #[serde(default)]
    pub members: Vec<Member>,
    /// This chunk's index, `0 <= chunk_index < chunk_count`.
    pub chunk_index: u32,
    /// How many chunks answer the request.
    pub chunk_count: u32,
    /// Requested user ids that are not members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_found: Vec<UserId>,
    /// The members' presences, when requested.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presences: Vec<Presence>,
    /// The nonce of the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}

impl GuildMembersChunk {
    /// Whether this is the last chunk of its request.
    pub const fn is_last(&self) -> bool {
        self.chunk_index + 1 >= self.chunk_count
    }
}

/// `GUILD_ROLE_CREATE` and `GUILD_ROLE_UPDATE`: a role was created or changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildRole {
    /// The guild.
    pub guild_id: GuildId,
    /// The role.
    pub role: Role,
}

/// `GUILD_ROLE_DELETE`: a role was deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildRoleDelete {
    /// The guild.
    pub guild_id: GuildId,
    /// The role.
    pub role_id: RoleId,
}

/// `GUILD_SCHEDULED_EVENT_USER_ADD` and `_REMOVE`: a user (un)subscribed to a scheduled event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildScheduledEventUser {
    /// The scheduled event.
    pub guild_scheduled_event_id: ScheduledEventId,
    /// The user.
    pub user_id: UserId,
    /// The guild.
    pub guild_id: GuildId,
}

/// `GUILD_SOUNDBOARD_SOUND_DELETE`: a soundboard sound was deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildSoundboardSoundDelete {
    /// The sound.
    pub sound_id: SoundboardSoundId,
    /// The guild.
    pub guild_id: GuildId,
}

/// `GUILD_SOUNDBOARD_SOUNDS_UPDATE` and `SOUNDBOARD_SOUNDS`: a guild's soundboard sounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildSoundboardSounds {
    /// The sounds.
    #[serde(default)]
    pub soundboard_sounds: Vec<SoundboardSound>,
    /// The guild.
    pub guild_id: GuildId,
}

/// `INTEGRATION_DELETE`: an integration was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationDelete {
    /// The integration.
    pub id: IntegrationId,
    /// The guild.
    pub guild_id: GuildId,
    /// The bot or OAuth2 application of the integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
}

// ---------------------------------------------------------------------------
// Invites

/// `INVITE_CREATE`: an invite was created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteCreate {
    /// The channel it invites to.
    pub channel_id: ChannelId,
    /// The invite code.
    pub code: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The guild it invites to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviter: Option<User>,
    /// Seconds it stays valid (0: forever).
    pub max_age: u32,
    /// How many times it may be used (0: unlimited).
    pub max_uses: u32,
    /// The kind of invite (guild, group DM, friend), when sent.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<InviteType>,
    /// What a voice channel invite targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<InviteTargetType>,
    /// The user whose stream it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_user: Option<User>,
    /// The embedded application it opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_application: Option<PartialApplication>,
    /// Whether joined users are kicked on disconnect unless given a role.
    pub temporary: bool,
    /// Times used (always 0 here).
    #[serde(default)]
    pub uses: u32,
    /// When it expires.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// Roles given to users who accept it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_ids: Vec<RoleId>,
}

/// `INVITE_DELETE`: an invite was deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteDelete {
    /// The channel it invited to.
    pub channel_id: ChannelId,
    /// The guild it invited to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The invite code.
    pub code: String,
}

// ---------------------------------------------------------------------------
// Messages and reactions

/// `MESSAGE_DELETE`: a message was deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDelete {
    /// The message.
    pub id: MessageId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
}

/// `MESSAGE_DELETE_BULK`: several messages were deleted at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDeleteBulk {
    /// The messages.
    pub ids: Vec<MessageId>,
    /// The channel.
    pub channel_id: ChannelId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
}

int_enum! {
    /// Whether a reaction is a normal one or a super-reaction.
    #[derive(Default)]
    pub enum ReactionType: u8 {
        /// A normal reaction.
        #[default]
        Normal = 0,
        /// A super-reaction ("burst").
        Burst = 1,
    }
}

/// `MESSAGE_REACTION_ADD`: a user reacted to a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReactionAdd {
    /// The user who reacted.
    pub user_id: UserId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The message.
    pub message_id: MessageId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The member who reacted, in a guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    /// The emoji (`id` null for Unicode emojis).
    pub emoji: PartialEmoji,
    /// The author of the message reacted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_author_id: Option<UserId>,
    /// Whether this is a super-reaction.
    #[serde(default)]
    pub burst: bool,
    /// Colors of the super-reaction animation, `#rrggbb`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub burst_colors: Vec<String>,
    /// The reaction type.
    #[serde(rename = "type", default)]
    pub kind: ReactionType,
}

/// `MESSAGE_REACTION_REMOVE`: a user removed a reaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReactionRemove {
    /// The user whose reaction was removed.
    pub user_id: UserId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The message.
    pub message_id: MessageId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The emoji.
    pub emoji: PartialEmoji,
    /// Whether it was a super-reaction.
    #[serde(default)]
    pub burst: bool,
    /// The reaction type.
    #[serde(rename = "type", default)]
    pub kind: ReactionType,
}

/// `MESSAGE_REACTION_REMOVE_ALL`: all reactions were removed from a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionRemoveAll {
    /// The channel.
    pub channel_id: ChannelId,
    /// The message.
    pub message_id: MessageId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
}

/// `MESSAGE_REACTION_REMOVE_EMOJI`: all reactions with one emoji were removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReactionRemoveEmoji {
    /// The channel.
    pub channel_id: ChannelId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The message.
    pub message_id: MessageId,
    /// The emoji removed.
    pub emoji: PartialEmoji,
}

/// `MESSAGE_POLL_VOTE_ADD` and `_REMOVE`: a user voted or took back a vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollVote {
    /// The voter.
    pub user_id: UserId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The message with the poll.
    pub message_id: MessageId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The answer.
    pub answer_id: u32,
}

/// `TYPING_START`: a user started typing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypingStart {
    /// The channel.
    pub channel_id: ChannelId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The user.
    pub user_id: UserId,
    /// When they started typing (Unix seconds).
    pub timestamp: u64,
    /// The member, in a guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
}

// ---------------------------------------------------------------------------
// Voice and webhooks

int_enum! {
    /// How the emoji of a voice channel effect is animated.
    pub enum VoiceAnimationType: u8 {
        /// A fun animation, sent by a Nitro subscriber.
        Premium = 0,
        /// The standard animation.
        Basic = 1,
    }
}

/// `VOICE_CHANNEL_EFFECT_SEND`: someone sent an emoji or soundboard effect in voice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoiceChannelEffectSend {
    /// The voice channel.
    pub channel_id: ChannelId,
    /// The guild.
    pub guild_id: GuildId,
    /// The user who sent the effect.
    pub user_id: UserId,
    /// The emoji, for emoji reaction and soundboard effects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<PartialEmoji>,
    /// How the emoji is animated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animation_type: Option<VoiceAnimationType>,
    /// The id of the emoji animation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animation_id: Option<u64>,
    /// The soundboard sound, for soundboard effects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound_id: Option<SoundboardSoundId>,
    /// The sound's volume, from 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound_volume: Option<f64>,
}

/// `VOICE_CHANNEL_STATUS_UPDATE`: a voice channel's status changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceChannelStatusUpdate {
    /// The channel.
    pub id: ChannelId,
    /// The guild.
    pub guild_id: GuildId,
    /// The new status (`None`: cleared).
    #[serde(default)]
    pub status: Option<String>,
}

/// `VOICE_CHANNEL_START_TIME_UPDATE`: a voice channel's session start time changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceChannelStartTimeUpdate {
    /// The channel.
    pub id: ChannelId,
    /// The guild.
    pub guild_id: GuildId,
    /// When the voice session started (Unix seconds); `None` when none runs.
    #[serde(default)]
    pub voice_start_time: Option<u64>,
}

/// `VOICE_SERVER_UPDATE`: the voice server to connect to for a guild.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceServerUpdate {
    /// The voice connection token.
    pub token: String,
    /// The guild.
    pub guild_id: GuildId,
    /// The voice server host; `None` while a new server is being allocated.
    #[serde(default)]
    pub endpoint: Option<String>,
}

impl std::fmt::Debug for VoiceServerUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VoiceServerUpdate")
            .field("token", &"<redacted>")
            .field("guild_id", &self.guild_id)
            .field("endpoint", &self.endpoint)
            .finish()
    }
}

/// `WEBHOOKS_UPDATE`: a channel's webhooks changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhooksUpdate {
    /// The guild.
    pub guild_id: GuildId,
    /// The channel.
    pub channel_id: ChannelId,
}
