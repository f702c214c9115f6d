//! The driving API tests use: start the emulator, shape the world, act as
//! users, read back what bots did and inject faults.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use kokoro_model::id::{
    ApplicationId, ChannelId, GuildId, InteractionId, MessageId, RoleId, UserId,
};
use kokoro_model::{Intents, Permissions, Timestamp};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::config::{Config, Limit};
use crate::faults::{PendingFault, RateLimitScope, RestFault};
use crate::gateway::session::{Dispatch, Sessions};
use crate::ratelimit::RateLimiter;
use crate::rest::ApiError;
use crate::rest::routes::messages::{self, NewMessage};
use crate::state::{CounterSnapshot, Counters, Outbound, Shared, State};
use crate::world::{
    AppRec, GuildRec, InteractionRec, LogEntry, MemberRec, Overwrite, RoleRec, World, make_token,
};

/// Why a driver call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmulatorError {
    /// The request would have failed on Discord with this error.
    #[error("{status} {code}: {message}")]
    Api {
        /// HTTP status.
        status: u16,
        /// Discord's JSON error code.
        code: u32,
        /// Discord's message.
        message: String,
    },
    /// Binding the listener failed.
    #[error("could not bind the emulator: {0}")]
    Io(#[from] std::io::Error),
}

impl From<ApiError> for EmulatorError {
    fn from(e: ApiError) -> Self {
        Self::Api {
            status: e.status,
            code: e.code,
            message: e.message,
        }
    }
}

/// A bot application created with [`Emulator::create_bot`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bot {
    /// The application's id.
    pub application_id: ApplicationId,
    /// The bot user's id.
    pub user_id: UserId,
    /// The bot token (without `Bot `).
    pub token: String,
}

/// An interaction sent to a bot by [`Emulator::invoke_slash_command`] or [`Emulator::click_component`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interaction {
    /// The interaction's id.
    pub id: InteractionId,
    /// Its token (valid for follow-ups for the configured lifetime).
    pub token: String,
}

/// How a bot answered an interaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InteractionStatus {
    /// No callback yet and still within the deadline.
    Pending,
    /// Answered with this callback type.
    Responded(u8),
    /// The deadline passed without a callback ("This interaction failed").
    Failed,
}

/// Configures and starts an [`Emulator`].
#[derive(Clone, Debug, Default)]
pub struct EmulatorBuilder {
    config: Config,
}

impl EmulatorBuilder {
    /// Starts from a whole configuration.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Changes the configuration in place.
    pub fn configure(mut self, f: impl FnOnce(&mut Config)) -> Self {
        f(&mut self.config);
        self
    }

    /// The port to bind on 127.0.0.1 (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.config.port = port;
        self
    }

    /// The heartbeat interval sent in HELLO.
    pub fn heartbeat_interval(mut self, d: Duration) -> Self {
        self.config.heartbeat_interval = d;
        self
    }

    /// Identifies allowed by the session start limit.
    pub fn session_start_limit(mut self, total: u32) -> Self {
        self.config.session_start_total = total;
        self
    }

    /// `max_concurrency` and the window it applies to.
    pub fn max_concurrency(mut self, n: u32, window: Duration) -> Self {
        self.config.max_concurrency = n.max(1);
        self.config.identify_window = window;
        self
    }

    /// Shards recommended by `GET /gateway/bot`.
    pub fn recommended_shards(mut self, n: u32) -> Self {
        self.config.recommended_shards = n.max(1);
        self
    }

    /// Most guilds per shard before IDENTIFY is closed with 4011.
    pub fn max_guilds_per_shard(mut self, n: usize) -> Self {
        self.config.max_guilds_per_shard = Some(n);
        self
    }

    /// The privileged intents new applications may use.
    pub fn privileged_intents(mut self, intents: Intents) -> Self {
        self.config.privileged_intents = intents;
        self
    }

    /// The large threshold used when IDENTIFY has none.
    pub fn large_threshold(mut self, n: u32) -> Self {
        self.config.default_large_threshold = n;
        self
    }

    /// The per-route limit of one bucket group (`"messages"`, `"channel"`, `"reactions"`, …).
    pub fn route_limit(mut self, group: &str, limit: Limit) -> Self {
        self.config.route_limits.insert(group.to_owned(), limit);
        self
    }

    /// The global limit per bot.
    pub fn global_limit(mut self, limit: Limit) -> Self {
        self.config.global_limit = limit;
        self
    }

    /// Invalid requests allowed per window, and the ban past it.
    pub fn invalid_request_limit(mut self, limit: Limit, ban: Duration) -> Self {
        self.config.invalid_request_limit = limit;
        self.config.invalid_request_ban = ban;
        self
    }

    /// Time a bot has to answer an interaction.
    pub fn interaction_deadline(mut self, d: Duration) -> Self {
        self.config.interaction_deadline = d;
        self
    }

    /// Binds 127.0.0.1 and starts serving.
    pub async fn start(self) -> Result<Emulator, EmulatorError> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.config.port)).await?;
        let addr = listener.local_addr()?;
        let gateway_url = format!("ws://{addr}");
        let world = World {
            gateway_url: gateway_url.clone(),
            ..World::default()
        };
        let shared = Arc::new(Shared {
            config: self.config,
            state: std::sync::Mutex::new(State {
                world,
                sessions: Sessions::default(),
                ratelimit: RateLimiter::default(),
                rest_faults: Default::default(),
                conns: HashMap::new(),
            }),
            counters: Counters::default(),
            ack_heartbeats: AtomicBool::new(true),
            next_conn: AtomicU64::new(0),
            gateway_url,
        });
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(crate::server::serve(shared.clone(), listener, rx));
        Ok(Emulator {
            shared,
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }
}

/// A running emulator; shuts down when dropped or on [`Emulator::shutdown`].
///
/// ```no_run
/// # async fn demo() -> Result<(), kokoro_emulator::EmulatorError> {
/// let emu = kokoro_emulator::Emulator::builder()
///     .heartbeat_interval(std::time::Duration::from_millis(500))
///     .start()
///     .await?;
/// println!("{} {}", emu.rest_url(), emu.gateway_url());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// Permissions of `@everyone` in new guilds.
const DEFAULT_EVERYONE: Permissions = Permissions::VIEW_CHANNEL
    .union(Permissions::SEND_MESSAGES)
    .union(Permissions::READ_MESSAGE_HISTORY)
    .union(Permissions::ADD_REACTIONS)
    .union(Permissions::EMBED_LINKS)
    .union(Permissions::ATTACH_FILES)
    .union(Permissions::CREATE_INSTANT_INVITE)
    .union(Permissions::CHANGE_NICKNAME)
    .union(Permissions::USE_APPLICATION_COMMANDS)
    .union(Permissions::CONNECT)
    .union(Permissions::SPEAK)
    .union(Permissions::USE_VAD)
    .union(Permissions::CREATE_PUBLIC_THREADS)
    .union(Permissions::CREATE_PRIVATE_THREADS)
    .union(Permissions::SEND_MESSAGES_IN_THREADS)
    .union(Permissions::USE_EXTERNAL_EMOJIS);

impl Emulator {
    /// A builder with Discord's defaults.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The REST base URL, `http://127.0.0.1:port/api/v10`.
    pub fn rest_url(&self) -> String {
        format!("http://{}/api/v10", self.addr)
    }

    /// The gateway URL, `ws://127.0.0.1:port`.
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url.clone()
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.shared.lock())
    }

    pub(crate) fn emit(&self, st: &mut State, ev: Dispatch) {
        crate::events::publish(
            st,
            ev,
            self.shared.config.replay_buffer,
            &self.shared.counters,
        );
    }

    /// Creates an application with a bot user; returns its token.
    pub fn create_bot(&self, name: &str) -> Bot {
        let privileged = self.shared.config.privileged_intents;
        let total = self.shared.config.session_start_total;
        let reset = Instant::now() + self.shared.config.session_start_reset_after;
        self.with(|st| {
            let user = st.world.add_user(name, true);
            let app = st.world.ids.next();
            let token = format!("{}.{}", user, make_token(app, user));
            st.world.apps.insert(
                app,
                AppRec {
                    id: app,
                    bot_user: user,
                    privileged_intents: privileged,
                    commands: vec![],
                    session_starts_left: total,
                    session_start_reset: reset,
                },
            );
            st.world.tokens.insert(token.clone(), app);
            Bot {
                application_id: ApplicationId::new(app),
                user_id: UserId::new(user),
                token,
            }
        })
    }

    /// Grants `app` an OAuth2 access token of `user` with these scopes (`identify`,
    /// `guilds`, `applications.commands.permissions.update`, …); returns the token to
    /// send as `Authorization: Bearer <token>`.
    pub fn create_bearer_token(&self, app: ApplicationId, user: UserId, scopes: &[&str]) -> String {
        self.with(|st| {
            let salt = st.world.ids.next();
            let token = make_token(user.get() ^ app.get(), salt);
            st.world.bearer_tokens.insert(
                token.clone(),
                crate::world::BearerRec {
                    app: app.get(),
                    user: user.get(),
                    scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
                },
            );
            token
        })
    }

    /// Changes which privileged intents an application may use.
    pub fn set_privileged_intents(&self, app: ApplicationId, intents: Intents) {
        self.with(|st| {
            if let Some(a) = st.world.apps.get_mut(&app.get()) {
                a.privileged_intents = intents;
            }
        });
    }

    /// Creates a user.
    pub fn create_user(&self, name: &str) -> UserId {
        UserId::new(self.with(|st| st.world.add_user(name, false)))
    }

    /// Creates a guild owned by `owner` (who becomes its first member) with an
    /// `@everyone` role of Discord's default permissions.
    pub fn create_guild(&self, owner: UserId, name: &str) -> GuildId {
        self.with(|st| {
            let id = st.world.ids.next_spread();
            let mut roles = BTreeMap::new();
            roles.insert(
                id,
                RoleRec {
                    id,
                    name: "@everyone".into(),
                    permissions: DEFAULT_EVERYONE,
                    position: 0,
                    color: 0,
                    hoist: false,
                    mentionable: false,
                },
            );
            let mut members = BTreeMap::new();
            members.insert(
                owner.get(),
                MemberRec {
                    user: owner.get(),
                    nick: None,
                    roles: vec![],
                    joined_at: Timestamp::now(),
                    communication_disabled_until: None,
                },
            );
            st.world.guilds.insert(
                id,
                GuildRec {
                    id,
                    name: name.to_owned(),
                    owner_id: owner.get(),
                    roles,
                    members,
                    channels: BTreeSet::new(),
                    bans: BTreeMap::new(),
                    audit_log: vec![],
                    commands: HashMap::new(),
                    voice_states: BTreeMap::new(),
                    soundboard_sounds: vec![],
                },
            );
            GuildId::new(id)
        })
    }

    /// Adds a user or bot to a guild: GUILD_MEMBER_ADD to bots there, and
    /// GUILD_CREATE to the added bot's sessions.
    pub fn add_member(&self, guild: GuildId, user: UserId) -> Result<(), EmulatorError> {
        let threshold = self.shared.config.default_large_threshold;
        self.with(|st| {
            if !st.world.users.contains_key(&user.get()) {
                return Err(ApiError::unknown_user().into());
            }
            let g = st
                .world
                .guilds
                .get_mut(&guild.get())
                .ok_or_else(ApiError::unknown_guild)?;
            g.members.insert(
                user.get(),
                MemberRec {
                    user: user.get(),
                    nick: None,
                    roles: vec![],
                    joined_at: Timestamp::now(),
                    communication_disabled_until: None,
                },
            );
            let g = st
                .world
                .guilds
                .get(&guild.get())
                .ok_or_else(ApiError::unknown_guild)?;
            let member = g
                .members
                .get(&user.get())
                .map(|m| st.world.member_json(g, m))
                .unwrap_or_default();
            let create = st.world.guild_create_json(g, threshold);
            self.emit(
                st,
                Dispatch::new("GUILD_MEMBER_ADD", member)
                    .guild(Some(guild.get()))
                    .intents(Intents::GUILD_MEMBERS),
            );
            self.emit(
                st,
                Dispatch::new("GUILD_CREATE", create)
                    .guild(Some(guild.get()))
                    .only_user(user.get()),
            );
            Ok(())
        })
    }

    /// Creates a text channel in a guild.
    pub fn create_channel(&self, guild: GuildId, name: &str) -> Result<ChannelId, EmulatorError> {
        self.create_channel_json(guild, json!({"name": name, "type": 0}))
    }

    /// Creates a guild channel from a Create Guild Channel JSON body (any type, overwrites, parent…).
    pub fn create_channel_json(
        &self,
        guild: GuildId,
        body: Value,
    ) -> Result<ChannelId, EmulatorError> {
        self.with(|st| {
            if !st.world.guilds.contains_key(&guild.get()) {
                return Err(ApiError::unknown_guild().into());
            }
            let c = crate::rest::routes::channels_create(st, guild.get(), &body)?;
            let v = st
                .world
                .channels
                .get(&c)
                .map(|ch| ch.json(&st.world))
                .unwrap_or_default();
            self.emit(
                st,
                Dispatch::new("CHANNEL_CREATE", v)
                    .guild(Some(guild.get()))
                    .channel(c)
                    .intents(Intents::GUILDS),
            );
            Ok(ChannelId::new(c))
        })
    }

    /// Opens (or finds) the DM channel between two users.
    pub fn create_dm(&self, a: UserId, b: UserId) -> ChannelId {
        ChannelId::new(self.with(|st| crate::rest::routes::dm_channel(st, a.get(), b.get())))
    }

    /// Creates a role with these permissions, positioned above existing roles.
    pub fn create_role(
        &self,
        guild: GuildId,
        name: &str,
        permissions: Permissions,
    ) -> Result<RoleId, EmulatorError> {
        self.with(|st| {
            let id = st.world.ids.next();
            let g = st
                .world
                .guilds
                .get_mut(&guild.get())
                .ok_or_else(ApiError::unknown_guild)?;
            let position = g.roles.values().map(|r| r.position).max().unwrap_or(0) + 1;
            let role = RoleRec {
                id,
                name: name.to_owned(),
                permissions,
                position,
                color: 0,
                hoist: false,
                mentionable: false,
            };
            let v = role.json();
            g.roles.insert(id, role);
            self.emit(
                st,
                Dispatch::new(
                    "GUILD_ROLE_CREATE",
                    json!({"guild_id": guild.to_string(), "role": v}),
                )
                .guild(Some(guild.get()))
                .intents(Intents::GUILDS),
            );
            Ok(RoleId::new(id))
        })
    }

    /// Gives a member a role (GUILD_MEMBER_UPDATE).
    pub fn assign_role(
        &self,
        guild: GuildId,
        user: UserId,
        role: RoleId,
    ) -> Result<(), EmulatorError> {
        self.with(|st| {
            let g = st
                .world
                .guilds
                .get_mut(&guild.get())
                .ok_or_else(ApiError::unknown_guild)?;
            if !g.roles.contains_key(&role.get()) {
                return Err(ApiError::unknown_role().into());
            }
            let m = g
                .members
                .get_mut(&user.get())
                .ok_or_else(ApiError::unknown_member)?;
            if !m.roles.contains(&role.get()) {
                m.roles.push(role.get());
            }
            let g = st
                .world
                .guilds
                .get(&guild.get())
                .ok_or_else(ApiError::unknown_guild)?;
            let v = g
                .members
                .get(&user.get())
                .map(|m| st.world.member_json(g, m))
                .unwrap_or_default();
            self.emit(
                st,
                Dispatch::new("GUILD_MEMBER_UPDATE", v)
                    .guild(Some(guild.get()))
                    .intents(Intents::GUILD_MEMBERS),
            );
            Ok(())
        })
    }

    /// Sets a permission overwrite on a channel (`target` a role or user id; `member` true for a user).
    pub fn set_overwrite(
        &self,
        channel: ChannelId,
        target: u64,
        member: bool,
        allow: Permissions,
        deny: Permissions,
    ) -> Result<(), EmulatorError> {
        self.with(|st| {
            let c = st
                .world
                .channels
                .get_mut(&channel.get())
                .ok_or_else(ApiError::unknown_channel)?;
            c.overwrites.retain(|o| o.id != target);
            c.overwrites.push(Overwrite {
                id: target,
                kind: u8::from(member),
                allow,
                deny,
            });
            let guild = c.guild_id;
            let v = st
                .world
                .channels
                .get(&channel.get())
                .map(|c| c.json(&st.world))
                .unwrap_or_default();
            self.emit(
                st,
                Dispatch::new("CHANNEL_UPDATE", v)
                    .guild(guild)
                    .intents(Intents::GUILDS),
            );
            Ok(())
        })
    }

    /// Sets a user's status (`"online"`, `"idle"`, `"dnd"`, `"offline"`): PRESENCE_UPDATE in each of their guilds.
    pub fn set_presence(&self, user: UserId, status: &str) {
        self.with(|st| {
            if let Some(p) = st.world.presences.get_mut(&user.get()) {
                p.status = status.to_owned();
            }
            let guilds: Vec<u64> = st
                .world
                .guilds
                .values()
                .filter(|g| g.members.contains_key(&user.get()))
                .map(|g| g.id)
                .collect();
            for g in guilds {
                let d = st.world.presence_json(user.get(), Some(g));
                self.emit(
                    st,
                    Dispatch::new("PRESENCE_UPDATE", d)
                        .guild(Some(g))
                        .intents(Intents::GUILD_PRESENCES),
                );
            }
        });
    }

    /// Posts a message as a user (MESSAGE_CREATE to bots that may see it).
    pub fn post_message_as(
        &self,
        user: UserId,
        channel: ChannelId,
        content: &str,
    ) -> Result<MessageId, EmulatorError> {
        self.post_message_json(user, channel, json!({"content": content}))
    }

    /// Posts a message as a user from a Create Message JSON body (embeds, components, reference…).
    pub fn post_message_json(
        &self,
        user: UserId,
        channel: ChannelId,
        body: Value,
    ) -> Result<MessageId, EmulatorError> {
        let keep = self.shared.config.replay_buffer;
        self.with(|st| {
            let c = st
                .world
                .channels
                .get(&channel.get())
                .ok_or_else(ApiError::unknown_channel)?;
            if !st.world.can_view(c, user.get()) {
                return Err(ApiError::missing_access().into());
            }
            let m = NewMessage {
                channel: channel.get(),
                author: user.get(),
                body,
                ..NewMessage::default()
            };
            let v = messages::create(st, keep, &self.shared.counters, m)?;
            let id = crate::gateway::commands::id_field(&v, "id").unwrap_or(1);
            Ok(MessageId::new(id))
        })
    }

    /// The messages of a channel, oldest first, as Discord's message objects.
    pub fn messages_in(&self, channel: ChannelId) -> Vec<Value> {
        self.with(|st| {
            st.world
                .messages
                .get(&channel.get())
                .map_or(vec![], |ms| ms.values().map(|m| m.json(None)).collect())
        })
    }

    fn interaction(
        &self,
        app: ApplicationId,
        user: UserId,
        channel: ChannelId,
        kind: u8,
        data: Value,
        message: Option<u64>,
    ) -> Result<Interaction, EmulatorError> {
        self.with(|st| {
            let a = st.world.apps.get(&app.get()).ok_or_else(ApiError::unknown_user)?;
            let bot = a.bot_user;
            let c = st.world.channels.get(&channel.get()).ok_or_else(ApiError::unknown_channel)?;
            let guild = c.guild_id;
            let channel_json = c.json(&st.world);
            let id = st.world.ids.next();
            let token = format!("aW50ZXJhY3Rpb24{}", make_token(id, 42));
            let user_json = st.world.users.get(&user.get()).map(|u| u.json()).ok_or_else(ApiError::unknown_user)?;
            let mut d = json!({
                "id": id.to_string(),
                "application_id": app.to_string(),
                "type": kind,
                "data": data,
                "channel": channel_json,
                "channel_id": channel.to_string(),
                "token": token,
                "version": 1,
                "locale": "en-US",
                "entitlements": [],
                "authorizing_integration_owners": {"0": guild.map_or(user.to_string(), |g| g.to_string())},
                "context": if guild.is_some() { 0 } else { 1 },
                "attachment_size_limit": 10_485_760,
            });
            if let Some(g) = guild.and_then(|g| st.world.guilds.get(&g)) {
                d["guild_id"] = g.id.to_string().into();
                d["guild"] = json!({"id": g.id.to_string(), "locale": "en-US", "features": []});
                d["guild_locale"] = "en-US".into();
                let mut member = g.members.get(&user.get()).map(|m| st.world.member_json(g, m)).ok_or_else(ApiError::unknown_member)?;
                let perms = st.world.channels.get(&channel.get()).and_then(|c| st.world.channel_permissions(c, user.get())).unwrap_or_default();
                member["permissions"] = perms.bits().to_string().into();
                d["member"] = member;
                let app_perms = st.world.channels.get(&channel.get()).and_then(|c| st.world.channel_permissions(c, bot)).unwrap_or_default();
                d["app_permissions"] = app_perms.bits().to_string().into();
            } else {
                d["user"] = user_json;
                d["app_permissions"] = "0".into();
            }
            if let Some(m) = message {
                d["message"] = st.world.messages.get(&channel.get()).and_then(|ms| ms.get(&m)).map(|m| m.json(None)).ok_or_else(ApiError::unknown_message)?;
            }
            st.world.interactions.insert(
                id,
                InteractionRec { token: token.clone(), application_id: app.get(), channel_id: channel.get(), user: user.get(), created: Instant::now(), response: None, original_message: None, source_message: message },
            );
            st.world.interaction_tokens.insert(token.clone(), id);
            self.emit(st, Dispatch::new("INTERACTION_CREATE", d).guild(guild).only_user(bot));
            Ok(Interaction { id: InteractionId::new(id), token })
        })
    }

    /// A user runs a slash command of `app` in `channel`; the bot gets
    /// INTERACTION_CREATE and must call back within the deadline (3 s).
    pub fn invoke_slash_command(
        &self,
        app: ApplicationId,
        user: UserId,
        channel: ChannelId,
        name: &str,
        options: Value,
    ) -> Result<Interaction, EmulatorError> {
        let command_id = self.with(|st| {
            let global = st
                .world
                .apps
                .get(&app.get())
                .and_then(|a| a.commands.iter().find(|c| c["name"] == name).cloned());
            let guild = st
                .world
                .channels
                .get(&channel.get())
                .and_then(|c| c.guild_id)
                .and_then(|g| st.world.guilds.get(&g))
                .and_then(|g| g.commands.get(&app.get()))
                .and_then(|cs| cs.iter().find(|c| c["name"] == name).cloned());
            guild
                .or(global)
                .and_then(|c| c["id"].as_str().map(str::to_owned))
        });
        let command_id = command_id.unwrap_or_else(|| "1".into());
        let data = json!({"id": command_id, "name": name, "type": 1, "options": options});
        self.interaction(app, user, channel, 2, data, None)
    }

    /// A user clicks a button (`component_type` 2) with `custom_id` on a message.
    pub fn click_component(
        &self,
        app: ApplicationId,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
        custom_id: &str,
    ) -> Result<Interaction, EmulatorError> {
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.interaction(app, user, channel, 3, data, Some(message.get()))
    }

    /// A user submits a modal the bot opened: a MODAL_SUBMIT interaction (type 5)
    /// whose text inputs are given as `(custom_id, value)` pairs, each in a label
    /// (component type 18) as Discord sends them.
    ///
    /// ```no_run
    /// # fn demo(emu: &kokoro_emulator::Emulator, bot: kokoro_emulator::Bot,
    /// #     alice: kokoro_model::id::UserId, ch: kokoro_model::id::ChannelId)
    /// #     -> Result<(), kokoro_emulator::EmulatorError> {
    /// let submitted = emu.submit_modal(bot.application_id, alice, ch, "about", &[("likes", "tea")])?;
    /// # let _ = submitted; Ok(()) }
    /// ```
    pub fn submit_modal(
        &self,
        app: ApplicationId,
        user: UserId,
        channel: ChannelId,
        custom_id: &str,
        inputs: &[(&str, &str)],
    ) -> Result<Interaction, EmulatorError> {
        let components: Vec<Value> = inputs
            .iter()
            .enumerate()
            .map(|(i, (id, value))| {
                json!({
                    "type": 18,
                    "id": i * 2 + 1,
                    "component": {"type": 4, "id": i * 2 + 2, "custom_id": id, "value": value},
                })
            })
            .collect();
        let data = json!({"custom_id": custom_id, "components": components});
        self.interaction(app, user, channel, 5, data, None)
    }

    /// Whether and how the bot answered an interaction.
    pub fn interaction_status(&self, id: InteractionId) -> Option<InteractionStatus> {
        let deadline = self.shared.config.interaction_deadline;
        self.with(|st| {
            st.world
                .interactions
                .get(&id.get())
                .map(|i| match i.response {
                    Some(k) => InteractionStatus::Responded(k),
                    None if i.created.elapsed() > deadline => InteractionStatus::Failed,
                    None => InteractionStatus::Pending,
                })
        })
    }

    /// The interaction callbacks bots sent, in order: (interaction, callback body).
    pub fn interaction_responses(&self) -> Vec<(InteractionId, Value)> {
        self.with(|st| {
            st.world
                .interaction_responses
                .iter()
                .map(|(i, v)| (InteractionId::new(*i), v.clone()))
                .collect()
        })
    }

    /// The application commands a bot registered (global, or of one guild).
    pub fn commands_of(&self, app: ApplicationId, guild: Option<GuildId>) -> Vec<Value> {
        self.with(|st| match guild {
            None => st
                .world
                .apps
                .get(&app.get())
                .map_or(vec![], |a| a.commands.clone()),
            Some(g) => st
                .world
                .guilds
                .get(&g.get())
                .and_then(|g| g.commands.get(&app.get()).cloned())
                .unwrap_or_default(),
        })
    }

    /// Audit log entries of a guild, oldest first.
    pub fn audit_log(&self, guild: GuildId) -> Vec<Value> {
        self.with(|st| {
            st.world
                .guilds
                .get(&guild.get())
                .map_or(vec![], |g| g.audit_log.clone())
        })
    }

    /// Dispatches an arbitrary event to every session of bots in `guild` (or all sessions).
    pub fn dispatch_raw(&self, name: &'static str, data: Value, guild: Option<GuildId>) {
        self.with(|st| self.emit(st, Dispatch::new(name, data).guild(guild.map(GuildId::get))));
    }

    /// What happened, oldest first (the last 10,000 entries).
    pub fn event_log(&self) -> Vec<LogEntry> {
        self.with(|st| st.world.log.clone())
    }

    /// Counters of connections, dispatches, faults and rate limits.
    pub fn counters(&self) -> CounterSnapshot {
        self.shared.counters.snapshot()
    }

    /// Number of live gateway sessions (connected, or disconnected but resumable).
    pub fn session_count(&self) -> usize {
        self.with(|st| st.sessions.by_id.len())
    }

    /// The `d` of every accepted IDENTIFY (the last 1024), oldest first,
    /// without its token: which shards identified, with what presence,
    /// large_threshold, intents.
    ///
    /// ```ignore
    /// let shards: Vec<_> = emu.identify_payloads().iter().map(|d| d["shard"].clone()).collect();
    /// ```
    pub fn identify_payloads(&self) -> Vec<Value> {
        self.with(|st| st.sessions.identified.clone())
    }

    /// Fault injection.
    pub fn faults(&self) -> Faults<'_> {
        Faults { emu: self }
    }

    /// Stops serving and ends every connection.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Injects faults; each is counted in [`Emulator::counters`] and logged.
#[derive(Debug)]
pub struct Faults<'a> {
    emu: &'a Emulator,
}

impl Faults<'_> {
    fn to_all(&self, what: &str, make: impl Fn() -> Outbound) -> usize {
        self.emu.with(|st| {
            st.world.log("fault", what.to_owned());
            st.conns
                .values()
                .filter(|tx| tx.send(make()).is_ok())
                .count()
        })
    }

    /// Drops every gateway connection without a close frame; sessions stay resumable.
    pub fn drop_connections(&self) -> usize {
        self.to_all("drop connections", || Outbound::Drop)
    }

    /// Sends RECONNECT (op 7) on every connection.
    pub fn send_reconnect(&self) -> usize {
        let n = self.to_all("send RECONNECT", || {
            Outbound::Payload(crate::gateway::op(7, "null"))
        });
        self.emu
            .shared
            .counters
            .reconnects_sent
            .fetch_add(n as u64, Ordering::Relaxed);
        n
    }

    /// Sends INVALID_SESSION (op 9) on every connection; not resumable also ends the sessions.
    pub fn send_invalid_session(&self, resumable: bool) -> usize {
        if !resumable {
            self.emu.with(|st| st.sessions.by_id.clear());
        }
        let d = if resumable { "true" } else { "false" };
        let n = self.to_all("send INVALID_SESSION", || {
            Outbound::Payload(crate::gateway::op(9, d))
        });
        self.emu
            .shared
            .counters
            .invalid_sessions_sent
            .fetch_add(n as u64, Ordering::Relaxed);
        n
    }

    /// Sends op 1 (Heartbeat) asking every client to beat now.
    pub fn request_heartbeat(&self) -> usize {
        self.to_all("request heartbeat", || {
            Outbound::Payload(crate::gateway::op(1, "null"))
        })
    }

    /// Stops (false) or resumes (true) acknowledging heartbeats.
    pub fn ack_heartbeats(&self, ack: bool) {
        self.emu.shared.ack_heartbeats.store(ack, Ordering::Relaxed);
        self.emu
            .with(|st| st.world.log("fault", format!("ack heartbeats: {ack}")));
    }

    /// Closes every connection with this close code.
    pub fn close_connections(&self, code: u16) -> usize {
        self.to_all(&format!("close {code}"), || {
            Outbound::Close(code, "Closed by the emulator".into())
        })
    }

    /// Corrupts the next frame sent on every connection.
    pub fn corrupt_next_frame(&self) -> usize {
        self.to_all("corrupt next frame", || Outbound::CorruptNext)
    }

    /// Adds a REST fault for the next `count` requests whose path (after
    /// `/api/v10`) contains `route` ("" for any) and, if given, whose method matches.
    pub fn rest(&self, fault: RestFault, route: &str, method: Option<&str>, count: u32) {
        self.emu.with(|st| {
            st.rest_faults.pending.push(PendingFault {
                fault,
                route: route.to_owned(),
                method: method.map(str::to_owned),
                remaining: count,
            });
        });
    }

    /// The next `count` REST requests fail with this 5xx status.
    pub fn fail_rest(&self, status: u16, count: u32) {
        self.rest(RestFault::Status(status), "", None, count);
    }

    /// The next `count` REST requests wait `delay` first.
    pub fn delay_rest(&self, delay: Duration, count: u32) {
        self.rest(RestFault::Delay(delay), "", None, count);
    }

    /// The next `count` REST requests get a 429 of this scope.
    pub fn force_rate_limit(&self, scope: RateLimitScope, retry_after: Duration, count: u32) {
        self.rest(RestFault::RateLimited(scope, retry_after), "", None, count);
    }

    /// Removes all pending REST faults.
    pub fn clear_rest(&self) {
        self.emu.with(|st| st.rest_faults.pending.clear());
    }
}
