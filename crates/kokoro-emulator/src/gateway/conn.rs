//! One websocket connection: HELLO, reading commands, writing payloads,
//! heartbeat timeout, compression and faults.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use fastwebsockets::{Frame, OpCode as WsOp, Payload, WebSocket, WebSocketWrite};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::io::{BufWriter, WriteHalf};
use tokio::sync::mpsc;

use super::commands::{self, Connection};
use super::compress::Compressor;
use crate::state::{Counters, Outbound, Shared};

type Io = TokioIo<Upgraded>;

/// What the reader task hands the connection loop.
enum Inbound {
    Message(Vec<u8>),
    /// A frame that breaks the websocket protocol (bad UTF-8, too large…).
    Invalid,
    /// The client closed (with this close code, if any) or the socket ended.
    Closed(Option<u16>),
}

/// Reads the query string of the gateway URL.
fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == key).then_some(v)
    })
}

struct Writer {
    ws: WebSocketWrite<BufWriter<WriteHalf<Io>>>,
    compressor: Compressor,
    buf: Vec<u8>,
    corrupt_next: bool,
    shared: Arc<Shared>,
}

impl Writer {
    async fn send(&mut self, payload: &[u8]) -> bool {
        if self.compressor.compress(payload, &mut self.buf).is_err() {
            return false;
        }
        if self.corrupt_next {
            self.corrupt_next = false;
            Counters::bump(&self.shared.counters.corrupted_frames);
            for b in self.buf.iter_mut().take(16) {
                *b ^= 0xA5;
            }
            if !self.compressor.is_binary() {
                self.buf.insert(0, b'#');
            }
        }
        let frame = if self.compressor.is_binary() {
            Frame::binary(Payload::Borrowed(&self.buf))
        } else {
            Frame::text(Payload::Borrowed(&self.buf))
        };
        self.ws.write_frame(frame).await.is_ok()
    }

    /// Writes what is buffered to the socket.
    async fn flush(&mut self) -> bool {
        self.ws.flush().await.is_ok()
    }

    async fn close(&mut self, code: u16, reason: &str) {
        let _ = self
            .ws
            .write_frame(Frame::close(code, reason.as_bytes()))
            .await;
        let _ = self.ws.flush().await;
    }
}

/// Serves one upgraded connection until it ends.
pub(crate) async fn run(shared: Arc<Shared>, ws: WebSocket<Io>, query: &str) {
    Counters::bump(&shared.counters.connections);
    let conn_id = shared.next_conn.fetch_add(1, Ordering::Relaxed) + 1;
    // Writes are buffered and flushed when no more payloads are queued, so a
    // burst of dispatches costs one write to the socket, not one each.
    let (mut read, mut write) = ws.split(|io| {
        let (r, w) = tokio::io::split(io);
        (r, BufWriter::with_capacity(64 * 1024, w))
    });
    write.set_writev(false);
    // Frames past this are refused by the websocket layer (then closed with
    // 4002); payloads between the gateway limit and this get 4002 from us.
    read.set_max_message_size((shared.config.max_gateway_payload * 16).max(64 * 1024));
    let mut read = fastwebsockets::FragmentCollectorRead::new(read);
    let compressor = match Compressor::from_query(query_param(query, "compress")) {
        Ok(c) => c,
        Err(e) => {
            let mut w = Writer {
                ws: write,
                compressor: Compressor::None,
                buf: vec![],
                corrupt_next: false,
                shared,
            };
            w.close(4000, &e.to_string()).await;
            return;
        }
    };
    let mut writer = Writer {
        ws: write,
        compressor,
        buf: Vec::with_capacity(4096),
        corrupt_next: false,
        shared: shared.clone(),
    };
    let version = query_param(query, "v").unwrap_or("10");
    if version != "10" && version != "9" {
        writer.close(4012, "Invalid API version").await;
        return;
    }
    if query_param(query, "encoding").is_some_and(|e| e != "json") {
        writer
            .close(4002, "Only the json encoding is supported")
            .await;
        return;
    }

    let (tx, mut rx) = mpsc::unbounded_channel::<Outbound>();
    shared.lock().conns.insert(conn_id, tx.clone());

    // The reader task: frames in, pongs and close echoes out through `tx`.
    let (in_tx, mut in_rx) = mpsc::channel::<Inbound>(64);
    let max = shared.config.max_gateway_payload;
    let pong_tx = tx.clone();
    let reader = tokio::spawn(async move {
        loop {
            let mut obligated = |f: Frame<'_>| {
                if f.opcode == WsOp::Pong {
                    let _ = pong_tx.send(Outbound::Pong(f.payload.to_vec()));
                }
                std::future::ready(Ok::<(), std::convert::Infallible>(()))
            };
            match read.read_frame(&mut obligated).await {
                Ok(frame) => match frame.opcode {
                    WsOp::Text | WsOp::Binary
                        if in_tx
                            .send(Inbound::Message(frame.payload.to_vec()))
                            .await
                            .is_err() =>
                    {
                        return;
                    }
                    WsOp::Close => {
                        let p = &frame.payload;
                        let code = (p.len() >= 2).then(|| u16::from_be_bytes([p[0], p[1]]));
                        let _ = in_tx.send(Inbound::Closed(code)).await;
                        return;
                    }
                    _ => {}
                },
                Err(e) => {
                    use fastwebsockets::WebSocketError as E;
                    let gone = matches!(e, E::IoError(_) | E::UnexpectedEOF | E::ConnectionClosed);
                    let _ = in_tx
                        .send(if gone {
                            Inbound::Closed(None)
                        } else {
                            Inbound::Invalid
                        })
                        .await;
                    return;
                }
            }
        }
    });

    let interval = shared.config.heartbeat_interval;
    let mut conn = Connection::new(shared.clone(), conn_id, tx.clone());
    let hello = super::op(
        10,
        &format!("{{\"heartbeat_interval\":{}}}", interval.as_millis()),
    );
    let mut alive = writer.send(&hello).await;
    let timeout = interval + shared.config.heartbeat_grace;
    let mut deadline = tokio::time::Instant::now() + timeout;
    let mut commands_at: VecDeque<Instant> = VecDeque::new();
    let limit = shared.config.gateway_command_limit;

    let mut closed_with: Option<u16> = None;
    while alive {
        if rx.is_empty() && !writer.flush().await {
            break;
        }
        tokio::select! {
            biased;
            out = rx.recv() => {
                let Some(out) = out else { break };
                match out {
                    Outbound::Payload(p) => alive = writer.send(&p).await,
                    Outbound::Close(code, reason) => {
                        Counters::bump(&shared.counters.closes);
                        writer.close(code, &reason).await;
                        closed_with = Some(code);
                        break;
                    }
                    Outbound::Drop => {
                        Counters::bump(&shared.counters.dropped);
                        closed_with = Some(0);
                        break;
                    }
                    Outbound::CorruptNext => writer.corrupt_next = true,
                    Outbound::Pong(p) => {
                        alive = writer.ws.write_frame(Frame::pong(Payload::Owned(p))).await.is_ok();
                    }
                }
            }
            msg = in_rx.recv() => {
                let raw = match msg {
                    Some(Inbound::Message(raw)) => raw,
                    Some(Inbound::Invalid) => {
                        Counters::bump(&shared.counters.closes);
                        writer.close(4002, "Error while decoding payload.").await;
                        closed_with = Some(4002);
                        break;
                    }
                    Some(Inbound::Closed(code)) => {
                        // A client closing with 1000 or 1001 ends its session.
                        closed_with = code.filter(|c| matches!(c, 1000 | 1001));
                        break;
                    }
                    None => break,
                };
                let now = Instant::now();
                while commands_at.front().is_some_and(|t| now.duration_since(*t) >= limit.window) {
                    commands_at.pop_front();
                }
                commands_at.push_back(now);
                let action = if commands_at.len() > limit.limit as usize {
                    Err((4008, "You are being rate limited."))
                } else if raw.len() > max {
                    Err((4002, "Payload too large"))
                } else {
                    conn.handle(&raw)
                };
                match action {
                    Ok(commands::Reply::None) => {}
                    Ok(commands::Reply::Beat) => {
                        deadline = tokio::time::Instant::now() + timeout;
                        if shared.ack_heartbeats.load(Ordering::Relaxed) {
                            Counters::bump(&shared.counters.heartbeat_acks);
                            alive = writer.send(&super::op(11, "null")).await;
                        }
                    }
                    Ok(commands::Reply::Send(p)) => alive = writer.send(&p).await,
                    Err((code, reason)) => {
                        Counters::bump(&shared.counters.closes);
                        writer.close(code, reason).await;
                        closed_with = Some(code);
                        break;
                    }
                }
            }
            () = tokio::time::sleep_until(deadline) => {
                Counters::bump(&shared.counters.closes);
                writer.close(4009, "Session timed out").await;
                closed_with = Some(4009);
                break;
            }
        }
    }
    reader.abort();
    conn.disconnected(closed_with);
    shared.lock().conns.remove(&conn_id);
}
