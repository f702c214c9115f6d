//! Serde plumbing for event payloads that are "an object plus a few keys".
//!
//! Several dispatch events send another object with extra keys mixed in
//! (`GUILD_MEMBER_ADD` is a member with a `guild_id`), and `GUILD_CREATE` is
//! either a guild or an unavailable-guild stub. `#[serde(flatten)]` and
//! `#[serde(untagged)]` would buffer the whole object first; the adapters here
//! look at keys as they stream past instead, so decoding stays one pass.

use std::fmt;

use serde::{
    Deserialize, Deserializer,
    de::{
        self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor,
        value::{BorrowedStrDeserializer, StringDeserializer},
    },
    forward_to_deserialize_any,
};

use crate::id::GuildId;

/// A map key, borrowed from the input when the decoder allows it.
pub(crate) enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (the key contained escapes).
    Owned(String),
}

impl<'de> Key<'de> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    /// Hands the key to another key seed.
    fn replay<K: DeserializeSeed<'de>, E: de::Error>(self, seed: K) -> Result<K::Value, E> {
        match self {
            Key::Borrowed(s) => seed.deserialize(BorrowedStrDeserializer::<E>::new(s)),
            Key::Owned(s) => seed.deserialize(StringDeserializer::<E>::new(s)),
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A small scalar fed back into a deserializer after it was read.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Replay {
    /// An unsigned integer (ids are replayed this way).
    U64(u64),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

impl Replay {
    fn id<M>(id: Option<crate::Id<M>>) -> Self {
        id.map_or(Self::Null, |id| Self::U64(id.get()))
    }
}

/// Replays a scalar with the error type `E`.
pub(crate) struct ReplayDeserializer<E> {
    value: Replay,
    marker: std::marker::PhantomData<E>,
}

impl<E> ReplayDeserializer<E> {
    fn new(value: Replay) -> Self {
        Self {
            value,
            marker: std::marker::PhantomData,
        }
    }
}

impl<'de, E: de::Error> Deserializer<'de> for ReplayDeserializer<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Replay::U64(n) => visitor.visit_u64(n),
            Replay::Bool(b) => visitor.visit_bool(b),
            Replay::Null => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Replay::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A deserializer whose every request is answered with `visit_map`.
pub(crate) struct MapDeserializer<A>(pub(crate) A);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MapDeserializer<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A scalar that [`Capture`] can copy out of a map and replay.
pub(crate) trait Capturable<'de>: Deserialize<'de> + Copy {
    /// The value to hand on to the inner type.
    fn replay(self) -> Replay;
}

impl Capturable<'_> for Option<GuildId> {
    fn replay(self) -> Replay {
        Replay::id(self)
    }
}

impl Capturable<'_> for bool {
    fn replay(self) -> Replay {
        Replay::Bool(self)
    }
}

/// Passes a map through, copying the value of `key` out on the way (the
/// inner type still sees it).
struct Capture<'a, A, T> {
    map: A,
    key: &'static str,
    slot: &'a mut Option<T>,
    pending: Option<Replay>,
}

impl<'de, A: MapAccess<'de>, T: Capturable<'de>> MapAccess<'de> for Capture<'_, A, T> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<Key<'de>>()? else {
            return Ok(None);
        };
        if key.as_str() == self.key {
            let value: T = self.map.next_value()?;
            *self.slot = Some(value);
            self.pending = Some(value.replay());
        }
        key.replay(seed).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(ReplayDeserializer::new(value)),
            None => self.map.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Deserializes `T` from an object that also carries `key` (of type `C`),
/// and returns both; `None` when the key is absent. `T` sees the key too, in
/// case it has such a field.
pub(crate) fn with_extra<'de, D, T, C>(
    deserializer: D,
    key: &'static str,
) -> Result<(T, Option<C>), D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    C: Capturable<'de>,
{
    struct V<T, C>(&'static str, std::marker::PhantomData<(T, C)>);
    impl<'de, T: Deserialize<'de>, C: Capturable<'de>> Visitor<'de> for V<T, C> {
        type Value = (T, Option<C>);
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object with {}", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let mut slot = None;
            let value = T::deserialize(MapDeserializer(Capture {
                map,
                key: self.0,
                slot: &mut slot,
                pending: None,
            }))?;
            Ok((value, slot))
        }
    }
    deserializer.deserialize_map(V(key, std::marker::PhantomData))
}

/// Deserializes `T` from an object that also carries a `guild_id` key.
pub(crate) fn with_guild_id<'de, D, T>(deserializer: D) -> Result<(T, Option<GuildId>), D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    with_extra::<D, T, Option<GuildId>>(deserializer, "guild_id")
        .map(|(value, id)| (value, id.flatten()))
}

/// Replays up to two already-read entries and one already-read key, then
/// passes the rest of the map through.
pub(crate) struct Prefixed<'de, A> {
    replay: [Option<(&'static str, Replay)>; 2],
    next_key: Option<Key<'de>>,
    pending: Option<Replay>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Prefixed<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        for slot in &mut self.replay {
            if let Some((key, value)) = slot.take() {
                self.pending = Some(value);
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
        }
        match self.next_key.take() {
            Some(key) => key.replay(seed).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(ReplayDeserializer::new(value)),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// What [`split_unavailable`] found.
pub(crate) enum Availability<T, U> {
    /// The object had keys besides `id` and `unavailable`: the full object.
    Full(T),
    /// The object had only `id` and `unavailable`: the stub.
    Stub(U),
}

/// Decodes an object that is either a full `T` or a stub `U` of only `id` and
/// `unavailable` (a guild, or an unavailable guild), without buffering: it
/// reads keys until one is neither `id` nor `unavailable`, then replays what
/// it read into `T` and streams the rest.
pub(crate) fn split_unavailable<'de, D, T, U>(
    deserializer: D,
) -> Result<Availability<T, U>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    U: Deserialize<'de>,
{
    struct V<T, U>(std::marker::PhantomData<(T, U)>);
    impl<'de, T: Deserialize<'de>, U: Deserialize<'de>> Visitor<'de> for V<T, U> {
        type Value = Availability<T, U>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a guild or an unavailable guild")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut id: Option<Replay> = None;
            let mut unavailable: Option<Replay> = None;
            let next_key = loop {
                let Some(key) = map.next_key::<Key<'de>>()? else {
                    break None;
                };
                match key.as_str() {
                    "id" if id.is_none() => {
                        id = Some(Replay::id(map.next_value::<Option<GuildId>>()?));
                    }
                    "unavailable" if unavailable.is_none() => {
                        let flag: Option<bool> = map.next_value()?;
                        unavailable = Some(flag.map_or(Replay::Null, Replay::Bool));
                    }
                    _ => break Some(key),
                }
            };
            let replay = [
                id.map(|v| ("id", v)),
                unavailable.map(|v| ("unavailable", v)),
            ];
            let full = next_key.is_some();
            let prefixed = Prefixed {
                replay,
                next_key,
                pending: None,
                map,
            };
            if full {
                T::deserialize(MapDeserializer(prefixed)).map(Availability::Full)
            } else {
                U::deserialize(MapDeserializer(prefixed)).map(Availability::Stub)
            }
        }
    }
    deserializer.deserialize_map(V(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        id: u64,
        #[serde(default)]
        guild_id: Option<GuildId>,
        #[serde(default)]
        unavailable: Option<bool>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Stub {
        id: GuildId,
        #[serde(default)]
        unavailable: bool,
    }

    #[test]
    fn guild_id_is_captured_and_forwarded() {
        let raw = r#"{"id":5,"guild_id":"7","x":[1,{"guild_id":"9"}]}"#;
        let mut de = serde_json::Deserializer::from_str(raw);
        let (inner, gid): (Inner, _) = with_guild_id(&mut de).unwrap();
        assert_eq!(gid, Some(GuildId::new(7)));
        assert_eq!(inner.guild_id, Some(GuildId::new(7)));
        let mut raw = br#"{"guild_id":null,"id":5}"#.to_vec();
        let mut de = simd_json::Deserializer::from_slice(&mut raw).unwrap();
        let (inner, gid): (Inner, _) = with_guild_id(&mut de).unwrap();
        assert_eq!((inner.id, gid, inner.guild_id), (5, None, None));
    }

    #[test]
    fn full_or_stub() {
        let decode = |raw: &str| {
            let mut de = serde_json::Deserializer::from_str(raw);
            split_unavailable::<_, Inner, Stub>(&mut de).unwrap()
        };
        match decode(r#"{"unavailable":true,"id":"41771983423143937"}"#) {
            Availability::Stub(s) => assert_eq!(
                s,
                Stub {
                    id: GuildId::new(41771983423143937),
                    unavailable: true
                }
            ),
            Availability::Full(_) => panic!("stub expected"),
        }
        match decode(r#"{"id":"12","unavailable":false,"name":"x"}"#) {
            Availability::Full(f) => assert_eq!(
                f,
                Inner {
                    id: 12,
                    guild_id: None,
                    unavailable: Some(false)
                }
            ),
            Availability::Stub(_) => panic!("full expected"),
        }
        let mut de = serde_json::Deserializer::from_str(r#"{"id":"x"}"#);
        assert!(split_unavailable::<_, Inner, Stub>(&mut de).is_err());
    }
}
