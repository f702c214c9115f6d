//! Configuring a shard.

use std::{fmt, ops::RangeInclusive, sync::Arc, time::Duration};

use kokoro_model::{
    Intents,
    gateway::{
        ShardId,
        command::{IdentifyProperties, UpdatePresence},
    },
};

use crate::{
    compression::Compression,
    filter::EventFilter,
    queue::{IdentifyQueue, InMemoryQueue},
    session::Session,
};

/// A bot token; never shown by `Debug` or in errors.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(Arc<str>);

impl Token {
    /// A token, with or without the `Bot ` prefix.
    pub fn new(token: impl AsRef<str>) -> Self {
        let t = token.as_ref().trim();
        let t = t.strip_prefix("Bot ").unwrap_or(t);
        Self(t.into())
    }

    /// The token, for the IDENTIFY and RESUME payloads.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Everything a shard needs; build it with [`ShardConfig::builder`].
///
/// ```
/// use kokoro_gateway::{Compression, ShardConfig};
/// use kokoro_model::{Intents, gateway::ShardId};
///
/// let config = ShardConfig::builder("my-token", Intents::GUILDS | Intents::GUILD_MESSAGES)
///     .shard(ShardId::new(0, 2).unwrap())
///     .compression(Compression::ZlibStream)
///     .large_threshold(100)
///     .build();
/// assert!(!format!("{config:?}").contains("my-token"));
/// ```
#[derive(Clone, Debug)]
pub struct ShardConfig {
    pub(crate) token: Token,
    pub(crate) intents: Intents,
    pub(crate) shard: ShardId,
    pub(crate) gateway_url: String,
    pub(crate) compression: Compression,
    pub(crate) large_threshold: Option<u8>,
    pub(crate) presence: Option<UpdatePresence>,
    pub(crate) properties: IdentifyProperties,
    pub(crate) filter: EventFilter,
    pub(crate) decode_events: bool,
    pub(crate) max_payload: usize,
    pub(crate) queue: Arc<dyn IdentifyQueue>,
    pub(crate) session: Option<Session>,
    pub(crate) backoff_base: Duration,
    pub(crate) backoff_cap: Duration,
    pub(crate) invalid_session_wait: RangeInclusive<Duration>,
    pub(crate) connect_timeout: Duration,
    pub(crate) hello_timeout: Duration,
    pub(crate) write_timeout: Duration,
}

impl ShardConfig {
    /// The production gateway.
    pub const DEFAULT_URL: &'static str = "wss://gateway.discord.gg";
    /// The default largest payload (after decompression): 64 MiB.
    pub const DEFAULT_MAX_PAYLOAD: usize = 64 << 20;

    /// Starts a configuration with the token (with or without `Bot `) and intents.
    pub fn builder(token: impl AsRef<str>, intents: Intents) -> ShardConfigBuilder {
        ShardConfigBuilder(Self {
            token: Token::new(token),
            intents,
            shard: ShardId::ONE,
            gateway_url: Self::DEFAULT_URL.to_owned(),
            compression: Compression::default(),
            large_threshold: None,
            presence: None,
            properties: IdentifyProperties::kokoro(),
            filter: EventFilter::all(),
            decode_events: false,
            max_payload: Self::DEFAULT_MAX_PAYLOAD,
            queue: Arc::new(InMemoryQueue::default()),
            session: None,
            backoff_base: Duration::from_millis(500),
            backoff_cap: Duration::from_secs(60),
            invalid_session_wait: Duration::from_secs(1)..=Duration::from_secs(5),
            connect_timeout: Duration::from_secs(15),
            hello_timeout: Duration::from_secs(20),
            write_timeout: Duration::from_secs(10),
        })
    }

    /// The shard's intents.
    pub fn intents(&self) -> Intents {
        self.intents
    }

    /// The shard's id.
    pub fn shard(&self) -> ShardId {
        self.shard
    }

    /// The gateway URL new sessions connect to.
    pub fn gateway_url(&self) -> &str {
        &self.gateway_url
    }
}

/// Builds a [`ShardConfig`].
#[derive(Debug)]
#[must_use]
pub struct ShardConfigBuilder(ShardConfig);

impl ShardConfigBuilder {
    /// This shard's id and the shard count (default `[0, 1]`).
    pub fn shard(mut self, shard: ShardId) -> Self {
        self.0.shard = shard;
        self
    }

    /// The gateway URL (from `GET /gateway/bot`, or an emulator's; `ws://` works for loopback).
    pub fn gateway_url(mut self, url: impl Into<String>) -> Self {
        self.0.gateway_url = url.into();
        self
    }

    /// The transport compression (default zlib-stream).
    pub fn compression(mut self, compression: Compression) -> Self {
        self.0.compression = compression;
        self
    }

    /// Member count (50-250) above which a guild's offline members are not sent.
    pub fn large_threshold(mut self, threshold: u8) -> Self {
        self.0.large_threshold = Some(threshold.clamp(50, 250));
        self
    }

    /// The presence sent with IDENTIFY.
    pub fn presence(mut self, presence: UpdatePresence) -> Self {
        self.0.presence = Some(presence);
        self
    }

    /// The IDENTIFY properties (default: kokoro on this OS).
    pub fn identify_properties(mut self, properties: IdentifyProperties) -> Self {
        self.0.properties = properties;
        self
    }

    /// Which dispatch events the consumer receives; the rest are skipped without decoding.
    pub fn event_types(mut self, filter: impl Into<EventFilter>) -> Self {
        self.0.filter = filter.into();
        self
    }

    /// Yield typed [`ShardEvent::Event`](crate::ShardEvent::Event)s, decoded in
    /// place with kokoro-model's simd-json decoder, instead of raw
    /// [`ShardEvent::Dispatch`](crate::ShardEvent::Dispatch) JSON (the default,
    /// for consumers that forward events).
    pub fn decode_events(mut self, decode: bool) -> Self {
        self.0.decode_events = decode;
        self
    }

    /// The largest payload accepted after decompression (default 64 MiB).
    pub fn max_payload(mut self, bytes: usize) -> Self {
        self.0.max_payload = bytes;
        self
    }

    /// The queue IDENTIFYs wait in (default: an [`InMemoryQueue`] of concurrency 1).
    pub fn identify_queue(mut self, queue: Arc<dyn IdentifyQueue>) -> Self {
        self.0.queue = queue;
        self
    }

    /// Resume this session (from another process) instead of identifying.
    pub fn resume_session(mut self, session: Session) -> Self {
        self.0.session = Some(session);
        self
    }

    /// Reconnect back-off: the first delay and the cap it doubles up to.
    pub fn reconnect_backoff(mut self, base: Duration, cap: Duration) -> Self {
        self.0.backoff_base = base;
        self.0.backoff_cap = cap.max(base);
        self
    }

    /// The random wait before identifying after a non-resumable INVALID_SESSION (1-5 s).
    pub fn invalid_session_wait(mut self, wait: RangeInclusive<Duration>) -> Self {
        self.0.invalid_session_wait = wait;
        self
    }

    /// How long connecting (TCP, TLS, upgrade) may take, and how long HELLO may take after.
    pub fn timeouts(mut self, connect: Duration, hello: Duration) -> Self {
        self.0.connect_timeout = connect;
        self.0.hello_timeout = hello;
        self
    }

    /// The configuration.
    pub fn build(self) -> ShardConfig {
        self.0
    }
}
