//! Compact CDN image hashes.

use std::{fmt, str::FromStr};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{Error as DeError, Visitor},
};

/// The hash of an image on Discord's CDN (an avatar, icon, banner, …).
///
/// Discord's hashes are 32 lowercase hex digits, prefixed with `a_` when the
/// image is animated. kokoro keeps them in 17 bytes instead of a heap string.
///
/// ```
/// use kokoro_model::util::ImageHash;
///
/// let hash: ImageHash = "a_1269e74af4df7417b13759eae50c83dc".parse().unwrap();
/// assert!(hash.is_animated());
/// assert_eq!(hash.to_string(), "a_1269e74af4df7417b13759eae50c83dc");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageHash {
    bytes: [u8; 16],
    animated: bool,
}

/// Why a string is not an image hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an image hash is 32 hex digits, optionally prefixed with a_")]
pub struct ParseImageHashError;

impl ImageHash {
    /// Builds a hash from its 16 bytes.
    pub const fn new(bytes: [u8; 16], animated: bool) -> Self {
        Self { bytes, animated }
    }

    /// The 16 bytes of the hash.
    pub const fn bytes(&self) -> [u8; 16] {
        self.bytes
    }

    /// Whether the image is animated (a GIF).
    pub const fn is_animated(&self) -> bool {
        self.animated
    }

    /// Parses `[a_]` followed by 32 hex digits.
    pub fn parse(s: &str) -> Result<Self, ParseImageHashError> {
        let (animated, hex) = match s.strip_prefix("a_") {
            Some(rest) => (true, rest.as_bytes()),
            None => (false, s.as_bytes()),
        };
        if hex.len() != 32 {
            return Err(ParseImageHashError);
        }
        let mut bytes = [0u8; 16];
        for (i, pair) in hex.chunks_exact(2).enumerate() {
            bytes[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Ok(Self { bytes, animated })
    }
}

fn nibble(c: u8) -> Result<u8, ParseImageHashError> {
    match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err(ParseImageHashError),
    }
}

impl fmt::Display for ImageHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 34];
        let mut n = 0;
        if self.animated {
            out[..2].copy_from_slice(b"a_");
            n = 2;
        }
        for b in self.bytes {
            out[n] = HEX[usize::from(b >> 4)];
            out[n + 1] = HEX[usize::from(b & 0xF)];
            n += 2;
        }
        // Only ASCII was written.
        f.write_str(std::str::from_utf8(&out[..n]).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for ImageHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImageHash({self})")
    }
}

impl FromStr for ImageHash {
    type Err = ParseImageHashError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for ImageHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ImageHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ImageHash;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an image hash")
            }
            fn visit_str<E: DeError>(self, v: &str) -> Result<ImageHash, E> {
                ImageHash::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects() {
        let s = "8342729096ea3675442027381ff50dfe";
        assert_eq!(ImageHash::parse(s).unwrap().to_string(), s);
        assert!(!ImageHash::parse(s).unwrap().is_animated());
        for bad in [
            "",
            "a_",
            "8342729096ea3675442027381ff50df",
            "zz42729096ea3675442027381ff50dfe",
            "é342729096ea3675442027381ff50df",
        ] {
            assert!(ImageHash::parse(bad).is_err(), "{bad}");
        }
    }
}
