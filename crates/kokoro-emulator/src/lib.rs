//! A Discord API v10 compatible server on loopback, for testing bots,
//! kokoro-http and kokoro-gateway without reaching Discord.
//!
//! One port serves REST under `/api/v10` and the gateway websocket. Tests
//! drive the emulated world directly (users, guilds, channels, messages,
//! interactions), read back what bots did, and inject faults.
//!
//! ```no_run
//! use kokoro_emulator::Emulator;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let emu = Emulator::builder().start().await?;
//! let bot = emu.create_bot("helper");
//! let alice = emu.create_user("alice");
//! let guild = emu.create_guild(alice, "Test Guild");
//! emu.add_member(guild, bot.user_id)?;
//! let general = emu.create_channel(guild, "general")?;
//! emu.post_message_as(alice, general, "hello bot")?;
//! // Point the bot at emu.rest_url() and emu.gateway_url() with bot.token …
//! let sent_by_bot: Vec<_> = emu
//!     .messages_in(general)
//!     .into_iter()
//!     .filter(|m| m["author"]["id"] == bot.user_id.to_string())
//!     .collect();
//! # drop(sent_by_bot);
//! emu.shutdown().await;
//! # Ok(()) }
//! ```

mod config;
mod driver;
mod events;
mod faults;
mod gateway;
mod ratelimit;
mod rest;
mod server;
mod snowflake;
mod state;
mod world;

pub use config::{Config, Limit};
pub use driver::{
    Bot, Emulator, EmulatorBuilder, EmulatorError, Faults, Interaction, InteractionStatus,
};
pub use faults::{RateLimitScope, RestFault};
pub use state::CounterSnapshot;
pub use world::LogEntry;
