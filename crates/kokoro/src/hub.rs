//! Several bots in one process, optionally sharing one cache.

use std::{collections::HashMap, fmt, sync::Arc};

use kokoro_cache::{Cache, CacheRead};

use crate::bot::{Bot, BotBuilder, BotError};

/// Why a hub could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HubError {
    /// Two bots have the same name.
    #[error("two bots are named {0:?}; give each a name with BotBuilder::name")]
    DuplicateName(String),
}

/// Configures a [`Hub`].
#[must_use = "call .build() to make the hub"]
#[derive(Default)]
pub struct HubBuilder {
    cache: Option<(Arc<dyn Cache>, Arc<dyn CacheRead>)>,
    bots: Vec<BotBuilder>,
}

impl fmt::Debug for HubBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HubBuilder")
            .field("bots", &self.bots)
            .field("shared_cache", &self.cache.is_some())
            .finish()
    }
}

impl HubBuilder {
    /// One cache for every bot: a user seen by two bots is stored once.
    pub fn shared_cache<C: Cache + CacheRead + 'static>(mut self, cache: Arc<C>) -> Self {
        self.cache = Some((cache.clone(), cache));
        self
    }

    /// Adds a bot (name it with [`BotBuilder::name`]).
    pub fn bot(mut self, bot: BotBuilder) -> Self {
        self.bots.push(bot);
        self
    }

    /// Builds every bot.
    pub fn build(self) -> Result<Hub, HubError> {
        let mut by_name = HashMap::new();
        let mut bots = Vec::new();
        for (index, builder) in self.bots.into_iter().enumerate() {
            if by_name.insert(builder.name.clone(), index).is_some() {
                return Err(HubError::DuplicateName(builder.name));
            }
            let builder = match &self.cache {
                Some((cache, read)) => builder.shared(cache.clone(), read.clone()),
                None => builder,
            };
            let bot = builder.build();
            let _ = bot.inner.index.set(index as u32);
            bots.push(bot);
        }
        let inner = Arc::new(HubInner { bots, by_name });
        for bot in &inner.bots {
            let _ = bot.inner.hub.set(Arc::downgrade(&inner));
        }
        Ok(Hub { inner })
    }
}

pub(crate) struct HubInner {
    bots: Vec<Bot>,
    by_name: HashMap<String, usize>,
}

impl HubInner {
    pub(crate) fn bot(&self, name: &str) -> Option<&Bot> {
        self.by_name.get(name).map(|&index| &self.bots[index])
    }
}

/// Runs several bots, each with its own token, shards and REST client. A
/// listener of one reaches another with [`Context::bot_named`](crate::Context::bot_named).
#[derive(Clone)]
pub struct Hub {
    inner: Arc<HubInner>,
}

impl fmt::Debug for Hub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hub")
            .field("bots", &self.inner.bots)
            .finish()
    }
}

impl Hub {
    /// Starts configuring a hub.
    pub fn builder() -> HubBuilder {
        HubBuilder::default()
    }

    /// A bot by name.
    pub fn bot(&self, name: &str) -> Option<&Bot> {
        self.inner.bot(name)
    }

    /// Every bot, in the order added.
    pub fn bots(&self) -> &[Bot] {
        &self.inner.bots
    }

    /// Starts every bot; returns once all their shards are ready. If one
    /// fails, those started are closed.
    pub async fn start(&self) -> Result<(), BotError> {
        let results = futures::future::join_all(self.inner.bots.iter().map(Bot::start)).await;
        if let Some(error) = results.into_iter().find_map(Result::err) {
            self.close().await;
            return Err(error);
        }
        Ok(())
    }

    /// Starts every bot and runs them until SIGINT/SIGTERM or until all stopped.
    pub async fn run(&self) -> Result<(), BotError> {
        let signal = crate::bot::shutdown_signal();
        self.start().await?;
        let all_stopped = futures::future::join_all(self.inner.bots.iter().map(Bot::stopped));
        tokio::select! {
            () = signal => tracing::info!("shutting down on signal"),
            _ = all_stopped => {}
        }
        self.close().await;
        Ok(())
    }

    /// Closes every bot.
    pub async fn close(&self) {
        futures::future::join_all(self.inner.bots.iter().map(Bot::close)).await;
    }
}
