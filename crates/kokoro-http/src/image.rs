//! Images and sounds sent inside JSON bodies, as data URIs.
//!
//! Discord takes avatars, icons, banners, emojis and soundboard sounds as
//! `data:<mime>;base64,<data>` strings in the JSON body (stickers and attachments are
//! multipart files instead: see [`Attachment`](crate::Attachment)).

use std::fmt;

use serde::{Serialize, Serializer};

/// An image or sound for a JSON field that takes a data URI.
///
/// ```
/// use kokoro_http::ImageData;
///
/// let png = ImageData::from_bytes(b"\x89PNG\r\n\x1a\n....").unwrap();
/// assert_eq!(png.mime(), "image/png");
/// assert!(png.as_str().starts_with("data:image/png;base64,iVBORw0KGgo"));
/// assert_eq!(png.byte_len(), 12);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ImageData {
    uri: String,
    mime_len: usize,
    byte_len: usize,
}

impl ImageData {
    /// Encodes `bytes` with the given MIME type (`image/png`, `audio/ogg`, …).
    pub fn new(mime: &str, bytes: &[u8]) -> Self {
        let prefix = "data:".len();
        let mut uri = String::with_capacity(prefix + mime.len() + 8 + bytes.len().div_ceil(3) * 4);
        uri.push_str("data:");
        uri.push_str(mime);
        uri.push_str(";base64,");
        encode_base64(bytes, &mut uri);
        Self {
            uri,
            mime_len: mime.len(),
            byte_len: bytes.len(),
        }
    }

    /// Encodes `bytes`, recognising PNG, JPEG, GIF, WebP, AVIF, MP3 and Ogg by their
    /// first bytes; `None` for anything else (use [`new`](Self::new) with its type).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        sniff(bytes).map(|mime| Self::new(mime, bytes))
    }

    /// The whole data URI.
    pub fn as_str(&self) -> &str {
        &self.uri
    }

    /// The MIME type.
    pub fn mime(&self) -> &str {
        &self.uri["data:".len().."data:".len() + self.mime_len]
    }

    /// The size of the encoded file in bytes (what Discord's size limits count).
    pub fn byte_len(&self) -> usize {
        self.byte_len
    }
}

impl fmt::Debug for ImageData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The data itself is noise in logs.
        f.debug_struct("ImageData")
            .field("mime", &self.mime())
            .field("byte_len", &self.byte_len)
            .finish()
    }
}

impl Serialize for ImageData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.uri)
    }
}

fn sniff(bytes: &[u8]) -> Option<&'static str> {
    Some(match bytes {
        [0x89, b'P', b'N', b'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [b'G', b'I', b'F', b'8', ..] => "image/gif",
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => "image/webp",
        [
            _,
            _,
            _,
            _,
            b'f',
            b't',
            b'y',
            b'p',
            b'a',
            b'v',
            b'i',
            b'f',
            ..,
        ] => "image/avif",
        [b'I', b'D', b'3', ..] | [0xFF, 0xFB | 0xF3 | 0xF2, ..] => "audio/mpeg",
        [b'O', b'g', b'g', b'S', ..] => "audio/ogg",
        _ => return None,
    })
}

fn encode_base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let char_at = |n: u32| char::from(ALPHABET[(n & 63) as usize]);
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        out.extend([
            char_at(n >> 18),
            char_at(n >> 12),
            char_at(n >> 6),
            char_at(n),
        ]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend([char_at(n >> 18), char_at(n >> 12), '=', '=']);
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend([char_at(n >> 18), char_at(n >> 12), char_at(n >> 6), '=']);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(bytes: &[u8]) -> String {
        let mut s = String::new();
        encode_base64(bytes, &mut s);
        s
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            assert_eq!(b64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(b64(&[0xFF, 0xEF, 0xBE]), "/+++");
    }

    #[test]
    fn types_are_sniffed_and_unknown_bytes_refused() {
        assert_eq!(
            ImageData::from_bytes(b"GIF89a").unwrap().mime(),
            "image/gif"
        );
        assert_eq!(
            ImageData::from_bytes(b"\xFF\xD8\xFF\xE0").unwrap().mime(),
            "image/jpeg"
        );
        assert_eq!(
            ImageData::from_bytes(b"RIFF\0\0\0\0WEBPVP8 ")
                .unwrap()
                .mime(),
            "image/webp"
        );
        assert_eq!(
            ImageData::from_bytes(b"OggS\0").unwrap().mime(),
            "audio/ogg"
        );
        assert!(ImageData::from_bytes(b"hello").is_none());
        let img = ImageData::new("image/png", b"foobar");
        assert_eq!(img.as_str(), "data:image/png;base64,Zm9vYmFy");
        assert_eq!(
            serde_json::to_string(&img).unwrap(),
            "\"data:image/png;base64,Zm9vYmFy\""
        );
        assert!(!format!("{img:?}").contains("Zm9v"));
    }
}
