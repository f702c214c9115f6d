//! Transport compression: one zlib or zstd context per connection, flushed
//! after every payload so each websocket message decodes to exactly one payload.

use flate2::{Compress, Compression, FlushCompress};
use zstd::stream::raw::{Encoder, Operation};

/// The transport compression a connection asked for.
pub(crate) enum Compressor {
    /// Plain text frames.
    None,
    /// `compress=zlib-stream`.
    Zlib(Box<Compress>),
    /// `compress=zstd-stream`.
    Zstd(Box<Encoder<'static>>),
}

impl std::fmt::Debug for Compressor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::None => "None",
            Self::Zlib(_) => "Zlib",
            Self::Zstd(_) => "Zstd",
        })
    }
}

/// The `compress` query parameter named something else.
#[derive(Debug, thiserror::Error)]
#[error("unsupported compression {0:?}")]
pub(crate) struct UnknownCompression(pub(crate) String);

impl Compressor {
    /// The compressor for a `compress` query value.
    pub(crate) fn from_query(value: Option<&str>) -> Result<Self, UnknownCompression> {
        match value {
            None | Some("") => Ok(Self::None),
            Some("zlib-stream") => Ok(Self::Zlib(Box::new(Compress::new(
                Compression::default(),
                true,
            )))),
            Some("zstd-stream") => Encoder::new(3)
                .map(|e| Self::Zstd(Box::new(e)))
                .map_err(|e| UnknownCompression(e.to_string())),
            Some(other) => Err(UnknownCompression(other.to_owned())),
        }
    }

    /// Whether frames are binary (compressed).
    pub(crate) fn is_binary(&self) -> bool {
        !matches!(self, Self::None)
    }

    /// Compresses one payload into `out` (cleared first), ending on a flush point.
    pub(crate) fn compress(&mut self, input: &[u8], out: &mut Vec<u8>) -> std::io::Result<()> {
        out.clear();
        match self {
            Self::None => {
                out.extend_from_slice(input);
                Ok(())
            }
            Self::Zlib(z) => {
                out.reserve(input.len() / 2 + 64);
                let start_in = z.total_in();
                loop {
                    let consumed = (z.total_in() - start_in) as usize;
                    if out.capacity() - out.len() < 64 {
                        out.reserve(out.capacity().max(256));
                    }
                    z.compress_vec(&input[consumed..], out, FlushCompress::Sync)
                        .map_err(std::io::Error::other)?;
                    let consumed = (z.total_in() - start_in) as usize;
                    if consumed == input.len()
                        && out.ends_with(&[0, 0, 0xFF, 0xFF])
                        && out.len() < out.capacity()
                    {
                        return Ok(());
                    }
                }
            }
            Self::Zstd(e) => {
                let mut buf = [0u8; 16 * 1024];
                let mut pos = 0;
                while pos < input.len() {
                    let st = e.run_on_buffers(&input[pos..], &mut buf)?;
                    pos += st.bytes_read;
                    out.extend_from_slice(&buf[..st.bytes_written]);
                }
                loop {
                    let mut ob = zstd::stream::raw::OutBuffer::around(&mut buf[..]);
                    let remaining = e.flush(&mut ob)?;
                    let n = ob.pos();
                    out.extend_from_slice(&buf[..n]);
                    if remaining == 0 {
                        return Ok(());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Decompress, FlushDecompress};

    #[test]
    fn zlib_messages_end_on_sync_flush_and_share_a_context() {
        let mut c = Compressor::from_query(Some("zlib-stream")).unwrap();
        let mut d = Decompress::new(true);
        let mut out = Vec::new();
        for i in 0..50 {
            let msg = format!(
                "{{\"op\":0,\"d\":{{\"n\":{i},\"pad\":\"{}\"}}}}",
                "x".repeat(i * 100)
            );
            c.compress(msg.as_bytes(), &mut out).unwrap();
            assert!(out.ends_with(&[0, 0, 0xFF, 0xFF]));
            let mut plain = Vec::with_capacity(msg.len() + 64);
            d.decompress_vec(&out, &mut plain, FlushDecompress::Sync)
                .unwrap();
            assert_eq!(plain, msg.as_bytes());
        }
    }

    #[test]
    fn zstd_messages_decode_one_by_one() {
        let mut c = Compressor::from_query(Some("zstd-stream")).unwrap();
        let mut d = zstd::stream::raw::Decoder::new().unwrap();
        let mut out = Vec::new();
        for i in 0..20 {
            let msg = format!("{{\"op\":0,\"d\":{i},\"pad\":\"{}\"}}", "y".repeat(i * 500));
            c.compress(msg.as_bytes(), &mut out).unwrap();
            let mut plain = vec![0u8; msg.len() + 1024];
            let st = d.run_on_buffers(&out, &mut plain).unwrap();
            assert_eq!(st.bytes_read, out.len());
            assert_eq!(&plain[..st.bytes_written], msg.as_bytes());
        }
    }

    #[test]
    fn unknown_compression_is_refused() {
        assert!(Compressor::from_query(Some("gzip")).is_err());
    }
}
