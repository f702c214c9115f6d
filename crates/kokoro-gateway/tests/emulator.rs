//! The shard against kokoro-emulator: sessions with each compression, every
//! fault followed by an exactly-once check, fatal close codes, sharding with
//! max_concurrency, the session start limit and a bounded soak.

use std::{sync::Arc, time::Duration};

use futures::StreamExt;
use kokoro_emulator::{Bot, Emulator, EmulatorBuilder};
use kokoro_gateway::{
    CloseKind, Compression, FatalError, GatewayBotInfo, InMemoryQueue, ReceiveError,
    SessionStartLimit, Shard, ShardConfig, ShardEvent, ShardGroup,
};
use kokoro_model::{
    Intents,
    id::{ChannelId, UserId},
};

/// An emulator whose identify window (50 ms) is below the tests' queue window (60 ms).
fn quick() -> EmulatorBuilder {
    Emulator::builder().max_concurrency(1, Duration::from_millis(50))
}

const LIMIT: Duration = Duration::from_secs(30);
const INTENTS: Intents = Intents::GUILDS
    .union(Intents::GUILD_MESSAGES)
    .union(Intents::MESSAGE_CONTENT);

struct World {
    emu: Emulator,
    bot: Bot,
    alice: UserId,
    channel: ChannelId,
    next: u64,
}

impl World {
    async fn start(builder: EmulatorBuilder) -> Self {
        let emu = builder.start().await.expect("emulator starts");
        assert!(emu.config().identify_window <= Duration::from_millis(400));
        let bot = emu.create_bot("gateway-test");
        let alice = emu.create_user("alice");
        let guild = emu.create_guild(alice, "Test Guild");
        emu.add_member(guild, bot.user_id).unwrap();
        let channel = emu.create_channel(guild, "general").unwrap();
        Self {
            emu,
            bot,
            alice,
            channel,
            next: 0,
        }
    }

    fn config(&self, compression: Compression) -> ShardConfig {
        ShardConfig::builder(&self.bot.token, INTENTS)
            .gateway_url(self.emu.gateway_url())
            .compression(compression)
            .reconnect_backoff(Duration::from_millis(20), Duration::from_millis(200))
            .invalid_session_wait(Duration::from_millis(10)..=Duration::from_millis(50))
            .timeouts(Duration::from_secs(2), Duration::from_secs(2))
            .identify_queue(Arc::new(
                InMemoryQueue::new(1).window(Duration::from_millis(60)),
            ))
            .build()
    }

    /// Posts `n` messages; returns their numbers.
    fn post(&mut self, n: usize) -> Vec<u64> {
        (0..n)
            .map(|_| {
                self.next += 1;
                self.emu
                    .post_message_as(self.alice, self.channel, &format!("msg {}", self.next))
                    .unwrap();
                self.next
            })
            .collect()
    }
}

#[derive(Default, Debug)]
struct Seen {
    messages: Vec<u64>,
    sequences: Vec<u64>,
    connected: Vec<bool>,
    disconnects: Vec<String>,
}

impl Seen {
    fn record(&mut self, event: &ShardEvent) {
        match event {
            ShardEvent::Dispatch(d) => {
                // Within a session, sequence numbers only go up.
                if let (Some(&last), false) = (self.sequences.last(), d.event_type() == "READY") {
                    assert!(
                        d.sequence() > last,
                        "sequence {} after {last}",
                        d.sequence()
                    );
                }
                self.sequences.push(d.sequence());
                if d.event_type() == "MESSAGE_CREATE" {
                    let v: serde_json::Value = serde_json::from_slice(d.json()).unwrap();
                    let content = v["d"]["content"].as_str().unwrap();
                    self.messages
                        .push(content.trim_start_matches("msg ").parse().unwrap());
                }
            }
            ShardEvent::Connected { resumed } => self.connected.push(*resumed),
            ShardEvent::Disconnected { reason, .. } => self.disconnects.push(reason.to_string()),
            _ => {}
        }
    }
}

async fn drive(shard: &mut Shard, seen: &mut Seen, done: impl Fn(&Seen) -> bool) {
    let result = tokio::time::timeout(LIMIT, async {
        while !done(seen) {
            tokio::select! {
                item = shard.next() => match item {
                    Some(Ok(event)) => seen.record(&event),
                    Some(Err(e)) => panic!("unexpected error: {e}"),
                    None => panic!("the shard stopped"),
                },
                () = tokio::time::sleep(Duration::from_millis(20)) => {}
            }
        }
    })
    .await;
    assert!(result.is_ok(), "timed out; saw {seen:?}");
}

async fn normal(compression: Compression) {
    let mut w = World::start(quick()).await;
    let mut shard = Shard::new(w.config(compression));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    let ids = w.post(100);
    drive(&mut shard, &mut seen, |s| s.messages.len() == 100).await;
    assert_eq!(seen.messages, ids);
    assert!(shard.session().is_some());
    assert_eq!(w.emu.counters().identifies, 1);
}

#[tokio::test]
async fn emulator_typed_events() {
    use kokoro_model::gateway::event::{Event, EventTypeFlags};
    let mut w = World::start(quick()).await;
    let config = ShardConfig::builder(&w.bot.token, INTENTS)
        .gateway_url(w.emu.gateway_url())
        .compression(Compression::ZlibStream)
        .decode_events(true)
        .event_types(EventTypeFlags::MESSAGE_CREATE)
        .build();
    let mut shard = Shard::new(config);
    let sender = shard.sender();
    let mut contents = Vec::new();
    let mut posted = Vec::new();
    tokio::time::timeout(LIMIT, async {
        while contents.len() < 20 {
            tokio::select! {
                item = shard.next() => match item.unwrap() {
                    Ok(ShardEvent::Event { event, .. }) => match *event {
                        Event::MessageCreate(m) => contents.push(m.content.clone()),
                        other => panic!("filtered out: {other:?}"),
                    },
                    Ok(ShardEvent::Dispatch(d)) => panic!("raw {}", d.event_type()),
                    Ok(_) => {}
                    Err(e) => panic!("{e}"),
                },
                () = tokio::time::sleep(Duration::from_millis(20)) => {
                    if sender.is_connected() && posted.is_empty() {
                        posted = w.post(20);
                    }
                }
            }
        }
    })
    .await
    .expect("timed out");
    let expected: Vec<String> = posted.iter().map(|n| format!("msg {n}")).collect();
    assert_eq!(contents, expected);
}

#[tokio::test]
async fn emulator_session_plain() {
    normal(Compression::None).await;
}

#[tokio::test]
async fn emulator_session_zlib() {
    normal(Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_session_zstd() {
    normal(Compression::ZstdStream).await;
}

#[derive(Clone, Copy, Debug)]
enum Fault {
    Drop,
    Reconnect,
    InvalidResumable,
    InvalidNew,
    Zombie,
    Close4000,
    Close4009,
    Corrupt,
}

impl Fault {
    fn new_session(self) -> bool {
        matches!(self, Self::InvalidNew | Self::Close4009)
    }

    fn inject(self, emu: &Emulator) {
        let f = emu.faults();
        match self {
            Self::Drop => drop(f.drop_connections()),
            Self::Reconnect => drop(f.send_reconnect()),
            Self::InvalidResumable => drop(f.send_invalid_session(true)),
            Self::InvalidNew => drop(f.send_invalid_session(false)),
            Self::Zombie => f.ack_heartbeats(false),
            Self::Close4000 => drop(f.close_connections(4000)),
            Self::Close4009 => drop(f.close_connections(4009)),
            Self::Corrupt => drop(f.corrupt_next_frame()),
        }
    }
}

async fn fault(fault: Fault, compression: Compression) {
    let builder = quick().heartbeat_interval(Duration::from_millis(300));
    let mut w = World::start(builder).await;
    let mut shard = Shard::new(w.config(compression));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    let mut ids = w.post(30);
    drive(&mut shard, &mut seen, |s| s.messages.len() == 30).await;
    fault.inject(&w.emu);
    if matches!(fault, Fault::Corrupt) {
        // The corrupt frame is the next one sent: make one.
        ids.extend(w.post(1));
    }
    if !fault.new_session() {
        ids.extend(w.post(20));
    }
    drive(&mut shard, &mut seen, |s| s.connected.len() == 2).await;
    if matches!(fault, Fault::Zombie) {
        w.emu.faults().ack_heartbeats(true);
        assert!(
            seen.disconnects.iter().any(|d| d.contains("zombie")),
            "{:?}",
            seen.disconnects
        );
    }
    assert_eq!(
        seen.connected,
        [false, !fault.new_session()],
        "{fault:?}: {:?}",
        seen.disconnects
    );
    ids.extend(w.post(20));
    let want = ids.len();
    drive(&mut shard, &mut seen, |s| s.messages.len() >= want).await;
    assert_eq!(
        seen.messages, ids,
        "{fault:?}: every event exactly once and in order"
    );
}

#[tokio::test]
async fn emulator_drop_resumes() {
    fault(Fault::Drop, Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_reconnect_resumes() {
    fault(Fault::Reconnect, Compression::ZstdStream).await;
}

#[tokio::test]
async fn emulator_invalid_session_resumable() {
    fault(Fault::InvalidResumable, Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_invalid_session_new() {
    fault(Fault::InvalidNew, Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_zombie_resumes() {
    fault(Fault::Zombie, Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_close_4000_resumes() {
    fault(Fault::Close4000, Compression::None).await;
}

#[tokio::test]
async fn emulator_close_4009_new_session() {
    fault(Fault::Close4009, Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_corrupt_frame_zlib() {
    fault(Fault::Corrupt, Compression::ZlibStream).await;
}

#[tokio::test]
async fn emulator_corrupt_frame_zstd() {
    fault(Fault::Corrupt, Compression::ZstdStream).await;
}

async fn fatal_with(w: &World, config: ShardConfig, inject: Option<u16>) -> FatalError {
    let mut shard = Shard::new(config);
    let error = tokio::time::timeout(LIMIT, async {
        let mut injected = false;
        loop {
            tokio::select! {
                item = shard.next() => match item {
                    Some(Err(ReceiveError::Fatal(e))) => return e,
                    Some(Ok(ShardEvent::Connected { .. })) => {
                        if let Some(code) = inject {
                            w.emu.faults().close_connections(code);
                            injected = true;
                        }
                    }
                    Some(_) => {}
                    None => panic!("ended without a fatal error"),
                },
                () = tokio::time::sleep(Duration::from_millis(50)) => {
                    let _ = injected;
                }
            }
        }
    })
    .await
    .expect("timed out");
    assert!(shard.next().await.is_none());
    // Give a wrongly reconnecting shard time to show itself.
    let before = w.emu.counters().connections;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        w.emu.counters().connections,
        before,
        "no reconnect after {error:?}"
    );
    error
}

#[tokio::test]
async fn emulator_fatal_close_codes() {
    let w = World::start(quick()).await;
    // Wrong token: 4004 from the emulator itself.
    let bad = ShardConfig::builder("not-a-token", INTENTS)
        .gateway_url(w.emu.gateway_url())
        .compression(Compression::None)
        .build();
    assert!(matches!(
        fatal_with(&w, bad, None).await,
        FatalError::AuthenticationFailed
    ));
    // Privileged intents the application may not use: 4014, naming them.
    w.emu
        .set_privileged_intents(w.bot.application_id, Intents::empty());
    let e = fatal_with(&w, w.config(Compression::ZlibStream), None).await;
    match e {
        FatalError::DisallowedIntents { privileged } => {
            assert_eq!(privileged, Intents::MESSAGE_CONTENT)
        }
        other => panic!("{other:?}"),
    }
    w.emu
        .set_privileged_intents(w.bot.application_id, Intents::PRIVILEGED);
    // The rest, sent on a live connection.
    for (code, check) in [
        (
            4010u16,
            (|e: &FatalError| matches!(e, FatalError::InvalidShard)) as fn(&FatalError) -> bool,
        ),
        (4011, |e| matches!(e, FatalError::ShardingRequired)),
        (4012, |e| matches!(e, FatalError::InvalidApiVersion)),
        (4013, |e| matches!(e, FatalError::InvalidIntents { .. })),
        (4014, |e| matches!(e, FatalError::DisallowedIntents { .. })),
        (4004, |e| matches!(e, FatalError::AuthenticationFailed)),
    ] {
        let e = fatal_with(&w, w.config(Compression::ZlibStream), Some(code)).await;
        assert!(check(&e), "{code}: {e:?}");
    }
}

#[tokio::test]
async fn emulator_16_shards_max_concurrency_4() {
    let window = Duration::from_millis(400);
    // The emulator enforces a slightly shorter window than the queue keeps,
    // as Discord's 5 s is measured on its side, after the trip.
    let builder = Emulator::builder()
        .max_concurrency(4, window - Duration::from_millis(50))
        .recommended_shards(16);
    let w = World::start(builder).await;
    let bot = GatewayBotInfo {
        url: w.emu.gateway_url(),
        shards: 16,
        session_start_limit: SessionStartLimit {
            total: 1000,
            remaining: 1000,
            reset_after: 86_400_000,
            max_concurrency: 4,
        },
    };
    let queue = Arc::new(InMemoryQueue::from_limit(bot.session_start_limit).window(window));
    let template = ShardConfig::builder(&w.bot.token, INTENTS)
        .compression(Compression::ZlibStream)
        .identify_queue(queue)
        .gateway_url(bot.url.clone())
        .build();
    let mut group = ShardGroup::new(template, bot.shards, 0..16).unwrap();
    let started = tokio::time::Instant::now();
    let mut ready_at = Vec::new();
    tokio::time::timeout(LIMIT, async {
        while ready_at.len() < 16 {
            let (id, item) = group.next().await.unwrap();
            match item {
                Ok(ShardEvent::Connected { resumed: false }) => {
                    ready_at.push((id.number(), started.elapsed()))
                }
                Ok(ShardEvent::Disconnected { reason, .. }) => panic!("shard {id}: {reason}"),
                Err(e) => panic!("shard {id}: {e}"),
                _ => {}
            }
        }
    })
    .await
    .expect("timed out");
    // Exactly 16 identifies: none was refused by the emulator's own limiter.
    assert_eq!(w.emu.counters().identifies, 16);
    ready_at.sort_by_key(|&(_, t)| t);
    for (i, &(shard, at)) in ready_at.iter().enumerate() {
        let w_index = (at.as_millis() / window.as_millis()) as usize;
        assert_eq!(
            w_index,
            shard as usize / 4,
            "shard {shard} ready at {at:?}: {ready_at:?}"
        );
        let _ = i;
    }
    let order: Vec<u32> = ready_at.iter().map(|&(s, _)| s / 4).collect();
    assert!(
        order.windows(2).all(|p| p[0] <= p[1]),
        "windows in key order: {ready_at:?}"
    );
    group.close(CloseKind::End).unwrap();
    tokio::time::timeout(LIMIT, async { while group.next().await.is_some() {} })
        .await
        .unwrap();
}

#[tokio::test]
async fn emulator_session_start_limit_refused() {
    let w = World::start(quick()).await;
    let queue = Arc::new(
        InMemoryQueue::new(1)
            .remaining(1)
            .window(Duration::from_millis(10)),
    );
    let config = ShardConfig::builder(&w.bot.token, INTENTS)
        .gateway_url(w.emu.gateway_url())
        .compression(Compression::None)
        .identify_queue(queue)
        .invalid_session_wait(Duration::from_millis(10)..=Duration::from_millis(20))
        .build();
    let mut shard = Shard::new(config);
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    // The session ends; a new one would exceed the budget of 1.
    w.emu.faults().send_invalid_session(false);
    let error = tokio::time::timeout(LIMIT, async {
        loop {
            match shard.next().await {
                Some(Err(e)) => return e,
                Some(Ok(_)) => {}
                None => panic!("ended without an error"),
            }
        }
    })
    .await
    .unwrap();
    assert!(matches!(
        error,
        ReceiveError::Fatal(FatalError::Queue(
            kokoro_gateway::QueueError::SessionStartLimitExhausted { .. }
        ))
    ));
    assert_eq!(w.emu.counters().identifies, 1);
}

#[tokio::test]
async fn emulator_soak_random_faults() {
    let rounds: usize = std::env::var("KOKORO_SOAK_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let limit = Duration::from_secs(if rounds > 50 { 3600 } else { 120 });
    let builder = quick().heartbeat_interval(Duration::from_millis(250));
    let mut w = World::start(builder).await;
    let mut shard = Shard::new(w.config(Compression::ZlibStream));
    let mut seen = Seen::default();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut ids = Vec::new();
    let all = [
        Fault::Drop,
        Fault::Reconnect,
        Fault::InvalidResumable,
        Fault::InvalidNew,
        Fault::Zombie,
        Fault::Close4000,
        Fault::Close4009,
        Fault::Corrupt,
    ];
    let mut rss_after_warmup = None;
    tokio::time::timeout(limit, async {
        drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
        for round in 0..rounds {
            if round == rounds / 10 {
                rss_after_warmup = resident_bytes();
            }
            let fault = all[rng.usize(..all.len())];
            ids.extend(w.post(rng.usize(1..10)));
            let want = ids.len();
            if fault.new_session() {
                drive(&mut shard, &mut seen, |s| s.messages.len() >= want).await;
            }
            let before = seen.connected.len();
            fault.inject(&w.emu);
            if !fault.new_session() {
                ids.extend(w.post(rng.usize(1..5)));
            }
            drive(&mut shard, &mut seen, |s| s.connected.len() > before).await;
            if matches!(fault, Fault::Zombie) {
                w.emu.faults().ack_heartbeats(true);
            }
            let want = ids.len();
            drive(&mut shard, &mut seen, |s| s.messages.len() >= want).await;
            assert_eq!(seen.messages, ids, "round {round}: {fault:?}");
        }
    })
    .await
    .expect("soak timed out");
    assert_eq!(seen.messages, ids);
    // Memory stays flat: after the first tenth of the rounds (buffers and
    // pools warmed up), the process grows by less than the bound. The bound
    // covers the emulator's message history and event log, which do grow.
    if let (Some(start), Some(end)) = (rss_after_warmup, resident_bytes()) {
        let grown = end.saturating_sub(start);
        eprintln!(
            "soak: {rounds} faults, {} messages, resident {} KiB after warm-up, {} KiB at the end",
            ids.len(),
            start / 1024,
            end / 1024
        );
        if rounds >= 200 {
            assert!(
                grown < 32 << 20,
                "resident memory grew by {grown} bytes over the soak"
            );
        }
    }
}

/// The process's resident memory in bytes (Linux), for the soak's flatness check.
fn resident_bytes() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}
