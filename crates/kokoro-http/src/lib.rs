//! Discord API v10 REST client whose rate limiting never earns an avoidable 429.
//!
//! - [`Client`]: a pooled HTTP/1.1 (optionally HTTP/2) client over rustls, with retries,
//!   timeouts, Discord's User-Agent, bot, bearer or no token.
//! - [`routes::Route`]: every REST operation of openapi.json, typed with kokoro-model ids,
//!   cheap to build and to key rate limits by.
//! - [`ratelimit`]: buckets learnt from Discord's headers, FIFO per bucket, a global
//!   limit, 429 scopes and an invalid-request guard, behind a [`ratelimit::RateLimiter`]
//!   trait.
//! - [`typed`]: builders for the most used operations (messages, reactions, channels,
//!   threads, members, roles, bans, webhooks, interactions, commands, gateway, invites)
//!   that check Discord's limits before sending and `.await` to kokoro-model types.
//!
//! ```no_run
//! use kokoro_http::{Body, Client, routes::Route};
//! use kokoro_model::id::ChannelId;
//!
//! # async fn run() -> Result<(), kokoro_http::Error> {
//! let client = Client::new("my-bot-token");
//! let body = Body::json(&serde_json::json!({ "content": "pong" }))?;
//! let message: serde_json::Value = client
//!     .request(Route::CreateMessage { channel_id: ChannelId::new(1) }, body, &[])
//!     .await?
//!     .json()?;
//! # Ok(()) }
//! ```

mod client;
mod error;
mod image;
pub mod ratelimit;
mod request;
pub mod routes;
pub mod typed;

pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL, Token, USER_AGENT_VALUE};
pub use error::{ApiError, Error, FieldError};
pub use image::ImageData;
pub use request::{Attachment, Body, Multipart, Request, Response};
pub use typed::{Builder, TypedRequest};
