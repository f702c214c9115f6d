//! Test helpers: raw hyper HTTP and a fastwebsockets gateway client.
#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use fastwebsockets::{Frame, OpCode, WebSocket};
use http_body_util::{BodyExt, Full};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

/// Every await in tests is bounded by this.
pub const T: Duration = Duration::from_secs(5);

pub async fn within<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(T, f).await.expect("timed out")
}

/// A raw HTTP response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub async fn http_raw(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> Resp {
    within(async {
        let url: hyper::Uri = format!("{base}{path}").parse().unwrap();
        let host = url.authority().unwrap().to_string();
        let stream = tokio::net::TcpStream::connect(&host).await.unwrap();
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .unwrap();
        tokio::spawn(conn);
        let mut req = hyper::Request::builder()
            .method(method)
            .uri(url.path_and_query().unwrap().as_str())
            .header("host", host);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bot {t}"));
        }
        if !body.is_empty() {
            req = req.header("content-type", content_type);
        }
        let resp = sender
            .send_request(req.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        Resp {
            status,
            headers,
            body,
        }
    })
    .await
}

/// A JSON request.
pub async fn http(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Resp {
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    http_raw(base, method, path, token, "application/json", bytes).await
}

struct Spawn;

impl<Fut> hyper::rt::Executor<Fut> for Spawn
where
    Fut: Future + Send + 'static,
    Fut::Output: Send + 'static,
{
    fn execute(&self, fut: Fut) {
        tokio::spawn(fut);
    }
}

/// What came from the gateway.
#[derive(Debug)]
pub enum Msg {
    Payload(Value),
    Closed(u16),
    Gone,
}

/// A gateway client.
pub struct Gw {
    ws: WebSocket<TokioIo<Upgraded>>,
    zlib: Option<flate2::Decompress>,
    zstd: Option<zstd::stream::raw::Decoder<'static>>,
    /// Raw binary frames received (for framing checks).
    pub raw_frames: Vec<Vec<u8>>,
}

impl Gw {
    pub async fn connect(gateway_url: &str, query: &str) -> Gw {
        within(async {
            let addr = gateway_url.trim_start_matches("ws://").to_owned();
            let stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
            let req = hyper::Request::builder()
                .method("GET")
                .uri(format!("http://{addr}/?{query}"))
                .header("host", &addr)
                .header("upgrade", "websocket")
                .header("connection", "upgrade")
                .header(
                    "sec-websocket-key",
                    fastwebsockets::handshake::generate_key(),
                )
                .header("sec-websocket-version", "13")
                .body(http_body_util::Empty::<Bytes>::new())
                .unwrap();
            let (mut ws, _) = fastwebsockets::handshake::client(&Spawn, req, stream)
                .await
                .unwrap();
            ws.set_auto_close(false);
            ws.set_max_message_size(64 << 20);
            let zlib = query
                .contains("zlib-stream")
                .then(|| flate2::Decompress::new(true));
            let zstd = query
                .contains("zstd-stream")
                .then(|| zstd::stream::raw::Decoder::new().unwrap());
            Gw {
                ws,
                zlib,
                zstd,
                raw_frames: vec![],
            }
        })
        .await
    }

    /// The next message, payload or close.
    pub async fn next(&mut self) -> Msg {
        within(async {
            loop {
                let frame = match self.ws.read_frame().await {
                    Ok(f) => f,
                    Err(_) => return Msg::Gone,
                };
                match frame.opcode {
                    OpCode::Close => {
                        let p = frame.payload.to_vec();
                        let code = if p.len() >= 2 {
                            u16::from_be_bytes([p[0], p[1]])
                        } else {
                            1005
                        };
                        return Msg::Closed(code);
                    }
                    OpCode::Text => {
                        return Msg::Payload(serde_json::from_slice(&frame.payload).unwrap());
                    }
                    OpCode::Binary => {
                        let data = frame.payload.to_vec();
                        self.raw_frames.push(data.clone());
                        let plain = if let Some(z) = &mut self.zlib {
                            let mut out = Vec::with_capacity(data.len() * 8 + 1024);
                            let start_in = z.total_in();
                            loop {
                                let consumed = (z.total_in() - start_in) as usize;
                                z.decompress_vec(
                                    &data[consumed..],
                                    &mut out,
                                    flate2::FlushDecompress::Sync,
                                )
                                .unwrap();
                                let consumed = (z.total_in() - start_in) as usize;
                                if consumed == data.len() && out.len() < out.capacity() {
                                    break;
                                }
                                out.reserve(out.capacity().max(1024));
                            }
                            out
                        } else if let Some(d) = &mut self.zstd {
                            let mut out = vec![0u8; data.len() * 20 + 65536];
                            let st =
                                zstd::stream::raw::Operation::run_on_buffers(d, &data, &mut out)
                                    .unwrap();
                            assert_eq!(
                                st.bytes_read,
                                data.len(),
                                "one message must hold one whole zstd flush"
                            );
                            out.truncate(st.bytes_written);
                            out
                        } else {
                            data
                        };
                        return Msg::Payload(
                            serde_json::from_slice(&plain).expect("one payload per message"),
                        );
                    }
                    _ => continue,
                }
            }
        })
        .await
    }

    /// The next payload (panics on close).
    pub async fn payload(&mut self) -> Value {
        match self.next().await {
            Msg::Payload(v) => v,
            other => panic!("expected a payload, got {other:?}"),
        }
    }

    /// Skips payloads until a dispatch named `t`.
    pub async fn until(&mut self, t: &str) -> Value {
        for _ in 0..200 {
            let p = self.payload().await;
            if p["t"] == t {
                return p;
            }
        }
        panic!("no {t}");
    }

    /// Reads until the close frame; returns its code.
    pub async fn closed(&mut self) -> u16 {
        for _ in 0..200 {
            match self.next().await {
                Msg::Closed(c) => return c,
                Msg::Gone => return 0,
                Msg::Payload(_) => {}
            }
        }
        panic!("never closed");
    }

    /// Sends a close frame with this code.
    pub async fn close(&mut self, code: u16) {
        within(self.ws.write_frame(Frame::close(code, b"")))
            .await
            .unwrap();
    }

    pub async fn send(&mut self, v: Value) {
        self.send_raw(v.to_string().into_bytes()).await;
    }

    pub async fn send_raw(&mut self, bytes: Vec<u8>) {
        within(
            self.ws
                .write_frame(Frame::text(fastwebsockets::Payload::Owned(bytes))),
        )
        .await
        .unwrap();
    }

    pub async fn identify(&mut self, token: &str, intents: u64) {
        self.send(json!({"op": 2, "d": {"token": token, "intents": intents, "properties": {"os": "linux", "browser": "t", "device": "t"}}})).await;
    }

    /// HELLO, IDENTIFY, READY; returns READY's d.
    pub async fn login(gateway_url: &str, token: &str, intents: u64) -> (Gw, Value) {
        let mut gw = Gw::connect(gateway_url, "v=10&encoding=json").await;
        let hello = gw.payload().await;
        assert_eq!(hello["op"], 10);
        gw.identify(token, intents).await;
        let ready = gw.until("READY").await;
        (gw, ready["d"].clone())
    }
}

pub type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
