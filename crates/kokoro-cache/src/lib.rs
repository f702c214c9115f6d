//! A compact, concurrent in-memory cache of Discord state for kokoro.
//!
//! [`InMemoryCache`] is updated from kokoro-model gateway events and can be
//! shared (behind an `Arc`) by every shard of every bot in a process:
//!
//! - **One user, one record.** A user in many guilds, or seen by several bots,
//!   is stored once and counted by the memberships (guild, user) that hold it;
//!   when the last goes, so does the user. Memberships are tracked per guild,
//!   not per event, so two bots reporting the same member count once.
//! - **Cheap concurrent reads.** No global lock: sharded maps and per-guild
//!   locks held for single operations. Reads return owned snapshots (`Arc`s or
//!   clones of compact records), never guards, so nothing can be held across
//!   an `.await`.
//! - **Compact records.** Members hold no copy of their user, role lists keep
//!   two ids inline, strings Discord repeats (activity names, features,
//!   locales, decorations) are shared, rare fields cost eight bytes when absent.
//! - **Configurable.** [`ResourceType`] picks what is kept; the cache tells the
//!   gateway which events and intents it needs ([`Cache::wants`],
//!   [`Cache::intents`]).
//! - **Permissions** from cached state: [`InMemoryCache::permissions`].
//!
//! Plug your own cache (or none) into kokoro by implementing [`Cache`].

mod config;
mod convert;
mod intern;
mod messages;
mod permission;
pub mod record;
mod store;
mod traits;
mod update;
mod users;

pub use config::{Config, ResourceType};
pub use permission::{PermissionCalculator, PermissionError};
pub use store::{CacheStats, InMemoryCache, Origin};
pub use traits::{Cache, CacheRead, intents_for};
