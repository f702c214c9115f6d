//! Running several shards of one bot as one stream.

use std::{
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
};

use futures::Stream;
use kokoro_model::{gateway::ShardId, gateway_info::GatewayBotInfo};

use crate::{
    config::ShardConfig,
    error::{ReceiveError, SendError},
    event::ShardEvent,
    queue::InMemoryQueue,
    shard::{CloseKind, Shard, ShardSender},
};

/// A shard id outside the shard count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("shard {number} does not exist among {total} shards")]
pub struct InvalidShardId {
    /// The shard number asked for.
    pub number: u32,
    /// The shard count.
    pub total: u32,
}

/// Any subset of a bot's shards, polled as one stream of events tagged by shard.
///
/// The shards share the template's [`IdentifyQueue`](crate::IdentifyQueue), so
/// their IDENTIFYs follow `max_concurrency`. Several processes can each run
/// part of the shards (for example 0-7 and 8-15 of 16) with a queue they share.
/// No task is spawned: the group polls its shards in turn.
///
/// ```no_run
/// use futures::StreamExt;
/// use kokoro_gateway::{GatewayBotInfo, ShardConfig, ShardGroup};
/// use kokoro_model::Intents;
///
/// # async fn run(bot: GatewayBotInfo) {
/// // `bot` is the answer of GET /gateway/bot, fetched with any HTTP client.
/// let template = ShardConfig::builder("token", Intents::GUILDS).build();
/// let mut group = ShardGroup::recommended(template, &bot, None);
/// while let Some((shard, item)) = group.next().await {
///     println!("{shard}: {item:?}");
/// }
/// # }
/// ```
#[derive(Debug)]
pub struct ShardGroup {
    shards: Vec<Shard>,
    next: usize,
}

impl ShardGroup {
    /// Shards `numbers` of `total`, each configured like `template` (its shard id is replaced).
    pub fn new(
        template: ShardConfig,
        total: u32,
        numbers: impl IntoIterator<Item = u32>,
    ) -> Result<Self, InvalidShardId> {
        let mut shards = Vec::new();
        for number in numbers {
            let id = ShardId::new(number, total).ok_or(InvalidShardId { number, total })?;
            let mut config = template.clone();
            config.shard = id;
            shards.push(Shard::new(config));
        }
        Ok(Self { shards, next: 0 })
    }

    /// The shards `GET /gateway/bot` recommends (all, or the numbers given), on its URL,
    /// with an [`InMemoryQueue`] set from its session start limit.
    pub fn recommended(
        template: ShardConfig,
        bot: &GatewayBotInfo,
        numbers: Option<Vec<u32>>,
    ) -> Self {
        let total = bot.shards.max(1);
        let mut template = template;
        template.gateway_url = bot.url.clone();
        template.queue = Arc::new(InMemoryQueue::from_limit(bot.session_start_limit));
        let numbers = numbers.unwrap_or_else(|| (0..total).collect());
        let shards = numbers
            .into_iter()
            .filter_map(|n| ShardId::new(n, total))
            .map(|id| {
                let mut config = template.clone();
                config.shard = id;
                Shard::new(config)
            })
            .collect();
        Self { shards, next: 0 }
    }

    /// Asks `GET /gateway/bot` through `client` and builds the group it recommends:
    /// Discord's shard count (all of them, or the numbers given), on its URL, with an
    /// [`InMemoryQueue`] set from its session start limit.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), kokoro_http::Error> {
    /// use kokoro_gateway::{ShardConfig, ShardGroup};
    /// use kokoro_model::Intents;
    ///
    /// let token = std::env::var("DISCORD_TOKEN").unwrap_or_default();
    /// let client = kokoro_http::Client::new(&token);
    /// let template = ShardConfig::builder(&token, Intents::GUILDS).build();
    /// let group = ShardGroup::from_http(&client, template, None).await?;
    /// # drop(group); Ok(()) }
    /// ```
    #[cfg(feature = "http")]
    pub async fn from_http(
        client: &kokoro_http::Client,
        template: ShardConfig,
        numbers: Option<Vec<u32>>,
    ) -> Result<Self, kokoro_http::Error> {
        let bot = client.gateway_bot().await?;
        Ok(Self::recommended(template, &bot, numbers))
    }

    /// The shards still running.
    pub fn shards(&self) -> impl Iterator<Item = &Shard> {
        self.shards.iter()
    }

    /// A sender for the shard numbered `number`, if the group runs it.
    pub fn sender(&self, number: u32) -> Option<ShardSender> {
        self.shards
            .iter()
            .find(|s| s.id().number() == number)
            .map(Shard::sender)
    }

    /// Closes every shard; keep polling until the stream ends.
    pub fn close(&self, kind: CloseKind) -> Result<(), SendError> {
        for shard in &self.shards {
            // A shard that already stopped needs no close.
            let _ = shard.close(kind);
        }
        Ok(())
    }

    /// How many shards still run.
    pub fn len(&self) -> usize {
        self.shards.len()
    }

    /// Whether no shard runs.
    pub fn is_empty(&self) -> bool {
        self.shards.is_empty()
    }
}

impl Stream for ShardGroup {
    type Item = (ShardId, Result<ShardEvent, ReceiveError>);

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let mut checked = 0;
        while checked < this.shards.len() {
            let i = this.next % this.shards.len();
            let shard = &mut this.shards[i];
            let id = shard.id();
            match Pin::new(shard).poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    // Start with the next shard next time, so no shard starves the others.
                    this.next = i + 1;
                    return Poll::Ready(Some((id, item)));
                }
                Poll::Ready(None) => {
                    this.shards.remove(i);
                    this.next = i;
                }
                Poll::Pending => {
                    this.next = i + 1;
                    checked += 1;
                }
            }
        }
        if this.shards.is_empty() {
            Poll::Ready(None)
        } else {
            Poll::Pending
        }
    }
}
