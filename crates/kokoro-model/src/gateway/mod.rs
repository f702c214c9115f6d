//! The gateway protocol: opcodes, close codes, the payloads a client sends,
//! and reading the envelope of what it receives.

pub mod command;
mod header;
mod opcode;

pub use command::{Command, Envelope, Hello, ShardId};
pub use header::{PayloadHeader, PeekError};
pub use opcode::{CloseCode, OpCode};
pub mod event;

pub use event::{
    DecodeError, Decoder, GatewayEvent, Json, decode, decode_event, decode_event_json, decode_json,
};
