//! Messages: the latest of each channel, bounded per channel and in total.
//!
//! Eviction is by age: a channel keeps its newest `per_channel` messages,
//! and past `total` messages the oldest inserted anywhere go first. (A
//! frequency-admitting cache such as moka may refuse a new message in favour
//! of old popular ones, which is the wrong policy for "recent messages", and
//! costs several microseconds per insert; see the crate's benchmark notes.)

use std::{
    collections::VecDeque,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use dashmap::DashMap;
use kokoro_model::id::{ChannelId, MessageId};
use parking_lot::Mutex;
use rustc_hash::FxBuildHasher;

use crate::record::CachedMessage;

#[derive(Debug)]
pub(crate) struct MessageStore {
    per_channel: usize,
    total: usize,
    messages: DashMap<MessageId, Arc<CachedMessage>, FxBuildHasher>,
    /// Each channel's message ids, oldest first.
    channels: DashMap<ChannelId, VecDeque<MessageId>, FxBuildHasher>,
    /// Every insertion, oldest first; ids already removed are skipped when
    /// popped, and swept out when they pile up. Only writers take this lock.
    order: Mutex<VecDeque<(ChannelId, MessageId)>>,
    /// How many messages are stored (`DashMap::len` locks every shard).
    count: AtomicUsize,
}

impl MessageStore {
    pub(crate) fn new(per_channel: usize, total: u64) -> Self {
        Self {
            per_channel,
            total: usize::try_from(total).unwrap_or(usize::MAX),
            messages: DashMap::with_hasher(FxBuildHasher),
            channels: DashMap::with_hasher(FxBuildHasher),
            order: Mutex::new(VecDeque::new()),
            count: AtomicUsize::new(0),
        }
    }

    /// Removes a message from the map, keeping the count.
    fn take(&self, id: &MessageId) -> bool {
        let removed = self.messages.remove(id).is_some();
        if removed {
            self.count.fetch_sub(1, Ordering::Relaxed);
        }
        removed
    }

    pub(crate) fn insert(&self, message: CachedMessage) {
        let (id, channel) = (message.id, message.channel_id);
        if self.messages.insert(id, Arc::new(message)).is_some() {
            return;
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        {
            let mut ids = self.channels.entry(channel).or_default();
            ids.push_back(id);
            while ids.len() > self.per_channel {
                if let Some(old) = ids.pop_front() {
                    self.take(&old);
                }
            }
        }
        let mut order = self.order.lock();
        order.push_back((channel, id));
        while self.count.load(Ordering::Relaxed) > self.total {
            let Some((old_channel, old)) = order.pop_front() else {
                break;
            };
            if self.take(&old)
                && let Some(mut ids) = self.channels.get_mut(&old_channel)
                && let Some(at) = ids.iter().position(|m| *m == old)
            {
                ids.remove(at);
            }
        }
        if order.len() > 2 * self.total.clamp(1024, usize::MAX / 2) {
            order.retain(|(_, m)| self.messages.contains_key(m));
        }
    }

    pub(crate) fn get(&self, id: MessageId) -> Option<Arc<CachedMessage>> {
        self.messages.get(&id).map(|m| Arc::clone(m.value()))
    }

    pub(crate) fn contains(&self, id: MessageId) -> bool {
        self.messages.contains_key(&id)
    }

    /// Changes a cached message (copying it only if a reader holds it).
    pub(crate) fn modify(&self, id: MessageId, f: impl FnOnce(&mut CachedMessage)) {
        if let Some(mut entry) = self.messages.get_mut(&id) {
            f(Arc::make_mut(entry.value_mut()));
        }
    }

    pub(crate) fn remove(&self, channel: ChannelId, id: MessageId) {
        if self.take(&id)
            && let Some(mut ids) = self.channels.get_mut(&channel)
            && let Some(pos) = ids.iter().position(|m| *m == id)
        {
            ids.remove(pos);
        }
    }

    pub(crate) fn remove_channel(&self, channel: ChannelId) {
        if let Some((_, ids)) = self.channels.remove(&channel) {
            for id in ids {
                self.take(&id);
            }
        }
    }

    /// The ids of a channel's cached messages, newest first.
    pub(crate) fn channel_ids(&self, channel: ChannelId) -> Vec<MessageId> {
        self.channels
            .get(&channel)
            .map_or_else(Vec::new, |ids| ids.iter().rev().copied().collect())
    }

    pub(crate) fn len(&self) -> usize {
        self.messages.len()
    }

    pub(crate) fn clear(&self) {
        let mut order = self.order.lock();
        order.clear();
        self.messages.clear();
        self.channels.clear();
        self.count.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use kokoro_model::{
        Timestamp,
        message::{MessageFlags, MessageType},
        user::UserFlags,
    };

    use super::*;
    use crate::record::CachedUser;

    fn message(id: u64, channel: u64) -> CachedMessage {
        CachedMessage {
            id: MessageId::new(id),
            channel_id: ChannelId::new(channel),
            guild_id: None,
            author: Arc::new(CachedUser {
                id: kokoro_model::id::UserId::new(1),
                username: "a".into(),
                global_name: None,
                discriminator: 0,
                avatar: None,
                bot: false,
                system: false,
                public_flags: UserFlags::empty(),
                cosmetics: None,
            }),
            content: "hi".into(),
            timestamp: Timestamp::from_secs(0),
            edited_timestamp: None,
            kind: MessageType::Default,
            flags: MessageFlags::empty(),
            tts: false,
            mention_everyone: false,
            pinned: false,
            mentions: Box::new([]),
            mention_roles: Box::new([]),
            attachments: Box::new([]),
            embeds: Box::new([]),
            reactions: Vec::new(),
            referenced_message_id: None,
            webhook_id: None,
            application_id: None,
            sticker_ids: Box::new([]),
            thread_id: None,
        }
    }

    #[test]
    fn keeps_the_newest_per_channel_and_in_total() {
        let store = MessageStore::new(2, 3);
        for id in 1..=3 {
            store.insert(message(id, 10));
        }
        // Channel 10 keeps its newest two.
        assert_eq!(
            store.channel_ids(ChannelId::new(10)),
            [3, 2].map(MessageId::new)
        );
        assert!(store.get(MessageId::new(1)).is_none());
        store.insert(message(4, 20));
        store.insert(message(5, 20));
        // Four messages, bound three: the oldest (2) goes.
        assert_eq!(store.len(), 3);
        assert!(store.get(MessageId::new(2)).is_none());
        assert_eq!(store.channel_ids(ChannelId::new(10)), [MessageId::new(3)]);
        store.remove(ChannelId::new(20), MessageId::new(5));
        assert_eq!(store.channel_ids(ChannelId::new(20)), [MessageId::new(4)]);
        store.remove_channel(ChannelId::new(10));
        assert_eq!(store.len(), 1);
    }
}
