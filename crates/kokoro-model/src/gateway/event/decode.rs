//! Decoding whole gateway payloads in one pass.

use std::{cell::RefCell, fmt};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor},
    ser::SerializeStruct,
};

use super::{
    Event, EventType, MessageUpdate, PartialMessageUpdate, UnknownEvent, deserialize_known,
};
use crate::gateway::{Hello, OpCode};

/// A payload received from the gateway.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GatewayEvent {
    /// An event (opcode 0).
    Dispatch {
        /// The sequence number, to heartbeat and resume with.
        sequence: u64,
        /// The event.
        event: Event,
    },
    /// The first payload of a connection (opcode 10).
    Hello(Hello),
    /// The gateway asks for a heartbeat now (opcode 1).
    Heartbeat,
    /// A heartbeat was received (opcode 11).
    HeartbeatAck,
    /// Reconnect and resume (opcode 7).
    Reconnect,
    /// The session is invalid (opcode 9).
    InvalidSession {
        /// Whether the session may be resumed.
        resumable: bool,
    },
    /// An opcode this version of kokoro does not handle; its `d` is skipped.
    Unknown {
        /// The opcode.
        op: u8,
    },
}

impl GatewayEvent {
    /// The opcode of the payload.
    pub fn op(&self) -> OpCode {
        match self {
            Self::Dispatch { .. } => OpCode::Dispatch,
            Self::Hello(_) => OpCode::Hello,
            Self::Heartbeat => OpCode::Heartbeat,
            Self::HeartbeatAck => OpCode::HeartbeatAck,
            Self::Reconnect => OpCode::Reconnect,
            Self::InvalidSession { .. } => OpCode::InvalidSession,
            Self::Unknown { op } => OpCode::from_value(*op),
        }
    }
}

impl Serialize for GatewayEvent {
    /// Writes the whole payload, `{"t":…,"s":…,"op":…,"d":…}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("GatewayEvent", 4)?;
        match self {
            Self::Dispatch { sequence, event } => {
                s.serialize_field("t", event.name())?;
                s.serialize_field("s", sequence)?;
                s.serialize_field("op", &0u8)?;
                s.serialize_field("d", event)?;
            }
            other => {
                s.serialize_field("t", &())?;
                s.serialize_field("s", &())?;
                s.serialize_field("op", &other.op().value())?;
                match other {
                    Self::Hello(hello) => s.serialize_field("d", hello)?,
                    Self::InvalidSession { resumable } => s.serialize_field("d", resumable)?,
                    _ => s.serialize_field("d", &())?,
                }
            }
        }
        s.end()
    }
}

impl<'de> Deserialize<'de> for GatewayEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        PayloadSeed {
            ctx: &mut Context::default(),
        }
        .deserialize(deserializer)
    }
}

/// Which JSON decoder was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Json {
    /// `serde_json`.
    SerdeJson,
    /// `simd-json`.
    SimdJson,
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::SerdeJson => "serde_json",
            Self::SimdJson => "simd-json",
        })
    }
}

/// Why a gateway payload could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{decoder} could not decode {}: {message}", self.what())]
pub struct DecodeError {
    decoder: Json,
    op: Option<u8>,
    event: Option<String>,
    message: String,
}

impl DecodeError {
    fn new(decoder: Json, ctx: &Context, message: impl fmt::Display) -> Self {
        Self {
            decoder,
            op: ctx.op,
            event: ctx.event_name(),
            message: message.to_string(),
        }
    }

    /// The decoder that failed.
    pub const fn decoder(&self) -> Json {
        self.decoder
    }

    /// The payload's opcode, if it was read before the failure.
    pub const fn op(&self) -> Option<u8> {
        self.op
    }

    /// The dispatch event name, if it was read before the failure.
    pub fn event(&self) -> Option<&str> {
        self.event.as_deref()
    }

    /// The decoder's own message (the serde error).
    pub fn message(&self) -> &str {
        &self.message
    }

    fn what(&self) -> String {
        match (&self.event, self.op) {
            (Some(name), _) => format!("the {name} dispatch"),
            (None, Some(op)) => format!("an op {op} payload"),
            (None, None) => "the gateway payload".to_owned(),
        }
    }
}

/// What the payload visitor learned, kept for error messages and retries.
#[derive(Default)]
struct Context {
    op: Option<u8>,
    kind: Option<EventType>,
    unknown_name: Option<String>,
    /// Decode `MESSAGE_UPDATE` as a partial update.
    partial_message_update: bool,
}

impl Context {
    fn event_name(&self) -> Option<String> {
        match self.kind {
            Some(EventType::Unknown) => self.unknown_name.clone(),
            Some(kind) => Some(kind.as_str().to_owned()),
            None => None,
        }
    }

    /// Whether a failure is worth a second try with partial `MESSAGE_UPDATE`s.
    fn retry_as_partial(&mut self) -> bool {
        if self.kind == Some(EventType::MessageUpdate) && !self.partial_message_update {
            *self = Self {
                partial_message_update: true,
                ..Self::default()
            };
            true
        } else {
            false
        }
    }
}

/// Decodes a payload's `d` for a known opcode and event.
struct DataSeed<'c> {
    op: u8,
    kind: Option<EventType>,
    name: &'c mut Option<String>,
    partial_message_update: bool,
}

/// A decoded `d`.
enum Data {
    Event(Event),
    Hello(Hello),
    InvalidSession(bool),
    Ignored,
}

impl<'de> DeserializeSeed<'de> for DataSeed<'_> {
    type Value = Data;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Data, D::Error> {
        match self.op {
            0 => match self.kind {
                Some(EventType::MessageUpdate) if self.partial_message_update => {
                    PartialMessageUpdate::deserialize(deserializer).map(|partial| {
                        Data::Event(Event::MessageUpdate(Box::new(MessageUpdate::Partial(
                            partial,
                        ))))
                    })
                }
                Some(EventType::Unknown) | None => {
                    let data = serde_json::Value::deserialize(deserializer)?;
                    let name = self.name.take().unwrap_or_default();
                    Ok(Data::Event(Event::Unknown(Box::new(UnknownEvent {
                        name,
                        data,
                    }))))
                }
                Some(kind) => deserialize_known(kind, deserializer).map(Data::Event),
            },
            10 => Hello::deserialize(deserializer).map(Data::Hello),
            9 => Option::<bool>::deserialize(deserializer)
                .map(|b| Data::InvalidSession(b.unwrap_or(false))),
            _ => IgnoredAny::deserialize(deserializer).map(|_| Data::Ignored),
        }
    }
}

/// The keys of a payload.
enum Field {
    T,
    S,
    Op,
    D,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a payload key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "t" => Field::T,
                    "s" => Field::S,
                    "op" => Field::Op,
                    "d" => Field::D,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(V)
    }
}

/// The event name `t`: a known type, or an unknown name.
struct Name(EventType, Option<String>);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(match EventType::from_name(v) {
                    EventType::Unknown => Name(EventType::Unknown, Some(v.to_owned())),
                    kind => Name(kind, None),
                })
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Decodes a whole payload, recording what it learns in `ctx`.
struct PayloadSeed<'c> {
    ctx: &'c mut Context,
}

impl<'de> DeserializeSeed<'de> for PayloadSeed<'_> {
    type Value = GatewayEvent;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<GatewayEvent, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PayloadSeed<'_> {
    type Value = GatewayEvent;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a gateway payload object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GatewayEvent, A::Error> {
        let ctx = self.ctx;
        let mut sequence: Option<u64> = None;
        let mut seen_t = false;
        let mut data: Option<Data> = None;
        // `d` that arrived before `op` or `t`.
        let mut raw: Option<serde_json::Value> = None;

        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::T => {
                    if seen_t {
                        return Err(de::Error::duplicate_field("t"));
                    }
                    seen_t = true;
                    if let Some(Name(kind, name)) = map.next_value::<Option<Name>>()? {
                        ctx.kind = Some(kind);
                        ctx.unknown_name = name;
                    }
                }
                Field::S => {
                    if sequence.is_some() {
                        return Err(de::Error::duplicate_field("s"));
                    }
                    sequence = map.next_value()?;
                }
                Field::Op => {
                    if ctx.op.is_some() {
                        return Err(de::Error::duplicate_field("op"));
                    }
                    ctx.op = Some(map.next_value()?);
                }
                Field::D => {
                    if data.is_some() || raw.is_some() {
                        return Err(de::Error::duplicate_field("d"));
                    }
                    match ctx.op {
                        Some(0) if ctx.kind.is_none() => raw = Some(map.next_value()?),
                        Some(op) => {
                            data = Some(map.next_value_seed(DataSeed {
                                op,
                                kind: ctx.kind,
                                name: &mut ctx.unknown_name,
                                partial_message_update: ctx.partial_message_update,
                            })?);
                        }
                        None => raw = Some(map.next_value()?),
                    }
                }
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }

        let op = ctx.op.ok_or_else(|| de::Error::missing_field("op"))?;
        if op == 0 && ctx.kind.is_none() {
            return Err(de::Error::custom(
                "a dispatch (op 0) without an event name (t)",
            ));
        }
        let data = match (data, raw) {
            (Some(data), _) => data,
            (None, raw) => DataSeed {
                op,
                kind: ctx.kind,
                name: &mut ctx.unknown_name,
                partial_message_update: ctx.partial_message_update,
            }
            .deserialize(raw.unwrap_or(serde_json::Value::Null))
            .map_err(de::Error::custom)?,
        };
        Ok(match (op, data) {
            (0, Data::Event(event)) => GatewayEvent::Dispatch {
                sequence: sequence
                    .ok_or_else(|| de::Error::custom("a dispatch (op 0) without a sequence (s)"))?,
                event,
            },
            (10, Data::Hello(hello)) => GatewayEvent::Hello(hello),
            (9, Data::InvalidSession(resumable)) => GatewayEvent::InvalidSession { resumable },
            (1, _) => GatewayEvent::Heartbeat,
            (7, _) => GatewayEvent::Reconnect,
            (11, _) => GatewayEvent::HeartbeatAck,
            (op, _) => GatewayEvent::Unknown { op },
        })
    }
}

/// Decodes a gateway payload with `serde_json`.
///
/// Discord's key order (`t`, `s`, `op`, then `d`) lets `d` decode straight
/// into its payload type; when `d` comes first it is buffered as JSON and
/// converted afterwards. Unknown event names give [`Event::Unknown`].
///
/// ```
/// use kokoro_model::gateway::{GatewayEvent, decode_json};
///
/// let hello = decode_json(br#"{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}"#).unwrap();
/// assert!(matches!(hello, GatewayEvent::Hello(h) if h.heartbeat_interval == 41250));
/// let err = decode_json(br#"{"t":"TYPING_START","s":3,"op":0,"d":{"user_id":"1"}}"#).unwrap_err();
/// assert_eq!(err.event(), Some("TYPING_START"));
/// ```
pub fn decode_json(raw: &[u8]) -> Result<GatewayEvent, DecodeError> {
    let mut ctx = Context::default();
    let mut first = None;
    loop {
        let mut de = serde_json::Deserializer::from_slice(raw);
        let result = PayloadSeed { ctx: &mut ctx }
            .deserialize(&mut de)
            .and_then(|event| de.end().map(|()| event));
        match result {
            Ok(event) => return Ok(event),
            Err(e) => {
                let error = DecodeError::new(Json::SerdeJson, &ctx, e);
                if !ctx.retry_as_partial() {
                    return Err(first.unwrap_or(error));
                }
                first = Some(error);
            }
        }
    }
}

/// Decodes a gateway payload with `simd-json`: the fast path.
///
/// `raw` is used as scratch space and is garbage afterwards. Parsing buffers
/// are kept per thread and reused; [`Decoder`] keeps them explicitly.
///
/// ```
/// use kokoro_model::gateway::{GatewayEvent, decode};
///
/// let mut raw = br#"{"t":null,"s":null,"op":11,"d":null}"#.to_vec();
/// assert_eq!(decode(&mut raw).unwrap(), GatewayEvent::HeartbeatAck);
/// ```
pub fn decode(raw: &mut [u8]) -> Result<GatewayEvent, DecodeError> {
    thread_local! {
        static DECODER: RefCell<Decoder> = RefCell::new(Decoder::new());
    }
    DECODER.with(|decoder| match decoder.try_borrow_mut() {
        Ok(mut decoder) => decoder.decode(raw),
        Err(_) => Decoder::new().decode(raw),
    })
}

/// A `simd-json` decoder that keeps its parsing buffers between payloads.
pub struct Decoder {
    buffers: simd_json::Buffers,
}

impl fmt::Debug for Decoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decoder").finish_non_exhaustive()
    }
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// Above this many bytes a payload's buffers are not kept for the next one.
    const KEEP_BUFFERS_UP_TO: usize = 1 << 20;

    /// A decoder with empty buffers.
    pub fn new() -> Self {
        Self {
            buffers: simd_json::Buffers::new(4096),
        }
    }

    /// Decodes a gateway payload; `raw` is scratch space afterwards.
    pub fn decode(&mut self, raw: &mut [u8]) -> Result<GatewayEvent, DecodeError> {
        let large = raw.len() > Self::KEEP_BUFFERS_UP_TO;
        let mut fresh;
        let buffers = if large {
            fresh = simd_json::Buffers::new(raw.len());
            &mut fresh
        } else {
            &mut self.buffers
        };
        let mut ctx = Context::default();
        let mut de = simd_json::Deserializer::from_slice_with_buffers(raw, buffers)
            .map_err(|e| DecodeError::new(Json::SimdJson, &ctx, e))?;
        let mut first = None;
        loop {
            match (PayloadSeed { ctx: &mut ctx }).deserialize(&mut de) {
                Ok(event) => return Ok(event),
                Err(e) => {
                    let error = DecodeError::new(Json::SimdJson, &ctx, e);
                    if !ctx.retry_as_partial() {
                        return Err(first.unwrap_or(error));
                    }
                    first = Some(error);
                    de.restart();
                }
            }
        }
    }

    /// Decodes the payload (`d`) of a dispatch named `name`; `data` is scratch
    /// space afterwards.
    pub fn decode_event(&mut self, name: &str, data: &mut [u8]) -> Result<Event, DecodeError> {
        let mut ctx = event_context(name);
        let mut de = simd_json::Deserializer::from_slice_with_buffers(data, &mut self.buffers)
            .map_err(|e| DecodeError::new(Json::SimdJson, &ctx, e))?;
        let mut first = None;
        loop {
            match data_seed(&mut ctx).deserialize(&mut de) {
                Ok(Data::Event(event)) => return Ok(event),
                Ok(_) => unreachable_data(),
                Err(e) => {
                    let error = DecodeError::new(Json::SimdJson, &ctx, e);
                    if !retry_event(&mut ctx, name) {
                        return Err(first.unwrap_or(error));
                    }
                    first = Some(error);
                    de.restart();
                }
            }
        }
    }
}

fn event_context(name: &str) -> Context {
    let kind = EventType::from_name(name);
    Context {
        op: Some(0),
        kind: Some(kind),
        unknown_name: (kind == EventType::Unknown).then(|| name.to_owned()),
        partial_message_update: false,
    }
}

fn data_seed(ctx: &mut Context) -> DataSeed<'_> {
    DataSeed {
        op: 0,
        kind: ctx.kind,
        name: &mut ctx.unknown_name,
        partial_message_update: ctx.partial_message_update,
    }
}

fn retry_event(ctx: &mut Context, name: &str) -> bool {
    if ctx.retry_as_partial() {
        let partial = ctx.partial_message_update;
        *ctx = event_context(name);
        ctx.partial_message_update = partial;
        true
    } else {
        false
    }
}

/// A dispatch seed only yields events.
#[cold]
fn unreachable_data() -> ! {
    unreachable!("a dispatch payload seed only yields events")
}

/// Decodes the payload (`d`) of a dispatch named `name` with `simd-json`;
/// `data` is scratch space afterwards. Unknown names give [`Event::Unknown`].
pub fn decode_event(name: &str, data: &mut [u8]) -> Result<Event, DecodeError> {
    Decoder::new().decode_event(name, data)
}

/// Decodes the payload (`d`) of a dispatch named `name` with `serde_json`.
///
/// ```
/// use kokoro_model::gateway::{decode_event_json, event::Event};
///
/// let event = decode_event_json("WEBHOOKS_UPDATE", br#"{"guild_id":"1","channel_id":"2"}"#).unwrap();
/// assert!(matches!(event, Event::WebhooksUpdate(_)));
/// ```
pub fn decode_event_json(name: &str, data: &[u8]) -> Result<Event, DecodeError> {
    let mut ctx = event_context(name);
    let mut first = None;
    loop {
        let mut de = serde_json::Deserializer::from_slice(data);
        let result = data_seed(&mut ctx)
            .deserialize(&mut de)
            .and_then(|data| de.end().map(|()| data));
        match result {
            Ok(Data::Event(event)) => return Ok(event),
            Ok(_) => unreachable_data(),
            Err(e) => {
                let error = DecodeError::new(Json::SerdeJson, &ctx, e);
                if !retry_event(&mut ctx, name) {
                    return Err(first.unwrap_or(error));
                }
                first = Some(error);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(raw: &str) -> Result<GatewayEvent, (DecodeError, DecodeError)> {
        let json = decode_json(raw.as_bytes());
        let simd = decode(&mut raw.as_bytes().to_vec());
        match (json, simd) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{raw}");
                Ok(a)
            }
            (Err(a), Err(b)) => Err((a, b)),
            (a, b) => panic!("decoders disagree on {raw}: {a:?} / {b:?}"),
        }
    }

    #[test]
    fn opcodes() {
        assert_eq!(
            both(r#"{"t":null,"s":null,"op":11,"d":null}"#).unwrap(),
            GatewayEvent::HeartbeatAck
        );
        assert_eq!(both(r#"{"op":11}"#).unwrap(), GatewayEvent::HeartbeatAck);
        assert_eq!(
            both(r#"{"op":1,"d":251}"#).unwrap(),
            GatewayEvent::Heartbeat
        );
        assert_eq!(
            both(r#"{"op":7,"d":null}"#).unwrap(),
            GatewayEvent::Reconnect
        );
        assert_eq!(
            both(r#"{"op":9,"d":true}"#).unwrap(),
            GatewayEvent::InvalidSession { resumable: true }
        );
        assert_eq!(
            both(r#"{"d":false,"op":9}"#).unwrap(),
            GatewayEvent::InvalidSession { resumable: false }
        );
        assert_eq!(
            both(r#"{"d":{"heartbeat_interval":45000,"_trace":["x"]},"op":10}"#).unwrap(),
            GatewayEvent::Hello(Hello {
                heartbeat_interval: 45000
            })
        );
        assert_eq!(
            both(r#"{"op":42,"d":{"x":[1,2]}}"#).unwrap(),
            GatewayEvent::Unknown { op: 42 }
        );
    }

    #[test]
    fn dispatch_in_any_key_order() {
        let expected =
            both(r#"{"t":"WEBHOOKS_UPDATE","s":5,"op":0,"d":{"guild_id":"1","channel_id":"2"}}"#)
                .unwrap();
        for raw in [
            r#"{"d":{"guild_id":"1","channel_id":"2"},"op":0,"s":5,"t":"WEBHOOKS_UPDATE"}"#,
            r#"{"op":0,"d":{"guild_id":"1","channel_id":"2"},"t":"WEBHOOKS_UPDATE","s":5}"#,
            r#"{"s":5,"t":"WEBHOOKS_UPDATE","extra":[{}],"op":0,"d":{"guild_id":"1","channel_id":"2"}}"#,
        ] {
            assert_eq!(both(raw).unwrap(), expected, "{raw}");
        }
    }

    #[test]
    fn unknown_events_keep_their_data() {
        let GatewayEvent::Dispatch { sequence, event } =
            both(r#"{"t":"BRAND_NEW","s":9,"op":0,"d":{"a":[1,"b",null]}}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!(sequence, 9);
        assert_eq!(event.name(), "BRAND_NEW");
        assert_eq!(event.kind(), EventType::Unknown);
        assert_eq!(
            event.to_json_value().unwrap(),
            serde_json::json!({"a": [1, "b", null]})
        );
        let Ok(GatewayEvent::Dispatch { event, .. }) = both(r#"{"d":7,"t":"LATER","s":1,"op":0}"#)
        else {
            panic!()
        };
        assert_eq!(
            (event.name(), event.to_json_value().unwrap()),
            ("LATER", serde_json::json!(7))
        );
    }

    #[test]
    fn errors_name_the_event_and_decoder() {
        let (json, simd) =
            both(r#"{"t":"MESSAGE_DELETE","s":1,"op":0,"d":{"id":"x","channel_id":"2"}}"#)
                .unwrap_err();
        assert_eq!(json.event(), Some("MESSAGE_DELETE"));
        assert_eq!(simd.event(), Some("MESSAGE_DELETE"));
        assert_eq!(json.decoder(), Json::SerdeJson);
        assert_eq!(simd.decoder(), Json::SimdJson);
        assert!(
            json.to_string()
                .starts_with("serde_json could not decode the MESSAGE_DELETE dispatch: "),
            "{json}"
        );
        let (json, _) = both(r#"{"op":10,"d":{}}"#).unwrap_err();
        assert_eq!((json.op(), json.event()), (Some(10), None));
    }

    #[test]
    fn hostile_input_is_an_error() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep_d = format!(r#"{{"t":"X","s":1,"op":0,"d":{}}}"#, "[".repeat(5000));
        for bad in [
            "",
            "{",
            "[]",
            "null",
            "{\"op\":",
            "{\"op\":0}",
            "{\"op\":0,\"t\":\"READY\"}",
            "{\"op\":256}",
            "{\"op\":-1}",
            "{\"op\":0,\"s\":1}",
            "{\"t\":1,\"op\":0,\"s\":1}",
            "{\"op\":0,\"op\":0}",
            "{\"t\":\"READY\",\"s\":1,\"op\":0,\"d\":{\"v\":10",
            "{\"t\":\"MESSAGE_DELETE\",\"s\":1,\"op\":0,\"d\":{\"id\":\"1\",\"channel_id\":\"2\"}}}",
            "{\"t\":\"GUILD_CREATE\",\"s\":1,\"op\":0,\"d\":{\"id\":\"0\"}}",
            "{\"t\":\"RESUMED\",\"s\":1,\"op\":0,\"d\":null,\"d\":null}",
            "\u{0}\u{0}\u{0}",
            &deep,
            &deep_d,
        ] {
            let json = decode_json(bad.as_bytes());
            let simd = decode(&mut bad.as_bytes().to_vec());
            assert!(
                json.is_err() && simd.is_err(),
                "{bad:.80}: {json:?} / {simd:?}"
            );
        }
    }

    #[test]
    fn reencodes_the_envelope() {
        let raw = r#"{"t":"GUILD_ROLE_DELETE","s":3,"op":0,"d":{"guild_id":"1","role_id":"2"}}"#;
        let event = both(raw).unwrap();
        assert_eq!(serde_json::to_string(&event).unwrap(), raw);
        assert_eq!(
            serde_json::to_string(&GatewayEvent::InvalidSession { resumable: true }).unwrap(),
            r#"{"t":null,"s":null,"op":9,"d":true}"#
        );
    }
}
