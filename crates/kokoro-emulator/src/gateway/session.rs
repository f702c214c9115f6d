//! Gateway sessions and routing dispatches to them (shard, intents,
//! visibility, MESSAGE_CONTENT).

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::time::Instant;

use bytes::Bytes;
use kokoro_model::Intents;
use serde_json::Value;
use tokio::sync::mpsc::UnboundedSender;

use crate::state::Outbound;
use crate::world::World;

/// One gateway session (it outlives its connection until resumed or expired).
#[derive(Debug)]
pub(crate) struct Session {
    pub(crate) app_id: u64,
    pub(crate) bot: u64,
    pub(crate) intents: Intents,
    pub(crate) shard: (u32, u32),
    pub(crate) seq: u64,
    /// Sent dispatches kept for RESUME.
    pub(crate) buffer: VecDeque<(u64, Bytes)>,
    pub(crate) conn: Option<(u64, UnboundedSender<Outbound>)>,
    pub(crate) disconnected_at: Option<Instant>,
}

impl Session {
    /// Whether this session receives events of `guild`.
    pub(crate) fn handles(&self, guild: u64) -> bool {
        (guild >> 22) % u64::from(self.shard.1.max(1)) == u64::from(self.shard.0)
    }
}

/// All sessions and the IDENTIFY concurrency windows.
#[derive(Debug, Default)]
pub(crate) struct Sessions {
    pub(crate) by_id: HashMap<String, Session>,
    /// Last IDENTIFY per (application, rate-limit key).
    pub(crate) identify_at: HashMap<(u64, u32), Instant>,
    /// Last request for all members per (session bot, guild).
    pub(crate) all_members_at: HashMap<(u64, u64), Instant>,
    pub(crate) next: u64,
    /// The `d` of every accepted IDENTIFY, oldest first, token removed, so
    /// tests can check what a client identified with (shard, presence,
    /// large_threshold…).
    pub(crate) identified: Vec<Value>,
}

/// An event to route to sessions.
#[derive(Debug)]
pub(crate) struct Dispatch {
    pub(crate) name: &'static str,
    pub(crate) data: Value,
    /// The guild it belongs to (shard routing, membership).
    pub(crate) guild: Option<u64>,
    /// The channel it belongs to (visibility; DM recipients).
    pub(crate) channel: Option<u64>,
    /// The intents of which one is needed; empty: always sent.
    pub(crate) intents: Intents,
    /// For message events: (author, mentioned users) for MESSAGE_CONTENT filtering.
    pub(crate) content: Option<(u64, Vec<u64>)>,
    /// Only the sessions of this bot user.
    pub(crate) to_user: Option<u64>,
}

impl Dispatch {
    /// A dispatch with no routing restrictions yet.
    pub(crate) fn new(name: &'static str, data: Value) -> Self {
        Self {
            name,
            data,
            guild: None,
            channel: None,
            intents: Intents::empty(),
            content: None,
            to_user: None,
        }
    }

    pub(crate) fn guild(mut self, g: Option<u64>) -> Self {
        self.guild = g;
        self
    }

    pub(crate) fn channel(mut self, c: u64) -> Self {
        self.channel = Some(c);
        self
    }

    pub(crate) fn intents(mut self, i: Intents) -> Self {
        self.intents = i;
        self
    }

    pub(crate) fn only_user(mut self, u: u64) -> Self {
        self.to_user = Some(u);
        self
    }

    /// Guild or DM intent by where the event happened.
    pub(crate) fn guild_or_dm(mut self, guild: Intents, dm: Intents) -> Self {
        self.intents = if self.guild.is_some() { guild } else { dm };
        self
    }
}

/// Removes the content fields a bot without MESSAGE_CONTENT does not get.
fn strip_content(data: &Value) -> Value {
    let mut v = data.clone();
    if let Some(o) = v.as_object_mut() {
        o.insert("content".into(), Value::String(String::new()));
        o.insert("embeds".into(), Value::Array(vec![]));
        o.insert("attachments".into(), Value::Array(vec![]));
        o.insert("components".into(), Value::Array(vec![]));
        o.remove("poll");
    }
    v
}

/// A dispatch frame with its sequence number.
pub(crate) fn frame(name: &str, seq: u64, d: &str) -> Bytes {
    let mut s = String::with_capacity(d.len() + name.len() + 40);
    let _ = write!(s, "{{\"t\":\"{name}\",\"s\":{seq},\"op\":0,\"d\":{d}}}");
    Bytes::from(s)
}

impl Session {
    /// Gives the session its next dispatch: numbers it, keeps it for RESUME and
    /// sends it on the live connection.
    pub(crate) fn push(&mut self, name: &str, d: &str, keep: usize) -> Bytes {
        self.seq += 1;
        let f = frame(name, self.seq, d);
        if self.buffer.len() >= keep.max(1) {
            self.buffer.pop_front();
        }
        self.buffer.push_back((self.seq, f.clone()));
        if let Some((_, tx)) = &self.conn {
            let _ = tx.send(Outbound::Payload(f.clone()));
        }
        f
    }
}

impl Sessions {
    /// Routes a dispatch to every session that should get it; returns how many did.
    pub(crate) fn dispatch(&mut self, world: &World, ev: &Dispatch, keep: usize) -> usize {
        let mut full: Option<String> = None;
        let mut stripped: Option<String> = None;
        let mut sent = 0;
        for s in self.by_id.values_mut() {
            if s.conn.is_none() && s.disconnected_at.is_none() {
                continue;
            }
            if ev.to_user.is_some_and(|u| u != s.bot) {
                continue;
            }
            if !ev.intents.is_empty() && !s.intents.intersects(ev.intents) {
                continue;
            }
            match ev.guild {
                Some(g) => {
                    if !s.handles(g) {
                        continue;
                    }
                    if ev.to_user.is_none()
                        && !world
                            .guilds
                            .get(&g)
                            .is_some_and(|guild| guild.members.contains_key(&s.bot))
                    {
                        continue;
                    }
                    if let Some(c) = ev.channel.and_then(|c| world.channels.get(&c))
                        && !world.can_view(c, s.bot)
                    {
                        continue;
                    }
                }
                None => {
                    if s.shard.0 != 0 {
                        continue;
                    }
                    if let Some(c) = ev.channel.and_then(|c| world.channels.get(&c))
                        && !c.recipients.contains(&s.bot)
                        && ev.to_user.is_none()
                    {
                        continue;
                    }
                }
            }
            let strip = ev.guild.is_some()
                && !s.intents.contains(Intents::MESSAGE_CONTENT)
                && ev.content.as_ref().is_some_and(|(author, mentions)| {
                    *author != s.bot && !mentions.contains(&s.bot)
                });
            let d = if strip {
                stripped.get_or_insert_with(|| strip_content(&ev.data).to_string())
            } else {
                full.get_or_insert_with(|| ev.data.to_string())
            };
            s.push(ev.name, d, keep);
            sent += 1;
        }
        sent
    }

    /// A new session id.
    pub(crate) fn new_id(&mut self) -> String {
        self.next += 1;
        format!(
            "{}{:08x}",
            crate::world::make_token(self.next, 7)[..24].to_owned(),
            self.next
        )
    }
}
