//! kokoro: Discord bots in Rust.
pub mod dispatch;
pub use dispatch::{AnyEvent, Context, CustomEvent, Dispatcher, EventStream, GuildEvent, ListenerHandle, MessageEvent, RegisterError, State};
