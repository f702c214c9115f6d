//! What the gateway does with each command a client sends.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use kokoro_model::Intents;
use kokoro_model::gateway::{OpCode, PayloadHeader};
use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedSender;

use super::session::{Dispatch, Session};
use crate::state::{Counters, Outbound, Shared, State};
use crate::world::opt_id;

/// What the connection loop does after a command.
#[derive(Debug)]
pub(crate) enum Reply {
    /// Nothing more.
    None,
    /// A heartbeat: reset the timeout and ACK.
    Beat,
    /// Send this payload directly.
    Send(Bytes),
}

/// A close code and reason.
pub(crate) type Close = (u16, &'static str);

/// The command side of one connection.
pub(crate) struct Connection {
    shared: Arc<Shared>,
    id: u64,
    tx: UnboundedSender<Outbound>,
    /// The session this connection carries, once identified or resumed.
    session: Option<String>,
}

impl Connection {
    pub(crate) fn new(shared: Arc<Shared>, id: u64, tx: UnboundedSender<Outbound>) -> Self {
        Self {
            shared,
            id,
            tx,
            session: None,
        }
    }

    /// Handles one payload.
    pub(crate) fn handle(&mut self, raw: &[u8]) -> Result<Reply, Close> {
        let header =
            PayloadHeader::peek(raw).map_err(|_| (4002, "Error while decoding payload."))?;
        let payload: Value =
            serde_json::from_slice(raw).map_err(|_| (4002, "Error while decoding payload."))?;
        let d = payload.get("d").cloned().unwrap_or(Value::Null);
        match header.op {
            OpCode::Heartbeat => {
                Counters::bump(&self.shared.counters.heartbeats);
                Ok(Reply::Beat)
            }
            OpCode::Identify => self.identify(d),
            OpCode::Resume => self.resume(d),
            _ if self.session.is_none() => Err((4003, "Not authenticated.")),
            OpCode::PresenceUpdate => self.presence(d),
            OpCode::VoiceStateUpdate => self.voice_state(d),
            OpCode::RequestGuildMembers => self.request_members(d),
            OpCode::RequestSoundboardSounds => self.soundboard(d),
            _ => Err((4001, "Unknown opcode.")),
        }
    }

    /// Called once the connection is gone; `code` is the close code sent (0: dropped).
    pub(crate) fn disconnected(&mut self, code: Option<u16>) {
        let Some(id) = self.session.take() else {
            return;
        };
        let mut st = self.shared.lock();
        let how = code.map_or_else(|| "no close frame".to_owned(), |c| c.to_string());
        st.world
            .log("gateway", format!("session {id} disconnected ({how})"));
        let invalidates = matches!(
            code,
            Some(4007 | 4009 | 4004 | 4010 | 4011 | 4012 | 4013 | 4014 | 1000 | 1001)
        );
        if invalidates {
            st.sessions.by_id.remove(&id);
        } else if let Some(s) = st.sessions.by_id.get_mut(&id)
            && s.conn.as_ref().is_some_and(|(c, _)| *c == self.id)
        {
            s.conn = None;
            s.disconnected_at = Some(Instant::now());
        }
    }

    fn invalid_session(&self, resumable: bool) -> Reply {
        Counters::bump(&self.shared.counters.invalid_sessions_sent);
        Reply::Send(super::op(9, if resumable { "true" } else { "false" }))
    }

    fn identify(&mut self, d: Value) -> Result<Reply, Close> {
        if self.session.is_some() {
            return Err((4005, "Already authenticated."));
        }
        let cfg = &self.shared.config;
        let token = d
            .get("token")
            .and_then(Value::as_str)
            .ok_or((4002, "Error while decoding payload."))?;
        let token = token.strip_prefix("Bot ").unwrap_or(token);
        let intents_raw = d
            .get("intents")
            .and_then(Value::as_u64)
            .ok_or((4002, "Error while decoding payload."))?;
        let (shard, total) = match d.get("shard") {
            None | Some(Value::Null) => (0, 1),
            Some(v) => {
                let arr = v
                    .as_array()
                    .filter(|a| a.len() == 2)
                    .ok_or((4010, "Invalid shard."))?;
                let n = arr[0].as_u64().ok_or((4010, "Invalid shard."))?;
                let t = arr[1].as_u64().ok_or((4010, "Invalid shard."))?;
                if t == 0 || n >= t || t > 4096 {
                    return Err((4010, "Invalid shard."));
                }
                (n as u32, t as u32)
            }
        };
        let large_threshold = d
            .get("large_threshold")
            .and_then(Value::as_u64)
            .map_or(cfg.default_large_threshold, |v| v.clamp(50, 250) as u32);
        let mut guard = self.shared.lock();
        let st = &mut *guard;
        let Some(&app_id) = st.world.tokens.get(token) else {
            return Err((4004, "Authentication failed."));
        };
        let intents = Intents::from_bits_retain(intents_raw);
        if intents.has_unknown_bits() {
            return Err((4013, "Invalid intent(s)."));
        }
        let app = st
            .world
            .apps
            .get(&app_id)
            .ok_or((4004, "Authentication failed."))?;
        if !app.privileged_intents.contains(intents.privileged()) {
            return Err((4014, "Disallowed intent(s)."));
        }
        let bot = app.bot_user;
        let guild_ids: Vec<u64> = st
            .world
            .guilds
            .values()
            .filter(|g| g.members.contains_key(&bot))
            .filter(|g| (g.id >> 22) % u64::from(total) == u64::from(shard))
            .map(|g| g.id)
            .collect();
        if cfg
            .max_guilds_per_shard
            .is_some_and(|m| guild_ids.len() > m)
        {
            return Err((4011, "Sharding required."));
        }
        // max_concurrency: one IDENTIFY per rate-limit key per window.
        let key = shard % cfg.max_concurrency.max(1);
        let now = Instant::now();
        if let Some(at) = st.sessions.identify_at.get(&(app_id, key))
            && now.duration_since(*at) < cfg.identify_window
        {
            st.world
                .log("gateway", format!("IDENTIFY rate limited (key {key})"));
            drop(guard);
            return Ok(self.invalid_session(false));
        }
        let app = st
            .world
            .apps
            .get_mut(&app_id)
            .ok_or((4004, "Authentication failed."))?;
        if now >= app.session_start_reset {
            app.session_starts_left = cfg.session_start_total;
            app.session_start_reset = now + cfg.session_start_reset_after;
        }
        if app.session_starts_left == 0 {
            st.world
                .log("gateway", "IDENTIFY over the session start limit".into());
            drop(guard);
            return Ok(self.invalid_session(false));
        }
        app.session_starts_left -= 1;
        st.sessions.identify_at.insert((app_id, key), now);

        // Sessions past the resume window are gone for good.
        let window = cfg.resume_window;
        st.sessions
            .by_id
            .retain(|_, s| s.disconnected_at.is_none_or(|at| at.elapsed() < window));
        let session_id = st.sessions.new_id();
        let user = st.world.users.get(&bot).map(|u| {
            let mut v = u.json();
            v["verified"] = true.into();
            v["mfa_enabled"] = false.into();
            v["flags"] = 0.into();
            v
        });
        let ready = json!({
            "v": 10,
            "user": user,
            "guilds": guild_ids.iter().map(|g| json!({"id": g.to_string(), "unavailable": true})).collect::<Vec<_>>(),
            "session_id": session_id,
            "resume_gateway_url": self.shared.gateway_url,
            "shard": [shard, total],
            "application": {"id": app_id.to_string(), "flags": 0},
            "user_settings": {},
            "private_channels": [],
            "presences": [],
            "relationships": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "auth": {},
            "session_type": "normal",
        });
        let mut session = Session {
            app_id,
            bot,
            intents,
            shard: (shard, total),
            seq: 0,
            buffer: VecDeque::new(),
            conn: Some((self.id, self.tx.clone())),
            disconnected_at: None,
        };
        let keep = cfg.replay_buffer;
        session.push("READY", &ready.to_string(), keep);
        for g in &guild_ids {
            let Some(guild) = st.world.guilds.get(g) else {
                continue;
            };
            let mut v = st.world.guild_create_json(guild, large_threshold);
            if !intents.contains(Intents::GUILD_PRESENCES) {
                v["presences"] = json!([]);
            }
            session.push("GUILD_CREATE", &v.to_string(), keep);
        }
        st.sessions.by_id.insert(session_id.clone(), session);
        st.world.log(
            "gateway",
            format!("IDENTIFY shard [{shard}, {total}] session {session_id}"),
        );
        let mut recorded = d;
        if let Some(fields) = recorded.as_object_mut() {
            fields.remove("token");
        }
        // Bounded: soak runs identify for hours.
        if st.sessions.identified.len() >= 1024 {
            st.sessions.identified.remove(0);
        }
        st.sessions.identified.push(recorded);
        Counters::bump(&self.shared.counters.identifies);
        self.session = Some(session_id);
        Ok(Reply::None)
    }

    fn resume(&mut self, d: Value) -> Result<Reply, Close> {
        if self.session.is_some() {
            return Err((4005, "Already authenticated."));
        }
        let token = d
            .get("token")
            .and_then(Value::as_str)
            .ok_or((4002, "Error while decoding payload."))?;
        let token = token.strip_prefix("Bot ").unwrap_or(token);
        let session_id = d
            .get("session_id")
            .and_then(Value::as_str)
            .ok_or((4002, "Error while decoding payload."))?;
        let seq = d.get("seq").and_then(Value::as_u64).unwrap_or(0);
        let resume_window = self.shared.config.resume_window;
        let mut guard = self.shared.lock();
        let st = &mut *guard;
        let Some(&app_id) = st.world.tokens.get(token) else {
            return Err((4004, "Authentication failed."));
        };
        let usable = st.sessions.by_id.get(session_id).is_some_and(|s| {
            s.app_id == app_id
                && s.disconnected_at
                    .is_none_or(|at| at.elapsed() < resume_window)
        });
        if !usable {
            st.sessions.by_id.remove(session_id);
            st.world
                .log("gateway", format!("RESUME of unknown session {session_id}"));
            drop(guard);
            return Ok(self.invalid_session(false));
        }
        let Some(s) = st.sessions.by_id.get_mut(session_id) else {
            return Ok(Reply::None);
        };
        if seq > s.seq {
            return Err((4007, "Invalid seq."));
        }
        let oldest = s.buffer.front().map_or(s.seq + 1, |(n, _)| *n);
        if seq + 1 < oldest {
            st.sessions.by_id.remove(session_id);
            drop(guard);
            return Ok(self.invalid_session(false));
        }
        if let Some((_, old)) = s.conn.take() {
            let _ = old.send(Outbound::Close(4000, "Session resumed elsewhere".into()));
        }
        let mut replayed = 0;
        for (n, frame) in &s.buffer {
            if *n > seq {
                let _ = self.tx.send(Outbound::Payload(frame.clone()));
                replayed += 1;
            }
        }
        s.conn = Some((self.id, self.tx.clone()));
        s.disconnected_at = None;
        let keep = self.shared.config.replay_buffer;
        s.push("RESUMED", "{}", keep);
        self.session = Some(session_id.to_owned());
        st.world.log(
            "gateway",
            format!("RESUME session {session_id} from {seq}, {replayed} replayed"),
        );
        self.shared
            .counters
            .replayed
            .fetch_add(replayed, std::sync::atomic::Ordering::Relaxed);
        Counters::bump(&self.shared.counters.resumes);
        Ok(Reply::None)
    }

    fn with_session<R>(
        &self,
        f: impl FnOnce(&mut State, u64, Intents, (u32, u32)) -> R,
    ) -> Option<R> {
        let id = self.session.as_ref()?;
        let mut st = self.shared.lock();
        let s = st.sessions.by_id.get(id)?;
        let (bot, intents, shard) = (s.bot, s.intents, s.shard);
        Some(f(&mut st, bot, intents, shard))
    }

    fn presence(&mut self, d: Value) -> Result<Reply, Close> {
        let status = d
            .get("status")
            .and_then(Value::as_str)
            .ok_or((4002, "Error while decoding payload."))?
            .to_owned();
        let activities = d.get("activities").cloned().unwrap_or(json!([]));
        let keep = self.shared.config.replay_buffer;
        self.with_session(|st, bot, _, _| {
            if let Some(p) = st.world.presences.get_mut(&bot) {
                p.status = status;
                p.activities = activities;
            }
            let guilds: Vec<u64> = st
                .world
                .guilds
                .values()
                .filter(|g| g.members.contains_key(&bot))
                .map(|g| g.id)
                .collect();
            for g in guilds {
                let data = st.world.presence_json(bot, Some(g));
                let ev = Dispatch::new("PRESENCE_UPDATE", data)
                    .guild(Some(g))
                    .intents(Intents::GUILD_PRESENCES);
                crate::events::publish(st, ev, keep, &self.shared.counters);
            }
        });
        Ok(Reply::None)
    }

    fn voice_state(&mut self, d: Value) -> Result<Reply, Close> {
        let guild: u64 = id_field(&d, "guild_id").ok_or((4002, "Error while decoding payload."))?;
        let channel = id_field(&d, "channel_id");
        let self_mute = d.get("self_mute").and_then(Value::as_bool).unwrap_or(false);
        let self_deaf = d.get("self_deaf").and_then(Value::as_bool).unwrap_or(false);
        let keep = self.shared.config.replay_buffer;
        self.with_session(|st, bot, _, _| {
            let session_id = self.session.clone().unwrap_or_default();
            let Some(g) = st.world.guilds.get(&guild) else {
                return;
            };
            let member = g.members.get(&bot).map(|m| st.world.member_json(g, m));
            let state = json!({
                "guild_id": guild.to_string(),
                "channel_id": opt_id(channel),
                "user_id": bot.to_string(),
                "member": member,
                "session_id": session_id,
                "deaf": false, "mute": false,
                "self_deaf": self_deaf, "self_mute": self_mute,
                "self_video": false, "suppress": false,
                "request_to_speak_timestamp": null,
            });
            if let Some(g) = st.world.guilds.get_mut(&guild) {
                if channel.is_some() {
                    g.voice_states.insert(bot, state.clone());
                } else {
                    g.voice_states.remove(&bot);
                }
            }
            let ev = Dispatch::new("VOICE_STATE_UPDATE", state)
                .guild(Some(guild))
                .intents(Intents::GUILD_VOICE_STATES);
            crate::events::publish(st, ev, keep, &self.shared.counters);
        });
        Ok(Reply::None)
    }

    fn request_members(&mut self, d: Value) -> Result<Reply, Close> {
        let guild: u64 = id_field(&d, "guild_id").ok_or((4002, "Error while decoding payload."))?;
        let query = d
            .get("query")
            .and_then(Value::as_str)
            .map(str::to_lowercase);
        let limit = d.get("limit").and_then(Value::as_u64).unwrap_or(0) as usize;
        let presences = d.get("presences").and_then(Value::as_bool).unwrap_or(false);
        let nonce = d
            .get("nonce")
            .and_then(Value::as_str)
            .map(|n| n.chars().take(32).collect::<String>());
        let user_ids: Vec<u64> = match d.get("user_ids") {
            Some(Value::Array(a)) => a.iter().filter_map(value_id).collect(),
            Some(v) => value_id(v).into_iter().collect(),
            None => vec![],
        };
        if query.is_none() && user_ids.is_empty() {
            return Err((4002, "Error while decoding payload."));
        }
        let cfg = &self.shared.config;
        let all = user_ids.is_empty() && query.as_deref() == Some("") && limit == 0;
        let chunk_size = cfg.members_chunk_size.max(1);
        let window = cfg.request_all_members_window;
        let keep = cfg.replay_buffer;
        let session_id = self.session.clone().unwrap_or_default();
        let r = self.with_session(|st, bot, intents, _| -> Result<(), Close> {
            if (all || presences) && !intents.contains(if presences { Intents::GUILD_PRESENCES } else { Intents::GUILD_MEMBERS }) {
                return Err((4014, "Disallowed intent(s)."));
            }
            if all && !intents.contains(Intents::GUILD_MEMBERS) {
                return Err((4014, "Disallowed intent(s)."));
            }
            let Some(g) = st.world.guilds.get(&guild) else { return Ok(()) };
            if !g.members.contains_key(&bot) {
                return Ok(());
            }
            if all {
                let now = Instant::now();
                if let Some(at) = st.sessions.all_members_at.get(&(bot, guild)) {
                    let since = now.duration_since(*at);
                    if since < window {
                        let data = json!({
                            "opcode": 8,
                            "retry_after": (window - since).as_secs_f64(),
                            "meta": {"guild_id": guild.to_string(), "nonce": nonce},
                        });
                        if let Some(s) = st.sessions.by_id.get_mut(&session_id) {
                            s.push("RATE_LIMITED", &data.to_string(), keep);
                        }
                        return Ok(());
                    }
                }
                st.sessions.all_members_at.insert((bot, guild), now);
            }
            let mut found = Vec::new();
            let mut not_found = Vec::new();
            if user_ids.is_empty() {
                let q = query.clone().unwrap_or_default();
                for m in g.members.values() {
                    let Some(u) = st.world.users.get(&m.user) else { continue };
                    let nick_match = m.nick.as_ref().is_some_and(|n| n.to_lowercase().starts_with(&q));
                    if u.username.to_lowercase().starts_with(&q) || nick_match {
                        found.push(m.user);
                        if limit > 0 && found.len() >= limit {
                            break;
                        }
                    }
                }
            } else {
                for u in user_ids.iter().take(100) {
                    if g.members.contains_key(u) { found.push(*u) } else { not_found.push(*u) }
                }
            }
            let chunks: Vec<&[u64]> = if found.is_empty() { vec![&[]] } else { found.chunks(chunk_size).collect() };
            let count = chunks.len();
            let mut frames = Vec::with_capacity(count);
            for (i, chunk) in chunks.iter().enumerate() {
                let mut data = json!({
                    "guild_id": guild.to_string(),
                    "members": chunk.iter().filter_map(|u| g.members.get(u)).map(|m| st.world.member_json(g, m)).collect::<Vec<_>>(),
                    "chunk_index": i,
                    "chunk_count": count,
                });
                if i == 0 && !not_found.is_empty() {
                    data["not_found"] = not_found.iter().map(|u| Value::String(u.to_string())).collect();
                }
                if presences {
                    data["presences"] = chunk.iter().map(|u| st.world.presence_json(*u, None)).collect();
                }
                if let Some(n) = &nonce {
                    data["nonce"] = n.clone().into();
                }
                frames.push(data.to_string());
            }
            if let Some(s) = st.sessions.by_id.get_mut(&session_id) {
                for f in frames {
                    s.push("GUILD_MEMBERS_CHUNK", &f, keep);
                }
            }
            Ok(())
        });
        r.unwrap_or(Ok(()))?;
        Ok(Reply::None)
    }

    fn soundboard(&mut self, d: Value) -> Result<Reply, Close> {
        let guilds: Vec<u64> = d
            .get("guild_ids")
            .and_then(Value::as_array)
            .ok_or((4002, "Error while decoding payload."))?
            .iter()
            .filter_map(value_id)
            .collect();
        let keep = self.shared.config.replay_buffer;
        let session_id = self.session.clone().unwrap_or_default();
        self.with_session(|st, bot, _, _| {
            let frames: Vec<String> = guilds
                .iter()
                .filter_map(|g| st.world.guilds.get(g))
                .filter(|g| g.members.contains_key(&bot))
                .map(|g| {
                    json!({"guild_id": g.id.to_string(), "soundboard_sounds": g.soundboard_sounds})
                        .to_string()
                })
                .collect();
            if let Some(s) = st.sessions.by_id.get_mut(&session_id) {
                for f in frames {
                    s.push("SOUNDBOARD_SOUNDS", &f, keep);
                }
            }
        });
        Ok(Reply::None)
    }
}

/// An id given as a string or a number.
pub(crate) fn value_id(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

/// An id field of an object.
pub(crate) fn id_field(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(value_id)
}
