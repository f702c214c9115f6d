//! Loopback throughput of the emulator: REST requests per second over
//! keep-alive connections, and dispatched events per second to one gateway
//! connection.
//!
//! `cargo bench -p kokoro-emulator --bench loopback`

use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fastwebsockets::{Frame, OpCode, Payload};
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use kokoro_emulator::{Config, Emulator};
use serde_json::json;

/// Keep-alive connections used for the REST benchmark.
const CONNECTIONS: u64 = 8;

struct Spawn;

impl<Fut> hyper::rt::Executor<Fut> for Spawn
where
    Fut: std::future::Future + Send + 'static,
    Fut::Output: Send + 'static,
{
    fn execute(&self, fut: Fut) {
        tokio::spawn(fut);
    }
}

fn rest(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (emu, token, path) = rt.block_on(async {
        let emu = Emulator::builder()
            .config(Config::unlimited())
            .start()
            .await
            .unwrap();
        let bot = emu.create_bot("bench");
        let owner = emu.create_user("owner");
        let guild = emu.create_guild(owner, "bench");
        emu.add_member(guild, bot.user_id).unwrap();
        let chan = emu.create_channel(guild, "general").unwrap();
        (emu, bot.token, format!("/api/v10/channels/{chan}"))
    });
    let addr = emu.addr();
    let mut group = c.benchmark_group("rest");
    group.throughput(Throughput::Elements(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("get_channel", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                let mut tasks = Vec::new();
                for i in 0..CONNECTIONS {
                    let n = iters / CONNECTIONS + u64::from(i < iters % CONNECTIONS);
                    let (token, path) = (token.clone(), path.clone());
                    tasks.push(tokio::spawn(async move {
                        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                        stream.set_nodelay(true).unwrap();
                        let (mut s, conn) =
                            hyper::client::conn::http1::handshake(TokioIo::new(stream))
                                .await
                                .unwrap();
                        tokio::spawn(conn);
                        for _ in 0..n {
                            let req = hyper::Request::get(path.as_str())
                                .header("host", "127.0.0.1")
                                .header("authorization", format!("Bot {token}"))
                                .body(Empty::<Bytes>::new())
                                .unwrap();
                            let resp = s.send_request(req).await.unwrap();
                            assert_eq!(resp.status(), 200);
                            resp.into_body().collect().await.unwrap();
                        }
                    }));
                }
                for t in tasks {
                    tokio::time::timeout(Duration::from_secs(120), t)
                        .await
                        .unwrap()
                        .unwrap();
                }
                start.elapsed()
            })
        })
    });
    group.finish();
    rt.block_on(emu.shutdown());
}

fn events(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (emu, mut ws, guild) = rt.block_on(async {
        let emu = Emulator::builder().config(Config::unlimited()).start().await.unwrap();
        let bot = emu.create_bot("bench");
        let owner = emu.create_user("owner");
        let guild = emu.create_guild(owner, "bench");
        emu.add_member(guild, bot.user_id).unwrap();
        let addr = emu.addr();
        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req = hyper::Request::get(format!("http://{addr}/?v=10&encoding=json"))
            .header("host", addr.to_string())
            .header("upgrade", "websocket")
            .header("connection", "upgrade")
            .header("sec-websocket-key", fastwebsockets::handshake::generate_key())
            .header("sec-websocket-version", "13")
            .body(Empty::<Bytes>::new())
            .unwrap();
        let (mut ws, _) = fastwebsockets::handshake::client(&Spawn, req, stream).await.unwrap();
        ws.read_frame().await.unwrap(); // HELLO
        let identify = json!({"op": 2, "d": {"token": bot.token, "intents": 1 | (1 << 9) | (1 << 15), "properties": {"os": "l", "browser": "b", "device": "d"}}});
        ws.write_frame(Frame::text(Payload::Owned(identify.to_string().into_bytes()))).await.unwrap();
        ws.read_frame().await.unwrap(); // READY
        ws.read_frame().await.unwrap(); // GUILD_CREATE
        (emu, ws, guild)
    });
    let data = json!({
        "id": "1300000000000000000", "channel_id": "1300000000000000001", "guild_id": guild.to_string(),
        "author": {"id": "1300000000000000002", "username": "alice", "discriminator": "0", "global_name": null, "avatar": null},
        "content": "a message of ordinary length for the benchmark", "timestamp": "2026-01-01T00:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0, "flags": 0, "components": [],
    });
    let mut group = c.benchmark_group("gateway");
    group.throughput(Throughput::Elements(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("dispatch_to_one_connection", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                let reader = async {
                    let mut got = 0;
                    while got < iters {
                        let f = ws.read_frame().await.unwrap();
                        if f.opcode == OpCode::Text {
                            got += 1;
                        }
                    }
                };
                let writer = async {
                    for i in 0..iters {
                        emu.dispatch_raw("MESSAGE_CREATE", data.clone(), Some(guild));
                        if i % 256 == 0 {
                            tokio::task::yield_now().await;
                        }
                    }
                };
                tokio::time::timeout(Duration::from_secs(120), async {
                    tokio::join!(reader, writer)
                })
                .await
                .unwrap();
                start.elapsed()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, rest, events);
criterion_main!(benches);
