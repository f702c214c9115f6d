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
//!
//! ```
//! use std::sync::Arc;
//!
//! use kokoro_cache::{Cache, Config, InMemoryCache, Origin, ResourceType};
//! use kokoro_model::{
//!     Permissions,
//!     gateway::{GatewayEvent, decode_json},
//!     id::{ChannelId, GuildId, UserId},
//! };
//!
//! // One cache for every shard (and bot) of the process.
//! let cache = Arc::new(InMemoryCache::with_config(
//!     Config::new().resource_types(ResourceType::all() - ResourceType::PRESENCE),
//! ));
//! // Tell the gateway what to decode and which intents to ask for.
//! let (_events, _intents) = (cache.wants(), cache.intents());
//!
//! // Feed it every dispatch a shard receives.
//! let raw = br#"{"t":"GUILD_CREATE","s":1,"op":0,"d":{"id":"10","name":"kokoro","owner_id":"1",
//!   "afk_timeout":300,"verification_level":0,"default_message_notifications":0,
//!   "explicit_content_filter":0,"features":[],"mfa_level":0,"system_channel_flags":0,
//!   "premium_tier":0,"preferred_locale":"en-US","nsfw_level":0,
//!   "roles":[{"id":"10","name":"@everyone","permissions":"3072","position":0}],
//!   "channels":[{"id":"20","type":0,"guild_id":"10","name":"general","position":0,
//!     "permission_overwrites":[{"id":"10","type":0,"allow":"0","deny":"2048"}]}],
//!   "members":[{"user":{"id":"2","username":"ferris","discriminator":"0","global_name":null,"avatar":null},
//!     "roles":[],"joined_at":"2024-01-01T00:00:00+00:00","deaf":false,"mute":false,"flags":0}]}}"#;
//! let GatewayEvent::Dispatch { event, .. } = decode_json(raw).unwrap() else { unreachable!() };
//! cache.update(Origin::default(), &event);
//!
//! // Read owned snapshots: nothing here borrows the cache.
//! let guild = cache.guild(GuildId::new(10)).unwrap();
//! let member = cache.member(GuildId::new(10), UserId::new(2)).unwrap();
//! let user = cache.user(member.user_id).unwrap();
//! assert_eq!((&*guild.name, &*user.username), ("kokoro", "ferris"));
//!
//! // Permissions from cached state: @everyone may view but not send in #general.
//! let perms = cache.permissions().in_channel(UserId::new(2), ChannelId::new(20)).unwrap();
//! assert_eq!(perms, Permissions::VIEW_CHANNEL);
//! ```

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
