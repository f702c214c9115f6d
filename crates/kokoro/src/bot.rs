//! A bot: its shards, REST client, cache and dispatcher, wired together.

use std::{
    collections::HashMap,
    fmt,
    sync::{Arc, Mutex, OnceLock, RwLock, Weak},
    time::Duration,
};

use futures::StreamExt;
use kokoro_cache::{Cache, CacheRead, InMemoryCache, Origin};
use kokoro_gateway::{
    CloseKind, EventFilter, IdentifyQueue, InMemoryQueue, Shard, ShardConfig, ShardEvent,
    ShardSender,
};
use kokoro_model::{
    Intents,
    gateway::{
        Decoder, GatewayEvent, ShardId,
        command::{RequestGuildMembers, UpdatePresence},
        event::{Event, EventType, GuildCreate},
    },
    user::User,
};
use tokio::{sync::watch, task::JoinHandle};

use crate::{
    dispatch::{Dispatcher, FromEvent, Listener, ListenerHandle, RegisterError},
    hub::HubInner,
};

/// Why a bot could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BotError {
    /// A REST request the bot needs failed (`GET /gateway/bot`).
    #[error("REST request failed: {0}")]
    Http(#[from] kokoro_http::Error),
    /// A shard id is outside the shard count.
    #[error("shard {number} does not exist among {total} shards")]
    InvalidShard {
        /// The shard number.
        number: u32,
        /// The shard count.
        total: u32,
    },
    /// A shard stopped for good before it was ready (wrong token, intents not allowed, …).
    #[error("shard {shard} stopped: {reason}")]
    ShardFailed {
        /// The shard.
        shard: ShardId,
        /// Why.
        reason: String,
    },
    /// `start` was called on a running bot.
    #[error("the bot is already running")]
    AlreadyRunning,
}

/// Which cache a bot keeps.
#[derive(Clone)]
enum CacheChoice {
    InMemory(kokoro_cache::Config),
    None,
    Shared(Arc<dyn Cache>, Option<Arc<dyn CacheRead>>),
}

/// Settings of a bot; see [`Bot::builder`].
#[must_use = "call .build() to make the bot"]
pub struct BotBuilder {
    pub(crate) name: String,
    token: String,
    intents: Intents,
    cache: CacheChoice,
    http: kokoro_http::ClientBuilder,
    gateway_url: Option<String>,
    shard_total: Option<u32>,
    shard_ids: Option<Vec<u32>>,
    presence: Option<UpdatePresence>,
    large_threshold: Option<u8>,
    auto_chunk_members: bool,
    logging: Option<tracing::Level>,
    identify_queue: Option<Arc<dyn IdentifyQueue>>,
    dispatcher: Dispatcher,
}

impl fmt::Debug for BotBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BotBuilder")
            .field("name", &self.name)
            .field("intents", &self.intents)
            .field("shard_total", &self.shard_total)
            .field("shard_ids", &self.shard_ids)
            .finish_non_exhaustive()
    }
}

impl BotBuilder {
    fn new(token: String) -> Self {
        let token = token.trim().trim_start_matches("Bot ").to_owned();
        Self {
            name: "bot".to_owned(),
            http: kokoro_http::Client::builder().token(&token),
            token,
            intents: Intents::GUILDS | Intents::GUILD_MESSAGES | Intents::DIRECT_MESSAGES,
            cache: CacheChoice::InMemory(kokoro_cache::Config::default()),
            gateway_url: None,
            shard_total: None,
            shard_ids: None,
            presence: None,
            large_threshold: None,
            auto_chunk_members: false,
            logging: None,
            identify_queue: None,
            dispatcher: Dispatcher::new(),
        }
    }

    /// The name a [`Hub`](crate::Hub) and the logs know the bot by (`"bot"`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The gateway intents (default `GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES`).
    /// Listeners whose events these do not deliver are warned about.
    pub fn intents(mut self, intents: Intents) -> Self {
        self.intents = intents;
        self
    }

    /// Keeps an [`InMemoryCache`] configured so (the default keeps everything).
    pub fn cache_config(mut self, config: kokoro_cache::Config) -> Self {
        self.cache = CacheChoice::InMemory(config);
        self
    }

    /// Keeps no cache.
    pub fn no_cache(mut self) -> Self {
        self.cache = CacheChoice::None;
        self
    }

    /// Uses `cache`, which other bots may share (one record per user across them).
    pub fn cache<C: Cache + CacheRead + 'static>(mut self, cache: Arc<C>) -> Self {
        self.cache = CacheChoice::Shared(cache.clone(), Some(cache));
        self
    }

    /// Uses a cache that is only written to (it cannot be read through [`Context::cache`](crate::Context::cache)).
    pub fn cache_write_only(mut self, cache: Arc<dyn Cache>) -> Self {
        self.cache = CacheChoice::Shared(cache, None);
        self
    }

    /// The longest rate-limit wait a REST request accepts before failing.
    pub fn max_rate_limit(mut self, max: Duration) -> Self {
        self.http = self.http.max_rate_limit(max);
        self
    }

    /// How often a failed REST request (5xx, connection) is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.http = self.http.max_retries(retries);
        self
    }

    /// Sends REST requests through an HTTP proxy.
    pub fn proxy(mut self, proxy: ::http::Uri) -> Self {
        self.http = self.http.http_proxy(proxy);
        self
    }

    /// The REST API base URL (`https://discord.com/api/v10`).
    pub fn rest_url(mut self, url: impl Into<String>) -> Self {
        self.http = self.http.base_url(url);
        self
    }

    /// Other REST client settings.
    pub fn http(
        mut self,
        configure: impl FnOnce(kokoro_http::ClientBuilder) -> kokoro_http::ClientBuilder,
    ) -> Self {
        self.http = configure(self.http);
        self
    }

    /// Connects to this gateway URL instead of the one `GET /gateway/bot` names.
    pub fn gateway_url(mut self, url: impl Into<String>) -> Self {
        self.gateway_url = Some(url.into());
        self
    }

    /// The total shard count (default: what Discord recommends).
    pub fn shard_count(mut self, total: u32) -> Self {
        self.shard_total = Some(total);
        self
    }

    /// Runs only these shards of the total (default: all), e.g. 0..8 of 16.
    pub fn shard_ids(mut self, ids: impl IntoIterator<Item = u32>) -> Self {
        self.shard_ids = Some(ids.into_iter().collect());
        self
    }

    /// The queue ordering IDENTIFYs (default: one in memory, set from
    /// `GET /gateway/bot`); share one between processes running parts of the shards.
    pub fn identify_queue(mut self, queue: Arc<dyn IdentifyQueue>) -> Self {
        self.identify_queue = Some(queue);
        self
    }

    /// The presence to identify with.
    pub fn presence(mut self, presence: UpdatePresence) -> Self {
        self.presence = Some(presence);
        self
    }

    /// Members above which a guild is large (50–250) and sends no offline members.
    pub fn large_threshold(mut self, threshold: u8) -> Self {
        self.large_threshold = Some(threshold);
        self
    }

    /// Requests every member of each guild as it becomes available (needs `GUILD_MEMBERS`).
    pub fn auto_chunk_members(mut self, enabled: bool) -> Self {
        self.auto_chunk_members = enabled;
        self
    }

    /// Installs a tracing subscriber printing at `level` when the bot starts
    /// (skipped if one is installed). Without this, tracing is left to you.
    #[cfg(feature = "logging")]
    pub fn logging(mut self, level: tracing::Level) -> Self {
        self.logging = Some(level);
        self
    }

    pub(crate) fn shared(mut self, cache: Arc<dyn Cache>, read: Arc<dyn CacheRead>) -> Self {
        self.cache = CacheChoice::Shared(cache, Some(read));
        self
    }

    /// Registers a state for `State<T>` arguments. Register states before
    /// the listeners that take them.
    pub fn state<T: Send + Sync + 'static>(self, value: T) -> Self {
        self.dispatcher.state(value);
        self
    }

    /// Registers a listener; see [`Bot::on`].
    pub fn on<E: FromEvent, Args, L: Listener<E, Args>>(
        self,
        listener: L,
    ) -> Result<Self, RegisterError> {
        self.dispatcher.on(listener)?;
        Ok(self)
    }

    /// Makes the bot; nothing connects until [`Bot::start`] or [`Bot::run`].
    pub fn build(self) -> Bot {
        let (cache, cache_read): (Arc<dyn Cache>, Option<Arc<dyn CacheRead>>) = match self.cache {
            CacheChoice::InMemory(config) => {
                let cache = Arc::new(InMemoryCache::with_config(config));
                (cache.clone(), Some(cache))
            }
            CacheChoice::None => (Arc::new(()), None),
            CacheChoice::Shared(cache, read) => (cache, read),
        };
        self.dispatcher
            .also_want(cache.wants() | EventType::Ready.flag());
        let (status, _) = watch::channel(Status::default());
        let inner = Arc::new(BotInner {
            name: self.name,
            token: self.token,
            intents: self.intents,
            http: Arc::new(self.http.build()),
            cache,
            cache_read,
            gateway_url: self.gateway_url,
            shard_total: self.shard_total,
            shard_ids: self.shard_ids,
            presence: self.presence,
            large_threshold: self.large_threshold,
            auto_chunk_members: self.auto_chunk_members,
            logging: self.logging,
            identify_queue: self.identify_queue,
            dispatcher: self.dispatcher,
            index: OnceLock::new(),
            hub: OnceLock::new(),
            user: RwLock::new(None),
            senders: RwLock::new(HashMap::new()),
            tasks: Mutex::new(Vec::new()),
            status,
        });
        inner.dispatcher.attach(Arc::downgrade(&inner));
        Bot { inner }
    }
}

#[derive(Clone, Debug, Default)]
struct Status {
    running: bool,
    shards: usize,
    ready: usize,
    stopped: usize,
    failure: Option<(ShardId, String)>,
}

pub(crate) struct BotInner {
    pub(crate) name: String,
    token: String,
    intents: Intents,
    http: Arc<kokoro_http::Client>,
    cache: Arc<dyn Cache>,
    cache_read: Option<Arc<dyn CacheRead>>,
    gateway_url: Option<String>,
    shard_total: Option<u32>,
    shard_ids: Option<Vec<u32>>,
    presence: Option<UpdatePresence>,
    large_threshold: Option<u8>,
    auto_chunk_members: bool,
    logging: Option<tracing::Level>,
    identify_queue: Option<Arc<dyn IdentifyQueue>>,
    pub(crate) dispatcher: Dispatcher,
    /// The bot's index among those sharing its cache.
    pub(crate) index: OnceLock<u32>,
    pub(crate) hub: OnceLock<Weak<HubInner>>,
    user: RwLock<Option<User>>,
    senders: RwLock<HashMap<u32, ShardSender>>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    status: watch::Sender<Status>,
}

/// A Discord bot: shards, REST client, cache and listeners. Cheap to clone.
///
/// ```no_run
/// use kokoro::{Bot, Context, event::MessageCreate};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let bot = Bot::builder(std::env::var("DISCORD_TOKEN")?).build();
/// bot.on(|message: MessageCreate, ctx: Context| async move {
///     if message.content == "ping" {
///         ctx.http().create_message(message.channel_id).content("pong").await?;
///     }
///     Ok::<_, kokoro::BoxError>(())
/// })?;
/// bot.run().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Bot {
    pub(crate) inner: Arc<BotInner>,
}

impl fmt::Debug for Bot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bot")
            .field("name", &self.inner.name)
            .finish_non_exhaustive()
    }
}

impl Bot {
    /// Starts configuring a bot with its token.
    pub fn builder(token: impl Into<String>) -> BotBuilder {
        BotBuilder::new(token.into())
    }

    /// The bot's name (see [`BotBuilder::name`]).
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The REST client.
    pub fn http(&self) -> &Arc<kokoro_http::Client> {
        &self.inner.http
    }

    /// The cache, when it can be read.
    pub fn cache(&self) -> Option<&Arc<dyn CacheRead>> {
        self.inner.cache_read.as_ref()
    }

    /// The bot's user, once a shard is ready.
    pub fn current_user(&self) -> Option<User> {
        self.inner
            .user
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The dispatcher, for streams and waiters.
    pub fn dispatcher(&self) -> &Dispatcher {
        &self.inner.dispatcher
    }

    /// The sender of a running shard, to send it commands.
    pub fn shard(&self, number: u32) -> Option<ShardSender> {
        self.inner
            .senders
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&number)
            .cloned()
    }

    /// Registers a listener for the events of its first argument's type; see
    /// [`Dispatcher::on`].
    pub fn on<E: FromEvent, Args, L: Listener<E, Args>>(
        &self,
        listener: L,
    ) -> Result<ListenerHandle, RegisterError> {
        self.inner.dispatcher.on(listener)
    }

    /// Registers a state for `State<T>` arguments.
    pub fn state<T: Send + Sync + 'static>(&self, value: T) -> &Self {
        self.inner.dispatcher.state(value);
        self
    }

    /// The events of type `E` from now on; see [`EventStream`](crate::EventStream).
    pub fn stream<E: FromEvent>(&self) -> crate::EventStream<E> {
        self.inner.dispatcher.stream()
    }

    /// The next event of type `E` that `predicate` accepts, within `timeout`;
    /// registered by this call (see [`Dispatcher::wait_for`]).
    pub fn wait_for<E: FromEvent>(
        &self,
        timeout: Duration,
        predicate: impl Fn(&E) -> bool + Send + Sync + 'static,
    ) -> crate::WaitFor<E> {
        self.inner.dispatcher.wait_for(timeout, predicate)
    }

    /// Sends a custom event to its listeners.
    pub fn dispatch<T: crate::CustomEvent>(&self, event: T) {
        self.inner.dispatcher.dispatch_custom(event);
    }

    /// Runs one dispatch through the path every dispatch of a shard takes:
    /// the wanted-events filter, decoding with `decoder` (one per shard),
    /// the cache, then the listeners, streams and waiters (listeners are
    /// spawned on the current tokio runtime). For benchmarks and tests that
    /// feed recorded sessions; not part of the stable API.
    #[doc(hidden)]
    pub fn ingest_dispatch(
        &self,
        shard: ShardId,
        dispatch: kokoro_gateway::Dispatch,
        decoder: &mut Decoder,
    ) {
        self.inner.ingest(shard, dispatch, decoder);
    }

    /// Connects every shard and returns once each is ready (has received
    /// READY). Everything runs on spawned tasks: the caller stays free.
    pub async fn start(&self) -> Result<(), BotError> {
        let inner = &self.inner;
        if inner.status.borrow().running {
            return Err(BotError::AlreadyRunning);
        }
        #[cfg(feature = "logging")]
        if let Some(level) = inner.logging {
            let _ = tracing_subscriber::fmt().with_max_level(level).try_init();
        }
        inner.dispatcher.check_intents(inner.intents);

        let info = inner.http.gateway_bot().await;
        let (total, url, queue): (u32, String, Arc<dyn IdentifyQueue>) = match (
            info,
            inner.shard_total,
            &inner.gateway_url,
        ) {
            (Ok(info), total, url) => (
                total.unwrap_or(info.shards.max(1)),
                url.clone().unwrap_or(info.url),
                inner.identify_queue.clone().unwrap_or_else(|| {
                    Arc::new(InMemoryQueue::from_limit(info.session_start_limit))
                }),
            ),
            // Everything GET /gateway/bot tells is overridden: go on without it.
            (Err(error), Some(total), Some(url)) => {
                tracing::warn!(bot = %inner.name, %error, "GET /gateway/bot failed; identifying one shard per 5 s");
                let queue = inner.identify_queue.clone();
                (
                    total,
                    url.clone(),
                    queue.unwrap_or_else(|| Arc::new(InMemoryQueue::new(1))),
                )
            }
            (Err(error), _, _) => return Err(error.into()),
        };
        let numbers = inner
            .shard_ids
            .clone()
            .unwrap_or_else(|| (0..total).collect());
        let mut shards = Vec::with_capacity(numbers.len());
        for number in numbers {
            let id = ShardId::new(number, total).ok_or(BotError::InvalidShard { number, total })?;
            let mut config = ShardConfig::builder(&inner.token, inner.intents)
                .shard(id)
                .gateway_url(url.clone())
                .identify_queue(queue.clone())
                // What the dispatcher wants right now: the shard drops the rest
                // before copying them out of its buffer. `ingest` checks again
                // for dispatches read while the set changed.
                .event_types(EventFilter::live(inner.dispatcher.live_wanted()));
            if let Some(presence) = &inner.presence {
                config = config.presence(presence.clone());
            }
            if let Some(threshold) = inner.large_threshold {
                config = config.large_threshold(threshold);
            }
            shards.push(Shard::new(config.build()));
        }

        inner.status.send_replace(Status {
            running: true,
            shards: shards.len(),
            ..Status::default()
        });
        {
            let mut senders = inner.senders.write().unwrap_or_else(|e| e.into_inner());
            let mut tasks = inner.tasks.lock().unwrap_or_else(|e| e.into_inner());
            for shard in shards {
                senders.insert(shard.id().number(), shard.sender());
                tasks.push(tokio::spawn(run_shard(Arc::clone(inner), shard)));
            }
        }
        tracing::info!(bot = %inner.name, shards = inner.senders.read().unwrap_or_else(|e| e.into_inner()).len(), total, "starting");

        let mut status = inner.status.subscribe();
        let outcome = status
            .wait_for(|status| {
                status.ready + status.stopped >= status.shards || status.failure.is_some()
            })
            .await
            .map(|status| status.clone());
        match outcome {
            Ok(Status {
                failure: Some((shard, reason)),
                ..
            }) => {
                self.close().await;
                Err(BotError::ShardFailed { shard, reason })
            }
            _ => Ok(()),
        }
    }

    /// Starts the bot and runs it until SIGINT (Ctrl-C), SIGTERM, [`close`](Self::close)
    /// or the end of every shard; then closes it.
    pub async fn run(&self) -> Result<(), BotError> {
        let signal = shutdown_signal();
        self.start().await?;
        tokio::select! {
            () = signal => tracing::info!(bot = %self.inner.name, "shutting down on signal"),
            () = self.stopped() => {}
        }
        self.close().await;
        Ok(())
    }

    /// Resolves when every shard has stopped.
    pub async fn stopped(&self) {
        let mut status = self.inner.status.subscribe();
        let _ = status
            .wait_for(|status| !status.running || status.stopped >= status.shards)
            .await;
    }

    /// Closes every shard (Discord ends the sessions) and waits, at most ten
    /// seconds, for them to stop. Listeners already running finish on their own.
    pub async fn close(&self) {
        let senders: Vec<ShardSender> = self
            .inner
            .senders
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .map(|(_, s)| s)
            .collect();
        for sender in senders {
            let _ = sender.close(CloseKind::End);
        }
        let tasks: Vec<_> = self
            .inner
            .tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain(..)
            .collect();
        for mut task in tasks {
            if tokio::time::timeout(Duration::from_secs(10), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
        self.inner
            .status
            .send_modify(|status| status.running = false);
    }
}

async fn run_shard(bot: Arc<BotInner>, mut shard: Shard) {
    let id = shard.id();
    let mut decoder = Decoder::new();
    let mut ready_once = false;
    while let Some(item) = shard.next().await {
        match item {
            Ok(ShardEvent::Dispatch(dispatch)) => {
                let ready = dispatch.event_type() == "READY";
                bot.ingest(id, dispatch, &mut decoder);
                // Ready once READY went through the cache and set the current user.
                if ready && !ready_once {
                    ready_once = true;
                    bot.status.send_modify(|status| status.ready += 1);
                }
            }
            Ok(ShardEvent::Connected { resumed }) => {
                tracing::debug!(bot = %bot.name, shard = %id, resumed, "connected");
            }
            Ok(ShardEvent::Disconnected { reason, resume }) => {
                tracing::info!(bot = %bot.name, shard = %id, ?reason, resume, "disconnected; reconnecting");
            }
            Ok(ShardEvent::Shutdown { .. }) => break,
            Ok(other) => tracing::debug!(bot = %bot.name, shard = %id, ?other, "shard event"),
            Err(error) => {
                tracing::error!(bot = %bot.name, shard = %id, %error, "shard stopped");
                if error.is_fatal() {
                    let reason = error.to_string();
                    bot.status.send_modify(|status| {
                        status.failure.get_or_insert((id, reason));
                    });
                }
            }
        }
    }
    bot.senders
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&id.number());
    bot.status.send_modify(|status| status.stopped += 1);
}

impl BotInner {
    /// Decodes a dispatch something wants, applies it to the cache and hands
    /// it to the dispatcher.
    fn ingest(
        self: &Arc<Self>,
        shard: ShardId,
        dispatch: kokoro_gateway::Dispatch,
        decoder: &mut Decoder,
    ) {
        if !self.dispatcher.wants_kind(dispatch.kind()) {
            return;
        }
        let mut json = decoder_buffer(dispatch);
        let event = match decoder.decode(&mut json) {
            Ok(GatewayEvent::Dispatch { event, .. }) => event,
            Ok(_) => return,
            Err(error) => {
                tracing::warn!(bot = %self.name, %shard, %error, "could not decode an event; skipped");
                return;
            }
        };
        match &event {
            Event::Ready(ready) => {
                *self.user.write().unwrap_or_else(|e| e.into_inner()) = Some(ready.user.clone());
            }
            Event::UserUpdate(user) => {
                *self.user.write().unwrap_or_else(|e| e.into_inner()) = Some(user.0.clone());
            }
            Event::GuildCreate(guild) if self.auto_chunk_members => {
                if let GuildCreate::Available(guild) = &**guild {
                    self.chunk(shard, guild.id);
                }
            }
            _ => {}
        }
        let origin = Origin::new(self.index.get().copied().unwrap_or(0), shard.number());
        self.cache.update(origin, &event);
        self.dispatcher.dispatch(event, Some(shard));
    }

    fn chunk(self: &Arc<Self>, shard: ShardId, guild: kokoro_model::id::GuildId) {
        let Some(sender) = self
            .senders
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&shard.number())
            .cloned()
        else {
            return;
        };
        let request = match RequestGuildMembers::query(guild, "", 0) {
            Ok(request) => request,
            Err(error) => return tracing::warn!(%error, "cannot request members"),
        };
        match sender.request_guild_members(request) {
            Ok(mut chunks) => {
                let bot = Arc::clone(self);
                tokio::spawn(async move {
                    let mut decoder = Decoder::new();
                    while let Some(chunk) = chunks.next().await {
                        bot.ingest(shard, chunk.dispatch, &mut decoder);
                    }
                });
            }
            Err(error) => {
                tracing::warn!(bot = %self.name, %guild, %error, "cannot request members")
            }
        }
    }

    pub(crate) fn handle(self: &Arc<Self>) -> Bot {
        Bot {
            inner: Arc::clone(self),
        }
    }

    pub(crate) fn http(&self) -> &Arc<kokoro_http::Client> {
        &self.http
    }

    pub(crate) fn cache_read(&self) -> Option<&Arc<dyn CacheRead>> {
        self.cache_read.as_ref()
    }

    pub(crate) fn sender(&self, number: u32) -> Option<ShardSender> {
        self.senders
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&number)
            .cloned()
    }

    pub(crate) fn current_user(&self) -> Option<User> {
        self.user.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The buffer simd-json decodes in place: the dispatch's bytes. The shard's
/// `Bytes` owns its allocation alone, so this takes it over rather than
/// copying it (a test below holds that).
fn decoder_buffer(dispatch: kokoro_gateway::Dispatch) -> Vec<u8> {
    Vec::from(dispatch.into_json())
}

/// Resolves on SIGINT (Ctrl-C) or, on Unix, SIGTERM. The handlers are
/// installed when this is called, not when first polled.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt()).ok();
        let terminate = signal(SignalKind::terminate()).ok();
        async move {
            let wait = |signal: Option<tokio::signal::unix::Signal>| async move {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {}
                () = wait(terminate) => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use kokoro_model::gateway::PayloadHeader;

    #[test]
    fn the_decoder_buffer_is_the_dispatch_allocation() {
        let mut frame =
            br#"{"t":"MESSAGE_DELETE","s":3,"op":0,"d":{"id":"1","channel_id":"2"}}"#.to_vec();
        let header = PayloadHeader::peek(&frame).unwrap();
        let dispatch = kokoro_gateway::Dispatch::from_payload(3, header, &mut frame);
        let at = dispatch.json().as_ptr();
        let buffer = super::decoder_buffer(dispatch);
        assert_eq!(buffer.as_ptr(), at, "taken over, not copied");
        assert_eq!(buffer, frame);
    }
}
