//! The nonce of a message: an integer or a string.

use std::fmt;

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{Error as DeError, Visitor},
};

/// A value used to confirm a message was sent; Discord accepts and echoes an
/// integer or a string (up to 25 characters).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Nonce {
    /// An integer nonce.
    Integer(i64),
    /// A string nonce.
    String(String),
}

impl Nonce {
    /// The most characters of a nonce.
    pub const MAX_CHARS: usize = 25;

    /// How many characters the nonce has on the wire.
    pub fn len(&self) -> usize {
        match self {
            Self::Integer(n) => n.to_string().len(),
            Self::String(s) => s.chars().count(),
        }
    }

    /// Whether the nonce is an empty string.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::String(s) if s.is_empty())
    }
}

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(n) => fmt::Display::fmt(n, f),
            Self::String(s) => f.write_str(s),
        }
    }
}

impl From<i64> for Nonce {
    fn from(n: i64) -> Self {
        Self::Integer(n)
    }
}

impl From<String> for Nonce {
    fn from(s: String) -> Self {
        Self::String(s)
    }
}

impl From<&str> for Nonce {
    fn from(s: &str) -> Self {
        Self::String(s.to_owned())
    }
}

impl Serialize for Nonce {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Integer(n) => serializer.serialize_i64(*n),
            Self::String(s) => serializer.serialize_str(s),
        }
    }
}

struct NonceVisitor;

impl Visitor<'_> for NonceVisitor {
    type Value = Nonce;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a nonce as an integer or a string")
    }

    fn visit_i64<E: DeError>(self, v: i64) -> Result<Nonce, E> {
        Ok(Nonce::Integer(v))
    }

    fn visit_u64<E: DeError>(self, v: u64) -> Result<Nonce, E> {
        match i64::try_from(v) {
            Ok(n) => Ok(Nonce::Integer(n)),
            Err(_) => Ok(Nonce::String(v.to_string())),
        }
    }

    fn visit_str<E: DeError>(self, v: &str) -> Result<Nonce, E> {
        Ok(Nonce::String(v.to_owned()))
    }

    fn visit_string<E: DeError>(self, v: String) -> Result<Nonce, E> {
        Ok(Nonce::String(v))
    }
}

impl<'de> Deserialize<'de> for Nonce {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NonceVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_and_string() {
        for raw in ["1234567890", "\"abc\"", "-5"] {
            let n: Nonce = serde_json::from_str(raw).unwrap();
            assert_eq!(serde_json::to_string(&n).unwrap(), raw);
            let mut bytes = raw.as_bytes().to_vec();
            let m: Nonce = simd_json::serde::from_slice(&mut bytes).unwrap();
            assert_eq!(n, m);
        }
    }
}
