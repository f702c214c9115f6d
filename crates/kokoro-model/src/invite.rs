//! Invites to guilds, group DMs and friends.

use serde::{Deserialize, Serialize};

use crate::{
    Permissions, Timestamp,
    application::Application,
    channel::ChannelType,
    guild::{GuildFeature, NsfwLevel, RoleColors, VerificationLevel, WelcomeScreen},
    id::{ChannelId, GuildId, RoleId},
    scheduled_event::GuildScheduledEvent,
    user::{PartialUser, User},
    util::ImageHash,
};

int_enum! {
    /// What an invite is to.
    #[derive(Default)]
    pub enum InviteType: u8 {
        /// A guild.
        #[default]
        Guild = 0,
        /// A group DM.
        GroupDm = 1,
        /// Become friends with the inviter.
        Friend = 2,
    }
}

int_enum! {
    /// What a voice channel invite opens.
    pub enum InviteTargetType: u8 {
        /// A user's stream.
        Stream = 1,
        /// An embedded application (an Activity).
        EmbeddedApplication = 2,
    }
}

flags! {
    /// Flags of a guild invite.
    pub struct InviteFlags: u32 {
        /// A guest invite to a voice channel.
        const IS_GUEST_INVITE = 1 << 0;
    }
}

/// An invite, with its metadata when fetched from a guild or channel.
///
/// `uses`, `max_uses`, `max_age`, `temporary` and `created_at` are the
/// invite metadata, present in `GET /guilds/{id}/invites`,
/// `GET /channels/{id}/invites` and invite creation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invite {
    /// What the invite is to.
    #[serde(rename = "type", default)]
    pub kind: InviteType,
    /// The invite code.
    pub code: String,
    /// The guild the invite is to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild: Option<InviteGuild>,
    /// The guild's id (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The channel the invite is to.
    #[serde(default)]
    pub channel: Option<InviteChannel>,
    /// Who created the invite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviter: Option<User>,
    /// What a voice channel invite opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<InviteTargetType>,
    /// Whose stream a stream invite shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_user: Option<User>,
    /// The Activity an embedded application invite opens (partial).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_application: Option<Application>,
    /// Approximate online member count (`with_counts=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_presence_count: Option<u64>,
    /// Approximate member count (`with_counts=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_member_count: Option<u64>,
    /// When the invite expires; `None` for never.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The scheduled event of `guild_scheduled_event_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_scheduled_event: Option<GuildScheduledEvent>,
    /// Guild invite flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<InviteFlags>,
    /// Roles given to whoever accepts the invite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<InviteRole>,
    /// How many times the invite was used (metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<u64>,
    /// How many uses the invite allows; 0 for unlimited (metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<u64>,
    /// Seconds after which the invite expires; 0 for never (metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// Whether the invite grants temporary membership (metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary: Option<bool>,
    /// When the invite was created (metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// How active the guild has been lately (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveliness: Option<GuildLiveliness>,
}

impl Invite {
    /// The invite's URL, `https://discord.gg/{code}`.
    pub fn url(&self) -> String {
        format!("https://discord.gg/{}", self.code)
    }
}

/// The guild of an invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The invite splash hash.
    #[serde(default)]
    pub splash: Option<ImageHash>,
    /// The banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
    /// The verification level.
    #[serde(default)]
    pub verification_level: Option<VerificationLevel>,
    /// The vanity invite code.
    #[serde(default)]
    pub vanity_url_code: Option<String>,
    /// The age restriction.
    #[serde(default)]
    pub nsfw_level: Option<NsfwLevel>,
    /// Whether the guild is age-restricted (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nsfw: Option<bool>,
    /// How many boosts the guild has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_subscription_count: Option<u64>,
    /// The welcome screen of a Community guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_screen: Option<WelcomeScreen>,
}

/// The channel of an invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteChannel {
    /// The channel's id.
    pub id: ChannelId,
    /// The channel's type.
    #[serde(rename = "type")]
    pub kind: ChannelType,
    /// The channel's name.
    #[serde(default)]
    pub name: Option<String>,
    /// A group DM's icon hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageHash>,
    /// A group DM's recipients (id, username, avatar).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<PartialUser>,
}

/// A role given by an invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteRole {
    /// The role's id.
    pub id: RoleId,
    /// The role's name.
    pub name: String,
    /// The role's position.
    #[serde(default)]
    pub position: i32,
    /// The role's color (deprecated: use `colors`).
    #[serde(default)]
    pub color: u32,
    /// The role's colors.
    #[serde(default)]
    pub colors: RoleColors,
    /// The role's icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The role's unicode emoji.
    #[serde(default)]
    pub unicode_emoji: Option<String>,
    /// The role's permissions (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
}

/// How active an invite's guild has been lately (in the OpenAPI spec).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildLiveliness {
    /// Message activity, one count per time bin.
    #[serde(default)]
    pub msg_activity_bins: Vec<u32>,
    /// When the bins were last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_ts: Option<Timestamp>,
}

int_enum! {
    /// Where the job that sets an invite's target users stands.
    pub enum TargetUsersJobState: u8 {
        /// Not reported.
        Unspecified = 0,
        /// The users are being processed.
        Processing = 1,
        /// Every user was processed.
        Completed = 2,
        /// The job failed; see `error_message`.
        Failed = 3,
    }
}

/// The job that sets who an invite targets (`GET /invites/{code}/target-users/job-status`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetUsersJobStatus {
    /// Where the job stands.
    pub status: TargetUsersJobState,
    /// How many users the job has to process.
    #[serde(default)]
    pub total_users: u32,
    /// How many it has processed.
    #[serde(default)]
    pub processed_users: u32,
    /// When the job was created.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// When the job completed.
    #[serde(default)]
    pub completed_at: Option<Timestamp>,
    /// Why the job failed.
    #[serde(default)]
    pub error_message: Option<String>,
}
