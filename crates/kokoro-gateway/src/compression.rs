//! Transport compression: turning websocket messages back into JSON payloads.
//!
//! Discord compresses a whole connection as one stream (`compress=zlib-stream`
//! or `compress=zstd-stream`), so each connection owns one [`Inflater`] whose
//! context lives as long as the connection. The output buffer is reused from
//! message to message: in steady state inflating allocates nothing.
//!
//! ```
//! use kokoro_gateway::compression::{Compression, Inflater};
//!
//! let mut inflater = Inflater::new(Compression::None, 4096);
//! let payload = inflater.inflate(br#"{"op":11}"#).unwrap().unwrap();
//! assert_eq!(payload, br#"{"op":11}"#);
//! ```

use std::fmt;

/// The transport compression of a connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Compression {
    /// Plain text frames.
    None,
    /// `compress=zlib-stream`: one zlib stream, messages end in `00 00 FF FF`.
    #[default]
    ZlibStream,
    /// `compress=zstd-stream`: one zstd stream, each message flushed.
    #[cfg(feature = "zstd")]
    ZstdStream,
}

impl Compression {
    /// The value of the `compress` query parameter, if any.
    pub const fn query_value(self) -> Option<&'static str> {
        match self {
            Self::None => None,
            Self::ZlibStream => Some("zlib-stream"),
            #[cfg(feature = "zstd")]
            Self::ZstdStream => Some("zstd-stream"),
        }
    }
}

/// Why a message could not be inflated. The stream is unusable afterwards:
/// the connection must be dropped and a new one made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CompressionError {
    /// The zlib stream is corrupt.
    #[error("corrupt zlib-stream data: {0}")]
    Zlib(String),
    /// The zstd stream is corrupt.
    #[error("corrupt zstd-stream data: {0}")]
    Zstd(String),
    /// A payload (or the compressed data buffered for one) grew past the limit.
    #[error("a payload is larger than the {max} byte limit")]
    TooLarge {
        /// The configured limit.
        max: usize,
    },
    /// The message ended before a whole payload was decoded.
    #[error("a message ended inside a payload")]
    Truncated,
    /// The decompression context could not be created.
    #[error("could not create a decompression context: {0}")]
    Init(String),
}

/// The four bytes that end every zlib-stream message (a `Z_SYNC_FLUSH` marker).
pub const ZLIB_SUFFIX: [u8; 4] = [0x00, 0x00, 0xff, 0xff];

/// The initial size of the output buffer.
const INITIAL_OUT: usize = 32 * 1024;
/// The largest buffer kept from one message to the next.
const RETAIN_MAX: usize = 1 << 20;

/// Decompresses the messages of one connection into payloads.
pub struct Inflater {
    codec: Codec,
    /// Compressed bytes of a zlib payload split over several messages.
    pending: Vec<u8>,
    /// The last payload, reused for the next.
    out: Vec<u8>,
    max_payload: usize,
}

enum Codec {
    None,
    Zlib(Box<flate2::Decompress>),
    #[cfg(feature = "zstd")]
    Zstd(Box<zstd::stream::raw::Decoder<'static>>),
    /// A context that could not be created; every message fails.
    Broken(String),
}

impl fmt::Debug for Inflater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codec = match &self.codec {
            Codec::None => "none",
            Codec::Zlib(_) => "zlib-stream",
            #[cfg(feature = "zstd")]
            Codec::Zstd(_) => "zstd-stream",
            Codec::Broken(_) => "broken",
        };
        f.debug_struct("Inflater")
            .field("codec", &codec)
            .field("buffer_capacity", &self.out.capacity())
            .field("max_payload", &self.max_payload)
            .finish()
    }
}

impl Inflater {
    /// A fresh context for one connection; payloads over `max_payload` bytes are errors.
    pub fn new(compression: Compression, max_payload: usize) -> Self {
        let codec = match compression {
            Compression::None => Codec::None,
            Compression::ZlibStream => Codec::Zlib(Box::new(flate2::Decompress::new(true))),
            #[cfg(feature = "zstd")]
            Compression::ZstdStream => match zstd::stream::raw::Decoder::new() {
                Ok(d) => Codec::Zstd(Box::new(d)),
                Err(e) => Codec::Broken(e.to_string()),
            },
        };
        Self {
            codec,
            pending: Vec::new(),
            out: Vec::with_capacity(INITIAL_OUT.min(max_payload.saturating_add(1))),
            max_payload,
        }
    }

    /// The largest payload accepted.
    pub fn max_payload(&self) -> usize {
        self.max_payload
    }

    /// The capacity of the reused output buffer, in bytes.
    pub fn buffer_capacity(&self) -> usize {
        self.out.capacity() + self.pending.capacity()
    }

    /// Inflates one websocket message.
    ///
    /// Returns the payload, or `None` when a zlib payload continues in the next
    /// message. The slice is mutable so that it can be decoded in place.
    pub fn inflate(&mut self, message: &[u8]) -> Result<Option<&mut [u8]>, CompressionError> {
        self.out.clear();
        if self.out.capacity() > RETAIN_MAX {
            // One huge payload (a big GUILD_CREATE) must not pin its buffer forever.
            self.out = Vec::with_capacity(INITIAL_OUT);
        }
        if self.pending.is_empty() && self.pending.capacity() > RETAIN_MAX {
            self.pending = Vec::new();
        }
        match &mut self.codec {
            Codec::None => {
                if message.len() > self.max_payload {
                    return Err(CompressionError::TooLarge {
                        max: self.max_payload,
                    });
                }
                self.out.extend_from_slice(message);
            }
            Codec::Zlib(ctx) => {
                if !message.ends_with(&ZLIB_SUFFIX) {
                    if self.pending.len() + message.len() > self.max_payload {
                        self.pending.clear();
                        return Err(CompressionError::TooLarge {
                            max: self.max_payload,
                        });
                    }
                    self.pending.extend_from_slice(message);
                    return Ok(None);
                }
                let input: &[u8] = if self.pending.is_empty() {
                    message
                } else {
                    if self.pending.len() + message.len() > self.max_payload {
                        self.pending.clear();
                        return Err(CompressionError::TooLarge {
                            max: self.max_payload,
                        });
                    }
                    self.pending.extend_from_slice(message);
                    &self.pending
                };
                let result = inflate_zlib(ctx, input, &mut self.out, self.max_payload);
                self.pending.clear();
                result?;
            }
            #[cfg(feature = "zstd")]
            Codec::Zstd(ctx) => inflate_zstd(ctx, message, &mut self.out, self.max_payload)?,
            Codec::Broken(reason) => return Err(CompressionError::Init(reason.clone())),
        }
        Ok(Some(&mut self.out[..]))
    }
}

/// Makes room in `out` for more output, never past `max + 1` bytes in all.
fn grow(out: &mut Vec<u8>, max: usize) -> Result<(), CompressionError> {
    if out.len() > max {
        return Err(CompressionError::TooLarge { max });
    }
    if out.capacity() == out.len() {
        let want = (out.capacity().max(INITIAL_OUT) * 2).min(max.saturating_add(1));
        if want <= out.len() {
            return Err(CompressionError::TooLarge { max });
        }
        out.reserve_exact(want - out.len());
    }
    Ok(())
}

fn inflate_zlib(
    ctx: &mut flate2::Decompress,
    input: &[u8],
    out: &mut Vec<u8>,
    max: usize,
) -> Result<(), CompressionError> {
    let mut consumed = 0usize;
    loop {
        grow(out, max)?;
        let (before_in, before_out) = (ctx.total_in(), ctx.total_out());
        let status = ctx
            .decompress_vec(&input[consumed..], out, flate2::FlushDecompress::Sync)
            .map_err(|e| CompressionError::Zlib(e.to_string()))?;
        let read = usize::try_from(ctx.total_in() - before_in).unwrap_or(usize::MAX);
        let wrote = ctx.total_out() - before_out;
        consumed = consumed.saturating_add(read).min(input.len());
        if out.len() > max {
            return Err(CompressionError::TooLarge { max });
        }
        if status == flate2::Status::StreamEnd {
            // Discord never ends the stream; whatever follows cannot be read.
            return if consumed == input.len() {
                Ok(())
            } else {
                Err(CompressionError::Zlib(
                    "data after the end of the stream".into(),
                ))
            };
        }
        let room_left = out.len() < out.capacity();
        if consumed == input.len() && room_left {
            return Ok(());
        }
        if read == 0 && wrote == 0 && room_left {
            // No progress with input and room: the data ends inside a block.
            return Err(CompressionError::Truncated);
        }
    }
}

#[cfg(feature = "zstd")]
fn inflate_zstd(
    ctx: &mut zstd::stream::raw::Decoder<'static>,
    message: &[u8],
    out: &mut Vec<u8>,
    max: usize,
) -> Result<(), CompressionError> {
    use zstd::stream::raw::{InBuffer, Operation, OutBuffer};

    let mut input = InBuffer::around(message);
    loop {
        grow(out, max)?;
        let before = (input.pos(), out.len());
        {
            let pos = out.len();
            let mut output = OutBuffer::around_pos(out, pos);
            ctx.run(&mut input, &mut output)
                .map_err(|e| CompressionError::Zstd(e.to_string()))?;
        }
        if out.len() > max {
            return Err(CompressionError::TooLarge { max });
        }
        let room_left = out.len() < out.capacity();
        if input.pos() == message.len() && room_left {
            return Ok(());
        }
        if before == (input.pos(), out.len()) && room_left {
            return Err(CompressionError::Truncated);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_corpus::{Corpus, frames};

    fn check_codec(compression: Compression, file: &str) {
        let Some(corpus) = Corpus::find() else { return };
        let Some(data) = corpus.read(file) else {
            eprintln!("skipping: {file} is not in the corpus");
            return;
        };
        let lines = corpus.lines();
        let mut inflater = Inflater::new(compression, 64 << 20);
        let mut n = 0;
        for (i, frame) in frames(&data).enumerate() {
            let payload = inflater
                .inflate(frame)
                .unwrap_or_else(|e| panic!("frame {i}: {e}"))
                .unwrap_or_else(|| panic!("frame {i} did not end a payload"));
            assert!(
                payload == lines[i].as_bytes(),
                "frame {i} differs from line {i}"
            );
            n += 1;
        }
        assert_eq!(n, lines.len());
    }

    #[test]
    fn zlib_corpus_inflates_line_by_line() {
        check_codec(Compression::ZlibStream, "events.zlib");
    }

    #[cfg(feature = "zstd")]
    #[test]
    fn zstd_corpus_inflates_line_by_line() {
        check_codec(Compression::ZstdStream, "events.zst");
    }

    fn zlib_messages(payloads: &[&[u8]]) -> Vec<Vec<u8>> {
        let mut c = flate2::Compress::new(flate2::Compression::default(), true);
        payloads
            .iter()
            .map(|p| {
                let mut out = Vec::with_capacity(p.len() + 64);
                c.compress_vec(p, &mut out, flate2::FlushCompress::Sync)
                    .unwrap();
                assert!(out.ends_with(&ZLIB_SUFFIX));
                out
            })
            .collect()
    }

    #[test]
    fn zlib_payload_split_over_messages() {
        let msgs = zlib_messages(&[
            br#"{"op":10,"d":{"heartbeat_interval":41250}}"#,
            br#"{"op":11}"#,
        ]);
        let mut inf = Inflater::new(Compression::ZlibStream, 1024);
        assert_eq!(
            inf.inflate(&msgs[0]).unwrap().unwrap(),
            br#"{"op":10,"d":{"heartbeat_interval":41250}}"#
        );
        let (a, b) = msgs[1].split_at(3);
        assert!(inf.inflate(a).unwrap().is_none());
        assert_eq!(inf.inflate(b).unwrap().unwrap(), br#"{"op":11}"#);
    }

    #[test]
    fn zlib_corrupt_and_oversized_are_errors() {
        let big = vec![b'a'; 10_000];
        let msgs = zlib_messages(&[&big]);
        let mut inf = Inflater::new(Compression::ZlibStream, 5_000);
        assert!(matches!(
            inf.inflate(&msgs[0]),
            Err(CompressionError::TooLarge { max: 5_000 })
        ));

        let mut inf = Inflater::new(Compression::ZlibStream, 1 << 20);
        let mut bad = vec![0x78, 0x9c, 0xff, 0xff, 0xff, 0x13];
        bad.extend_from_slice(&ZLIB_SUFFIX);
        assert!(inf.inflate(&bad).is_err());

        // Garbage that is not even a zlib header.
        let mut inf = Inflater::new(Compression::ZlibStream, 1 << 20);
        assert!(inf.inflate(&[1, 2, 3, 4, 0, 0, 0xff, 0xff]).is_err());

        // Compressed data buffered without end is bounded too.
        let mut inf = Inflater::new(Compression::ZlibStream, 16);
        assert!(inf.inflate(&[1; 10]).unwrap().is_none());
        assert!(matches!(
            inf.inflate(&[1; 10]),
            Err(CompressionError::TooLarge { .. })
        ));
    }

    #[test]
    fn zlib_truncated_message_is_an_error() {
        let payload = br#"{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"content":"hello hello hello"}}"#;
        let msgs = zlib_messages(&[payload]);
        let m = &msgs[0];
        // Cut in the middle, then put the flush marker back on: corrupt or short.
        let mut cut = m[..m.len() / 2].to_vec();
        cut.extend_from_slice(&ZLIB_SUFFIX);
        let mut inf = Inflater::new(Compression::ZlibStream, 1 << 20);
        match inf.inflate(&cut) {
            Err(_) => {}
            Ok(Some(p)) => assert_ne!(p, payload),
            Ok(None) => panic!("the suffix ends a message"),
        }
    }

    #[test]
    fn zlib_corpus_frames_corrupted_do_not_panic() {
        let Some(corpus) = Corpus::find() else { return };
        let Some(data) = corpus.read("events.zlib") else {
            return;
        };
        let all: Vec<&[u8]> = frames(&data).take(50).collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for round in 0..40 {
            let mut inf = Inflater::new(Compression::ZlibStream, 8 << 20);
            let mut errored = false;
            for (i, frame) in all.iter().enumerate() {
                let mut f = frame.to_vec();
                if i == round % all.len() && f.len() > 8 {
                    let at = rng.usize(2..f.len() - 4);
                    f[at] ^= 0x5a;
                    f[at + 1] = f[at + 1].wrapping_add(1);
                }
                if inf.inflate(&f).is_err() {
                    errored = true;
                    break;
                }
            }
            let _ = errored;
        }
    }

    #[cfg(feature = "zstd")]
    #[test]
    fn zstd_corrupt_truncated_and_oversized() {
        let mut enc = zstd::stream::raw::Encoder::new(3).unwrap();
        let mut msg = |p: &[u8]| {
            use zstd::stream::raw::{InBuffer, Operation, OutBuffer};
            let mut out = vec![0u8; p.len() + 1024];
            let mut input = InBuffer::around(p);
            let mut output = OutBuffer::around(&mut out[..]);
            enc.run(&mut input, &mut output).unwrap();
            enc.flush(&mut output).unwrap();
            let n = output.pos();
            out.truncate(n);
            out
        };
        let a = msg(br#"{"op":10,"d":{"heartbeat_interval":41250}}"#);
        let big = msg(&vec![b'x'; 50_000]);
        let mut inf = Inflater::new(Compression::ZstdStream, 10_000);
        assert_eq!(
            inf.inflate(&a).unwrap().unwrap(),
            br#"{"op":10,"d":{"heartbeat_interval":41250}}"#
        );
        assert!(matches!(
            inf.inflate(&big),
            Err(CompressionError::TooLarge { .. })
        ));

        let mut inf = Inflater::new(Compression::ZstdStream, 1 << 20);
        assert!(inf.inflate(b"definitely not zstd").is_err());

        let mut inf = Inflater::new(Compression::ZstdStream, 1 << 20);
        let mut corrupt = a.clone();
        let n = corrupt.len();
        corrupt[n / 2] ^= 0xff;
        corrupt[n - 2] ^= 0xff;
        match inf.inflate(&corrupt) {
            Err(_) => {}
            Ok(p) => assert_ne!(p.unwrap(), br#"{"op":10,"d":{"heartbeat_interval":41250}}"#),
        }
        let mut inf = Inflater::new(Compression::ZstdStream, 1 << 20);
        // A truncated message yields a partial payload or an error, never a panic.
        let _ = inf.inflate(&a[..a.len() / 2]);
    }

    #[test]
    fn buffer_is_reused() {
        let payloads: Vec<Vec<u8>> = (0..20)
            .map(|i| format!(r#"{{"op":0,"s":{i}}}"#).into_bytes())
            .collect();
        let refs: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
        let msgs = zlib_messages(&refs);
        let mut inf = Inflater::new(Compression::ZlibStream, 1 << 20);
        inf.inflate(&msgs[0]).unwrap();
        let cap = inf.buffer_capacity();
        for m in &msgs[1..] {
            inf.inflate(m).unwrap().unwrap();
        }
        assert_eq!(inf.buffer_capacity(), cap);
    }
}
