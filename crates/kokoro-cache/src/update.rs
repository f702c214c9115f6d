//! Applying gateway events to the cache.

use std::sync::Arc;

use kokoro_model::{
    channel::Channel,
    gateway::event::{Event, EventType, EventTypeFlags, GuildCreate, MessageUpdate},
    guild::{Guild, Member},
    id::{ChannelId, GuildId},
    message::Message,
};

use crate::{
    Cache, InMemoryCache, Origin, ResourceType, convert,
    record::{CachedReaction, CachedThreadMember},
    store::GuildSlot,
    users::build_user,
};

/// The events each resource needs.
fn events_for(kind: ResourceType) -> &'static [EventType] {
    use EventType as E;
    match kind {
        ResourceType::GUILD => &[E::GuildUpdate],
        ResourceType::CHANNEL => &[
            E::ChannelCreate,
            E::ChannelUpdate,
            E::ChannelDelete,
            E::ChannelPinsUpdate,
        ],
        ResourceType::THREAD => &[
            E::ThreadCreate,
            E::ThreadUpdate,
            E::ThreadDelete,
            E::ThreadListSync,
            E::ThreadMemberUpdate,
            E::ThreadMembersUpdate,
        ],
        ResourceType::ROLE => &[E::GuildRoleCreate, E::GuildRoleUpdate, E::GuildRoleDelete],
        ResourceType::MEMBER => &[
            E::GuildMemberAdd,
            E::GuildMemberRemove,
            E::GuildMemberUpdate,
            E::GuildMembersChunk,
        ],
        ResourceType::USER => &[E::UserUpdate],
        ResourceType::PRESENCE => &[E::PresenceUpdate],
        ResourceType::VOICE_STATE => &[E::VoiceStateUpdate],
        ResourceType::EMOJI => &[E::GuildEmojisUpdate],
        ResourceType::STICKER => &[E::GuildStickersUpdate],
        ResourceType::STAGE_INSTANCE => &[
            E::StageInstanceCreate,
            E::StageInstanceUpdate,
            E::StageInstanceDelete,
        ],
        ResourceType::SCHEDULED_EVENT => &[
            E::GuildScheduledEventCreate,
            E::GuildScheduledEventUpdate,
            E::GuildScheduledEventDelete,
            E::GuildScheduledEventUserAdd,
            E::GuildScheduledEventUserRemove,
        ],
        ResourceType::SOUNDBOARD_SOUND => &[
            E::GuildSoundboardSoundCreate,
            E::GuildSoundboardSoundUpdate,
            E::GuildSoundboardSoundDelete,
            E::GuildSoundboardSoundsUpdate,
            E::SoundboardSounds,
        ],
        ResourceType::MESSAGE => &[
            E::MessageCreate,
            E::MessageUpdate,
            E::MessageDelete,
            E::MessageDeleteBulk,
            E::ReactionAdd,
            E::ReactionRemove,
            E::ReactionRemoveAll,
            E::ReactionRemoveEmoji,
        ],
        _ => &[],
    }
}

impl InMemoryCache {
    /// The dispatch events this cache reads, given what it keeps.
    pub fn wanted_events(&self) -> EventTypeFlags {
        // Guild lifecycle and the session are needed whatever is kept.
        let mut flags =
            EventTypeFlags::READY | EventTypeFlags::GUILD_CREATE | EventTypeFlags::GUILD_DELETE;
        for kind in self.config.kept().iter() {
            if self.keeps(kind) {
                for event in events_for(kind) {
                    flags |= event.flag();
                }
            }
        }
        flags
    }

    /// Applies one event; see [`Cache::update`].
    ///
    /// Events about what the cache does not keep, or about entities of a
    /// guild it has not seen, are ignored; nothing panics on odd input.
    pub fn update(&self, origin: Origin, event: &Event) {
        let bot = origin.bot;
        match event {
            Event::Ready(ready) => {
                let user = Arc::new(build_user(&ready.user, &self.strings));
                self.current_users.insert(bot, user);
                for guild in &ready.guilds {
                    self.slot_for(guild.id, bot);
                    self.mark_unavailable(guild.id);
                }
            }
            Event::UserUpdate(user) => {
                self.current_users
                    .insert(bot, Arc::new(build_user(user, &self.strings)));
                if self.keeps(ResourceType::USER) {
                    self.users.refresh(user, &self.strings);
                }
            }
            Event::GuildCreate(create) => match &**create {
                GuildCreate::Available(guild) => self.guild_create(guild, bot),
                GuildCreate::Unavailable(stub) => {
                    self.slot_for(stub.id, bot);
                    self.mark_unavailable(stub.id);
                }
            },
            Event::GuildUpdate(update) => self.guild_update(update, bot),
            Event::GuildDelete(delete) => {
                if delete.unavailable {
                    self.mark_unavailable(delete.id);
                } else {
                    self.remove_guild(delete.id, bot);
                }
            }
            Event::ChannelCreate(c) => self.channel_upsert(c),
            Event::ChannelUpdate(c) => self.channel_upsert(c),
            Event::ChannelDelete(c) => self.remove_channel(c.guild_id, c.id),
            Event::ChannelPinsUpdate(pins) => {
                self.modify_channel(pins.channel_id, |c| {
                    c.last_pin_timestamp = pins.last_pin_timestamp
                });
            }
            Event::ThreadCreate(c) => self.channel_upsert(c),
            Event::ThreadUpdate(c) => self.channel_upsert(c),
            Event::ThreadDelete(t) => self.remove_channel(Some(t.guild_id), t.id),
            Event::ThreadListSync(sync) => self.thread_list_sync(sync),
            Event::ThreadMemberUpdate(m) => {
                if let (Some(thread), Some(record)) = (m.id, convert::thread_member(m)) {
                    self.add_thread_members(thread, [record]);
                }
            }
            Event::ThreadMembersUpdate(u) => self.thread_members_update(u),
            Event::GuildMemberAdd(add) => {
                let Some(slot) = self.slot(add.guild_id) else {
                    return;
                };
                let Some(user) = &add.member.user else { return };
                let record = convert::member(&add.member, user.id, &self.strings);
                let new = !slot.members.read().map.contains_key(&user.id);
                self.upsert_members(&slot, [(user, record)]);
                if new && self.is_primary(&slot, bot) {
                    self.modify_guild(add.guild_id, |g| {
                        g.member_count = g.member_count.map(|n| n + 1);
                    });
                }
            }
            Event::GuildMemberRemove(remove) => {
                let Some(slot) = self.slot(remove.guild_id) else {
                    return;
                };
                let removed = self.remove_member(remove.guild_id, remove.user.id);
                if (removed || !self.keeps(ResourceType::MEMBER)) && self.is_primary(&slot, bot) {
                    self.modify_guild(remove.guild_id, |g| {
                        g.member_count = g.member_count.map(|n| n.saturating_sub(1));
                    });
                }
            }
            Event::GuildMemberUpdate(update) => {
                let Some(slot) = self.slot(update.guild_id) else {
                    return;
                };
                let user_id = update.user.id;
                let updated = self.modify_member(update.guild_id, user_id, |m| {
                    convert::apply_member_update(m, update, &self.strings);
                });
                if updated {
                    if self.keeps(ResourceType::USER) {
                        self.users.refresh(&update.user, &self.strings);
                    }
                } else {
                    // Not cached yet: the update carries a whole member.
                    let mut record = convert::empty_member(user_id);
                    convert::apply_member_update(&mut record, update, &self.strings);
                    self.upsert_members(&slot, [(&update.user, record)]);
                }
            }
            Event::GuildMembersChunk(chunk) => {
                let Some(slot) = self.slot(chunk.guild_id) else {
                    return;
                };
                self.upsert_full_members(&slot, &chunk.members);
                for presence in &chunk.presences {
                    self.upsert_presence(&slot, presence);
                }
            }
            Event::GuildRoleCreate(r) | Event::GuildRoleUpdate(r) => {
                if let Some(slot) = self.slot(r.guild_id) {
                    self.upsert_role(&slot, convert::role(r.guild_id, &r.role));
                }
            }
            Event::GuildRoleDelete(d) => self.remove_role(d.guild_id, d.role_id),
            Event::GuildEmojisUpdate(u) => {
                if let Some(slot) = self.slot(u.guild_id) {
                    let emojis = u
                        .emojis
                        .iter()
                        .map(|e| convert::emoji(u.guild_id, e))
                        .collect();
                    self.replace_emojis(&slot, emojis);
                }
            }
            Event::GuildStickersUpdate(u) => {
                if let Some(slot) = self.slot(u.guild_id) {
                    let stickers = u
                        .stickers
                        .iter()
                        .map(|s| convert::sticker(u.guild_id, s))
                        .collect();
                    self.replace_stickers(&slot, stickers);
                }
            }
            Event::GuildSoundboardSoundCreate(s) => self.sound_event(s),
            Event::GuildSoundboardSoundUpdate(s) => self.sound_event(s),
            Event::GuildSoundboardSoundDelete(d) => {
                self.soundboard_sounds.remove(&d.sound_id);
                if let Some(slot) = self.slot(d.guild_id) {
                    slot.index.lock().soundboard_sounds.remove(d.sound_id);
                }
            }
            Event::GuildSoundboardSoundsUpdate(u) | Event::SoundboardSounds(u) => {
                if let Some(slot) = self.slot(u.guild_id) {
                    self.replace_sounds(&slot, u.guild_id, &u.soundboard_sounds);
                }
            }
            Event::StageInstanceCreate(s) => self.stage_event(s),
            Event::StageInstanceUpdate(s) => self.stage_event(s),
            Event::StageInstanceDelete(s) => {
                self.stage_instances.remove(&s.id);
                if let Some(slot) = self.slot(s.guild_id) {
                    slot.index.lock().stage_instances.remove(s.id);
                }
            }
            Event::GuildScheduledEventCreate(e) => self.scheduled_event_upsert(e),
            Event::GuildScheduledEventUpdate(e) => self.scheduled_event_upsert(e),
            Event::GuildScheduledEventDelete(e) => {
                self.scheduled_events.remove(&e.id);
                if let Some(slot) = self.slot(e.guild_id) {
                    slot.index.lock().scheduled_events.remove(e.id);
                }
            }
            Event::GuildScheduledEventUserAdd(u) | Event::GuildScheduledEventUserRemove(u) => {
                let add = matches!(event, Event::GuildScheduledEventUserAdd(_));
                let primary = self
                    .slot(u.guild_id)
                    .is_some_and(|s| self.is_primary(&s, bot));
                if primary
                    && let Some(mut e) = self.scheduled_events.get_mut(&u.guild_scheduled_event_id)
                {
                    let e = Arc::make_mut(e.value_mut());
                    e.user_count = e
                        .user_count
                        .map(|n| if add { n + 1 } else { n.saturating_sub(1) });
                }
            }
            Event::VoiceStateUpdate(v) => {
                let Some(guild_id) = v.guild_id else { return };
                let Some(slot) = self.slot(guild_id) else {
                    return;
                };
                if let Some(member) = &v.member {
                    self.upsert_full_members(&slot, std::slice::from_ref(member));
                }
                self.set_voice_state(&slot, v);
            }
            Event::PresenceUpdate(p) => {
                if let Some(guild_id) = p.guild_id
                    && let Some(slot) = self.slot(guild_id)
                {
                    self.upsert_presence(&slot, p);
                }
            }
            Event::MessageCreate(m) => self.message_create(m),
            Event::MessageUpdate(u) => match &**u {
                MessageUpdate::Full(m) => self.message_update(m),
                MessageUpdate::Partial(p) => {
                    self.messages.modify(p.id, |m| {
                        if let Some(content) = p.fields.get("content").and_then(|c| c.as_str()) {
                            m.content = content.into();
                        }
                        if let Some(pinned) = p.fields.get("pinned").and_then(|c| c.as_bool()) {
                            m.pinned = pinned;
                        }
                        if let Some(ts) = p
                            .fields
                            .get("edited_timestamp")
                            .and_then(|c| c.as_str())
                            .and_then(|s| s.parse().ok())
                        {
                            m.edited_timestamp = Some(ts);
                        }
                    });
                }
            },
            Event::MessageDelete(d) => self.messages.remove(d.channel_id, d.id),
            Event::MessageDeleteBulk(d) => {
                for id in &d.ids {
                    self.messages.remove(d.channel_id, *id);
                }
            }
            Event::ReactionAdd(r) => {
                if let (Some(guild_id), Some(member)) = (r.guild_id, &r.member)
                    && let Some(slot) = self.slot(guild_id)
                {
                    self.upsert_full_members(&slot, std::slice::from_ref(member));
                }
                self.messages.modify(r.message_id, |m| {
                    let name = r.emoji.name.as_deref();
                    match m
                        .reactions
                        .iter_mut()
                        .find(|x| same_emoji(x, r.emoji.id, name))
                    {
                        Some(x) => x.count += 1,
                        None => m.reactions.push(CachedReaction {
                            emoji_id: r.emoji.id,
                            emoji_name: name.map(|n| self.strings.intern(n)),
                            count: 1,
                        }),
                    }
                });
            }
            Event::ReactionRemove(r) => {
                self.messages.modify(r.message_id, |m| {
                    let name = r.emoji.name.as_deref();
                    if let Some(at) = m
                        .reactions
                        .iter()
                        .position(|x| same_emoji(x, r.emoji.id, name))
                    {
                        m.reactions[at].count = m.reactions[at].count.saturating_sub(1);
                        if m.reactions[at].count == 0 {
                            m.reactions.remove(at);
                        }
                    }
                });
            }
            Event::ReactionRemoveAll(r) => {
                self.messages.modify(r.message_id, |m| m.reactions.clear())
            }
            Event::ReactionRemoveEmoji(r) => self.messages.modify(r.message_id, |m| {
                let name = r.emoji.name.as_deref();
                m.reactions.retain(|x| !same_emoji(x, r.emoji.id, name));
            }),
            Event::TypingStart(t) => {
                if let (Some(guild_id), Some(member)) = (t.guild_id, &t.member)
                    && self.keeps(ResourceType::MEMBER)
                    && let Some(slot) = self.slot(guild_id)
                {
                    self.upsert_full_members(&slot, std::slice::from_ref(member));
                }
            }
            _ => {}
        }
    }

    /// Whether `bot` is the first of the bots seeing a guild: only its events
    /// move counters, so two bots reporting one join count it once.
    fn is_primary(&self, slot: &GuildSlot, bot: u32) -> bool {
        slot.index
            .lock()
            .observers
            .first()
            .is_none_or(|b| *b == bot)
    }

    fn upsert_full_members(&self, slot: &GuildSlot, members: &[Member]) {
        if !self.keeps(ResourceType::MEMBER) {
            return;
        }
        // Members seen again (typing, reactions, voice, chunks after a
        // resume) mostly did not change: find those that did under the read
        // lock, and write only them.
        let changed: Vec<bool> = {
            let table = slot.members.read();
            members
                .iter()
                .map(|m| {
                    m.user.as_ref().is_some_and(|u| {
                        table
                            .map
                            .get(&u.id)
                            .is_none_or(|cached| !convert::member_matches(cached, m))
                    })
                })
                .collect()
        };
        let keep_users = self.keeps(ResourceType::USER);
        let records = members.iter().zip(changed).filter_map(|(m, changed)| {
            let user = m.user.as_ref()?;
            if !changed {
                // The member is as cached; its user may still have changed.
                if keep_users {
                    self.users.refresh(user, &self.strings);
                }
                return None;
            }
            Some((user, convert::member(m, user.id, &self.strings)))
        });
        self.upsert_members(slot, records);
    }

    fn guild_create(&self, g: &Guild, bot: u32) {
        let slot = self.slot_for(g.id, bot);
        self.unavailable.remove(&g.id);
        self.set_guild(&slot, convert::guild(g, &self.strings));
        // Roles, channels and expressions come whole: replace what was there.
        let (old_channels, old_roles) = {
            let mut index = slot.index.lock();
            (index.channels.take(), index.roles.take())
        };
        for id in old_channels {
            if !g.channels.iter().chain(&g.threads).any(|c| c.id == id) {
                self.remove_channel(Some(g.id), id);
            }
        }
        for id in old_roles {
            if !g.roles.iter().any(|r| r.id == id) {
                self.roles.remove(&id);
            }
        }
        for role in &g.roles {
            self.upsert_role(&slot, convert::role(g.id, role));
        }
        for channel in g.channels.iter().chain(&g.threads) {
            self.upsert_channel(
                Some(&slot),
                convert::channel(channel, Some(g.id), &self.strings),
            );
            if let Some(me) = &channel.member
                && let Some(record) = convert::thread_member(me)
            {
                self.add_thread_members(channel.id, [record]);
            }
        }
        self.replace_emojis(
            &slot,
            g.emojis.iter().map(|e| convert::emoji(g.id, e)).collect(),
        );
        self.replace_stickers(
            &slot,
            g.stickers
                .iter()
                .map(|s| convert::sticker(g.id, s))
                .collect(),
        );
        self.replace_sounds(&slot, g.id, &g.soundboard_sounds);
        {
            let mut index = slot.index.lock();
            for old in index.stage_instances.take() {
                self.stage_instances.remove(&old);
            }
            if self.keeps(ResourceType::STAGE_INSTANCE) {
                for s in &g.stage_instances {
                    index.stage_instances.insert(s.id);
                    self.stage_instances
                        .insert(s.id, Arc::new(convert::stage_instance(s)));
                }
            }
            for old in index.scheduled_events.take() {
                self.scheduled_events.remove(&old);
            }
            if self.keeps(ResourceType::SCHEDULED_EVENT) {
                for e in &g.guild_scheduled_events {
                    index.scheduled_events.insert(e.id);
                    self.scheduled_events
                        .insert(e.id, Arc::new(convert::scheduled_event(e)));
                }
            }
        }
        self.upsert_full_members(&slot, &g.members);
        if self.keeps(ResourceType::PRESENCE) {
            // The presences of a GUILD_CREATE are the guild's whole online list.
            slot.presences.write().clear();
        }
        for presence in &g.presences {
            self.upsert_presence(&slot, presence);
        }
        if self.keeps(ResourceType::VOICE_STATE) {
            let states = g
                .voice_states
                .iter()
                .filter_map(|v| convert::voice_state(v).map(|r| (v.user_id, r)))
                .collect();
            *slot.voice_states.write() = states;
        }
    }

    fn guild_update(&self, g: &Guild, bot: u32) {
        let Some(slot) = self.slot(g.id) else { return };
        let old = slot.guild.read().clone();
        let mut record = convert::guild(g, &self.strings);
        // GUILD_UPDATE lacks what only GUILD_CREATE sends.
        if let Some(old) = old {
            record.joined_at = record.joined_at.or(old.joined_at);
            record.large = old.large;
            record.member_count = record.member_count.or(old.member_count);
            record.unavailable = old.unavailable;
        }
        self.set_guild(&slot, record);
        if self.is_primary(&slot, bot) {
            for role in &g.roles {
                self.upsert_role(&slot, convert::role(g.id, role));
            }
        }
    }

    fn channel_upsert(&self, c: &Channel) {
        match c.guild_id {
            Some(guild_id) => {
                // A channel of a guild never seen is not cached: nothing would remove it.
                if let Some(slot) = self.slot(guild_id) {
                    self.upsert_channel(Some(&slot), convert::channel(c, None, &self.strings));
                }
            }
            None => self.upsert_channel(None, convert::channel(c, None, &self.strings)),
        }
    }

    fn add_thread_members(
        &self,
        thread: ChannelId,
        members: impl IntoIterator<Item = CachedThreadMember>,
    ) {
        if !self.keeps(ResourceType::THREAD) {
            return;
        }
        let mut list = self.thread_members.entry(thread).or_default();
        for member in members {
            match list.iter_mut().find(|m| m.user_id == member.user_id) {
                Some(existing) => *existing = member,
                None => list.push(member),
            }
        }
    }

    fn thread_list_sync(&self, sync: &kokoro_model::gateway::event::ThreadListSync) {
        let Some(slot) = self.slot(sync.guild_id) else {
            return;
        };
        // The sync holds every active thread of the listed parents (of the
        // whole guild when none are listed): others there are gone.
        let channels = slot.index.lock().channels.to_vec();
        let synced_parent = |parent: Option<ChannelId>| {
            sync.channel_ids.is_empty() || parent.is_some_and(|p| sync.channel_ids.contains(&p))
        };
        for id in channels {
            let stale = self.channel(id).is_some_and(|c| {
                c.is_thread()
                    && synced_parent(c.parent_id)
                    && !sync.threads.iter().any(|t| t.id == id)
            });
            if stale {
                self.remove_channel(Some(sync.guild_id), id);
            }
        }
        for thread in &sync.threads {
            self.upsert_channel(
                Some(&slot),
                convert::channel(thread, Some(sync.guild_id), &self.strings),
            );
        }
        for member in &sync.members {
            if let (Some(thread), Some(record)) = (member.id, convert::thread_member(member)) {
                self.add_thread_members(thread, [record]);
            }
        }
    }

    fn thread_members_update(&self, u: &kokoro_model::gateway::event::ThreadMembersUpdate) {
        let Some(slot) = self.slot(u.guild_id) else {
            return;
        };
        self.modify_channel(u.id, |c| {
            if let Some(t) = c.thread.as_mut() {
                t.member_count = u.member_count;
            }
        });
        for added in &u.added_members {
            if let Some(member) = &added.member {
                self.upsert_full_members(&slot, std::slice::from_ref(member));
            }
            if let Some(presence) = &added.presence {
                self.upsert_presence(&slot, presence);
            }
        }
        self.add_thread_members(
            u.id,
            u.added_members.iter().filter_map(convert::thread_member),
        );
        if let Some(mut list) = self.thread_members.get_mut(&u.id) {
            list.retain(|m| !u.removed_member_ids.contains(&m.user_id));
        }
    }

    fn sound_event(&self, s: &kokoro_model::soundboard::SoundboardSound) {
        if let Some(guild_id) = s.guild_id
            && let Some(slot) = self.slot(guild_id)
        {
            self.upsert_sound(&slot, convert::soundboard_sound(guild_id, s));
        }
    }

    fn stage_event(&self, s: &kokoro_model::stage_instance::StageInstance) {
        if self.keeps(ResourceType::STAGE_INSTANCE)
            && let Some(slot) = self.slot(s.guild_id)
        {
            slot.index.lock().stage_instances.insert(s.id);
            self.stage_instances
                .insert(s.id, Arc::new(convert::stage_instance(s)));
        }
    }

    fn scheduled_event_upsert(&self, e: &kokoro_model::scheduled_event::GuildScheduledEvent) {
        if self.keeps(ResourceType::SCHEDULED_EVENT)
            && let Some(slot) = self.slot(e.guild_id)
        {
            slot.index.lock().scheduled_events.insert(e.id);
            self.scheduled_events
                .insert(e.id, Arc::new(convert::scheduled_event(e)));
        }
    }

    fn upsert_sound(&self, slot: &GuildSlot, sound: crate::record::CachedSoundboardSound) {
        if !self.keeps(ResourceType::SOUNDBOARD_SOUND) {
            return;
        }
        slot.index.lock().soundboard_sounds.insert(sound.id);
        self.soundboard_sounds.insert(sound.id, Arc::new(sound));
    }

    fn replace_sounds(
        &self,
        slot: &GuildSlot,
        guild_id: GuildId,
        sounds: &[kokoro_model::soundboard::SoundboardSound],
    ) {
        if !self.keeps(ResourceType::SOUNDBOARD_SOUND) {
            return;
        }
        let mut index = slot.index.lock();
        for old in index.soundboard_sounds.take() {
            self.soundboard_sounds.remove(&old);
        }
        for s in sounds {
            let record = convert::soundboard_sound(guild_id, s);
            index.soundboard_sounds.insert(record.id);
            self.soundboard_sounds.insert(record.id, Arc::new(record));
        }
    }

    fn set_voice_state(&self, slot: &GuildSlot, v: &kokoro_model::voice::VoiceState) {
        if !self.keeps(ResourceType::VOICE_STATE) {
            return;
        }
        let mut states = slot.voice_states.write();
        match convert::voice_state(v) {
            Some(record) => {
                states.insert(v.user_id, record);
            }
            None => {
                states.remove(&v.user_id);
            }
        }
    }

    /// Updates the cached members a message carries partial data of.
    fn members_from_message(&self, m: &Message) {
        let Some(guild_id) = m.guild_id else { return };
        if !self.keeps(ResourceType::MEMBER) {
            return;
        }
        let Some(slot) = self.slot(guild_id) else {
            return;
        };
        let author = m.member.as_deref().map(|member| (m.author.id, member));
        let mentioned = m
            .mentions
            .iter()
            .filter_map(|u| u.member.as_deref().map(|member| (u.id, member)));
        for (user_id, member) in author.into_iter().chain(mentioned) {
            // Most messages come from members whose data did not change:
            // check under the read lock, write only on a difference.
            let unchanged = slot
                .members
                .read()
                .map
                .get(&user_id)
                .is_none_or(|cached| convert::partial_member_matches(cached, member));
            if !unchanged && let Some(cached) = slot.members.write().map.get_mut(&user_id) {
                convert::apply_partial_member(cached, member, &self.strings);
            }
        }
    }

    fn message_create(&self, m: &Message) {
        self.members_from_message(m);
        self.modify_channel(m.channel_id, |c| c.last_message_id = Some(m.id));
        if self.keeps(ResourceType::MESSAGE) {
            let author = self.author(&m.author);
            self.messages
                .insert(convert::message(m, author, &self.strings));
        }
    }

    fn message_update(&self, m: &Message) {
        self.members_from_message(m);
        if self.keeps(ResourceType::MESSAGE) && self.messages.contains(m.id) {
            let author = self.author(&m.author);
            self.messages
                .insert(convert::message(m, author, &self.strings));
        }
    }
}

fn same_emoji(
    r: &CachedReaction,
    id: Option<kokoro_model::id::EmojiId>,
    name: Option<&str>,
) -> bool {
    match id {
        Some(id) => r.emoji_id == Some(id),
        None => r.emoji_id.is_none() && r.emoji_name.as_deref() == name,
    }
}

impl Cache for InMemoryCache {
    fn update(&self, origin: Origin, event: &Event) {
        Self::update(self, origin, event);
    }

    fn wants(&self) -> EventTypeFlags {
        self.wanted_events()
    }
}
