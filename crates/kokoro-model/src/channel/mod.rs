//! Channels of every type, threads, forum and media channels, permission overwrites.
//!
//! Discord uses one object for every kind of channel; which fields are present
//! depends on [`ChannelType`]. kokoro mirrors that with a single [`Channel`]
//! struct whose type-specific fields are optional.
//!
//! ```
//! use kokoro_model::channel::{Channel, ChannelType};
//!
//! let channel: Channel = serde_json::from_str(
//!     r#"{"id":"41771983423143937","type":0,"guild_id":"41771983423143937","name":"general"}"#,
//! ).unwrap();
//! assert_eq!(channel.kind, ChannelType::GuildText);
//! assert!(channel.kind.is_text_based());
//! ```

mod thread;

pub use thread::{
    AutoArchiveDuration, ThreadList, ThreadMember, ThreadMemberFlags, ThreadMetadata,
    ThreadSearchTagSetting, ThreadSortBy, ThreadSortOrder,
};

use serde::{Deserialize, Serialize};

use crate::{
    Permissions, Timestamp,
    id::{
        ApplicationId, ChannelId, EmojiId, GenericId, GuildId, MessageId, TagId, UserId, WebhookId,
    },
    user::User,
    util::ImageHash,
};

int_enum! {
    /// The type of a channel.
    pub enum ChannelType: u8 {
        /// A text channel within a guild.
        GuildText = 0,
        /// A direct message between two users.
        Dm = 1,
        /// A voice channel within a guild.
        GuildVoice = 2,
        /// A direct message between several users.
        GroupDm = 3,
        /// A category that contains up to 50 channels.
        GuildCategory = 4,
        /// A channel that users can follow and crosspost into their own guild.
        GuildAnnouncement = 5,
        /// A temporary sub-channel within an announcement channel.
        AnnouncementThread = 10,
        /// A temporary sub-channel within a text, forum or media channel.
        PublicThread = 11,
        /// A temporary sub-channel within a text channel, visible only to those invited and moderators.
        PrivateThread = 12,
        /// A voice channel for hosting events with an audience.
        GuildStageVoice = 13,
        /// The channel in a hub listing its servers.
        GuildDirectory = 14,
        /// A channel that can only contain threads.
        GuildForum = 15,
        /// A channel that can only contain threads, laid out for media.
        GuildMedia = 16,
    }
}

impl ChannelType {
    /// Whether this is one of the three thread types.
    pub const fn is_thread(self) -> bool {
        matches!(
            self,
            Self::AnnouncementThread | Self::PublicThread | Self::PrivateThread
        )
    }

    /// Whether this is a direct message channel (one-to-one or group).
    pub const fn is_private(self) -> bool {
        matches!(self, Self::Dm | Self::GroupDm)
    }

    /// Whether messages can be sent directly in channels of this type.
    pub const fn is_text_based(self) -> bool {
        matches!(
            self,
            Self::GuildText
                | Self::Dm
                | Self::GuildVoice
                | Self::GroupDm
                | Self::GuildAnnouncement
                | Self::AnnouncementThread
                | Self::PublicThread
                | Self::PrivateThread
                | Self::GuildStageVoice
        )
    }

    /// Whether this is a forum-like channel that contains only threads.
    pub const fn is_forum_like(self) -> bool {
        matches!(self, Self::GuildForum | Self::GuildMedia)
    }
}

int_enum! {
    /// The camera video quality of a voice channel.
    pub enum VideoQualityMode: u8 {
        /// Discord chooses the quality for optimal performance.
        Auto = 1,
        /// 720p.
        Full = 2,
    }
}

int_enum! {
    /// How posts in a forum or media channel are sorted by default.
    pub enum SortOrder: u8 {
        /// By latest activity.
        LatestActivity = 0,
        /// By creation time, most recent first.
        CreationDate = 1,
    }
}

int_enum! {
    /// How posts in a forum channel are shown by default.
    pub enum ForumLayout: u8 {
        /// No default has been set.
        NotSet = 0,
        /// As a list.
        ListView = 1,
        /// As a collection of tiles.
        GalleryView = 2,
    }
}

flags! {
    /// Flags of a channel.
    pub struct ChannelFlags: u64 {
        /// The thread is pinned to the top of its forum or media channel.
        const PINNED = 1 << 1;
        /// A tag is required when creating a thread in this forum or media channel.
        const REQUIRE_TAG = 1 << 4;
        /// The embedded media download options are hidden (media channels only).
        const HIDE_MEDIA_DOWNLOAD_OPTIONS = 1 << 15;
        /// Users must opt in to view the channel's contents.
        const IS_SPOILER_CHANNEL = 1 << 21;
    }
}

int_enum! {
    /// Whether a permission overwrite targets a role or a member.
    pub enum PermissionOverwriteType: u8 {
        /// The overwrite applies to a role.
        Role = 0,
        /// The overwrite applies to a member.
        Member = 1,
    }
}

/// Explicit permissions granted or denied to a role or member in a channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionOverwrite {
    /// The id of the role or user.
    pub id: GenericId,
    /// Whether `id` names a role or a member.
    #[serde(rename = "type")]
    pub kind: PermissionOverwriteType,
    /// Permissions granted.
    pub allow: Permissions,
    /// Permissions denied.
    pub deny: Permissions,
}

/// The emoji shown in the add-reaction button of posts in a forum or media channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultReaction {
    /// The id of a guild's custom emoji.
    #[serde(default)]
    pub emoji_id: Option<EmojiId>,
    /// The unicode character of the emoji.
    #[serde(default)]
    pub emoji_name: Option<String>,
}

/// A tag that can be applied to threads in a forum or media channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumTag {
    /// The tag's id.
    pub id: TagId,
    /// The tag's name (0-20 characters).
    pub name: String,
    /// Whether only members with `MANAGE_THREADS` may add or remove this tag.
    #[serde(default)]
    pub moderated: bool,
    /// The id of a guild's custom emoji.
    #[serde(default)]
    pub emoji_id: Option<EmojiId>,
    /// The unicode character of the emoji.
    #[serde(default)]
    pub emoji_name: Option<String>,
}

impl ForumTag {
    /// The most characters a tag name may have.
    pub const NAME_MAX: usize = 20;
}

/// The empty answer to `POST /channels/{channel.id}/typing`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypingIndicator {}

/// The result of following an announcement channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowedChannel {
    /// The source channel's id.
    pub channel_id: ChannelId,
    /// The id of the webhook created in the target channel.
    pub webhook_id: WebhookId,
}

/// A channel of any type: guild channels, DMs, group DMs and threads.
///
/// Which fields are present depends on [`Channel::kind`]; all but `id` and
/// `kind` are optional.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// The channel's id.
    pub id: ChannelId,
    /// The type of channel.
    #[serde(rename = "type")]
    pub kind: ChannelType,
    /// The guild's id (missing in some gateway guild dispatches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// Sorting position of the channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
    /// Explicit permission overwrites for members and roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_overwrites: Vec<PermissionOverwrite>,
    /// The channel's name (1-100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The channel topic (0-4096 characters for forum and media channels, 0-1024 otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Whether the channel is age-restricted.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub nsfw: bool,
    /// The id of the last message (or thread, in forum and media channels) sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_message_id: Option<MessageId>,
    /// The bitrate of a voice channel, in bits per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// The user limit of a voice channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_limit: Option<u32>,
    /// Seconds a user must wait between messages (0-21600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_user: Option<u16>,
    /// The recipients of a DM.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<User>,
    /// The icon hash of a group DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageHash>,
    /// The creator of a group DM or thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    /// The application that created a group DM, or that is associated with the channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
    /// Whether a group DM is managed by an application through `gdm.join`.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub managed: bool,
    /// The parent category of a guild channel, or the channel a thread was created in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<ChannelId>,
    /// When the last pinned message was pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_pin_timestamp: Option<Timestamp>,
    /// The voice region id of a voice channel; `None` is automatic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtc_region: Option<String>,
    /// The camera video quality mode of a voice channel (auto when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_quality_mode: Option<VideoQualityMode>,
    /// Number of messages in a thread (excluding the initial message and deleted ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_count: Option<u32>,
    /// Approximate number of users in a thread, stops counting at 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u32>,
    /// Thread-specific fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_metadata: Option<ThreadMetadata>,
    /// The current user's thread member object, if they joined the thread (some endpoints only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Box<ThreadMember>>,
    /// Default auto-archive duration copied onto new threads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_auto_archive_duration: Option<AutoArchiveDuration>,
    /// Computed permissions of the invoking user (interaction resolved data only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// Computed permissions of the bot (interaction resolved data only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_permissions: Option<Permissions>,
    /// Channel flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<ChannelFlags>,
    /// Number of messages ever sent in a thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_message_sent: Option<u32>,
    /// The tags that can be used in a forum or media channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub available_tags: Vec<ForumTag>,
    /// The tags applied to a thread in a forum or media channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applied_tags: Vec<TagId>,
    /// The emoji in the add-reaction button of posts in a forum or media channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_reaction_emoji: Option<DefaultReaction>,
    /// The `rate_limit_per_user` copied onto new threads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_thread_rate_limit_per_user: Option<u16>,
    /// The default sort order of posts in a forum or media channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_sort_order: Option<SortOrder>,
    /// The default layout of posts in a forum channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_forum_layout: Option<ForumLayout>,
    /// The status of a voice channel (sent over the gateway).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl Channel {
    /// The flags of the channel, empty when Discord sent none.
    pub fn flags(&self) -> ChannelFlags {
        self.flags.unwrap_or_default()
    }

    /// A `<#id>` mention of this channel.
    pub fn mention(&self) -> String {
        format!("<#{}>", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_type_and_flags_are_kept() {
        let raw = r#"{"id":"1","type":99,"flags":4194306}"#;
        let c: Channel = serde_json::from_str(raw).unwrap();
        assert_eq!(c.kind, ChannelType::Unknown(99));
        assert!(c.flags().contains(ChannelFlags::PINNED));
        assert_eq!(c.flags().bits(), 4194306);
        let back = serde_json::to_string(&c).unwrap();
        assert_eq!(back, r#"{"id":"1","type":99,"flags":4194306}"#);
    }

    #[test]
    fn overwrite_permissions_are_strings() {
        let raw = r#"{"id":"2","type":1,"allow":"1024","deny":"0"}"#;
        let o: PermissionOverwrite = serde_json::from_str(raw).unwrap();
        assert_eq!(o.kind, PermissionOverwriteType::Member);
        assert_eq!(o.allow, Permissions::VIEW_CHANNEL);
        assert_eq!(serde_json::to_string(&o).unwrap(), raw);
    }
}
