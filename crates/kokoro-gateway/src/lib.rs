//! Discord gateway v10 shards that never lose an event.
//!
//! A [`Shard`] is a [`futures::Stream`] of [`ShardEvent`]s: polling it
//! connects, identifies, heartbeats (with jitter, detecting zombie
//! connections), resumes after drops, RECONNECT and INVALID_SESSION, and
//! stops with a typed [`FatalError`] on close codes that reconnecting cannot
//! fix. It spawns no task; commands come in through a cloneable
//! [`ShardSender`]. Every dispatch of a session reaches the consumer exactly
//! once and in order, across resumes.
//!
//! A [`ShardGroup`] runs any subset of a bot's shards as one stream, their
//! IDENTIFYs ordered by an [`IdentifyQueue`] that honours `max_concurrency`
//! and the session start limit.
//!
//! ```no_run
//! use futures::StreamExt;
//! use kokoro_gateway::{Compression, EventFilter, Shard, ShardConfig, ShardEvent};
//! use kokoro_model::Intents;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ShardConfig::builder(std::env::var("DISCORD_TOKEN")?, Intents::GUILDS | Intents::GUILD_MESSAGES)
//!     .compression(Compression::ZlibStream)
//!     .event_types(EventFilter::only(["MESSAGE_CREATE"]))
//!     .build();
//! let mut shard = Shard::new(config);
//! while let Some(item) = shard.next().await {
//!     match item? {
//!         ShardEvent::Dispatch(event) => println!("{}", String::from_utf8_lossy(event.json())),
//!         _ => {}
//!     }
//! }
//! # Ok(()) }
//! ```

pub mod compression;
mod config;
mod connection;
mod error;
pub mod event;
mod filter;
mod group;
mod limiter;
mod queue;
mod session;
mod shard;
#[cfg(test)]
mod test_corpus;

pub use compression::Compression;
pub use config::{ShardConfig, ShardConfigBuilder, Token};
pub use error::{DisconnectReason, FatalError, ReceiveError, SendError};
pub use event::{Dispatch, ShardEvent};
pub use filter::{EventFilter, LiveEventTypes};
pub use group::{InvalidShardId, ShardGroup};
pub use kokoro_model::gateway_info::{GatewayBotInfo, SessionStartLimit};
pub use queue::{IdentifyQueue, InMemoryQueue, QueueError};
pub use session::Session;
pub use shard::{
    CloseKind, Latency, MAX_COMMAND_SIZE, MemberChunk, MemberChunks, Shard, ShardSender,
};
