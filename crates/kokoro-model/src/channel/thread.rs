//! Thread-specific objects: metadata, members and thread lists.

use serde::{Deserialize, Serialize};

use super::Channel;
use crate::{
    Timestamp,
    guild::Member,
    id::{ChannelId, GuildId, UserId},
    message::Message,
    presence::Presence,
};

int_enum! {
    /// Minutes of inactivity after which a thread is hidden from the channel list.
    pub enum AutoArchiveDuration: u16 {
        /// One hour.
        Hour = 60,
        /// One day.
        Day = 1440,
        /// Three days.
        ThreeDays = 4320,
        /// One week.
        Week = 10080,
    }
}

impl AutoArchiveDuration {
    /// The duration in minutes.
    pub const fn minutes(self) -> u16 {
        self.value()
    }
}

/// Thread-specific fields of a [`Channel`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMetadata {
    /// Whether the thread is archived.
    pub archived: bool,
    /// Minutes of inactivity after which the thread is archived.
    pub auto_archive_duration: AutoArchiveDuration,
    /// When the archive status last changed.
    #[serde(default)]
    pub archive_timestamp: Option<Timestamp>,
    /// Whether only members with `MANAGE_THREADS` can unarchive the thread.
    #[serde(default)]
    pub locked: bool,
    /// Whether non-moderators can add other non-moderators (private threads only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitable: Option<bool>,
    /// When the thread was created (threads created after 2022-01-09).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_timestamp: Option<Timestamp>,
}

flags! {
    /// User-thread settings of a thread member; Discord documents no bit, the
    /// names below are the notification settings the client uses.
    pub struct ThreadMemberFlags: u64 {
        /// The user has interacted with the thread.
        const HAS_INTERACTED = 1 << 0;
        /// The user receives notifications for all messages.
        const ALL_MESSAGES = 1 << 1;
        /// The user receives notifications for mentions only.
        const ONLY_MENTIONS = 1 << 2;
        /// The user receives no notifications.
        const NO_MESSAGES = 1 << 3;
    }
}

/// A user who joined a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadMember {
    /// The thread's id (absent inside GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ChannelId>,
    /// The user's id (absent inside GUILD_CREATE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// When the user last joined the thread.
    pub join_timestamp: Timestamp,
    /// User-thread settings.
    #[serde(default)]
    pub flags: ThreadMemberFlags,
    /// The guild member (only with `with_member=true`, and in THREAD_MEMBERS_UPDATE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Box<Member>>,
    /// The user's presence (THREAD_MEMBERS_UPDATE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Box<Presence>>,
    /// The guild's id (THREAD_MEMBER_UPDATE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
}

/// A page of threads with the current user's memberships, as returned by the
/// archived-thread and thread-search endpoints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadList {
    /// The threads.
    pub threads: Vec<Channel>,
    /// A thread member object for each returned thread the current user joined.
    #[serde(default)]
    pub members: Vec<ThreadMember>,
    /// Whether more threads could be returned by another call.
    #[serde(default)]
    pub has_more: bool,
    /// The first message of each thread (forum and media thread search).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first_messages: Vec<Message>,
    /// The number of matching threads (thread search only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<u32>,
}

str_enum! {
    /// How the tags of a thread search combine (`tag_setting`).
    pub enum ThreadSearchTagSetting {
        /// The thread has every tag searched for.
        MatchAll = "match_all",
        /// The thread has at least one of the tags searched for.
        MatchSome = "match_some",
    }
}

str_enum! {
    /// What a thread search sorts by (`sort_by`).
    pub enum ThreadSortBy {
        /// How well the thread matches.
        Relevance = "relevance",
        /// When the thread was created.
        CreationTime = "creation_time",
        /// When the last message was sent.
        LastMessageTime = "last_message_time",
        /// When the thread was archived.
        ArchiveTime = "archive_time",
    }
}

str_enum! {
    /// The direction of a thread search's sort (`sort_order`).
    pub enum ThreadSortOrder {
        /// Smallest first.
        Asc = "asc",
        /// Largest first.
        Desc = "desc",
    }
}
