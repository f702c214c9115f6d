//! The storage engine of [`InMemoryCache`]: maps, per-guild slots, indexes.

use std::{collections::HashMap, hash::Hash, sync::Arc};

use dashmap::{DashMap, DashSet};
use kokoro_model::{
    Id,
    id::{
        ChannelId, EmojiId, GuildId, MessageId, RoleId, ScheduledEventId, SoundboardSoundId,
        StageInstanceId, StickerId, UserId,
    },
    presence::Presence,
    user::User,
};
use parking_lot::{Mutex, RwLock};
use rustc_hash::FxBuildHasher;
use smallvec::SmallVec;

use crate::{
    config::{Config, ResourceType},
    intern::Interner,
    messages::MessageStore,
    permission::PermissionCalculator,
    record::{
        ActivityExtras, ActivityParty, CachedActivity, CachedChannel, CachedEmoji, CachedGuild,
        CachedMember, CachedMessage, CachedPresence, CachedRole, CachedScheduledEvent,
        CachedSoundboardSound, CachedStageInstance, CachedSticker, CachedThreadMember, CachedUser,
        CachedVoiceState, OverwriteTarget, status_code,
    },
    users::{UserStore, build_user},
};

pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuildHasher>;
type Map<K, V> = DashMap<K, V, FxBuildHasher>;

/// Which bot (of those sharing one cache) an event came from, and on which shard.
///
/// A cache fed by one bot can use [`Origin::default`] for everything; the
/// shard number is informational.
///
/// ```
/// use kokoro_cache::Origin;
///
/// let second_bot_shard_3 = Origin::new(1, 3);
/// assert_eq!(second_bot_shard_3.bot, 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    /// An index the application gives each of its bots (0 for the only one).
    pub bot: u32,
    /// The shard the event arrived on.
    pub shard: u32,
}

impl Origin {
    /// The origin of events from `bot`'s shard `shard`.
    pub const fn new(bot: u32, shard: u32) -> Self {
        Self { bot, shard }
    }
}

/// A small sorted set of ids.
#[derive(Debug)]
pub(crate) struct IdSet<M>(Vec<Id<M>>);

impl<M> Default for IdSet<M> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<M> IdSet<M> {
    pub(crate) fn insert(&mut self, id: Id<M>) {
        if let Err(at) = self.0.binary_search(&id) {
            self.0.insert(at, id);
        }
    }

    pub(crate) fn remove(&mut self, id: Id<M>) {
        if let Ok(at) = self.0.binary_search(&id) {
            self.0.remove(at);
        }
    }

    pub(crate) fn to_vec(&self) -> Vec<Id<M>> {
        self.0.clone()
    }

    pub(crate) fn take(&mut self) -> Vec<Id<M>> {
        std::mem::take(&mut self.0)
    }
}

/// What belongs to a guild, by id.
#[derive(Debug, Default)]
pub(crate) struct GuildIndex {
    pub(crate) channels: IdSet<kokoro_model::id::marker::ChannelMarker>,
    pub(crate) roles: IdSet<kokoro_model::id::marker::RoleMarker>,
    pub(crate) emojis: IdSet<kokoro_model::id::marker::EmojiMarker>,
    pub(crate) stickers: IdSet<kokoro_model::id::marker::StickerMarker>,
    pub(crate) stage_instances: IdSet<kokoro_model::id::marker::StageInstanceMarker>,
    pub(crate) scheduled_events: IdSet<kokoro_model::id::marker::ScheduledEventMarker>,
    pub(crate) soundboard_sounds: IdSet<kokoro_model::id::marker::SoundboardSoundMarker>,
    /// The bots that see this guild; it goes when the last one leaves it.
    pub(crate) observers: SmallVec<[u32; 2]>,
}

#[derive(Debug, Default)]
pub(crate) struct MemberTable {
    pub(crate) map: FxMap<UserId, CachedMember>,
    /// Set when the guild was dropped, so a late writer holding the slot
    /// does not take user references nobody would release.
    pub(crate) removed: bool,
}

/// Everything the cache keeps about one guild, beyond global maps.
#[derive(Debug, Default)]
pub(crate) struct GuildSlot {
    pub(crate) guild: RwLock<Option<Arc<CachedGuild>>>,
    pub(crate) members: RwLock<MemberTable>,
    pub(crate) presences: RwLock<FxMap<UserId, CachedPresence>>,
    pub(crate) voice_states: RwLock<FxMap<UserId, CachedVoiceState>>,
    pub(crate) index: Mutex<GuildIndex>,
}

/// How many records of each kind the cache holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Guilds (available or not).
    pub guilds: usize,
    /// Guilds in an outage.
    pub unavailable_guilds: usize,
    /// Channels and threads.
    pub channels: usize,
    /// Roles.
    pub roles: usize,
    /// Memberships (guild, user).
    pub members: usize,
    /// Distinct users.
    pub users: usize,
    /// Presences.
    pub presences: usize,
    /// Voice states.
    pub voice_states: usize,
    /// Emojis.
    pub emojis: usize,
    /// Stickers.
    pub stickers: usize,
    /// Stage instances.
    pub stage_instances: usize,
    /// Scheduled events.
    pub scheduled_events: usize,
    /// Soundboard sounds.
    pub soundboard_sounds: usize,
    /// Messages.
    pub messages: u64,
}

/// A concurrent in-memory cache of Discord state, shared by any number of
/// shards and bots of one process.
///
/// Every read returns an owned snapshot (an `Arc` of a record or a clone of
/// a compact one), or runs a closure on a record under a short lock
/// ([`Self::with_member`]), so nothing a caller holds can block writers or
/// deadlock across an `.await`.
///
/// ```
/// use kokoro_cache::{Cache, InMemoryCache, Origin};
/// use kokoro_model::gateway::event::Event;
///
/// let cache = InMemoryCache::new();
/// # let json = r#"{"id":"41771983423143937","name":"kokoro","icon":null,"owner_id":"80351110224678912",
/// #   "afk_channel_id":null,"afk_timeout":300,"verification_level":1,"default_message_notifications":0,
/// #   "explicit_content_filter":0,"roles":[],"emojis":[],"features":[],"mfa_level":0,"application_id":null,
/// #   "system_channel_id":null,"system_channel_flags":0,"rules_channel_id":null,"vanity_url_code":null,
/// #   "description":null,"banner":null,"premium_tier":0,"preferred_locale":"en-US",
/// #   "public_updates_channel_id":null,"nsfw_level":0,"stickers":[],"premium_progress_bar_enabled":false,
/// #   "safety_alerts_channel_id":null,"member_count":1,"members":[],"channels":[],"threads":[],"presences":[],
/// #   "voice_states":[],"stage_instances":[],"guild_scheduled_events":[],"soundboard_sounds":[]}"#;
/// # let guild = serde_json::from_str(json).unwrap();
/// let event: Event = Event::GuildCreate(guild);
/// cache.update(Origin::default(), &event);
/// let guild = cache.guild(kokoro_model::id::GuildId::new(41771983423143937)).unwrap();
/// assert_eq!(&*guild.name, "kokoro");
/// ```
#[derive(Debug)]
pub struct InMemoryCache {
    pub(crate) config: Config,
    pub(crate) strings: Interner,
    pub(crate) users: UserStore,
    pub(crate) guilds: Map<GuildId, Arc<GuildSlot>>,
    pub(crate) unavailable: DashSet<GuildId, FxBuildHasher>,
    pub(crate) channels: Map<ChannelId, Arc<CachedChannel>>,
    pub(crate) thread_members: Map<ChannelId, Vec<CachedThreadMember>>,
    pub(crate) roles: Map<RoleId, Arc<CachedRole>>,
    pub(crate) emojis: Map<EmojiId, Arc<CachedEmoji>>,
    pub(crate) stickers: Map<StickerId, Arc<CachedSticker>>,
    pub(crate) stage_instances: Map<StageInstanceId, Arc<CachedStageInstance>>,
    pub(crate) scheduled_events: Map<ScheduledEventId, Arc<CachedScheduledEvent>>,
    pub(crate) soundboard_sounds: Map<SoundboardSoundId, Arc<CachedSoundboardSound>>,
    pub(crate) messages: MessageStore,
    pub(crate) current_users: Map<u32, Arc<CachedUser>>,
}

impl Default for InMemoryCache {
    fn default() -> Self {
        Self::new()
    }
}

fn map<K: Eq + Hash, V>() -> Map<K, V> {
    DashMap::with_hasher(FxBuildHasher)
}

impl InMemoryCache {
    /// A cache keeping everything, with default message bounds.
    pub fn new() -> Self {
        Self::with_config(Config::new())
    }

    /// A cache set up by `config`.
    pub fn with_config(config: Config) -> Self {
        Self {
            messages: MessageStore::new(
                config.message_capacity_per_channel(),
                config.message_capacity_total(),
            ),
            config,
            strings: Interner::default(),
            users: UserStore::default(),
            guilds: map(),
            unavailable: DashSet::with_hasher(FxBuildHasher),
            channels: map(),
            thread_members: map(),
            roles: map(),
            emojis: map(),
            stickers: map(),
            stage_instances: map(),
            scheduled_events: map(),
            soundboard_sounds: map(),
            current_users: map(),
        }
    }

    /// How this cache was set up.
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn keeps(&self, kind: ResourceType) -> bool {
        self.config.keeps(kind)
    }

    pub(crate) fn slot(&self, id: GuildId) -> Option<Arc<GuildSlot>> {
        self.guilds.get(&id).map(|s| Arc::clone(s.value()))
    }

    // ---- reads -----------------------------------------------------------

    /// A guild.
    pub fn guild(&self, id: GuildId) -> Option<Arc<CachedGuild>> {
        self.slot(id)?.guild.read().clone()
    }

    /// The ids of every cached guild.
    pub fn guild_ids(&self) -> Vec<GuildId> {
        self.guilds.iter().map(|e| *e.key()).collect()
    }

    /// Whether a guild is known to be in an outage (or not yet received after READY).
    pub fn is_unavailable(&self, id: GuildId) -> bool {
        self.unavailable.contains(&id)
    }

    fn index<R>(&self, id: GuildId, f: impl FnOnce(&GuildIndex) -> R) -> Option<R> {
        let slot = self.slot(id)?;
        let index = slot.index.lock();
        Some(f(&index))
    }

    /// The ids of a guild's channels and threads.
    pub fn guild_channels(&self, id: GuildId) -> Option<Vec<ChannelId>> {
        self.index(id, |i| i.channels.to_vec())
    }

    /// The ids of a guild's roles.
    pub fn guild_roles(&self, id: GuildId) -> Option<Vec<RoleId>> {
        self.index(id, |i| i.roles.to_vec())
    }

    /// The ids of a guild's emojis.
    pub fn guild_emojis(&self, id: GuildId) -> Option<Vec<EmojiId>> {
        self.index(id, |i| i.emojis.to_vec())
    }

    /// The ids of a guild's stickers.
    pub fn guild_stickers(&self, id: GuildId) -> Option<Vec<StickerId>> {
        self.index(id, |i| i.stickers.to_vec())
    }

    /// The ids of a guild's stage instances.
    pub fn guild_stage_instances(&self, id: GuildId) -> Option<Vec<StageInstanceId>> {
        self.index(id, |i| i.stage_instances.to_vec())
    }

    /// The ids of a guild's scheduled events.
    pub fn guild_scheduled_events(&self, id: GuildId) -> Option<Vec<ScheduledEventId>> {
        self.index(id, |i| i.scheduled_events.to_vec())
    }

    /// The ids of a guild's soundboard sounds.
    pub fn guild_soundboard_sounds(&self, id: GuildId) -> Option<Vec<SoundboardSoundId>> {
        self.index(id, |i| i.soundboard_sounds.to_vec())
    }

    /// The user ids of a guild's cached members.
    pub fn guild_members(&self, id: GuildId) -> Option<Vec<UserId>> {
        let slot = self.slot(id)?;
        let members = slot.members.read();
        Some(members.map.keys().copied().collect())
    }

    /// A member (a clone of the compact record; its user is [`Self::user`]).
    ///
    /// ```
    /// use kokoro_cache::InMemoryCache;
    /// use kokoro_model::id::{GuildId, UserId};
    ///
    /// let cache = InMemoryCache::new();
    /// assert!(cache.member(GuildId::new(1), UserId::new(2)).is_none());
    /// ```
    pub fn member(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedMember> {
        self.with_member(guild_id, user_id, CachedMember::clone)
    }

    /// Runs `f` on a member without copying it. The member is read-locked
    /// while `f` runs: keep `f` short (it cannot `.await`).
    pub fn with_member<R>(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        f: impl FnOnce(&CachedMember) -> R,
    ) -> Option<R> {
        let slot = self.slot(guild_id)?;
        let members = slot.members.read();
        members.map.get(&user_id).map(f)
    }

    /// A user: the one record shared by every guild, message and bot.
    pub fn user(&self, id: UserId) -> Option<Arc<CachedUser>> {
        self.users.get(id)
    }

    /// The current user of `bot` (from READY and USER_UPDATE).
    pub fn current_user(&self, bot: u32) -> Option<Arc<CachedUser>> {
        self.current_users.get(&bot).map(|u| Arc::clone(u.value()))
    }

    /// A user's presence in a guild.
    pub fn presence(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedPresence> {
        let slot = self.slot(guild_id)?;
        let presences = slot.presences.read();
        presences.get(&user_id).cloned()
    }

    /// A user's voice state in a guild.
    pub fn voice_state(&self, guild_id: GuildId, user_id: UserId) -> Option<CachedVoiceState> {
        let slot = self.slot(guild_id)?;
        let states = slot.voice_states.read();
        states.get(&user_id).cloned()
    }

    /// The users connected to a voice channel of a guild.
    pub fn voice_channel_users(&self, guild_id: GuildId, channel_id: ChannelId) -> Vec<UserId> {
        self.slot(guild_id).map_or_else(Vec::new, |slot| {
            slot.voice_states
                .read()
                .values()
                .filter(|v| v.channel_id == channel_id)
                .map(|v| v.user_id)
                .collect()
        })
    }

    /// A channel or thread.
    pub fn channel(&self, id: ChannelId) -> Option<Arc<CachedChannel>> {
        self.channels.get(&id).map(|c| Arc::clone(c.value()))
    }

    /// The members of a thread that the cache has seen.
    pub fn thread_members(&self, id: ChannelId) -> Vec<CachedThreadMember> {
        self.thread_members
            .get(&id)
            .map_or_else(Vec::new, |m| m.clone())
    }

    /// A role.
    pub fn role(&self, id: RoleId) -> Option<Arc<CachedRole>> {
        self.roles.get(&id).map(|r| Arc::clone(r.value()))
    }

    /// An emoji.
    pub fn emoji(&self, id: EmojiId) -> Option<Arc<CachedEmoji>> {
        self.emojis.get(&id).map(|r| Arc::clone(r.value()))
    }

    /// A sticker.
    pub fn sticker(&self, id: StickerId) -> Option<Arc<CachedSticker>> {
        self.stickers.get(&id).map(|r| Arc::clone(r.value()))
    }

    /// A stage instance.
    pub fn stage_instance(&self, id: StageInstanceId) -> Option<Arc<CachedStageInstance>> {
        self.stage_instances.get(&id).map(|r| Arc::clone(r.value()))
    }

    /// A scheduled event.
    pub fn scheduled_event(&self, id: ScheduledEventId) -> Option<Arc<CachedScheduledEvent>> {
        self.scheduled_events
            .get(&id)
            .map(|r| Arc::clone(r.value()))
    }

    /// A soundboard sound.
    pub fn soundboard_sound(&self, id: SoundboardSoundId) -> Option<Arc<CachedSoundboardSound>> {
        self.soundboard_sounds
            .get(&id)
            .map(|r| Arc::clone(r.value()))
    }

    /// A message.
    pub fn message(&self, id: MessageId) -> Option<Arc<CachedMessage>> {
        self.messages.get(id)
    }

    /// The ids of a channel's cached messages, newest first.
    pub fn channel_messages(&self, channel_id: ChannelId) -> Vec<MessageId> {
        self.messages.channel_ids(channel_id)
    }

    /// Computes permissions from the cached guild, roles, member and channel.
    ///
    /// ```
    /// use kokoro_cache::InMemoryCache;
    /// use kokoro_model::id::{ChannelId, UserId};
    ///
    /// let cache = InMemoryCache::new();
    /// // Nothing is cached yet, so this is an error naming what is missing.
    /// assert!(cache.permissions().in_channel(UserId::new(1), ChannelId::new(2)).is_err());
    /// ```
    pub fn permissions(&self) -> PermissionCalculator<'_> {
        PermissionCalculator::new(self)
    }

    /// How many records of each kind are cached.
    pub fn stats(&self) -> CacheStats {
        let mut stats = CacheStats {
            guilds: self.guilds.len(),
            unavailable_guilds: self.unavailable.len(),
            channels: self.channels.len(),
            roles: self.roles.len(),
            users: self.users.len(),
            emojis: self.emojis.len(),
            stickers: self.stickers.len(),
            stage_instances: self.stage_instances.len(),
            scheduled_events: self.scheduled_events.len(),
            soundboard_sounds: self.soundboard_sounds.len(),
            messages: self.messages.len() as u64,
            ..CacheStats::default()
        };
        for slot in self.guilds.iter() {
            stats.members += slot.members.read().map.len();
            stats.presences += slot.presences.read().len();
            stats.voice_states += slot.voice_states.read().len();
        }
        stats
    }

    /// Empties the cache.
    pub fn clear(&self) {
        self.guilds.clear();
        self.unavailable.clear();
        self.users.clear();
        self.channels.clear();
        self.thread_members.clear();
        self.roles.clear();
        self.emojis.clear();
        self.stickers.clear();
        self.stage_instances.clear();
        self.scheduled_events.clear();
        self.soundboard_sounds.clear();
        self.messages.clear();
        self.current_users.clear();
        self.strings.sweep();
    }

    /// How many memberships hold a user's record (for tests and diagnostics).
    pub fn user_references(&self, id: UserId) -> u32 {
        self.users.refs(id)
    }

    // ---- writes ----------------------------------------------------------

    /// The slot of a guild, created for `bot` if needed.
    pub(crate) fn slot_for(&self, id: GuildId, bot: u32) -> Arc<GuildSlot> {
        let slot = Arc::clone(self.guilds.entry(id).or_default().value());
        let mut index = slot.index.lock();
        if !index.observers.contains(&bot) {
            index.observers.push(bot);
        }
        drop(index);
        slot
    }

    /// Replaces the guild record of a slot.
    pub(crate) fn set_guild(&self, slot: &GuildSlot, guild: CachedGuild) {
        if self.keeps(ResourceType::GUILD) {
            *slot.guild.write() = Some(Arc::new(guild));
        }
    }

    /// Changes a cached guild record in place (copying it if a reader holds it).
    pub(crate) fn modify_guild(&self, id: GuildId, f: impl FnOnce(&mut CachedGuild)) {
        if let Some(slot) = self.slot(id)
            && let Some(guild) = slot.guild.write().as_mut()
        {
            f(Arc::make_mut(guild));
        }
    }

    /// Marks a guild unavailable (outage): its data stays.
    pub(crate) fn mark_unavailable(&self, id: GuildId) {
        self.unavailable.insert(id);
        self.modify_guild(id, |g| g.unavailable = true);
    }

    /// `bot` left or was removed from a guild; the guild's data goes when no
    /// bot sharing this cache sees it any more.
    pub(crate) fn remove_guild(&self, id: GuildId, bot: u32) {
        let Some(slot) = self.slot(id) else {
            self.unavailable.remove(&id);
            return;
        };
        {
            let mut index = slot.index.lock();
            index.observers.retain(|b| *b != bot);
            if !index.observers.is_empty() {
                return;
            }
        }
        self.guilds.remove(&id);
        self.unavailable.remove(&id);
        let members = {
            let mut table = slot.members.write();
            table.removed = true;
            std::mem::take(&mut table.map)
        };
        for user_id in members.into_keys() {
            self.users.release(user_id);
        }
        slot.presences.write().clear();
        slot.voice_states.write().clear();
        let mut index = slot.index.lock();
        for channel in index.channels.take() {
            self.channels.remove(&channel);
            self.thread_members.remove(&channel);
            self.messages.remove_channel(channel);
        }
        for role in index.roles.take() {
            self.roles.remove(&role);
        }
        for emoji in index.emojis.take() {
            self.emojis.remove(&emoji);
        }
        for sticker in index.stickers.take() {
            self.stickers.remove(&sticker);
        }
        for stage in index.stage_instances.take() {
            self.stage_instances.remove(&stage);
        }
        for event in index.scheduled_events.take() {
            self.scheduled_events.remove(&event);
        }
        for sound in index.soundboard_sounds.take() {
            self.soundboard_sounds.remove(&sound);
        }
    }

    /// Inserts or replaces members. `user` of each is the full user object;
    /// a membership not yet cached takes a reference on its user.
    pub(crate) fn upsert_members<'u>(
        &self,
        slot: &GuildSlot,
        members: impl IntoIterator<Item = (&'u User, CachedMember)>,
    ) {
        if !self.keeps(ResourceType::MEMBER) {
            return;
        }
        let keep_users = self.keeps(ResourceType::USER);
        let mut members = members.into_iter().peekable();
        // Batches bound how long readers of this guild wait on the lock.
        while members.peek().is_some() {
            let mut table = slot.members.write();
            if table.removed {
                return;
            }
            for (user, member) in members.by_ref().take(256) {
                match table.map.insert(user.id, member) {
                    None if keep_users => self.users.acquire(user, &self.strings),
                    Some(_) if keep_users => self.users.refresh(user, &self.strings),
                    _ => {}
                }
            }
        }
    }

    /// Changes a cached member; returns false when it is not cached.
    pub(crate) fn modify_member(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        f: impl FnOnce(&mut CachedMember),
    ) -> bool {
        let Some(slot) = self.slot(guild_id) else {
            return false;
        };
        let mut table = slot.members.write();
        match table.map.get_mut(&user_id) {
            Some(member) => {
                f(member);
                true
            }
            None => false,
        }
    }

    /// Removes a member, its presence, and its reference on its user.
    pub(crate) fn remove_member(&self, guild_id: GuildId, user_id: UserId) -> bool {
        let Some(slot) = self.slot(guild_id) else {
            return false;
        };
        let removed = slot.members.write().map.remove(&user_id).is_some();
        if removed {
            self.users.release(user_id);
        }
        slot.presences.write().remove(&user_id);
        removed
    }

    /// Builds the compact record of a presence.
    pub(crate) fn build_presence(&self, presence: &Presence) -> CachedPresence {
        let code = |s: &Option<kokoro_model::presence::Status>| {
            s.as_ref().map_or(CachedPresence::NONE, status_code)
        };
        let activities = presence
            .activities
            .iter()
            .map(|a| {
                let mut extras = ActivityExtras {
                    url: a.url.as_deref().map(Into::into),
                    emoji: a.emoji.as_ref().map(|e| {
                        (
                            self.strings.intern(&e.name),
                            e.id,
                            e.animated.unwrap_or(false),
                        )
                    }),
                    timestamps: a
                        .timestamps
                        .as_ref()
                        .map_or((None, None), |t| (t.start, t.end)),
                    party: a.party.as_ref().map(|p| ActivityParty {
                        id: p.id.as_deref().map(Into::into),
                        size: p.size.map(|[a, b]| {
                            [
                                u32::try_from(a).unwrap_or(u32::MAX),
                                u32::try_from(b).unwrap_or(u32::MAX),
                            ]
                        }),
                    }),
                    buttons: a
                        .buttons
                        .iter()
                        .map(|b| match b {
                            kokoro_model::presence::ActivityButton::Label(l) => l.as_str().into(),
                            kokoro_model::presence::ActivityButton::Link { label, .. } => {
                                label.as_str().into()
                            }
                        })
                        .collect(),
                    ..ActivityExtras::default()
                };
                if let Some(assets) = &a.assets {
                    let text = |t: &Option<String>| t.as_deref().map(|t| self.strings.intern(t));
                    extras.large_image = assets
                        .large_image
                        .as_deref()
                        .map(|i| (self.strings.intern(i), text(&assets.large_text)));
                    extras.small_image = assets
                        .small_image
                        .as_deref()
                        .map(|i| (self.strings.intern(i), text(&assets.small_text)));
                }
                CachedActivity {
                    name: self.strings.intern(&a.name),
                    kind: a.kind,
                    state: a.state.as_deref().map(Into::into),
                    details: a.details.as_deref().map(|d| self.strings.intern(d)),
                    application_id: a.application_id,
                    created_at: a.created_at,
                    extras: (extras != ActivityExtras::default()).then(|| Box::new(extras)),
                }
            })
            .collect();
        CachedPresence {
            status: status_code(&presence.status),
            desktop: code(&presence.client_status.desktop),
            mobile: code(&presence.client_status.mobile),
            web: code(&presence.client_status.web),
            activities,
        }
    }

    /// Stores a presence (an offline one removes it) and applies what its
    /// partial user carries to a cached user; an unknown user is not created.
    pub(crate) fn upsert_presence(&self, slot: &GuildSlot, presence: &Presence) {
        if self.keeps(ResourceType::USER) && presence.user.username.is_some() {
            self.users.refresh_partial(&presence.user);
        }
        if !self.keeps(ResourceType::PRESENCE) {
            return;
        }
        let id = presence.user.id;
        if presence.status == kokoro_model::presence::Status::Offline {
            slot.presences.write().remove(&id);
        } else {
            let record = self.build_presence(presence);
            slot.presences.write().insert(id, record);
        }
    }

    /// Stores or replaces a channel or thread, indexing it under its guild.
    pub(crate) fn upsert_channel(&self, slot: Option<&GuildSlot>, channel: CachedChannel) {
        let kind = if channel.thread.is_some() {
            ResourceType::THREAD
        } else {
            ResourceType::CHANNEL
        };
        if !self.keeps(kind) {
            return;
        }
        if let Some(slot) = slot {
            slot.index.lock().channels.insert(channel.id);
        }
        self.channels.insert(channel.id, Arc::new(channel));
    }

    /// Changes a cached channel in place.
    pub(crate) fn modify_channel(&self, id: ChannelId, f: impl FnOnce(&mut CachedChannel)) {
        if let Some(mut channel) = self.channels.get_mut(&id) {
            f(Arc::make_mut(channel.value_mut()));
        }
    }

    /// Removes a channel or thread with its messages and thread members;
    /// deleting a channel drops its threads and un-parents a category's children.
    pub(crate) fn remove_channel(&self, guild_id: Option<GuildId>, id: ChannelId) {
        let removed = self.channels.remove(&id);
        self.thread_members.remove(&id);
        self.messages.remove_channel(id);
        let guild_id = guild_id.or_else(|| removed.as_ref().and_then(|(_, c)| c.guild_id));
        let Some(slot) = guild_id.and_then(|g| self.slot(g)) else {
            return;
        };
        let siblings = {
            let mut index = slot.index.lock();
            index.channels.remove(id);
            index.channels.to_vec()
        };
        if removed.as_ref().is_some_and(|(_, c)| c.thread.is_some()) {
            return;
        }
        let mut orphaned_threads = Vec::new();
        for sibling in siblings {
            if let Some(mut entry) = self.channels.get_mut(&sibling)
                && entry.parent_id == Some(id)
            {
                if entry.thread.is_some() {
                    orphaned_threads.push(sibling);
                } else {
                    Arc::make_mut(entry.value_mut()).parent_id = None;
                }
            }
        }
        for thread in orphaned_threads {
            self.remove_channel(guild_id, thread);
        }
    }

    /// Stores or replaces a role.
    pub(crate) fn upsert_role(&self, slot: &GuildSlot, role: CachedRole) {
        if !self.keeps(ResourceType::ROLE) {
            return;
        }
        slot.index.lock().roles.insert(role.id);
        self.roles.insert(role.id, Arc::new(role));
    }

    /// Removes a role, and with it the role from every member, overwrite and emoji of its guild.
    pub(crate) fn remove_role(&self, guild_id: GuildId, id: RoleId) {
        self.roles.remove(&id);
        let Some(slot) = self.slot(guild_id) else {
            return;
        };
        let (channels, emojis) = {
            let mut index = slot.index.lock();
            index.roles.remove(id);
            (index.channels.to_vec(), index.emojis.to_vec())
        };
        {
            // Find the holders under the read lock; write only to them.
            let holders: Vec<UserId> = slot
                .members
                .read()
                .map
                .iter()
                .filter(|(_, m)| m.roles.contains(&id))
                .map(|(user, _)| *user)
                .collect();
            if !holders.is_empty() {
                let mut table = slot.members.write();
                for user in holders {
                    if let Some(member) = table.map.get_mut(&user) {
                        member.roles.retain(|r| *r != id);
                    }
                }
            }
        }
        for channel in channels {
            if let Some(mut entry) = self.channels.get_mut(&channel)
                && entry
                    .permission_overwrites
                    .iter()
                    .any(|o| o.target == OverwriteTarget::Role(id))
            {
                let c = Arc::make_mut(entry.value_mut());
                c.permission_overwrites = c
                    .permission_overwrites
                    .iter()
                    .filter(|o| o.target != OverwriteTarget::Role(id))
                    .copied()
                    .collect();
            }
        }
        for emoji in emojis {
            if let Some(mut entry) = self.emojis.get_mut(&emoji)
                && entry.roles.contains(&id)
            {
                let e = Arc::make_mut(entry.value_mut());
                e.roles = e.roles.iter().filter(|r| **r != id).copied().collect();
            }
        }
    }

    /// Replaces every emoji of a guild.
    pub(crate) fn replace_emojis(&self, slot: &GuildSlot, emojis: Vec<CachedEmoji>) {
        if !self.keeps(ResourceType::EMOJI) {
            return;
        }
        let mut index = slot.index.lock();
        for old in index.emojis.take() {
            self.emojis.remove(&old);
        }
        for emoji in emojis {
            index.emojis.insert(emoji.id);
            self.emojis.insert(emoji.id, Arc::new(emoji));
        }
    }

    /// Replaces every sticker of a guild.
    pub(crate) fn replace_stickers(&self, slot: &GuildSlot, stickers: Vec<CachedSticker>) {
        if !self.keeps(ResourceType::STICKER) {
            return;
        }
        let mut index = slot.index.lock();
        for old in index.stickers.take() {
            self.stickers.remove(&old);
        }
        for sticker in stickers {
            index.stickers.insert(sticker.id);
            self.stickers.insert(sticker.id, Arc::new(sticker));
        }
    }

    /// Stores a user seen outside a membership (a message author): the shared
    /// record when cached, else a record of its own that no map holds.
    pub(crate) fn author(&self, user: &User) -> Arc<CachedUser> {
        if self.keeps(ResourceType::USER) {
            self.users.refresh(user, &self.strings);
            if let Some(shared) = self.users.get(user.id) {
                return shared;
            }
        }
        Arc::new(build_user(user, &self.strings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_sets_stay_sorted_and_unique() {
        let mut set = IdSet::<kokoro_model::id::marker::RoleMarker>::default();
        for n in [5, 1, 3, 1] {
            set.insert(RoleId::new(n));
        }
        assert_eq!(set.to_vec(), [1, 3, 5].map(RoleId::new));
        set.remove(RoleId::new(3));
        assert_eq!(set.to_vec(), [1, 5].map(RoleId::new));
    }
}
