//! Messages: bounded per channel (newest kept) and in total (least recently used evicted).

use std::{collections::VecDeque, sync::Arc};

use dashmap::DashMap;
use kokoro_model::id::{ChannelId, MessageId};
use moka::sync::Cache as Moka;
use rustc_hash::FxBuildHasher;

use crate::record::CachedMessage;

#[derive(Debug)]
pub(crate) struct MessageStore {
    per_channel: usize,
    messages: Moka<MessageId, Arc<CachedMessage>, FxBuildHasher>,
    /// The ids of each channel's latest messages, oldest first. Ids evicted
    /// from `messages` for the total bound may linger here until they are
    /// pushed out; lookups simply miss them.
    channels: DashMap<ChannelId, VecDeque<MessageId>, FxBuildHasher>,
}

impl MessageStore {
    pub(crate) fn new(per_channel: usize, total: u64) -> Self {
        Self {
            per_channel,
            messages: Moka::builder()
                .max_capacity(total)
                .build_with_hasher(FxBuildHasher),
            channels: DashMap::with_hasher(FxBuildHasher),
        }
    }

    pub(crate) fn insert(&self, message: CachedMessage) {
        let (id, channel) = (message.id, message.channel_id);
        let is_new = !self.messages.contains_key(&id);
        self.messages.insert(id, Arc::new(message));
        if !is_new {
            return;
        }
        let mut ids = self.channels.entry(channel).or_default();
        ids.push_back(id);
        while ids.len() > self.per_channel {
            if let Some(old) = ids.pop_front() {
                self.messages.invalidate(&old);
            }
        }
    }

    pub(crate) fn get(&self, id: MessageId) -> Option<Arc<CachedMessage>> {
        self.messages.get(&id)
    }

    /// Replaces a cached message with `f` applied to a copy of it.
    pub(crate) fn modify(&self, id: MessageId, f: impl FnOnce(&mut CachedMessage)) {
        if let Some(old) = self.messages.get(&id) {
            let mut new = CachedMessage::clone(&old);
            f(&mut new);
            self.messages.insert(id, Arc::new(new));
        }
    }

    pub(crate) fn remove(&self, channel: ChannelId, id: MessageId) {
        self.messages.invalidate(&id);
        if let Some(mut ids) = self.channels.get_mut(&channel)
            && let Some(pos) = ids.iter().position(|m| *m == id)
        {
            ids.remove(pos);
        }
    }

    pub(crate) fn remove_channel(&self, channel: ChannelId) {
        if let Some((_, ids)) = self.channels.remove(&channel) {
            for id in ids {
                self.messages.invalidate(&id);
            }
        }
    }

    /// The ids of a channel's cached messages, newest first.
    pub(crate) fn channel_ids(&self, channel: ChannelId) -> Vec<MessageId> {
        self.channels.get(&channel).map_or_else(Vec::new, |ids| {
            ids.iter()
                .rev()
                .copied()
                .filter(|id| self.messages.contains_key(id))
                .collect()
        })
    }

    pub(crate) fn len(&self) -> u64 {
        self.messages.run_pending_tasks();
        self.messages.entry_count()
    }

    pub(crate) fn clear(&self) {
        self.messages.invalidate_all();
        self.channels.clear();
    }
}
