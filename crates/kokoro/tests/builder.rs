//! `BotBuilder` settings reach the REST client and the shards: checked
//! against what kokoro-emulator received.

mod support;

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    },
    time::Duration,
};

use kokoro::{
    Bot, BotError,
    event::GuildMembersChunk,
    model::{gateway::command::UpdatePresence, presence::Status},
};
use kokoro_emulator::{Emulator, RateLimitScope};
use serde_json::json;
use support::{PATIENCE, World};

/// A REST-only bot (nothing connects) of `world`'s application.
fn rest_bot(
    world: &World,
    configure: impl FnOnce(kokoro::BotBuilder) -> kokoro::BotBuilder,
) -> Bot {
    configure(Bot::builder(&world.app.token).rest_url(world.emu.rest_url())).build()
}

async fn send(bot: &Bot, world: &World, content: &str) -> Result<(), kokoro::http::Error> {
    bot.http()
        .create_message(world.general)
        .content(content)
        .await
        .map(drop)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_retries_bounds_the_retries_of_failed_requests() {
    let world = World::new().await;
    let faults = || world.emu.counters().rest_faults;

    let patient = rest_bot(&world, |b| b.max_retries(2));
    world.emu.faults().fail_rest(500, 2);
    send(&patient, &world, "after two 500s").await.unwrap();
    assert_eq!(
        faults(),
        2,
        "both failures were seen, then a retry succeeded"
    );

    let impatient = rest_bot(&world, |b| b.max_retries(0));
    world.emu.faults().fail_rest(500, 1);
    let error = send(&impatient, &world, "never").await.unwrap_err();
    assert_eq!(error.status(), Some(500), "{error}");
    assert_eq!(faults(), 3);
    world.emu.faults().clear_rest();
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_rate_limit_refuses_long_waits_and_accepts_short_ones() {
    let world = World::new().await;

    let strict = rest_bot(&world, |b| {
        b.max_rate_limit(Duration::from_millis(100)).max_retries(0)
    });
    world
        .emu
        .faults()
        .force_rate_limit(RateLimitScope::User, Duration::from_secs(30), 1);
    let started = tokio::time::Instant::now();
    let error = tokio::time::timeout(PATIENCE, send(&strict, &world, "no"))
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(error, kokoro::http::Error::RateLimited { .. }),
        "{error}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it did not wait 30 s"
    );

    let relaxed = rest_bot(&world, |b| b.max_rate_limit(Duration::from_secs(5)));
    world
        .emu
        .faults()
        .force_rate_limit(RateLimitScope::User, Duration::from_millis(200), 1);
    tokio::time::timeout(PATIENCE, send(&relaxed, &world, "yes"))
        .await
        .unwrap()
        .unwrap();
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_url_decides_where_requests_go() {
    let world = World::new().await;
    let before = world.emu.counters().rest_requests;
    let here = rest_bot(&world, |b| b);
    send(&here, &world, "here").await.unwrap();
    assert_eq!(world.emu.counters().rest_requests, before + 1);

    // Nothing listens on port 1 of localhost: a transport error, and the
    // emulator saw nothing.
    let nowhere = Bot::builder(&world.app.token)
        .rest_url("http://127.0.0.1:1/api/v10")
        .max_retries(0)
        .build();
    let error = send(&nowhere, &world, "nowhere").await.unwrap_err();
    assert!(
        matches!(error, kokoro::http::Error::Transport(_)),
        "{error}"
    );
    assert_eq!(world.emu.counters().rest_requests, before + 1);
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_url_override_is_used() {
    let world = World::new().await;
    // GET /gateway/bot fails: with a shard count and a gateway URL the bot
    // needs nothing from it.
    world.emu.faults().rest(
        kokoro_emulator::RestFault::Status(500),
        "/gateway/bot",
        None,
        1,
    );
    let bot = world.builder().max_retries(0).build();
    world.start(&bot).await;
    assert_eq!(world.emu.counters().identifies, 1);
    bot.close().await;

    // An override pointing elsewhere: the emulator's gateway sees nobody.
    let connections = world.emu.counters().connections;
    let astray = Bot::builder(&world.app.token)
        .rest_url(world.emu.rest_url())
        .gateway_url("ws://127.0.0.1:1")
        .intents(support::INTENTS)
        .build();
    let start = tokio::time::timeout(Duration::from_millis(500), astray.start()).await;
    assert!(
        !matches!(start, Ok(Ok(()))),
        "cannot be ready without a gateway"
    );
    astray.close().await;
    assert_eq!(world.emu.counters().connections, connections);
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shard_ids_choose_which_shards_identify() {
    let emu = Emulator::builder()
        .max_concurrency(4, Duration::from_secs(5))
        .start()
        .await
        .unwrap();
    let world = World::with(emu);
    let bot = world.builder().shard_count(4).shard_ids([1, 3]).build();
    tokio::time::timeout(PATIENCE, bot.start())
        .await
        .unwrap()
        .unwrap();
    let mut shards: Vec<_> = world
        .emu
        .identify_payloads()
        .iter()
        .map(|d| d["shard"].clone())
        .collect();
    shards.sort_by_key(|s| s[0].as_u64());
    assert_eq!(shards, [json!([1, 4]), json!([3, 4])]);
    assert_eq!(world.emu.counters().identifies, 2);
    assert_eq!(world.emu.session_count(), 2);
    assert!(bot.shard(1).is_some() && bot.shard(3).is_some());
    assert!(bot.shard(0).is_none() && bot.shard(2).is_none());
    bot.close().await;

    let invalid = world.builder().shard_count(4).shard_ids([4]).build();
    let error = tokio::time::timeout(PATIENCE, invalid.start())
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(
            error,
            BotError::InvalidShard {
                number: 4,
                total: 4
            }
        ),
        "{error}"
    );
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_and_large_threshold_go_into_identify() {
    let world = World::new().await;
    let bot = world
        .builder()
        .presence(UpdatePresence::new(Status::DoNotDisturb))
        .large_threshold(120)
        .build();
    world.start(&bot).await;
    let identified = world.emu.identify_payloads();
    assert_eq!(identified.len(), 1);
    let d = &identified[0];
    assert_eq!(d["presence"]["status"], "dnd", "{d}");
    assert_eq!(d["presence"]["afk"], false, "{d}");
    assert_eq!(d["large_threshold"], 120, "{d}");
    assert!(
        d.get("token").is_none(),
        "the read-out leaves the token out"
    );
    bot.close().await;

    let plain = world.builder().build();
    world.start(&plain).await;
    let d = &world.emu.identify_payloads()[1];
    assert!(
        d.get("presence").is_none_or(serde_json::Value::is_null),
        "{d}"
    );
    plain.close().await;
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_auto_chunk_no_members_are_requested() {
    let world = World::new().await;
    let bot = world.builder().auto_chunk_members(false).build();
    let chunk = bot.wait_for::<GuildMembersChunk>(Duration::from_millis(500), |_| true);
    world.start(&bot).await;
    assert!(chunk.await.is_err(), "no chunk without auto_chunk_members");
    assert!(
        !world
            .emu
            .event_log()
            .iter()
            .any(|entry| entry.detail.contains("GUILD_MEMBERS_CHUNK")),
        "the emulator sent no chunk"
    );
    world.shutdown(&bot).await;
}

#[cfg(feature = "logging")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_twice_does_not_panic() {
    let world = World::new().await;
    let first = world.builder().logging(tracing::Level::WARN).build();
    let second = world
        .builder()
        .name("second")
        .logging(tracing::Level::ERROR)
        .build();
    // The second subscriber install fails quietly: one is already there.
    world.start(&first).await;
    first.close().await;
    world.start(&second).await;
    world.shutdown(&second).await;
}

/// A minimal HTTP CONNECT proxy counting its tunnels (as kokoro-http's tests do).
async fn connect_proxy() -> (SocketAddr, Arc<AtomicU32>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let tunnels = Arc::new(AtomicU32::new(0));
    let count = Arc::clone(&tunnels);
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
                    if inbound.read_exact(&mut byte).await.is_err() {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head);
                let Some(target) = head
                    .strip_prefix("CONNECT ")
                    .and_then(|r| r.split(' ').next())
                else {
                    return;
                };
                let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                    return;
                };
                count.fetch_add(1, Ordering::SeqCst);
                if inbound
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .is_ok()
                {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (addr, tunnels)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_goes_through_the_proxy() {
    let world = World::new().await;
    let (proxy, tunnels) = connect_proxy().await;
    let bot = rest_bot(&world, |b| {
        b.proxy(format!("http://{proxy}").parse().unwrap())
    });
    send(&bot, &world, "proxied").await.unwrap();
    assert_eq!(tunnels.load(Ordering::SeqCst), 1);
    assert!(
        world
            .emu
            .messages_in(world.general)
            .iter()
            .any(|m| m["content"] == "proxied")
    );
    world.emu.shutdown().await;
}
