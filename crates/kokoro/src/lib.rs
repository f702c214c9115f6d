//! kokoro: Discord API v10 bots in Rust.
//!
//! The facade over kokoro's layers: [`Bot`] wires shards (kokoro-gateway), a
//! REST client (kokoro-http) and a cache (kokoro-cache) to a [`Dispatcher`]
//! of typed listeners. A listener is an async function whose first argument
//! is the event it wants and whose other arguments are taken from the
//! [`Context`] ([`State`], `Context` itself):
//!
//! ```no_run
//! use kokoro::{Bot, BoxError, Context, State, event::MessageCreate};
//! use std::sync::atomic::{AtomicU64, Ordering};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let bot = Bot::builder(std::env::var("DISCORD_TOKEN")?)
//!         .state(AtomicU64::new(0))
//!         .build();
//!     bot.on(|message: MessageCreate, ctx: Context, pings: State<AtomicU64>| async move {
//!         if message.content == "ping" {
//!             let n = pings.fetch_add(1, Ordering::Relaxed) + 1;
//!             ctx.http().create_message(message.channel_id).content(format!("pong #{n}")).await?;
//!         }
//!         Ok::<_, BoxError>(())
//!     })?;
//!     bot.run().await?; // until Ctrl-C / SIGTERM
//!     Ok(())
//! }
//! ```

mod bot;
pub mod dispatch;
mod hub;

pub use bot::{Bot, BotBuilder, BotError, shutdown_signal};
pub use dispatch::{
    AnyEvent, BoxError, Context, CustomEvent, Dispatcher, EventStream, FromContext, FromEvent,
    GuildEvent, Listener, ListenerHandle, MessageEvent, RegisterError, State, WaitFor,
    WaitForError,
};
pub use hub::{Hub, HubBuilder, HubError};
pub use kokoro_cache as cache;
pub use kokoro_gateway as gateway;
pub use kokoro_http as http;
pub use kokoro_model as model;

/// Every event type a listener can take: kokoro-model's payloads, the
/// facade's types for payloads two events share, and the groups.
pub mod event {
    pub use crate::dispatch::{
        AnyEvent, GuildBanAdd, GuildBanRemove, GuildEvent, GuildRoleCreate, GuildRoleUpdate,
        GuildScheduledEventUserAdd, GuildScheduledEventUserRemove, GuildSoundboardSoundsUpdate,
        MessageEvent, PollVoteAdd, PollVoteRemove, SoundboardSounds,
    };
    pub use kokoro_model::gateway::event::*;
}
