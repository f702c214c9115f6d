//! What a shard yields, and the decoding path every message takes.

use bytes::Bytes;
use kokoro_model::gateway::{
    OpCode, PayloadHeader, PeekError,
    event::{Event, EventType},
};

use crate::{
    compression::{Compression, CompressionError, Inflater},
    error::DisconnectReason,
    filter::EventFilter,
    session::Session,
};

/// An item of a shard's stream.
#[derive(Debug)]
#[non_exhaustive]
pub enum ShardEvent {
    /// A dispatch event the consumer asked for, as received (JSON); each
    /// exactly once and in order.
    Dispatch(Dispatch),
    /// A dispatch event the consumer asked for, decoded (with
    /// [`ShardConfigBuilder::decode_events`](crate::ShardConfigBuilder::decode_events)).
    Event {
        /// The sequence number (`s`).
        sequence: u64,
        /// The event.
        event: Box<Event>,
    },
    /// A session started (READY, `resumed: false`) or was resumed (RESUMED).
    Connected {
        /// Whether an existing session was resumed.
        resumed: bool,
    },
    /// The connection ended; the shard reconnects by itself.
    Disconnected {
        /// Why.
        reason: DisconnectReason,
        /// Whether the next connection resumes the session (else it identifies anew).
        resume: bool,
    },
    /// The shard was closed on request; the stream ends after this.
    Shutdown {
        /// The session, when it was closed resumable, to hand to a new shard.
        session: Option<Session>,
    },
}

/// One dispatch event: its sequence number, type and JSON payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatch {
    sequence: u64,
    kind: EventType,
    /// The wire name, kept only when this version does not know it: a known
    /// name is `kind.as_str()`, so the common case allocates nothing for it.
    unknown_name: Option<Box<str>>,
    json: Bytes,
}

impl Dispatch {
    /// The sequence number (`s`).
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// The event type (`t`), e.g. `MESSAGE_CREATE`.
    pub fn event_type(&self) -> &str {
        self.unknown_name.as_deref().unwrap_or(self.kind.as_str())
    }

    /// The event type as kokoro-model knows it (`EventType::Unknown` for a new name).
    pub fn kind(&self) -> EventType {
        self.kind
    }

    /// The whole payload as received (`{"t":…,"s":…,"op":0,"d":…}`), for forwarding.
    pub fn json(&self) -> &[u8] {
        &self.json
    }

    /// The payload bytes, without copying.
    pub fn into_json(self) -> Bytes {
        self.json
    }

    /// Builds the dispatch from an inflated payload (as [`PayloadDecoder::decode`]
    /// hands it out). This is the one step that turns bytes into what the
    /// consumer receives.
    pub fn from_payload(sequence: u64, header: PayloadHeader, payload: &mut [u8]) -> Self {
        let name = header.event_name(payload).unwrap_or_default();
        let kind = EventType::from_name(name);
        Self {
            sequence,
            kind,
            unknown_name: (kind == EventType::Unknown).then(|| name.into()),
            json: Bytes::copy_from_slice(payload),
        }
    }
}

/// Why a message could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeFailure {
    /// The transport stream is corrupt; the connection must be replaced.
    #[error(transparent)]
    Compression(#[from] CompressionError),
    /// The payload's envelope is malformed.
    #[error("malformed payload: {0}")]
    Payload(#[from] PeekError),
}

/// A decoded message.
#[derive(Debug)]
pub enum Decoded<'a> {
    /// The message was part of a payload that continues in the next one.
    Incomplete,
    /// A dispatch event.
    Dispatch {
        /// `s`.
        sequence: u64,
        /// The envelope; `header.event_name(payload)` is `t`.
        header: PayloadHeader,
        /// The whole payload, mutable for in-place decoding.
        payload: &'a mut [u8],
        /// Whether the consumer's filter wants it.
        wanted: bool,
    },
    /// Any other opcode.
    Control {
        /// The opcode.
        op: OpCode,
        /// The whole payload.
        payload: &'a [u8],
    },
}

/// The per-connection decoding path: inflate, read the envelope, filter.
///
/// A shard runs every websocket message through one of these; it is public
/// so that the path can be measured and reused by proxies.
///
/// ```
/// use kokoro_gateway::{Compression, EventFilter, event::{Decoded, PayloadDecoder}};
///
/// let mut decoder = PayloadDecoder::new(Compression::None, 1 << 20, EventFilter::only(["READY"]));
/// match decoder.decode(br#"{"t":"TYPING_START","s":3,"op":0,"d":{}}"#).unwrap() {
///     Decoded::Dispatch { sequence, wanted, .. } => assert_eq!((sequence, wanted), (3, false)),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
pub struct PayloadDecoder {
    inflater: Inflater,
    filter: EventFilter,
}

impl PayloadDecoder {
    /// A decoder for a new connection.
    pub fn new(compression: Compression, max_payload: usize, filter: EventFilter) -> Self {
        Self {
            inflater: Inflater::new(compression, max_payload),
            filter,
        }
    }

    /// Decodes one websocket message.
    pub fn decode(&mut self, message: &[u8]) -> Result<Decoded<'_>, DecodeFailure> {
        let Some(payload) = self.inflater.inflate(message)? else {
            return Ok(Decoded::Incomplete);
        };
        let header = PayloadHeader::peek(payload)?;
        if header.op != OpCode::Dispatch {
            return Ok(Decoded::Control {
                op: header.op,
                payload,
            });
        }
        let sequence = header.sequence.ok_or(PeekError::InvalidSequence)?;
        let name = header
            .event_name(payload)
            .ok_or(PeekError::InvalidEventName)?;
        let wanted = self.filter.wants(name);
        Ok(Decoded::Dispatch {
            sequence,
            header,
            payload,
            wanted,
        })
    }
}

#[cfg(test)]
mod dispatch_name_tests {
    use super::*;

    fn dispatch(raw: &[u8]) -> Dispatch {
        let mut payload = raw.to_vec();
        let header = PayloadHeader::peek(&payload).unwrap();
        Dispatch::from_payload(7, header, &mut payload)
    }

    #[test]
    fn known_and_unknown_names_read_back_as_sent() {
        let known = dispatch(br#"{"t":"MESSAGE_CREATE","s":7,"op":0,"d":{}}"#);
        assert_eq!(known.event_type(), "MESSAGE_CREATE");
        assert_eq!(known.kind(), EventType::MessageCreate);
        assert!(known.unknown_name.is_none());
        let unknown = dispatch(br#"{"t":"SOMETHING_NEW","s":7,"op":0,"d":{}}"#);
        assert_eq!(unknown.event_type(), "SOMETHING_NEW");
        assert_eq!(unknown.kind(), EventType::Unknown);
    }
}
