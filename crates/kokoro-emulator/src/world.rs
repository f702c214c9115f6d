//! The emulated Discord: users, applications, guilds, channels, messages and
//! everything hanging off them, with their JSON shapes as Discord sends them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use kokoro_model::{Permissions, Timestamp};
use serde_json::{Map, Value, json};

use crate::snowflake::Snowflakes;

/// Channel types used by the emulator.
pub(crate) mod kind {
    pub(crate) const GUILD_TEXT: u8 = 0;
    pub(crate) const DM: u8 = 1;
    pub(crate) const GUILD_VOICE: u8 = 2;
    pub(crate) const GROUP_DM: u8 = 3;
    pub(crate) const GUILD_CATEGORY: u8 = 4;
    pub(crate) const GUILD_ANNOUNCEMENT: u8 = 5;
    pub(crate) const ANNOUNCEMENT_THREAD: u8 = 10;
    pub(crate) const PUBLIC_THREAD: u8 = 11;
    pub(crate) const PRIVATE_THREAD: u8 = 12;
    pub(crate) const GUILD_STAGE_VOICE: u8 = 13;
    pub(crate) const GUILD_FORUM: u8 = 15;
    pub(crate) const GUILD_MEDIA: u8 = 16;

    pub(crate) fn is_thread(k: u8) -> bool {
        matches!(k, ANNOUNCEMENT_THREAD | PUBLIC_THREAD | PRIVATE_THREAD)
    }
}

/// A user or bot account.
#[derive(Clone, Debug)]
pub(crate) struct UserRec {
    pub(crate) id: u64,
    pub(crate) username: String,
    pub(crate) global_name: Option<String>,
    pub(crate) bot: bool,
}

impl UserRec {
    pub(crate) fn json(&self) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": null,
            "public_flags": 0,
        });
        if self.bot {
            v["bot"] = Value::Bool(true);
        }
        v
    }
}

/// An application and its bot.
#[derive(Clone, Debug)]
pub(crate) struct AppRec {
    pub(crate) id: u64,
    pub(crate) bot_user: u64,
    pub(crate) privileged_intents: kokoro_model::Intents,
    pub(crate) commands: Vec<Value>,
    /// Identifies left in the session start limit.
    pub(crate) session_starts_left: u32,
    /// When the session start limit resets.
    pub(crate) session_start_reset: Instant,
}

/// An OAuth2 access token: a user's grant to an application.
#[derive(Clone, Debug)]
pub(crate) struct BearerRec {
    pub(crate) app: u64,
    pub(crate) user: u64,
    pub(crate) scopes: Vec<String>,
}

/// A role.
#[derive(Clone, Debug)]
pub(crate) struct RoleRec {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) permissions: Permissions,
    pub(crate) position: i64,
    pub(crate) color: u64,
    pub(crate) hoist: bool,
    pub(crate) mentionable: bool,
}

impl RoleRec {
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "name": self.name,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": null, "tertiary_color": null},
            "hoist": self.hoist,
            "icon": null,
            "unicode_emoji": null,
            "position": self.position,
            "permissions": self.permissions.bits().to_string(),
            "managed": false,
            "mentionable": self.mentionable,
            "flags": 0,
        })
    }
}

/// A guild member.
#[derive(Clone, Debug)]
pub(crate) struct MemberRec {
    pub(crate) user: u64,
    pub(crate) nick: Option<String>,
    pub(crate) roles: Vec<u64>,
    pub(crate) joined_at: Timestamp,
    pub(crate) communication_disabled_until: Option<String>,
}

/// Presence of a user (shared by all guilds).
#[derive(Clone, Debug)]
pub(crate) struct PresenceRec {
    pub(crate) status: String,
    pub(crate) activities: Value,
}

/// A permission overwrite.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Overwrite {
    pub(crate) id: u64,
    pub(crate) kind: u8,
    pub(crate) allow: Permissions,
    pub(crate) deny: Permissions,
}

impl Overwrite {
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "type": self.kind,
            "allow": self.allow.bits().to_string(),
            "deny": self.deny.bits().to_string(),
        })
    }
}

/// Thread-only state of a channel.
#[derive(Clone, Debug)]
pub(crate) struct ThreadMeta {
    pub(crate) owner_id: u64,
    pub(crate) archived: bool,
    pub(crate) locked: bool,
    pub(crate) auto_archive_duration: u64,
    pub(crate) archive_timestamp: Timestamp,
    pub(crate) members: BTreeMap<u64, Timestamp>,
    pub(crate) message_count: u64,
    pub(crate) invitable: bool,
}

/// A channel, DM or thread.
#[derive(Clone, Debug)]
pub(crate) struct ChannelRec {
    pub(crate) id: u64,
    pub(crate) kind: u8,
    pub(crate) guild_id: Option<u64>,
    pub(crate) name: Option<String>,
    pub(crate) topic: Option<String>,
    pub(crate) position: i64,
    pub(crate) parent_id: Option<u64>,
    pub(crate) nsfw: bool,
    pub(crate) rate_limit_per_user: u64,
    pub(crate) overwrites: Vec<Overwrite>,
    pub(crate) recipients: Vec<u64>,
    pub(crate) last_message_id: Option<u64>,
    pub(crate) thread: Option<ThreadMeta>,
    pub(crate) pins: Vec<(u64, Timestamp)>,
    pub(crate) last_pin_timestamp: Option<Timestamp>,
}

impl ChannelRec {
    pub(crate) fn json(&self, world: &World) -> Value {
        let mut v = Map::new();
        v.insert("id".into(), self.id.to_string().into());
        v.insert("type".into(), self.kind.into());
        v.insert("flags".into(), 0.into());
        if let Some(g) = self.guild_id {
            v.insert("guild_id".into(), g.to_string().into());
            v.insert("position".into(), self.position.into());
            v.insert(
                "permission_overwrites".into(),
                Value::Array(self.overwrites.iter().map(Overwrite::json).collect()),
            );
            v.insert("nsfw".into(), self.nsfw.into());
            v.insert(
                "rate_limit_per_user".into(),
                self.rate_limit_per_user.into(),
            );
            v.insert("parent_id".into(), opt_id(self.parent_id));
        }
        if let Some(name) = &self.name {
            v.insert("name".into(), name.clone().into());
        }
        if self.kind != kind::DM && self.kind != kind::GUILD_CATEGORY && self.guild_id.is_some() {
            v.insert(
                "topic".into(),
                self.topic.clone().map_or(Value::Null, Value::String),
            );
        }
        if self.kind == kind::DM {
            v.insert(
                "recipients".into(),
                Value::Array(
                    self.recipients
                        .iter()
                        .filter_map(|u| world.users.get(u))
                        .map(UserRec::json)
                        .collect(),
                ),
            );
        }
        if self.kind != kind::GUILD_CATEGORY && self.kind != kind::GUILD_VOICE {
            v.insert("last_message_id".into(), opt_id(self.last_message_id));
        }
        if let Some(t) = &self.thread {
            v.insert("owner_id".into(), t.owner_id.to_string().into());
            v.insert("message_count".into(), t.message_count.into());
            v.insert("member_count".into(), t.members.len().min(50).into());
            v.insert("total_message_sent".into(), t.message_count.into());
            v.insert(
                "thread_metadata".into(),
                json!({
                    "archived": t.archived,
                    "auto_archive_duration": t.auto_archive_duration,
                    "archive_timestamp": t.archive_timestamp.to_string(),
                    "locked": t.locked,
                    "invitable": t.invitable,
                    "create_timestamp": Timestamp::from_micros(((self.id >> 22) as i64 + 1_420_070_400_000) * 1000).to_string(),
                }),
            );
        }
        if let Some(ts) = self.last_pin_timestamp {
            v.insert("last_pin_timestamp".into(), ts.to_string().into());
        }
        Value::Object(v)
    }
}

/// A stored message: its JSON (without reactions) plus what filtering needs.
#[derive(Clone, Debug)]
pub(crate) struct MessageRec {
    pub(crate) id: u64,
    pub(crate) author: u64,
    pub(crate) mentions: Vec<u64>,
    pub(crate) value: Value,
    /// Reactions by emoji key: the emoji object and who reacted.
    pub(crate) reactions: Vec<(String, Value, Vec<u64>)>,
}

impl MessageRec {
    pub(crate) fn json(&self, me: Option<u64>) -> Value {
        let mut v = self.value.clone();
        if !self.reactions.is_empty() {
            v["reactions"] = Value::Array(
                self.reactions
                    .iter()
                    .map(|(_, emoji, users)| {
                        let mine = me.is_some_and(|m| users.contains(&m));
                        json!({
                            "count": users.len(),
                            "count_details": {"burst": 0, "normal": users.len()},
                            "me": mine,
                            "me_burst": false,
                            "burst_colors": [],
                            "emoji": emoji,
                        })
                    })
                    .collect(),
            );
        }
        v
    }
}

/// A webhook.
#[derive(Clone, Debug)]
pub(crate) struct WebhookRec {
    pub(crate) id: u64,
    pub(crate) kind: u8,
    pub(crate) guild_id: Option<u64>,
    pub(crate) channel_id: Option<u64>,
    pub(crate) name: Option<String>,
    pub(crate) token: Option<String>,
    pub(crate) creator: Option<u64>,
    pub(crate) application_id: Option<u64>,
}

impl WebhookRec {
    pub(crate) fn json(&self, world: &World, with_token: bool) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "type": self.kind,
            "guild_id": opt_id(self.guild_id),
            "channel_id": opt_id(self.channel_id),
            "name": self.name,
            "avatar": null,
            "application_id": opt_id(self.application_id),
        });
        if let Some(u) = self.creator.and_then(|c| world.users.get(&c)) {
            v["user"] = u.json();
        }
        if with_token && let Some(t) = &self.token {
            v["token"] = t.clone().into();
        }
        v
    }
}

/// An interaction sent to a bot.
#[derive(Clone, Debug)]
pub(crate) struct InteractionRec {
    pub(crate) token: String,
    pub(crate) application_id: u64,
    pub(crate) channel_id: u64,
    pub(crate) user: u64,
    pub(crate) created: Instant,
    /// The callback type once answered.
    pub(crate) response: Option<u8>,
    pub(crate) original_message: Option<u64>,
    /// The message a component was clicked on.
    pub(crate) source_message: Option<u64>,
}

/// An invite.
#[derive(Clone, Debug)]
pub(crate) struct InviteRec {
    pub(crate) code: String,
    pub(crate) guild_id: u64,
    pub(crate) channel_id: u64,
    pub(crate) inviter: u64,
    pub(crate) max_age: u64,
    pub(crate) max_uses: u64,
    pub(crate) uses: u64,
    pub(crate) temporary: bool,
    pub(crate) created_at: Timestamp,
}

impl InviteRec {
    pub(crate) fn json(&self, world: &World, metadata: bool) -> Value {
        let mut v = json!({
            "type": 0,
            "code": self.code,
            "channel": world.channels.get(&self.channel_id).map(|c| json!({"id": c.id.to_string(), "name": c.name, "type": c.kind})),
            "guild": world.guilds.get(&self.guild_id).map(|g| json!({"id": g.id.to_string(), "name": g.name, "icon": null, "splash": null, "banner": null, "description": null, "features": [], "verification_level": 0, "vanity_url_code": null, "nsfw_level": 0, "premium_subscription_count": 0})),
            "inviter": world.users.get(&self.inviter).map(UserRec::json),
            "expires_at": null,
        });
        if metadata {
            v["uses"] = self.uses.into();
            v["max_uses"] = self.max_uses.into();
            v["max_age"] = self.max_age.into();
            v["temporary"] = self.temporary.into();
            v["created_at"] = self.created_at.to_string().into();
        }
        v
    }
}

/// A guild and what lives in it.
#[derive(Clone, Debug)]
pub(crate) struct GuildRec {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) owner_id: u64,
    pub(crate) roles: BTreeMap<u64, RoleRec>,
    pub(crate) members: BTreeMap<u64, MemberRec>,
    pub(crate) channels: BTreeSet<u64>,
    pub(crate) bans: BTreeMap<u64, Option<String>>,
    pub(crate) audit_log: Vec<Value>,
    pub(crate) commands: HashMap<u64, Vec<Value>>,
    pub(crate) voice_states: BTreeMap<u64, Value>,
    pub(crate) soundboard_sounds: Vec<Value>,
}

impl GuildRec {
    /// The guild object as `GET /guilds/{id}` returns it.
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "name": self.name,
            "icon": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": self.owner_id.to_string(),
            "afk_channel_id": null,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": self.roles.values().map(RoleRec::json).collect::<Vec<_>>(),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": null,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
        })
    }
}

/// An entry of the driver-visible log of what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Order of the entry, from 1.
    pub index: u64,
    /// What kind of thing happened: `"dispatch"`, `"rest"`, `"gateway"`, `"fault"`.
    pub kind: &'static str,
    /// A short description: the event name, `METHOD /path -> status`, the close code…
    pub detail: String,
}

/// All of the emulated Discord's data.
#[derive(Debug, Default)]
pub(crate) struct World {
    pub(crate) ids: Snowflakes,
    pub(crate) users: HashMap<u64, UserRec>,
    pub(crate) presences: HashMap<u64, PresenceRec>,
    pub(crate) apps: HashMap<u64, AppRec>,
    pub(crate) tokens: HashMap<String, u64>,
    /// OAuth2 access tokens (`Authorization: Bearer …`).
    pub(crate) bearer_tokens: HashMap<String, BearerRec>,
    pub(crate) guilds: BTreeMap<u64, GuildRec>,
    pub(crate) channels: HashMap<u64, ChannelRec>,
    pub(crate) messages: HashMap<u64, BTreeMap<u64, MessageRec>>,
    pub(crate) webhooks: HashMap<u64, WebhookRec>,
    pub(crate) interactions: HashMap<u64, InteractionRec>,
    pub(crate) interaction_tokens: HashMap<String, u64>,
    /// Callback bodies bots sent: (interaction id, body).
    pub(crate) interaction_responses: Vec<(u64, Value)>,
    pub(crate) invites: BTreeMap<String, InviteRec>,
    pub(crate) dms: HashMap<(u64, u64), u64>,
    pub(crate) log: Vec<LogEntry>,
    pub(crate) log_index: u64,
    /// The gateway URL (READY's resume_gateway_url, GET /gateway).
    pub(crate) gateway_url: String,
    /// Guild settings, templates, onboarding, integrations.
    pub(crate) guild_settings: crate::rest::routes::guild_settings::Store,

    /// Emojis, stickers, soundboard sounds, scheduled events, stage instances.
    pub(crate) expressions: crate::rest::routes::expressions::Store,

    /// Auto-moderation rules, voice states, polls.
    pub(crate) moderation: crate::rest::routes::moderation::Store,

    /// Applications, entitlements, role connections.
    pub(crate) applications: crate::rest::routes::applications::Store,

    /// Lobbies and invite target users.
    pub(crate) lobbies: crate::rest::routes::lobbies::Store,
}

/// Format an optional id as JSON.
pub(crate) fn opt_id(id: Option<u64>) -> Value {
    id.map_or(Value::Null, |i| Value::String(i.to_string()))
}

/// A random-looking token from an id and a counter (not secret: tests only).
pub(crate) fn make_token(seed: u64, salt: u64) -> String {
    let mut x = seed ^ salt.rotate_left(17) ^ 0x9E37_79B9_7F4A_7C15;
    let mut out = String::with_capacity(40);
    for _ in 0..5 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(&format!("{x:016x}"));
    }
    out.truncate(64);
    out
}

impl World {
    /// Keeps the last 10,000 log entries.
    pub(crate) fn log(&mut self, kind: &'static str, detail: String) {
        self.log_index += 1;
        if self.log.len() >= 10_000 {
            self.log.drain(..1000);
        }
        self.log.push(LogEntry {
            index: self.log_index,
            kind,
            detail,
        });
    }

    pub(crate) fn add_user(&mut self, username: &str, bot: bool) -> u64 {
        let id = self.ids.next();
        self.users.insert(
            id,
            UserRec {
                id,
                username: username.to_owned(),
                global_name: None,
                bot,
            },
        );
        self.presences.insert(
            id,
            PresenceRec {
                status: "offline".into(),
                activities: json!([]),
            },
        );
        id
    }

    /// Member JSON for a guild member (`GUILD_MEMBER` object).
    pub(crate) fn member_json(&self, guild: &GuildRec, m: &MemberRec) -> Value {
        json!({
            "user": self.users.get(&m.user).map(UserRec::json),
            "nick": m.nick,
            "avatar": null,
            "banner": null,
            "roles": m.roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            "joined_at": m.joined_at.to_string(),
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "communication_disabled_until": m.communication_disabled_until,
            "guild_id": guild.id.to_string(),
        })
    }

    pub(crate) fn presence_json(&self, user: u64, guild: Option<u64>) -> Value {
        let p = self.presences.get(&user);
        let status = p.map_or("offline", |p| p.status.as_str());
        let mut v = json!({
            "user": {"id": user.to_string()},
            "status": status,
            "activities": p.map_or(json!([]), |p| p.activities.clone()),
            "client_status": if status == "offline" { json!({}) } else { json!({"desktop": status}) },
        });
        if let Some(g) = guild {
            v["guild_id"] = g.to_string().into();
        }
        v
    }

    pub(crate) fn is_online(&self, user: u64) -> bool {
        self.presences
            .get(&user)
            .is_some_and(|p| p.status != "offline" && p.status != "invisible")
    }

    /// The GUILD_CREATE payload for a bot; `large_threshold` decides whether
    /// offline members are left out.
    pub(crate) fn guild_create_json(&self, guild: &GuildRec, large_threshold: u32) -> Value {
        let mut v = guild.json();
        let large = guild.members.len() as u32 > large_threshold;
        let members: Vec<Value> = guild
            .members
            .values()
            .filter(|m| !large || self.is_online(m.user))
            .map(|m| self.member_json(guild, m))
            .collect();
        let presences: Vec<Value> = guild
            .members
            .values()
            .filter(|m| self.is_online(m.user))
            .map(|m| self.presence_json(m.user, None))
            .collect();
        let (channels, threads): (Vec<&ChannelRec>, Vec<&ChannelRec>) = guild
            .channels
            .iter()
            .filter_map(|c| self.channels.get(c))
            .partition(|c| !kind::is_thread(c.kind));
        v["joined_at"] = guild
            .members
            .values()
            .next()
            .map_or(Value::Null, |m| m.joined_at.to_string().into());
        v["large"] = large.into();
        v["unavailable"] = false.into();
        v["member_count"] = guild.members.len().into();
        v["members"] = Value::Array(members);
        v["presences"] = Value::Array(presences);
        v["channels"] = Value::Array(channels.iter().map(|c| c.json(self)).collect());
        v["threads"] = Value::Array(
            threads
                .iter()
                .filter(|t| t.thread.as_ref().is_some_and(|m| !m.archived))
                .map(|c| c.json(self))
                .collect(),
        );
        v["voice_states"] = Value::Array(guild.voice_states.values().cloned().collect());
        self.expressions.fill_guild(guild.id, &mut v, true);
        v["soundboard_sounds"] = Value::Array(guild.soundboard_sounds.clone());
        v
    }

    /// Base permissions of a member in a guild (owner and administrator get all).
    pub(crate) fn base_permissions(&self, guild: &GuildRec, user: u64) -> Option<Permissions> {
        if guild.owner_id == user {
            return Some(Permissions::all());
        }
        let member = guild.members.get(&user)?;
        let mut p = guild
            .roles
            .get(&guild.id)
            .map_or(Permissions::empty(), |r| r.permissions);
        for r in &member.roles {
            if let Some(role) = guild.roles.get(r) {
                p |= role.permissions;
            }
        }
        if p.contains(Permissions::ADMINISTRATOR) {
            return Some(Permissions::all());
        }
        Some(p)
    }

    /// Permissions of a user in a channel; `None` when the user cannot be there at all.
    pub(crate) fn channel_permissions(
        &self,
        channel: &ChannelRec,
        user: u64,
    ) -> Option<Permissions> {
        let Some(gid) = channel.guild_id else {
            return channel.recipients.contains(&user).then(|| {
                Permissions::VIEW_CHANNEL
                    | Permissions::SEND_MESSAGES
                    | Permissions::READ_MESSAGE_HISTORY
                    | Permissions::ADD_REACTIONS
                    | Permissions::EMBED_LINKS
                    | Permissions::ATTACH_FILES
                    | Permissions::PIN_MESSAGES
            });
        };
        let guild = self.guilds.get(&gid)?;
        let base = self.base_permissions(guild, user)?;
        if base.contains(Permissions::ADMINISTRATOR) {
            return Some(Permissions::all());
        }
        // Threads take their parent's overwrites.
        let source = if kind::is_thread(channel.kind) {
            channel
                .parent_id
                .and_then(|p| self.channels.get(&p))
                .unwrap_or(channel)
        } else {
            channel
        };
        let member = guild.members.get(&user)?;
        let mut p = base;
        if let Some(o) = source.overwrites.iter().find(|o| o.id == gid) {
            p &= !o.deny;
            p |= o.allow;
        }
        let (mut allow, mut deny) = (Permissions::empty(), Permissions::empty());
        for o in source
            .overwrites
            .iter()
            .filter(|o| o.kind == 0 && member.roles.contains(&o.id))
        {
            allow |= o.allow;
            deny |= o.deny;
        }
        p &= !deny;
        p |= allow;
        if let Some(o) = source
            .overwrites
            .iter()
            .find(|o| o.kind == 1 && o.id == user)
        {
            p &= !o.deny;
            p |= o.allow;
        }
        if !p.contains(Permissions::VIEW_CHANNEL) {
            return Some(Permissions::empty());
        }
        Some(p)
    }

    /// Whether a user can see a channel (a guild member with VIEW_CHANNEL, or a DM recipient).
    pub(crate) fn can_view(&self, channel: &ChannelRec, user: u64) -> bool {
        self.channel_permissions(channel, user)
            .is_some_and(|p| p.contains(Permissions::VIEW_CHANNEL))
    }

    /// Adds an audit log entry to a guild.
    pub(crate) fn audit(
        &mut self,
        guild_id: u64,
        user: u64,
        action: u16,
        target: Option<u64>,
        reason: Option<&str>,
        changes: Value,
    ) -> Option<Value> {
        let id = self.ids.next();
        let guild = self.guilds.get_mut(&guild_id)?;
        let entry = json!({
            "id": id.to_string(),
            "user_id": user.to_string(),
            "target_id": opt_id(target),
            "action_type": action,
            "changes": changes,
            "reason": reason,
            "guild_id": guild_id.to_string(),
        });
        guild.audit_log.push(entry.clone());
        if guild.audit_log.len() > 1000 {
            guild.audit_log.remove(0);
        }
        Some(entry)
    }
}

/// Audit log action types used by the emulator (Discord's audit log events).
pub(crate) mod audit {
    pub(crate) const GUILD_UPDATE: u16 = 1;
    pub(crate) const CHANNEL_CREATE: u16 = 10;
    pub(crate) const CHANNEL_UPDATE: u16 = 11;
    pub(crate) const CHANNEL_DELETE: u16 = 12;
    pub(crate) const MEMBER_KICK: u16 = 20;
    pub(crate) const MEMBER_BAN_ADD: u16 = 22;
    pub(crate) const MEMBER_BAN_REMOVE: u16 = 23;
    pub(crate) const MEMBER_UPDATE: u16 = 24;
    pub(crate) const MEMBER_ROLE_UPDATE: u16 = 25;
    pub(crate) const ROLE_CREATE: u16 = 30;
    pub(crate) const ROLE_UPDATE: u16 = 31;
    pub(crate) const ROLE_DELETE: u16 = 32;
    pub(crate) const INVITE_CREATE: u16 = 40;
    pub(crate) const INVITE_DELETE: u16 = 42;
    pub(crate) const WEBHOOK_CREATE: u16 = 50;
    pub(crate) const WEBHOOK_UPDATE: u16 = 51;
    pub(crate) const WEBHOOK_DELETE: u16 = 52;
    pub(crate) const MESSAGE_DELETE: u16 = 72;
    pub(crate) const MESSAGE_BULK_DELETE: u16 = 73;
    pub(crate) const MESSAGE_PIN: u16 = 74;
    pub(crate) const MESSAGE_UNPIN: u16 = 75;
    pub(crate) const THREAD_CREATE: u16 = 110;
    pub(crate) const THREAD_UPDATE: u16 = 111;
    pub(crate) const THREAD_DELETE: u16 = 112;
    pub(crate) const CHANNEL_OVERWRITE_CREATE: u16 = 13;
    pub(crate) const CHANNEL_OVERWRITE_UPDATE: u16 = 14;
    pub(crate) const CHANNEL_OVERWRITE_DELETE: u16 = 15;
    pub(crate) const MEMBER_PRUNE: u16 = 21;
    pub(crate) const EMOJI_CREATE: u16 = 60;
    pub(crate) const EMOJI_UPDATE: u16 = 61;
    pub(crate) const EMOJI_DELETE: u16 = 62;
    pub(crate) const INTEGRATION_DELETE: u16 = 82;
    pub(crate) const STAGE_INSTANCE_CREATE: u16 = 83;
    pub(crate) const STAGE_INSTANCE_UPDATE: u16 = 84;
    pub(crate) const STAGE_INSTANCE_DELETE: u16 = 85;
    pub(crate) const STICKER_CREATE: u16 = 90;
    pub(crate) const STICKER_UPDATE: u16 = 91;
    pub(crate) const STICKER_DELETE: u16 = 92;
    pub(crate) const GUILD_SCHEDULED_EVENT_CREATE: u16 = 100;
    pub(crate) const GUILD_SCHEDULED_EVENT_UPDATE: u16 = 101;
    pub(crate) const GUILD_SCHEDULED_EVENT_DELETE: u16 = 102;
    pub(crate) const GUILD_SCHEDULED_EVENT_EXCEPTION_CREATE: u16 = 103;
    pub(crate) const GUILD_SCHEDULED_EVENT_EXCEPTION_UPDATE: u16 = 104;
    pub(crate) const GUILD_SCHEDULED_EVENT_EXCEPTION_DELETE: u16 = 105;
    pub(crate) const APPLICATION_COMMAND_PERMISSION_UPDATE: u16 = 121;
    pub(crate) const SOUNDBOARD_SOUND_CREATE: u16 = 130;
    pub(crate) const SOUNDBOARD_SOUND_UPDATE: u16 = 131;
    pub(crate) const SOUNDBOARD_SOUND_DELETE: u16 = 132;
    pub(crate) const AUTO_MODERATION_RULE_CREATE: u16 = 140;
    pub(crate) const AUTO_MODERATION_RULE_UPDATE: u16 = 141;
    pub(crate) const AUTO_MODERATION_RULE_DELETE: u16 = 142;
    pub(crate) const ONBOARDING_UPDATE: u16 = 167;
}
