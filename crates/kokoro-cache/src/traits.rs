//! The traits kokoro talks to, so any cache (or none) can be plugged in.

use std::sync::Arc;

use kokoro_model::{
    Intents,
    gateway::event::{Event, EventType, EventTypeFlags},
    id::{ChannelId, GuildId, MessageId, RoleId, UserId},
};

use crate::{
    Origin, PermissionCalculator,
    record::{
        CachedChannel, CachedGuild, CachedMember, CachedMessage, CachedPresence, CachedRole,
        CachedUser, CachedVoiceState,
    },
};

/// A cache fed by gateway events; what the facade talks to.
///
/// Implement it to plug in a cache of your own: [`Cache::wants`] tells the
/// gateway which dispatch events to decode for it, [`Cache::intents`] which
/// intents to ask for. `()` is the cache that keeps nothing.
///
/// ```
/// use kokoro_cache::{Cache, Origin};
/// use kokoro_model::gateway::event::{Event, EventTypeFlags};
/// use std::sync::atomic::{AtomicU64, Ordering};
///
/// /// Counts messages, caches nothing else.
/// #[derive(Default)]
/// struct MessageCounter(AtomicU64);
///
/// impl Cache for MessageCounter {
///     fn update(&self, _origin: Origin, event: &Event) {
///         if let Event::MessageCreate(_) = event {
///             self.0.fetch_add(1, Ordering::Relaxed);
///         }
///     }
///     fn wants(&self) -> EventTypeFlags {
///         EventTypeFlags::MESSAGE_CREATE
///     }
/// }
///
/// let counter = MessageCounter::default();
/// assert!(counter.intents().contains(kokoro_model::Intents::GUILD_MESSAGES));
/// assert!(().wants().is_empty());
/// ```
pub trait Cache: Send + Sync {
    /// Applies one dispatch event received by `origin`.
    fn update(&self, origin: Origin, event: &Event);

    /// The dispatch events this cache reads; others need not be decoded for it.
    fn wants(&self) -> EventTypeFlags;

    /// The gateway intents the wanted events need.
    fn intents(&self) -> Intents {
        intents_for(self.wants())
    }
}

/// The intents that deliver `events`.
pub fn intents_for(events: EventTypeFlags) -> Intents {
    EventType::ALL
        .iter()
        .filter(|kind| events.contains(kind.flag()))
        .fold(Intents::empty(), |acc, kind| acc | kind.intents())
}

impl Cache for () {
    fn update(&self, _origin: Origin, _event: &Event) {}

    fn wants(&self) -> EventTypeFlags {
        EventTypeFlags::empty()
    }
}

impl<C: Cache + ?Sized> Cache for Arc<C> {
    fn update(&self, origin: Origin, event: &Event) {
        (**self).update(origin, event);
    }

    fn wants(&self) -> EventTypeFlags {
        (**self).wants()
    }

    fn intents(&self) -> Intents {
        (**self).intents()
    }
}

impl<C: Cache + ?Sized> Cache for Box<C> {
    fn update(&self, origin: Origin, event: &Event) {
        (**self).update(origin, event);
    }

    fn wants(&self) -> EventTypeFlags {
        (**self).wants()
    }

    fn intents(&self) -> Intents {
        (**self).intents()
    }
}

/// Reading cached state; every answer is an owned snapshot.
///
/// Permission calculation works on any implementation
/// ([`CacheRead::permissions`]).
pub trait CacheRead: Send + Sync {
    /// A guild.
    fn guild(&self, id: GuildId) -> Option<Arc<CachedGuild>>;
    /// A channel or thread.
    fn channel(&self, id: ChannelId) -> Option<Arc<CachedChannel>>;
    /// A role.
    fn role(&self, id: RoleId) -> Option<Arc<CachedRole>>;
    /// A member of a guild.
    fn member(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedMember>;
    /// A user.
    fn user(&self, id: UserId) -> Option<Arc<CachedUser>>;
    /// A presence.
    fn presence(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedPresence>;
    /// A voice state.
    fn voice_state(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedVoiceState>;
    /// A message.
    fn message(&self, id: MessageId) -> Option<Arc<CachedMessage>>;

    /// Computes permissions from this cache's state.
    fn permissions(&self) -> PermissionCalculator<'_>
    where
        Self: Sized,
    {
        PermissionCalculator::new(self)
    }
}

impl CacheRead for crate::InMemoryCache {
    fn guild(&self, id: GuildId) -> Option<Arc<CachedGuild>> {
        Self::guild(self, id)
    }

    fn channel(&self, id: ChannelId) -> Option<Arc<CachedChannel>> {
        Self::channel(self, id)
    }

    fn role(&self, id: RoleId) -> Option<Arc<CachedRole>> {
        Self::role(self, id)
    }

    fn member(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedMember> {
        Self::member(self, guild_id, user_id)
    }

    fn user(&self, id: UserId) -> Option<Arc<CachedUser>> {
        Self::user(self, id)
    }

    fn presence(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedPresence> {
        Self::presence(self, guild_id, user_id)
    }

    fn voice_state(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedVoiceState> {
        Self::voice_state(self, guild_id, user_id)
    }

    fn message(&self, id: MessageId) -> Option<Arc<CachedMessage>> {
        Self::message(self, id)
    }
}
