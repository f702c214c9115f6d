//! Typed, forward-compatible models of Discord API v10: every object, gateway
//! payload and event.
//!
//! kokoro-model is the layer every other kokoro crate stands on, and it stands
//! alone: a web service, a gateway proxy or a cache of your own can depend on
//! it without any networking.
//!
//! - Ids are [`Id<Marker>`](id::Id): eight bytes, `Copy`, and typed by what
//!   they name, so a channel id is never passed as a guild id.
//! - Nothing Discord adds tomorrow breaks decoding: enums keep unknown values
//!   as `Unknown(raw)`, flags keep unknown bits, unknown fields are skipped,
//!   and an unknown dispatch event decodes to `Event::Unknown`.
//! - Outgoing payloads have builders that check Discord's documented limits
//!   and name the field and limit that failed ([`validate::ValidationError`]).
//!
//! ```
//! use kokoro_model::{id::ChannelId, user::User};
//!
//! let user: User = serde_json::from_str(
//!     r#"{"id":"80351110224678912","username":"nelly","discriminator":"0","global_name":"Nelly","avatar":null}"#,
//! ).unwrap();
//! assert_eq!(user.display_name(), "Nelly");
//! let channel: ChannelId = "41771983423143937".parse().unwrap();
//! assert_eq!(channel.timestamp().to_string(), "2015-04-26T06:26:56.934000+00:00");
//! ```

#[macro_use]
pub mod util;

pub mod api_error;
pub mod application;
pub mod audit_log;
pub mod auto_moderation;
pub mod channel;
pub mod component;
pub mod emoji;
pub mod gateway;
pub mod gateway_info;
pub mod guild;
pub mod id;
mod intents;
pub mod interaction;
pub mod invite;
pub mod lobby;
pub mod message;
pub mod monetization;
pub mod oauth;
mod permissions;
pub mod poll;
pub mod presence;
pub mod scheduled_event;
pub mod search;
pub mod soundboard;
pub mod stage_instance;
pub mod sticker;
mod timestamp;
pub mod user;
pub mod validate;
pub mod voice;
pub mod webhook;

pub use id::Id;
pub use intents::Intents;
pub use permissions::Permissions;
pub use timestamp::{ParseTimestampError, Timestamp};
