//! Errors of receiving from and sending to a shard.

use kokoro_model::{
    Intents,
    gateway::{CloseCode, DecodeError},
    validate::ValidationError,
};

use crate::{compression::CompressionError, queue::QueueError};

/// An error yielded by a shard's stream.
///
/// [`ReceiveError::Fatal`] ends the stream; the others are reported and the
/// shard carries on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiveError {
    /// The shard cannot go on; its stream ends after this.
    #[error(transparent)]
    Fatal(#[from] FatalError),
    /// A dispatch could not be decoded into kokoro-model's types (its
    /// sequence number still counts). Only with typed decoding.
    #[error("event {sequence} could not be decoded: {error}")]
    Decode {
        /// The event's sequence number.
        sequence: u64,
        /// Why (its `event()` names the event type).
        error: Box<DecodeError>,
    },
    /// A payload was not what its envelope announced.
    #[error("unexpected payload: {0}")]
    Payload(String),
}

impl ReceiveError {
    /// Whether the shard stopped for good.
    pub fn is_fatal(&self) -> bool {
        matches!(self, Self::Fatal(_))
    }
}

/// Why a shard stopped: its configuration is wrong and reconnecting would fail again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FatalError {
    /// 4004: the token is wrong.
    #[error("the gateway rejected the token (4004)")]
    AuthenticationFailed,
    /// 4010: the shard id or count is invalid.
    #[error("the gateway rejected the shard (4010)")]
    InvalidShard,
    /// 4011: the bot is in too many guilds for this many shards.
    #[error("the gateway requires more shards (4011)")]
    ShardingRequired,
    /// 4012: the gateway version is invalid.
    #[error("the gateway rejected the API version (4012)")]
    InvalidApiVersion,
    /// 4013: the intents are invalid.
    #[error("the gateway rejected the intents {intents:?} (4013)")]
    InvalidIntents {
        /// The intents that were sent.
        intents: Intents,
    },
    /// 4014: privileged intents are not enabled for the application.
    #[error(
        "the application may not use the privileged intents {privileged:?} it asked for (4014)"
    )]
    DisallowedIntents {
        /// The privileged intents that were requested.
        privileged: Intents,
    },
    /// The identify queue refused to start a session.
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// The gateway URL cannot be used.
    #[error("invalid gateway URL: {0}")]
    InvalidUrl(String),
}

impl FatalError {
    /// The fatal error a close code stands for, if it is one.
    pub fn from_close_code(code: CloseCode, intents: Intents) -> Option<Self> {
        Some(match code {
            CloseCode::AuthenticationFailed => Self::AuthenticationFailed,
            CloseCode::InvalidShard => Self::InvalidShard,
            CloseCode::ShardingRequired => Self::ShardingRequired,
            CloseCode::InvalidApiVersion => Self::InvalidApiVersion,
            CloseCode::InvalidIntents => Self::InvalidIntents { intents },
            CloseCode::DisallowedIntents => Self::DisallowedIntents {
                privileged: intents.privileged(),
            },
            _ => return None,
        })
    }
}

/// Why a connection ended (the shard reconnects by itself).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DisconnectReason {
    /// The gateway closed the connection, with this code if any.
    #[error("the gateway closed the connection (code {code:?})")]
    Closed {
        /// The close code.
        code: Option<u16>,
    },
    /// The gateway asked for a reconnect (op 7).
    #[error("the gateway asked to reconnect")]
    Reconnect,
    /// The session was invalidated (op 9); `resumable` is its `d`.
    #[error("the session was invalidated (resumable: {resumable})")]
    InvalidSession {
        /// Whether it may be resumed.
        resumable: bool,
    },
    /// No heartbeat ACK came before the next beat.
    #[error("the connection is a zombie: no heartbeat ACK")]
    Zombie,
    /// The websocket or TCP connection failed.
    #[error("transport error: {0}")]
    Transport(String),
    /// A message could not be inflated.
    #[error(transparent)]
    Compression(#[from] CompressionError),
    /// A payload was not a readable gateway payload (a corrupt stream).
    #[error("corrupt payload: {0}")]
    Malformed(String),
    /// Connecting failed.
    #[error("could not connect: {0}")]
    Connect(String),
    /// HELLO did not come in time.
    #[error("no HELLO from the gateway")]
    HelloTimeout,
}

/// Why a command was not sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The shard has stopped.
    #[error("the shard has stopped")]
    Closed,
    /// The serialized payload is larger than the gateway's 4096 bytes.
    #[error("the payload is {size} bytes; the gateway accepts at most 4096")]
    PayloadTooLarge {
        /// The payload's size.
        size: usize,
    },
    /// The shard lacks intents the command needs.
    #[error("the shard lacks the intents {missing:?} this command needs")]
    MissingIntents {
        /// The intents missing.
        missing: Intents,
    },
    /// The command breaks one of Discord's limits.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The command could not be serialized.
    #[error("serializing the command failed: {0}")]
    Serialize(String),
}
