//! Reading `op`, `s` and `t` of a gateway payload without decoding `d`.

use super::OpCode;

/// The envelope of a gateway payload: its opcode, sequence and event name.
///
/// [`PayloadHeader::peek`] finds them by scanning the top-level keys only, so
/// a consumer can decide whether a payload is worth decoding at all.
///
/// ```
/// use kokoro_model::gateway::{OpCode, PayloadHeader};
///
/// let raw = br#"{"t":"MESSAGE_CREATE","s":42,"op":0,"d":{"content":"hi"}}"#;
/// let header = PayloadHeader::peek(raw).unwrap();
/// assert_eq!(header.op, OpCode::Dispatch);
/// assert_eq!(header.sequence, Some(42));
/// assert_eq!(header.event_name(raw), Some("MESSAGE_CREATE"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayloadHeader {
    /// The opcode.
    pub op: OpCode,
    /// The sequence number of a dispatch.
    pub sequence: Option<u64>,
    /// Where the event name lies in the payload (byte range, without quotes).
    event_name: Option<(u32, u32)>,
}

/// Why a payload's header could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeekError {
    /// The payload is not a JSON object.
    #[error("a gateway payload is a JSON object")]
    NotAnObject,
    /// The JSON ended early or is malformed at byte `at`.
    #[error("malformed JSON at byte {at}")]
    Malformed {
        /// The offset of the problem.
        at: usize,
    },
    /// The payload has no `op`, or it is not a small integer.
    #[error("the payload has no valid op field")]
    MissingOp,
    /// `s` is neither null nor an unsigned integer.
    #[error("the payload's s field is not a sequence number")]
    InvalidSequence,
    /// `t` is neither null nor a plain string.
    #[error("the payload's t field is not an event name")]
    InvalidEventName,
}

impl PayloadHeader {
    /// Reads `op`, `s` and `t`, skipping `d` and anything else.
    ///
    /// Discord sends `t`, `s` and `op` before `d`, so this usually stops after
    /// a few dozen bytes; when `d` comes first it is skipped without decoding.
    pub fn peek(raw: &[u8]) -> Result<Self, PeekError> {
        let mut p = Scanner { raw, pos: 0 };
        p.ws();
        if !p.eat(b'{') {
            return Err(PeekError::NotAnObject);
        }
        let mut op = None;
        let mut sequence = None;
        let mut event_name = None;
        let (mut seen_s, mut seen_t) = (false, false);
        loop {
            p.ws();
            if p.eat(b'}') {
                break;
            }
            let key = p.string()?;
            p.ws();
            if !p.eat(b':') {
                return Err(p.malformed());
            }
            p.ws();
            match &raw[key.0..key.1] {
                b"op" => {
                    let n = p.uint()?.ok_or(PeekError::MissingOp)?;
                    op = Some(OpCode::from(
                        u8::try_from(n).map_err(|_| PeekError::MissingOp)?,
                    ));
                }
                b"s" => {
                    sequence = p.uint().map_err(|_| PeekError::InvalidSequence)?;
                    seen_s = true;
                }
                b"t" => {
                    if p.null() {
                        event_name = None;
                    } else {
                        let (start, end) = p.string().map_err(|_| PeekError::InvalidEventName)?;
                        if raw[start..end].contains(&b'\\') {
                            return Err(PeekError::InvalidEventName);
                        }
                        let start =
                            u32::try_from(start).map_err(|_| PeekError::InvalidEventName)?;
                        let end = u32::try_from(end).map_err(|_| PeekError::InvalidEventName)?;
                        event_name = Some((start, end));
                    }
                    seen_t = true;
                }
                _ => p.skip_value()?,
            }
            if op.is_some() && seen_s && seen_t {
                break;
            }
            p.ws();
            if p.eat(b',') {
                continue;
            }
            if p.eat(b'}') {
                break;
            }
            return Err(p.malformed());
        }
        Ok(Self {
            op: op.ok_or(PeekError::MissingOp)?,
            sequence,
            event_name,
        })
    }

    /// The event name (`t`) of a dispatch, borrowed from the payload `peek` read.
    pub fn event_name<'a>(&self, raw: &'a [u8]) -> Option<&'a str> {
        let (start, end) = self.event_name?;
        let bytes = raw.get(start as usize..end as usize)?;
        std::str::from_utf8(bytes).ok()
    }
}

struct Scanner<'a> {
    raw: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn malformed(&self) -> PeekError {
        PeekError::Malformed { at: self.pos }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.raw.get(self.pos) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.raw.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn null(&mut self) -> bool {
        if self.raw[self.pos..].starts_with(b"null") {
            self.pos += 4;
            true
        } else {
            false
        }
    }

    /// A string's contents as a byte range (escapes left as they are).
    fn string(&mut self) -> Result<(usize, usize), PeekError> {
        if !self.eat(b'"') {
            return Err(self.malformed());
        }
        let start = self.pos;
        loop {
            match self.raw.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((start, self.pos - 1));
                }
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
                None => return Err(self.malformed()),
            }
        }
    }

    /// `null` or an unsigned integer.
    fn uint(&mut self) -> Result<Option<u64>, PeekError> {
        if self.null() {
            return Ok(None);
        }
        let start = self.pos;
        let mut n: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.raw.get(self.pos) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(c - b'0')))
                .ok_or(PeekError::Malformed { at: self.pos })?;
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.malformed());
        }
        Ok(Some(n))
    }

    /// Skips one JSON value of any kind, tracking nesting without recursion.
    fn skip_value(&mut self) -> Result<(), PeekError> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.raw.get(self.pos) {
                None => return Err(self.malformed()),
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                Some(b'}' | b']') => {
                    if depth == 0 {
                        return Err(self.malformed());
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                Some(_) => {
                    // A scalar: number, true, false, null.
                    let start = self.pos;
                    while let Some(c) = self.raw.get(self.pos) {
                        if matches!(c, b',' | b'}' | b']' | b':' | b' ' | b'\n' | b'\r' | b'\t') {
                            break;
                        }
                        self.pos += 1;
                    }
                    if self.pos == start {
                        return Err(self.malformed());
                    }
                }
            }
            if depth == 0 {
                return Ok(());
            }
            // Inside a container: separators between members.
            self.ws();
            match self.raw.get(self.pos) {
                Some(b',' | b':') => self.pos += 1,
                Some(b'}' | b']') => {}
                _ => return Err(self.malformed()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_in_any_key_order() {
        let raw = br#"{"d":{"a":[1,{"b":"}\"]"}],"c":null},"op":0,"s":7,"t":"READY"}"#;
        let h = PayloadHeader::peek(raw).unwrap();
        assert_eq!(h.op, OpCode::Dispatch);
        assert_eq!(h.sequence, Some(7));
        assert_eq!(h.event_name(raw), Some("READY"));
    }

    #[test]
    fn reads_non_dispatch_payloads() {
        let raw = br#"{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}"#;
        let h = PayloadHeader::peek(raw).unwrap();
        assert_eq!(h.op, OpCode::Hello);
        assert_eq!(h.sequence, None);
        assert_eq!(h.event_name(raw), None);
        let h = PayloadHeader::peek(br#"{"op":11}"#).unwrap();
        assert_eq!(h.op, OpCode::HeartbeatAck);
    }

    #[test]
    fn hostile_input_is_an_error_not_a_panic() {
        for bad in [
            &b""[..],
            b"[]",
            b"{",
            b"{\"op\"",
            b"{\"op\":",
            b"{\"op\":x}",
            b"{\"op\":99999}",
            b"{\"s\":-1,\"op\":0}",
            b"{\"t\":5,\"op\":0}",
            b"{\"d\":{\"a\":]}",
            b"{\"d\":\"\\",
            b"{\"op\":0",
            b"{}",
            b"{\"s\":18446744073709551616,\"op\":0}",
        ] {
            assert!(
                PayloadHeader::peek(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
