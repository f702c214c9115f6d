//! What the cache keeps, and how much of it.

use bitflags::bitflags;

bitflags! {
    /// The kinds of Discord state an [`InMemoryCache`](crate::InMemoryCache) keeps.
    ///
    /// Turning a kind off means its events are neither requested
    /// ([`Cache::wants`](crate::Cache::wants)) nor stored.
    ///
    /// ```
    /// use kokoro_cache::ResourceType;
    ///
    /// let no_presences = ResourceType::all() - ResourceType::PRESENCE;
    /// assert!(!no_presences.contains(ResourceType::PRESENCE));
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub struct ResourceType: u32 {
        /// Guilds themselves.
        const GUILD = 1 << 0;
        /// Guild channels (not threads).
        const CHANNEL = 1 << 1;
        /// Threads and their members.
        const THREAD = 1 << 2;
        /// Roles.
        const ROLE = 1 << 3;
        /// Guild members.
        const MEMBER = 1 << 4;
        /// Users (shared by every member, message and presence naming them).
        const USER = 1 << 5;
        /// Presences.
        const PRESENCE = 1 << 6;
        /// Voice states.
        const VOICE_STATE = 1 << 7;
        /// Custom emojis.
        const EMOJI = 1 << 8;
        /// Guild stickers.
        const STICKER = 1 << 9;
        /// Stage instances.
        const STAGE_INSTANCE = 1 << 10;
        /// Guild scheduled events.
        const SCHEDULED_EVENT = 1 << 11;
        /// Soundboard sounds.
        const SOUNDBOARD_SOUND = 1 << 12;
        /// Messages (bounded, see [`Config::message_capacity`]).
        const MESSAGE = 1 << 13;
    }
}

/// How an [`InMemoryCache`](crate::InMemoryCache) is set up.
///
/// ```
/// use kokoro_cache::{Config, InMemoryCache, ResourceType};
///
/// let cache = InMemoryCache::with_config(
///     Config::new()
///         .resource_types(ResourceType::all() - ResourceType::PRESENCE)
///         .message_capacity(50)
///         .total_message_capacity(100_000),
/// );
/// assert_eq!(cache.config().message_capacity_per_channel(), 50);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    resource_types: ResourceType,
    message_capacity: usize,
    total_message_capacity: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Every resource, 100 messages per channel, 50 000 messages in total.
    pub const fn new() -> Self {
        Self {
            resource_types: ResourceType::all(),
            message_capacity: 100,
            total_message_capacity: 50_000,
        }
    }

    /// Sets which resources are kept.
    #[must_use]
    pub const fn resource_types(mut self, types: ResourceType) -> Self {
        self.resource_types = types;
        self
    }

    /// Sets how many of its latest messages each channel keeps (0 turns messages off).
    #[must_use]
    pub const fn message_capacity(mut self, per_channel: usize) -> Self {
        self.message_capacity = per_channel;
        self
    }

    /// Sets how many messages are kept across all channels; past it the least
    /// recently used are evicted.
    #[must_use]
    pub const fn total_message_capacity(mut self, total: u64) -> Self {
        self.total_message_capacity = total;
        self
    }

    /// The resources kept.
    pub const fn kept(&self) -> ResourceType {
        self.resource_types
    }

    /// Whether `kind` is kept.
    pub const fn keeps(&self, kind: ResourceType) -> bool {
        self.resource_types.contains(kind)
            && (!kind.contains(ResourceType::MESSAGE)
                || (self.message_capacity > 0 && self.total_message_capacity > 0))
    }

    /// Messages kept per channel.
    pub const fn message_capacity_per_channel(&self) -> usize {
        self.message_capacity
    }

    /// Messages kept in total.
    pub const fn message_capacity_total(&self) -> u64 {
        self.total_message_capacity
    }
}
