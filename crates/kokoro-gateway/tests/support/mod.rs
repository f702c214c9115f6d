//! A small scripted gateway on loopback for the shard's tests: sessions with
//! an event log (so RESUME replays), faults on command, and every transport
//! compression.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::{
    collections::HashMap,
    convert::Infallible,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use bytes::Bytes;
use fastwebsockets::{Frame, OpCode, Payload, WebSocket, upgrade};
use http_body_util::Empty;
use hyper::{Request, Response, body::Incoming, server::conn::http1, service::service_fn};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::{net::TcpListener, sync::mpsc, time::Instant};

/// What the test makes the gateway do on the live connection.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Drop the TCP connection without a close frame.
    Drop,
    /// Send op 7 RECONNECT.
    Reconnect,
    /// Send op 9 INVALID_SESSION with this `d`.
    InvalidSession(bool),
    /// Close with this code.
    Close(u16),
    /// Send a corrupt compressed frame.
    Corrupt,
    /// Stop answering heartbeats (until the next connection).
    StopAcks,
}

enum Ctl {
    Emit(Vec<(u64, String)>),
    Fault(Fault),
}

#[derive(Default)]
struct SessionLog {
    events: Vec<(u64, String)>,
}

#[derive(Default)]
pub struct State {
    sessions: HashMap<String, SessionLog>,
    current: Option<String>,
    next_session: u32,
    next_event: u64,
    live: Option<mpsc::UnboundedSender<Ctl>>,
    pub identifies: Vec<(Instant, u32, Value)>,
    pub resumes: Vec<(String, u64)>,
    pub connections: u32,
    pub commands: Vec<Value>,
    /// Close with this code right after IDENTIFY.
    pub close_on_identify: Option<u16>,
    /// Replay this many already-seen events on RESUME (to test deduplication).
    pub replay_overlap: u64,
    pub heartbeat_interval: u64,
    pub member_chunks: u32,
}

#[derive(Clone)]
pub struct MockGateway {
    addr: SocketAddr,
    pub state: Arc<Mutex<State>>,
}

impl MockGateway {
    pub async fn start(heartbeat_interval: u64) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            heartbeat_interval,
            replay_overlap: 2,
            member_chunks: 3,
            ..State::default()
        }));
        let gw = Self { addr, state };
        let g = gw.clone();
        tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                let g = g.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: Request<Incoming>| {
                        let g = g.clone();
                        async move { Ok::<_, Infallible>(g.upgrade(req)) }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(tcp), service)
                        .with_upgrades()
                        .await;
                });
            }
        });
        gw
    }

    pub fn url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    fn upgrade(&self, mut req: Request<Incoming>) -> Response<Empty<Bytes>> {
        let query = req.uri().query().unwrap_or_default().to_owned();
        let (response, fut) = upgrade::upgrade(&mut req).unwrap();
        let g = self.clone();
        tokio::spawn(async move {
            if let Ok(ws) = fut.await {
                g.serve(ws, &query).await;
            }
        });
        response
    }

    /// Appends `n` MESSAGE_CREATE events to the current session and sends them if connected.
    pub fn emit(&self, n: usize) -> Vec<u64> {
        let mut st = self.state.lock().unwrap();
        let Some(current) = st.current.clone() else {
            panic!("no session")
        };
        let mut batch = Vec::new();
        let mut ids = Vec::new();
        for _ in 0..n {
            st.next_event += 1;
            let k = st.next_event;
            let log = st.sessions.get_mut(&current).unwrap();
            let s = log.events.len() as u64 + 1;
            let json = format!(
                r#"{{"t":"MESSAGE_CREATE","s":{s},"op":0,"d":{{"k":{k},"content":"event {k}"}}}}"#
            );
            log.events.push((s, json.clone()));
            batch.push((s, json));
            ids.push(k);
        }
        if let Some(live) = &st.live {
            let _ = live.send(Ctl::Emit(batch));
        }
        ids
    }

    pub fn fault(&self, fault: Fault) {
        let st = self.state.lock().unwrap();
        if let Some(live) = &st.live {
            let _ = live.send(Ctl::Fault(fault));
        }
    }

    pub fn identify_count(&self) -> usize {
        self.state.lock().unwrap().identifies.len()
    }

    async fn serve(&self, ws: WebSocket<TokioIo<hyper::upgrade::Upgraded>>, query: &str) {
        let mut ws = fastwebsockets::FragmentCollector::new(ws);
        let (tx, rx) = mpsc::unbounded_channel();
        // A newer connection takes over the controls; this one then only serves.
        let mut rx = Some(rx);
        let interval = {
            let mut st = self.state.lock().unwrap();
            st.connections += 1;
            st.live = Some(tx);
            st.heartbeat_interval
        };
        let mut enc = Encoder::new(query);
        let mut acks = true;
        let mut session: Option<String> = None;
        macro_rules! send {
            ($text:expr) => {{
                let frame = enc.frame($text);
                if ws.write_frame(frame).await.is_err() {
                    return;
                }
            }};
        }
        send!(&format!(
            r#"{{"t":null,"s":null,"op":10,"d":{{"heartbeat_interval":{interval}}}}}"#
        ));
        loop {
            tokio::select! {
                frame = ws.read_frame() => {
                    let Ok(frame) = frame else { return };
                    match frame.opcode {
                        OpCode::Close => return,
                        OpCode::Text | OpCode::Binary => {}
                        _ => continue,
                    }
                    let Ok(v) = serde_json::from_slice::<Value>(&frame.payload) else { return };
                    match v["op"].as_u64() {
                        Some(1) => {
                            if acks {
                                send!(r#"{"t":null,"s":null,"op":11,"d":null}"#);
                            }
                        }
                        Some(2) => {
                            let (ready, code) = {
                                let mut st = self.state.lock().unwrap();
                                let shard = v["d"]["shard"][0].as_u64().unwrap_or(0) as u32;
                                st.identifies.push((Instant::now(), shard, v["d"].clone()));
                                if let Some(code) = st.close_on_identify {
                                    (String::new(), Some(code))
                                } else {
                                    st.next_session += 1;
                                    let id = format!("session-{}", st.next_session);
                                    let ready = json!({"t":"READY","s":1,"op":0,"d":{
                                        "v":10,"session_id":id,"resume_gateway_url":self.url(),
                                        "user":{"id":"1","username":"bot","discriminator":"0"},"guilds":[],
                                        "shard":v["d"]["shard"].clone()}}).to_string();
                                    st.sessions.insert(id.clone(), SessionLog { events: vec![(1, ready.clone())] });
                                    st.current = Some(id.clone());
                                    session = Some(id);
                                    (ready, None)
                                }
                            };
                            if let Some(code) = code {
                                let _ = ws.write_frame(Frame::close(code, b"")).await;
                                return;
                            }
                            send!(&ready);
                        }
                        Some(6) => {
                            let id = v["d"]["session_id"].as_str().unwrap_or_default().to_owned();
                            let seq = v["d"]["seq"].as_u64().unwrap_or(0);
                            let replay = {
                                let mut st = self.state.lock().unwrap();
                                st.resumes.push((id.clone(), seq));
                                let overlap = st.replay_overlap;
                                match st.sessions.get_mut(&id) {
                                    Some(log) => {
                                        let from = seq.saturating_sub(overlap);
                                        let mut out: Vec<String> =
                                            log.events.iter().filter(|(s, _)| *s > from).map(|(_, j)| j.clone()).collect();
                                        let s = log.events.len() as u64 + 1;
                                        let resumed = format!(r#"{{"t":"RESUMED","s":{s},"op":0,"d":{{}}}}"#);
                                        log.events.push((s, resumed.clone()));
                                        out.push(resumed);
                                        st.current = Some(id.clone());
                                        Some(out)
                                    }
                                    None => None,
                                }
                            };
                            match replay {
                                Some(events) => {
                                    session = Some(id);
                                    for e in events {
                                        send!(&e);
                                    }
                                }
                                None => send!(r#"{"t":null,"s":null,"op":9,"d":false}"#),
                            }
                        }
                        Some(8) => {
                            let nonce = v["d"]["nonce"].clone();
                            let guild = v["d"]["guild_id"].clone();
                            let chunks: Vec<String> = {
                                let mut st = self.state.lock().unwrap();
                                st.commands.push(v.clone());
                                let count = st.member_chunks;
                                let Some(id) = session.clone() else { continue };
                                let log = st.sessions.get_mut(&id).unwrap();
                                (0..count)
                                    .map(|i| {
                                        let s = log.events.len() as u64 + 1;
                                        let j = json!({"t":"GUILD_MEMBERS_CHUNK","s":s,"op":0,"d":{
                                            "guild_id":guild,"members":[],"chunk_index":i,"chunk_count":count,"nonce":nonce}})
                                        .to_string();
                                        log.events.push((s, j.clone()));
                                        j
                                    })
                                    .collect()
                            };
                            for c in chunks {
                                send!(&c);
                            }
                        }
                        _ => self.state.lock().unwrap().commands.push(v),
                    }
                }
                ctl = async { rx.as_mut()?.recv().await }, if rx.is_some() => {
                    let Some(ctl) = ctl else {
                        rx = None;
                        continue;
                    };
                    match ctl {
                        Ctl::Emit(batch) => {
                            for (_, json) in batch {
                                send!(&json);
                            }
                        }
                        Ctl::Fault(Fault::Drop) => return,
                        Ctl::Fault(Fault::Reconnect) => send!(r#"{"t":null,"s":null,"op":7,"d":null}"#),
                        Ctl::Fault(Fault::InvalidSession(d)) => {
                            if !d {
                                let mut st = self.state.lock().unwrap();
                                if let Some(id) = session.take() {
                                    st.sessions.remove(&id);
                                }
                            }
                            send!(&format!(r#"{{"t":null,"s":null,"op":9,"d":{d}}}"#));
                        }
                        Ctl::Fault(Fault::Close(code)) => {
                            if code == 4007 || code == 4009 {
                                let mut st = self.state.lock().unwrap();
                                if let Some(id) = session.take() {
                                    st.sessions.remove(&id);
                                }
                            }
                            let _ = ws.write_frame(Frame::close(code, b"")).await;
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            return;
                        }
                        Ctl::Fault(Fault::Corrupt) => {
                            let junk = vec![0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0xff, 0xff];
                            let frame = if enc.is_plain() {
                                Frame::text(Payload::Owned(b"{not json".to_vec()))
                            } else {
                                Frame::binary(Payload::Owned(junk))
                            };
                            if ws.write_frame(frame).await.is_err() {
                                return;
                            }
                        }
                        Ctl::Fault(Fault::StopAcks) => acks = false,
                    }
                }
            }
        }
    }
}

enum Encoder {
    Plain,
    Zlib(flate2::Compress),
    Zstd(zstd::stream::raw::Encoder<'static>),
}

impl Encoder {
    fn new(query: &str) -> Self {
        if query.contains("compress=zlib-stream") {
            Self::Zlib(flate2::Compress::new(flate2::Compression::default(), true))
        } else if query.contains("compress=zstd-stream") {
            Self::Zstd(zstd::stream::raw::Encoder::new(3).unwrap())
        } else {
            Self::Plain
        }
    }

    fn is_plain(&self) -> bool {
        matches!(self, Self::Plain)
    }

    fn frame(&mut self, text: &str) -> Frame<'static> {
        match self {
            Self::Plain => Frame::text(Payload::Owned(text.as_bytes().to_vec())),
            Self::Zlib(c) => {
                let mut out = Vec::with_capacity(text.len() + 64);
                c.compress_vec(text.as_bytes(), &mut out, flate2::FlushCompress::Sync)
                    .unwrap();
                Frame::binary(Payload::Owned(out))
            }
            Self::Zstd(e) => {
                use zstd::stream::raw::{InBuffer, Operation, OutBuffer};
                let mut out = vec![0u8; text.len() + 256];
                let mut input = InBuffer::around(text.as_bytes());
                let mut output = OutBuffer::around(&mut out[..]);
                e.run(&mut input, &mut output).unwrap();
                e.flush(&mut output).unwrap();
                let n = output.pos();
                out.truncate(n);
                Frame::binary(Payload::Owned(out))
            }
        }
    }
}
