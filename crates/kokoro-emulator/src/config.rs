//! Everything about the emulator that a test may want to change.

use std::{collections::HashMap, time::Duration};

/// A request budget: `limit` requests per `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Requests allowed per window.
    pub limit: u32,
    /// The length of the window.
    pub window: Duration,
}

impl Limit {
    /// `limit` requests per `window`.
    pub const fn new(limit: u32, window: Duration) -> Self {
        Self { limit, window }
    }
}

/// The emulator's configuration; build it with [`crate::Emulator::builder`].
#[derive(Clone, Debug)]
pub struct Config {
    /// The port to bind on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Milliseconds between heartbeats sent in HELLO.
    pub heartbeat_interval: Duration,
    /// How long past the heartbeat interval a connection may stay silent before 4009.
    pub heartbeat_grace: Duration,
    /// Total and remaining identifies in the session start limit.
    pub session_start_total: u32,
    /// How long until the session start limit resets.
    pub session_start_reset_after: Duration,
    /// `max_concurrency` of the session start limit.
    pub max_concurrency: u32,
    /// The window in which one IDENTIFY per rate-limit key is allowed (Discord: 5 s).
    pub identify_window: Duration,
    /// Shards recommended by `GET /gateway/bot`.
    pub recommended_shards: u32,
    /// Most guilds one shard may hold before IDENTIFY is closed with 4011 (None: no limit).
    pub max_guilds_per_shard: Option<usize>,
    /// Whether privileged intents are enabled for new applications.
    pub privileged_intents: kokoro_model::Intents,
    /// The large threshold used when IDENTIFY has none (Discord: 50).
    pub default_large_threshold: u32,
    /// Gateway commands allowed per window before close 4008 (Discord: 120 per 60 s).
    pub gateway_command_limit: Limit,
    /// Largest gateway payload accepted before close 4002 (Discord: 4096 bytes).
    pub max_gateway_payload: usize,
    /// Dispatches kept per session for RESUME.
    pub replay_buffer: usize,
    /// How long a disconnected session stays resumable.
    pub resume_window: Duration,
    /// How often all members of one guild may be requested (Discord: once per 30 s).
    pub request_all_members_window: Duration,
    /// Members per GUILD_MEMBERS_CHUNK (Discord: 1000).
    pub members_chunk_size: usize,
    /// Per-route limit of routes without an override.
    pub default_route_limit: Limit,
    /// Per-route limits by bucket group (`"messages"`, `"reactions"`, `"channel"`, …).
    pub route_limits: HashMap<String, Limit>,
    /// The global limit per bot (Discord: 50 per second).
    pub global_limit: Limit,
    /// Invalid requests (401, 403, 429 but not shared) allowed per window before a ban.
    pub invalid_request_limit: Limit,
    /// How long a ban for too many invalid requests lasts.
    pub invalid_request_ban: Duration,
    /// Time a bot has to answer an interaction (Discord: 3 s).
    pub interaction_deadline: Duration,
    /// How long an interaction token is valid (Discord: 15 min).
    pub interaction_token_lifetime: Duration,
    /// Largest REST request body accepted.
    pub max_body: usize,
    /// Messages kept per channel (oldest dropped).
    pub max_messages_per_channel: usize,
}

impl Default for Config {
    fn default() -> Self {
        let mut route_limits = HashMap::new();
        route_limits.insert("messages".to_owned(), Limit::new(5, Duration::from_secs(5)));
        route_limits.insert(
            "reactions".to_owned(),
            Limit::new(1, Duration::from_millis(250)),
        );
        Self {
            port: 0,
            heartbeat_interval: Duration::from_millis(41_250),
            heartbeat_grace: Duration::from_secs(5),
            session_start_total: 1000,
            session_start_reset_after: Duration::from_secs(86_400),
            max_concurrency: 1,
            identify_window: Duration::from_secs(5),
            recommended_shards: 1,
            max_guilds_per_shard: None,
            privileged_intents: kokoro_model::Intents::PRIVILEGED,
            default_large_threshold: 50,
            gateway_command_limit: Limit::new(120, Duration::from_secs(60)),
            max_gateway_payload: 4096,
            replay_buffer: 1000,
            resume_window: Duration::from_secs(120),
            request_all_members_window: Duration::from_secs(30),
            members_chunk_size: 1000,
            default_route_limit: Limit::new(50, Duration::from_secs(1)),
            route_limits,
            global_limit: Limit::new(50, Duration::from_secs(1)),
            invalid_request_limit: Limit::new(10_000, Duration::from_secs(600)),
            invalid_request_ban: Duration::from_secs(3600),
            interaction_deadline: Duration::from_secs(3),
            interaction_token_lifetime: Duration::from_secs(15 * 60),
            max_body: 8 * 1024 * 1024,
            max_messages_per_channel: 10_000,
        }
    }
}

impl Config {
    /// A configuration without rate limits in the way: for benchmarks and
    /// tests about something else.
    pub fn unlimited() -> Self {
        let big = Limit::new(u32::MAX, Duration::from_secs(1));
        let mut c = Self {
            default_route_limit: big,
            global_limit: big,
            identify_window: Duration::from_millis(1),
            ..Self::default()
        };
        c.route_limits.clear();
        c
    }

    /// The per-route limit of a bucket group.
    pub(crate) fn route_limit(&self, group: &str) -> Limit {
        self.route_limits
            .get(group)
            .copied()
            .unwrap_or(self.default_route_limit)
    }
}
