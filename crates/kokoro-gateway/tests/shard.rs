//! The shard against a scripted loopback gateway: sessions, every recovery
//! path, commands and exactly-once delivery.

mod support;

use std::{sync::Arc, time::Duration};

use futures::StreamExt;
use kokoro_gateway::{
    CloseKind, Compression, DisconnectReason, EventFilter, FatalError, InMemoryQueue, ReceiveError,
    SendError, Shard, ShardConfig, ShardEvent, ShardGroup,
};
use kokoro_model::{
    Intents,
    gateway::{ShardId, command::RequestGuildMembers},
    id::GuildId,
};
use support::{Fault, MockGateway};

const LIMIT: Duration = Duration::from_secs(20);

fn config(gw: &MockGateway, compression: Compression) -> ShardConfig {
    ShardConfig::builder("test-token", Intents::GUILDS | Intents::GUILD_MESSAGES)
        .gateway_url(gw.url())
        .compression(compression)
        .reconnect_backoff(Duration::from_millis(20), Duration::from_millis(200))
        .invalid_session_wait(Duration::from_millis(10)..=Duration::from_millis(50))
        .timeouts(Duration::from_secs(2), Duration::from_secs(2))
        .identify_queue(Arc::new(
            InMemoryQueue::new(1).window(Duration::from_millis(20)),
        ))
        .build()
}

/// What the consumer saw.
#[derive(Default)]
struct Seen {
    /// `k` of each MESSAGE_CREATE, in order.
    keys: Vec<u64>,
    /// `(session number, s)` of every dispatch.
    sequences: Vec<u64>,
    connected: Vec<bool>,
    disconnects: Vec<String>,
}

impl Seen {
    fn record(&mut self, event: &ShardEvent) {
        match event {
            ShardEvent::Dispatch(d) => {
                if d.event_type() == "MESSAGE_CREATE" {
                    let v: serde_json::Value = serde_json::from_slice(d.json()).unwrap();
                    self.keys.push(v["d"]["k"].as_u64().unwrap());
                }
                self.sequences.push(d.sequence());
            }
            ShardEvent::Connected { resumed } => self.connected.push(*resumed),
            ShardEvent::Disconnected { reason, .. } => self.disconnects.push(reason.to_string()),
            _ => {}
        }
    }
}

/// Polls until `done` holds, bounded in time.
async fn drive(shard: &mut Shard, seen: &mut Seen, done: impl Fn(&Seen) -> bool) {
    tokio::time::timeout(LIMIT, async {
        while !done(seen) {
            // Dropping `next()` is fine: the shard keeps its work in progress.
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
    .await
    .expect("timed out");
}

fn assert_exactly_once(seen: &Seen, expected: &[u64]) {
    assert_eq!(seen.keys, expected, "every event exactly once and in order");
}

async fn session(compression: Compression) {
    let gw = MockGateway::start(5_000).await;
    let mut shard = Shard::new(config(&gw, compression));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    assert!(shard.is_connected());
    let session = shard.session().unwrap();
    assert_eq!(session.id, "session-1");
    let ids = gw.emit(200);
    drive(&mut shard, &mut seen, |s| s.keys.len() == 200).await;
    assert_exactly_once(&seen, &ids);
    assert_eq!(shard.session().unwrap().sequence, 201);
    let identify = gw.state.lock().unwrap().identifies[0].2.clone();
    assert_eq!(identify["token"], "test-token");
    assert_eq!(identify["shard"], serde_json::json!([0, 1]));
}

#[tokio::test]
async fn normal_session_plain() {
    session(Compression::None).await;
}

#[tokio::test]
async fn normal_session_zlib() {
    session(Compression::ZlibStream).await;
}

#[tokio::test]
async fn normal_session_zstd() {
    session(Compression::ZstdStream).await;
}

/// Runs a session, applies `fault` between two batches, and checks delivery.
async fn fault_then_continue(fault: Fault, compression: Compression, expect_resume: bool) -> Seen {
    let gw = MockGateway::start(5_000).await;
    let mut shard = Shard::new(config(&gw, compression));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    let mut ids = gw.emit(50);
    drive(&mut shard, &mut seen, |s| s.keys.len() == 50).await;
    gw.fault(fault);
    if expect_resume {
        // Emitted while the connection breaks: the resume must replay them.
        ids.extend(gw.emit(30));
        drive(&mut shard, &mut seen, |s| s.connected.len() == 2).await;
        assert_eq!(seen.connected, [false, true], "resumed, not re-identified");
        ids.extend(gw.emit(20));
        drive(&mut shard, &mut seen, |s| s.keys.len() == 100).await;
    } else {
        drive(&mut shard, &mut seen, |s| s.connected.len() == 2).await;
        assert_eq!(seen.connected, [false, false], "a new session");
        ids.extend(gw.emit(20));
        drive(&mut shard, &mut seen, |s| s.keys.len() == 70).await;
        assert_eq!(gw.identify_count(), 2);
    }
    assert_exactly_once(&seen, &ids);
    // Sequences never go back within a session.
    seen
}

#[tokio::test]
async fn tcp_drop_resumes() {
    let seen = fault_then_continue(Fault::Drop, Compression::ZlibStream, true).await;
    assert!(seen.disconnects[0].contains("transport") || seen.disconnects[0].contains("closed"));
}

#[tokio::test]
async fn reconnect_op7_resumes() {
    let seen = fault_then_continue(Fault::Reconnect, Compression::ZlibStream, true).await;
    assert!(seen.disconnects[0].contains("reconnect"));
}

#[tokio::test]
async fn invalid_session_resumable_resumes() {
    fault_then_continue(Fault::InvalidSession(true), Compression::ZstdStream, true).await;
}

#[tokio::test]
async fn invalid_session_not_resumable_identifies() {
    fault_then_continue(Fault::InvalidSession(false), Compression::ZlibStream, false).await;
}

#[tokio::test]
async fn close_4000_resumes() {
    fault_then_continue(Fault::Close(4000), Compression::None, true).await;
}

#[tokio::test]
async fn close_4009_identifies() {
    fault_then_continue(Fault::Close(4009), Compression::ZlibStream, false).await;
}

#[tokio::test]
async fn close_4007_identifies() {
    fault_then_continue(Fault::Close(4007), Compression::None, false).await;
}

#[tokio::test]
async fn corrupt_frame_resumes_on_a_fresh_stream() {
    let seen = fault_then_continue(Fault::Corrupt, Compression::ZlibStream, true).await;
    assert!(
        seen.disconnects[0].contains("corrupt"),
        "{:?}",
        seen.disconnects
    );
    fault_then_continue(Fault::Corrupt, Compression::ZstdStream, true).await;
}

#[tokio::test]
async fn missing_acks_make_a_zombie_that_resumes() {
    let gw = MockGateway::start(150).await;
    let mut shard = Shard::new(config(&gw, Compression::ZlibStream));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    let mut ids = gw.emit(10);
    drive(&mut shard, &mut seen, |s| s.keys.len() == 10).await;
    let sender = shard.sender();
    drive(&mut shard, &mut seen, |_| sender.latency().last().is_some()).await;
    gw.fault(Fault::StopAcks);
    ids.extend(gw.emit(10));
    drive(&mut shard, &mut seen, |s| s.connected.len() == 2).await;
    assert!(
        seen.disconnects.iter().any(|d| d.contains("zombie")),
        "{:?}",
        seen.disconnects
    );
    assert_eq!(seen.connected, [false, true]);
    ids.extend(gw.emit(5));
    drive(&mut shard, &mut seen, |s| s.keys.len() == 25).await;
    assert_exactly_once(&seen, &ids);
    assert!(shard.latency().last().is_some());
}

async fn fatal(code: u16) -> FatalError {
    let gw = MockGateway::start(5_000).await;
    gw.state.lock().unwrap().close_on_identify = Some(code);
    let config = ShardConfig::builder(
        "t",
        Intents::GUILDS | Intents::GUILD_MEMBERS | Intents::MESSAGE_CONTENT,
    )
    .gateway_url(gw.url())
    .compression(Compression::None)
    .reconnect_backoff(Duration::from_millis(10), Duration::from_millis(50))
    .build();
    let mut shard = Shard::new(config);
    let error = tokio::time::timeout(LIMIT, async {
        loop {
            match shard.next().await {
                Some(Err(ReceiveError::Fatal(e))) => return e,
                Some(_) => {}
                None => panic!("ended without a fatal error"),
            }
        }
    })
    .await
    .expect("timed out");
    assert!(
        shard.next().await.is_none(),
        "the stream ends after a fatal error"
    );
    assert!(!shard.is_alive());
    assert_eq!(
        gw.state.lock().unwrap().connections,
        1,
        "no reconnect after {code}"
    );
    error
}

#[tokio::test]
async fn fatal_close_codes_stop_the_shard() {
    assert!(matches!(
        fatal(4004).await,
        FatalError::AuthenticationFailed
    ));
    assert!(matches!(fatal(4010).await, FatalError::InvalidShard));
    assert!(matches!(fatal(4011).await, FatalError::ShardingRequired));
    assert!(matches!(fatal(4012).await, FatalError::InvalidApiVersion));
    assert!(matches!(
        fatal(4013).await,
        FatalError::InvalidIntents { .. }
    ));
    match fatal(4014).await {
        FatalError::DisallowedIntents { privileged } => {
            assert_eq!(
                privileged,
                Intents::GUILD_MEMBERS | Intents::MESSAGE_CONTENT
            )
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn replayed_events_are_dropped() {
    let gw = MockGateway::start(5_000).await;
    gw.state.lock().unwrap().replay_overlap = 10;
    let mut shard = Shard::new(config(&gw, Compression::None));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    let mut ids = gw.emit(20);
    drive(&mut shard, &mut seen, |s| s.keys.len() == 20).await;
    gw.fault(Fault::Drop);
    drive(&mut shard, &mut seen, |s| s.connected.len() == 2).await;
    ids.extend(gw.emit(5));
    drive(&mut shard, &mut seen, |s| s.keys.len() >= 25).await;
    assert_exactly_once(&seen, &ids);
    let mut sorted = seen.sequences.clone();
    sorted.dedup();
    assert_eq!(sorted, seen.sequences);
    assert!(seen.sequences.windows(2).all(|w| w[0] < w[1]));
}

#[tokio::test]
async fn filtered_events_are_skipped_but_counted() {
    let gw = MockGateway::start(5_000).await;
    let config = ShardConfig::builder("t", Intents::GUILDS)
        .gateway_url(gw.url())
        .compression(Compression::ZlibStream)
        .event_types(EventFilter::only(["GUILD_CREATE"]))
        .build();
    let mut shard = Shard::new(config);
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    gw.emit(30);
    // READY and the messages are filtered out; the sequence still advances.
    tokio::time::timeout(LIMIT, async {
        while shard.session().map(|s| s.sequence) != Some(31) {
            tokio::select! {
                item = shard.next() => seen.record(&item.unwrap().unwrap()),
                () = tokio::time::sleep(Duration::from_millis(20)) => {}
            }
        }
    })
    .await
    .unwrap();
    assert!(seen.sequences.is_empty());
    assert!(seen.keys.is_empty());
}

#[tokio::test]
async fn commands_presence_and_member_chunks() {
    let gw = MockGateway::start(5_000).await;
    let mut shard = Shard::new(config(&gw, Compression::ZlibStream));
    let sender = shard.sender();
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;

    // Request all members without GUILD_MEMBERS: refused before sending.
    let all = RequestGuildMembers::query(GuildId::new(1), "", 0).unwrap();
    assert!(matches!(
        sender.request_guild_members(all),
        Err(SendError::MissingIntents { missing }) if missing == Intents::GUILD_MEMBERS
    ));
    let some = RequestGuildMembers::query(GuildId::new(1), "ab", 10).unwrap();
    let chunks = sender.request_guild_members(some).unwrap();
    let nonce = chunks.nonce().to_owned();
    let gather = tokio::spawn(chunks.collect_all());
    drive(&mut shard, &mut seen, |s| s.sequences.len() >= 4).await;
    let got = tokio::time::timeout(LIMIT, gather).await.unwrap().unwrap();
    assert_eq!(got.len(), 3);
    assert!(
        got.iter()
            .enumerate()
            .all(|(i, c)| c.chunk_index as usize == i && c.chunk_count == 3)
    );
    let sent = gw
        .state
        .lock()
        .unwrap()
        .commands
        .iter()
        .find(|c| c["op"] == 8)
        .cloned()
        .unwrap();
    assert_eq!(sent["d"]["nonce"], nonce.as_str());

    // Oversized payloads are refused.
    let big = kokoro_model::gateway::command::RequestSoundboardSounds {
        guild_ids: (1..=400)
            .map(|i| GuildId::new(10_000_000_000_000_000 + i))
            .collect(),
    };
    assert!(matches!(
        sender.request_soundboard_sounds(&big),
        Err(SendError::PayloadTooLarge { .. })
    ));

    // Presence is sent, and remembered for the next IDENTIFY.
    use kokoro_model::{gateway::command::UpdatePresence, presence::Status};
    sender
        .update_presence(UpdatePresence::new(Status::Idle))
        .unwrap();
    tokio::time::timeout(LIMIT, async {
        while !gw
            .state
            .lock()
            .unwrap()
            .commands
            .iter()
            .any(|c| c["op"] == 3)
        {
            tokio::select! {
                item = shard.next() => seen.record(&item.unwrap().unwrap()),
                () = tokio::time::sleep(Duration::from_millis(20)) => {}
            }
        }
    })
    .await
    .unwrap();
    gw.fault(Fault::InvalidSession(false));
    drive(&mut shard, &mut seen, |s| s.connected.len() == 2).await;
    let identify = gw.state.lock().unwrap().identifies[1].2.clone();
    assert_eq!(identify["presence"]["status"], "idle");
}

#[tokio::test]
async fn resumable_close_hands_over_the_session() {
    let gw = MockGateway::start(5_000).await;
    let mut shard = Shard::new(config(&gw, Compression::ZlibStream));
    let mut seen = Seen::default();
    drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
    let mut ids = gw.emit(10);
    drive(&mut shard, &mut seen, |s| s.keys.len() == 10).await;
    shard.close(CloseKind::Resumable).unwrap();
    let session = tokio::time::timeout(LIMIT, async {
        loop {
            match shard.next().await {
                Some(Ok(ShardEvent::Shutdown { session })) => return session,
                Some(Ok(e)) => seen.record(&e),
                other => panic!("{other:?}"),
            }
        }
    })
    .await
    .unwrap()
    .expect("a resumable session");
    assert!(shard.next().await.is_none());
    assert_eq!(session.sequence, 11);
    ids.extend(gw.emit(5));

    // A new shard (as in a new process) resumes it.
    let config = ShardConfig::builder("test-token", Intents::GUILDS)
        .gateway_url(gw.url())
        .compression(Compression::ZlibStream)
        .resume_session(session)
        .build();
    let mut next = Shard::new(config);
    drive(&mut next, &mut seen, |s| {
        s.keys.len() == 15 && s.connected.len() == 2
    })
    .await;
    assert_exactly_once(&seen, &ids);
    assert_eq!(seen.connected, [false, true]);
    assert_eq!(gw.identify_count(), 1);
}

#[tokio::test]
async fn group_identifies_in_windows_by_key() {
    let gw = MockGateway::start(5_000).await;
    let window = Duration::from_millis(300);
    let queue = Arc::new(InMemoryQueue::new(4).remaining(100).window(window));
    let template = ShardConfig::builder("t", Intents::GUILDS)
        .gateway_url(gw.url())
        .compression(Compression::None)
        .identify_queue(queue)
        .build();
    let mut group = ShardGroup::new(template, 16, 0..16).unwrap();
    let mut ready = std::collections::HashSet::new();
    tokio::time::timeout(LIMIT, async {
        while ready.len() < 16 {
            let (id, item) = group.next().await.unwrap();
            if let Ok(ShardEvent::Connected { .. }) = item {
                ready.insert(id.number());
            }
        }
    })
    .await
    .unwrap();
    let identifies = gw.state.lock().unwrap().identifies.clone();
    assert_eq!(identifies.len(), 16);
    // What the queue promises, stated so that a slow machine (which only
    // widens gaps) cannot break it: one IDENTIFY per key (shard % 4) per
    // window, and keys started window after window in shard order.
    let mut by_time = identifies.clone();
    by_time.sort_by_key(|(t, _, _)| *t);
    let shards: Vec<u32> = by_time.iter().map(|(_, s, _)| *s).collect();
    for (i, shard) in shards.iter().enumerate() {
        assert_eq!(
            *shard as usize / 4,
            i / 4,
            "window order broken: {shards:?}"
        );
    }
    for key in 0..4u32 {
        let times: Vec<_> = by_time
            .iter()
            .filter(|(_, s, _)| s % 4 == key)
            .map(|(t, s, _)| (*t, *s))
            .collect();
        assert_eq!(times.len(), 4);
        for pair in times.windows(2) {
            let gap = pair[1].0.duration_since(pair[0].0);
            assert!(pair[0].1 < pair[1].1, "key {key} out of order: {times:?}");
            assert!(
                gap + Duration::from_millis(5) >= window,
                "key {key}: shards {} and {} identified {gap:?} apart, less than the {window:?} window",
                pair[0].1,
                pair[1].1
            );
        }
    }
    group.close(CloseKind::End).unwrap();
    tokio::time::timeout(LIMIT, async { while group.next().await.is_some() {} })
        .await
        .unwrap();
}

#[tokio::test]
async fn session_start_limit_is_refused() {
    let gw = MockGateway::start(5_000).await;
    let queue = Arc::new(
        InMemoryQueue::new(1)
            .remaining(2)
            .window(Duration::from_millis(10)),
    );
    let template = ShardConfig::builder("t", Intents::GUILDS)
        .gateway_url(gw.url())
        .compression(Compression::None)
        .identify_queue(queue)
        .build();
    let mut group = ShardGroup::new(template, 3, 0..3).unwrap();
    let mut connected = 0;
    let mut refused = Vec::new();
    tokio::time::timeout(LIMIT, async {
        while connected + refused.len() < 3 {
            match group.next().await.unwrap() {
                (_, Ok(ShardEvent::Connected { .. })) => connected += 1,
                (id, Err(ReceiveError::Fatal(FatalError::Queue(e)))) => refused.push((id, e)),
                _ => {}
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(connected, 2);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].0, ShardId::new(2, 3).unwrap());
    assert_eq!(gw.identify_count(), 2);
}

#[tokio::test]
async fn soak_random_faults() {
    let rounds: usize = std::env::var("KOKORO_SOAK_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let limit = Duration::from_secs(if rounds > 50 { 600 } else { 60 });
    let gw = MockGateway::start(200).await;
    let mut shard = Shard::new(config(&gw, Compression::ZlibStream));
    let mut seen = Seen::default();
    let mut rng = fastrand::Rng::with_seed(42);
    let mut expected: Vec<u64> = Vec::new();
    let started = std::time::Instant::now();
    tokio::time::timeout(limit, async {
        drive(&mut shard, &mut seen, |s| !s.connected.is_empty()).await;
        for round in 0..rounds {
            expected.extend(gw.emit(rng.usize(1..20)));
            let fault = match rng.u8(0..7) {
                0 => Fault::Drop,
                1 => Fault::Reconnect,
                2 => Fault::InvalidSession(true),
                3 => Fault::InvalidSession(false),
                4 => Fault::Close(4000),
                5 => Fault::Corrupt,
                _ => Fault::Close(4009),
            };
            let new_session = matches!(fault, Fault::InvalidSession(false) | Fault::Close(4009));
            // Let the consumer see this session's events before a fault that ends it.
            if new_session {
                let want = expected.len();
                drive(&mut shard, &mut seen, |s| s.keys.len() == want).await;
            }
            let before = seen.connected.len();
            gw.fault(fault.clone());
            drive(&mut shard, &mut seen, |s| s.connected.len() > before).await;
            let want = expected.len();
            drive(&mut shard, &mut seen, |s| s.keys.len() >= want).await;
            assert_eq!(seen.keys, expected, "round {round}: {fault:?}");
            if std::env::var_os("KOKORO_SOAK_VERBOSE").is_some() {
                eprintln!(
                    "round {round}: {fault:?} ok at {:?}; {:?}",
                    started.elapsed(),
                    seen.disconnects.last()
                );
            }
        }
    })
    .await
    .expect("soak timed out");
    assert_exactly_once(&seen, &expected);
    let _ = DisconnectReason::Zombie;
}
