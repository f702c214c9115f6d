//! The gateway protocol against a plain websocket client.

mod common;

use std::time::Duration;

use common::{Gw, Msg, within};
use kokoro_emulator::{Emulator, Limit};
use kokoro_model::{Intents, Permissions};
use serde_json::json;

const GUILDS_AND_MESSAGES: u64 = (1 << 0) | (1 << 9);

async fn world() -> (
    Emulator,
    kokoro_emulator::Bot,
    kokoro_model::id::UserId,
    kokoro_model::id::GuildId,
    kokoro_model::id::ChannelId,
) {
    let emu = Emulator::builder()
        .heartbeat_interval(Duration::from_secs(30))
        .max_concurrency(1, Duration::from_millis(1))
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "g");
    emu.add_member(guild, bot.user_id).unwrap();
    let chan = emu.create_channel(guild, "general").unwrap();
    (emu, bot, alice, guild, chan)
}

#[tokio::test]
async fn hello_identify_ready_and_guild_create() {
    let (emu, bot, _, guild, _) = world().await;
    let mut gw = Gw::connect(&emu.gateway_url(), "v=10&encoding=json").await;
    let hello = gw.payload().await;
    assert_eq!(hello["op"], 10);
    assert_eq!(hello["d"]["heartbeat_interval"], 30_000);
    gw.identify(&bot.token, GUILDS_AND_MESSAGES).await;
    let ready = gw.payload().await;
    assert_eq!(ready["t"], "READY");
    assert_eq!(ready["s"], 1);
    assert_eq!(ready["d"]["resume_gateway_url"], emu.gateway_url());
    assert_eq!(ready["d"]["user"]["id"], bot.user_id.to_string());
    assert_eq!(ready["d"]["guilds"][0]["unavailable"], true);
    assert!(
        ready["d"]["session_id"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    let gc = gw.payload().await;
    assert_eq!(gc["t"], "GUILD_CREATE");
    assert_eq!(gc["s"], 2);
    assert_eq!(gc["d"]["id"], guild.to_string());
    assert_eq!(gc["d"]["channels"][0]["name"], "general");
    assert_eq!(emu.counters().identifies, 1);
}

#[tokio::test]
async fn heartbeat_is_acked_and_op1_asks_for_a_beat() {
    let (emu, bot, ..) = world().await;
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    gw.until("GUILD_CREATE").await;
    gw.send(json!({"op": 1, "d": 2})).await;
    assert_eq!(gw.payload().await["op"], 11);
    assert_eq!(emu.faults().request_heartbeat(), 1);
    assert_eq!(gw.payload().await["op"], 1);
    emu.faults().ack_heartbeats(false);
    gw.send(json!({"op": 1, "d": 2})).await;
    emu.faults().request_heartbeat();
    // The next thing is the op 1 request, not an ACK.
    assert_eq!(gw.payload().await["op"], 1);
    for _ in 0..100 {
        if emu.counters().heartbeats == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(emu.counters().heartbeats, 2);
    assert_eq!(emu.counters().heartbeat_acks, 1);
}

async fn close_code_after(emu: &Emulator, send: Vec<serde_json::Value>) -> u16 {
    let mut gw = Gw::connect(&emu.gateway_url(), "v=10&encoding=json").await;
    gw.payload().await;
    for p in send {
        gw.send(p).await;
    }
    gw.closed().await
}

fn identify(token: &str, intents: u64, shard: Option<[u64; 2]>) -> serde_json::Value {
    let mut v = json!({"op": 2, "d": {"token": token, "intents": intents, "properties": {"os": "l", "browser": "b", "device": "d"}}});
    if let Some(s) = shard {
        v["d"]["shard"] = json!(s);
    }
    v
}

#[tokio::test]
async fn identify_errors_close_with_discord_codes() {
    let emu = Emulator::builder()
        .privileged_intents(Intents::GUILD_MEMBERS)
        .max_concurrency(16, Duration::from_millis(1))
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    assert_eq!(
        close_code_after(&emu, vec![identify("wrong", 1, None)]).await,
        4004
    );
    assert_eq!(
        close_code_after(&emu, vec![identify(&bot.token, 1 << 40, None)]).await,
        4013
    );
    assert_eq!(
        close_code_after(&emu, vec![identify(&bot.token, 1 << 15, None)]).await,
        4014
    );
    assert_eq!(
        close_code_after(&emu, vec![identify(&bot.token, 1, Some([2, 2]))]).await,
        4010
    );
    assert_eq!(
        close_code_after(&emu, vec![json!({"op": 3, "d": {"status": "online"}})]).await,
        4003
    );
    assert_eq!(
        close_code_after(
            &emu,
            vec![
                identify(&bot.token, 2, Some([0, 1])),
                identify(&bot.token, 2, Some([0, 1]))
            ]
        )
        .await,
        4005
    );
    let mut gw = Gw::connect(&emu.gateway_url(), "v=10&encoding=json").await;
    gw.payload().await;
    gw.send_raw(b"{not json".to_vec()).await;
    assert_eq!(gw.closed().await, 4002);
    let mut gw = Gw::connect(&emu.gateway_url(), "v=10&encoding=json").await;
    gw.payload().await;
    gw.send(json!({"op": 1, "d": "x".repeat(5000)})).await;
    assert_eq!(gw.closed().await, 4002);
}

#[tokio::test]
async fn too_many_guilds_per_shard_is_4011() {
    let emu = Emulator::builder()
        .max_guilds_per_shard(1)
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let u = emu.create_user("u");
    for _ in 0..2 {
        let g = emu.create_guild(u, "g");
        emu.add_member(g, bot.user_id).unwrap();
    }
    assert_eq!(
        close_code_after(&emu, vec![identify(&bot.token, 1, None)]).await,
        4011
    );
}

#[tokio::test]
async fn too_many_commands_is_4008_and_silence_is_4009() {
    let emu = Emulator::builder()
        .configure(|c| c.gateway_command_limit = Limit::new(3, Duration::from_secs(60)))
        .start()
        .await
        .unwrap();
    let beats = (0..4).map(|_| json!({"op": 1, "d": null})).collect();
    assert_eq!(close_code_after(&emu, beats).await, 4008);

    let emu = Emulator::builder()
        .heartbeat_interval(Duration::from_millis(100))
        .configure(|c| c.heartbeat_grace = Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    assert_eq!(gw.payload().await["d"]["heartbeat_interval"], 100);
    assert_eq!(gw.closed().await, 4009);
}

#[tokio::test]
async fn resume_replays_missed_events_in_order_then_resumed() {
    let (emu, bot, alice, _, chan) = world().await;
    let (mut gw, ready) = Gw::login(&emu.gateway_url(), &bot.token, GUILDS_AND_MESSAGES).await;
    let gc = gw.until("GUILD_CREATE").await;
    let seq = gc["s"].as_u64().unwrap();
    let session = ready["session_id"].as_str().unwrap().to_owned();
    assert_eq!(emu.faults().drop_connections(), 1);
    assert!(matches!(gw.next().await, Msg::Gone | Msg::Closed(_)));
    for i in 0..3 {
        emu.post_message_as(alice, chan, &format!("missed {i}"))
            .unwrap();
    }
    let mut gw = Gw::connect(
        ready["resume_gateway_url"].as_str().unwrap(),
        "v=10&encoding=json",
    )
    .await;
    gw.payload().await;
    gw.send(json!({"op": 6, "d": {"token": bot.token, "session_id": session, "seq": seq}}))
        .await;
    for i in 0..3u64 {
        let p = gw.payload().await;
        assert_eq!(p["t"], "MESSAGE_CREATE");
        assert_eq!(p["s"], seq + 1 + i);
        assert_eq!(p["d"]["content"], "");
    }
    let resumed = gw.payload().await;
    assert_eq!(resumed["t"], "RESUMED");
    assert_eq!(resumed["s"], seq + 4);
    assert_eq!(emu.counters().replayed, 3);
    emu.post_message_as(alice, chan, "live").unwrap();
    assert_eq!(gw.until("MESSAGE_CREATE").await["s"], seq + 5);
}

#[tokio::test]
async fn invalid_session_for_gone_sessions_and_as_a_fault() {
    let (emu, bot, ..) = world().await;
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.send(json!({"op": 6, "d": {"token": bot.token, "session_id": "nope", "seq": 1}}))
        .await;
    let p = gw.payload().await;
    assert_eq!(p["op"], 9);
    assert_eq!(p["d"], false);

    drop(gw);
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    gw.until("GUILD_CREATE").await;
    let n = emu.faults().send_invalid_session(true) as u64;
    let p = gw.payload().await;
    assert_eq!((p["op"].as_u64(), p["d"].as_bool()), (Some(9), Some(true)));
    let r = emu.faults().send_reconnect() as u64;
    assert_eq!(gw.payload().await["op"], 7);
    emu.faults().close_connections(4000);
    assert_eq!(gw.closed().await, 4000);
    let c = emu.counters();
    assert_eq!((c.invalid_sessions_sent, c.reconnects_sent), (1 + n, r));
    assert!(c.closes >= 1);
}

#[tokio::test]
async fn zlib_stream_frames_end_with_sync_flush_and_share_one_context() {
    let (emu, bot, alice, _, chan) = world().await;
    let mut gw = Gw::connect(
        &emu.gateway_url(),
        "v=10&encoding=json&compress=zlib-stream",
    )
    .await;
    assert_eq!(gw.payload().await["op"], 10);
    gw.identify(&bot.token, GUILDS_AND_MESSAGES).await;
    gw.until("GUILD_CREATE").await;
    for i in 0..20 {
        emu.post_message_as(alice, chan, &format!("msg {i}"))
            .unwrap();
    }
    for _ in 0..20 {
        assert_eq!(gw.payload().await["t"], "MESSAGE_CREATE");
    }
    assert!(gw.raw_frames.len() >= 23);
    for f in &gw.raw_frames {
        assert!(f.ends_with(&[0, 0, 0xFF, 0xFF]));
    }
    // Corrupting the next frame is visible to the client.
    emu.faults().corrupt_next_frame();
    emu.post_message_as(alice, chan, "x").unwrap();
    let r = tokio::spawn(async move { gw.next().await });
    assert!(
        within(r).await.is_err(),
        "a corrupted zlib frame must fail to inflate"
    );
    assert_eq!(emu.counters().corrupted_frames, 1);
}

#[tokio::test]
async fn zstd_stream_frames_decode_one_payload_each() {
    let (emu, bot, alice, _, chan) = world().await;
    let mut gw = Gw::connect(
        &emu.gateway_url(),
        "v=10&encoding=json&compress=zstd-stream",
    )
    .await;
    assert_eq!(gw.payload().await["op"], 10);
    gw.identify(&bot.token, GUILDS_AND_MESSAGES).await;
    gw.until("GUILD_CREATE").await;
    for i in 0..10 {
        emu.post_message_as(alice, chan, &format!("zstd {i}"))
            .unwrap();
    }
    for _ in 0..10 {
        assert_eq!(gw.payload().await["t"], "MESSAGE_CREATE");
    }
}

#[tokio::test]
async fn message_content_is_filtered_without_the_intent() {
    let (emu, bot, alice, guild, chan) = world().await;
    let (mut plain, _) = Gw::login(&emu.gateway_url(), &bot.token, GUILDS_AND_MESSAGES).await;
    plain.until("GUILD_CREATE").await;
    emu.post_message_as(alice, chan, "secret").unwrap();
    let m = plain.until("MESSAGE_CREATE").await;
    assert_eq!(m["d"]["content"], "");
    assert_eq!(m["d"]["guild_id"], guild.to_string());
    emu.post_message_as(alice, chan, &format!("hey <@{}>", bot.user_id))
        .unwrap();
    assert_eq!(
        plain.until("MESSAGE_CREATE").await["d"]["content"],
        format!("hey <@{}>", bot.user_id)
    );
    let dm = emu.create_dm(alice, bot.user_id);
    // DMs need DIRECT_MESSAGES: a second bot session with it.
    let bot2 = emu.create_bot("bot2");
    let (mut dms, _) = Gw::login(&emu.gateway_url(), &bot2.token, 1 << 12).await;
    let dm2 = emu.create_dm(alice, bot2.user_id);
    emu.post_message_as(alice, dm2, "dm content").unwrap();
    assert_eq!(
        dms.until("MESSAGE_CREATE").await["d"]["content"],
        "dm content"
    );
    emu.post_message_as(alice, dm, "not for plain").unwrap();

    let (mut full, _) = Gw::login(
        &emu.gateway_url(),
        &bot.token,
        GUILDS_AND_MESSAGES | (1 << 15),
    )
    .await;
    full.until("GUILD_CREATE").await;
    emu.post_message_as(alice, chan, "visible").unwrap();
    assert_eq!(
        full.until("MESSAGE_CREATE").await["d"]["content"],
        "visible"
    );
}

#[tokio::test]
async fn intents_and_channel_visibility_filter_dispatches() {
    let (emu, bot, alice, guild, chan) = world().await;
    let hidden = emu.create_channel(guild, "hidden").unwrap();
    emu.set_overwrite(
        hidden,
        guild.get(),
        false,
        Permissions::empty(),
        Permissions::VIEW_CHANNEL,
    )
    .unwrap();
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await; // GUILDS only
    gw.until("GUILD_CREATE").await;
    emu.post_message_as(alice, chan, "no GUILD_MESSAGES intent")
        .unwrap();
    emu.post_message_as(alice, hidden, "cannot see").unwrap();
    emu.create_channel(guild, "marker").unwrap();
    let p = gw.payload().await;
    assert_eq!(p["t"], "CHANNEL_CREATE", "{p}");
    let (mut gw2, _) = Gw::login(&emu.gateway_url(), &bot.token, GUILDS_AND_MESSAGES).await;
    gw2.until("GUILD_CREATE").await;
    emu.post_message_as(alice, hidden, "cannot see").unwrap();
    emu.post_message_as(alice, chan, "can see").unwrap();
    assert_eq!(
        gw2.until("MESSAGE_CREATE").await["d"]["channel_id"],
        chan.to_string()
    );
}

#[tokio::test]
async fn events_go_to_the_shard_of_their_guild() {
    let emu = Emulator::builder()
        .max_concurrency(2, Duration::from_millis(1))
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let alice = emu.create_user("alice");
    let mut chans = vec![];
    for _ in 0..4 {
        let g = emu.create_guild(alice, "g");
        emu.add_member(g, bot.user_id).unwrap();
        chans.push((g, emu.create_channel(g, "c").unwrap()));
    }
    let mut shards = vec![];
    for n in 0..2u64 {
        let mut gw = Gw::connect(&emu.gateway_url(), "").await;
        gw.payload().await;
        gw.send(identify(&bot.token, GUILDS_AND_MESSAGES, Some([n, 2])))
            .await;
        let ready = gw.until("READY").await;
        for g in ready["d"]["guilds"].as_array().unwrap() {
            let id: u64 = g["id"].as_str().unwrap().parse().unwrap();
            assert_eq!((id >> 22) % 2, n);
        }
        shards.push(gw);
    }
    for (g, c) in &chans {
        emu.post_message_as(alice, *c, "x").unwrap();
        let n = ((g.get() >> 22) % 2) as usize;
        let m = shards[n].until("MESSAGE_CREATE").await;
        assert_eq!(m["d"]["guild_id"], g.to_string());
    }
}

#[tokio::test]
async fn identify_concurrency_window_invalidates_the_session() {
    let emu = Emulator::builder()
        .max_concurrency(1, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let (_gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.send(identify(&bot.token, 1, Some([0, 1]))).await;
    let p = gw.payload().await;
    assert_eq!((p["op"].as_u64(), p["d"].as_bool()), (Some(9), Some(false)));
}

#[tokio::test]
async fn request_guild_members_chunks_and_rate_limits() {
    let emu = Emulator::builder()
        .configure(|c| c.members_chunk_size = 2)
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let owner = emu.create_user("owner");
    let g = emu.create_guild(owner, "g");
    emu.add_member(g, bot.user_id).unwrap();
    for i in 0..3 {
        let u = emu.create_user(&format!("member{i}"));
        emu.add_member(g, u).unwrap();
    }
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1 | 2).await;
    gw.until("GUILD_CREATE").await;
    gw.send(
        json!({"op": 8, "d": {"guild_id": g.to_string(), "query": "", "limit": 0, "nonce": "n1"}}),
    )
    .await;
    let mut total = 0;
    for i in 0..3 {
        let c = gw.until("GUILD_MEMBERS_CHUNK").await;
        assert_eq!(c["d"]["chunk_index"], i);
        assert_eq!(c["d"]["chunk_count"], 3);
        assert_eq!(c["d"]["nonce"], "n1");
        total += c["d"]["members"].as_array().unwrap().len();
    }
    assert_eq!(total, 5);
    gw.send(
        json!({"op": 8, "d": {"guild_id": g.to_string(), "query": "", "limit": 0, "nonce": "n2"}}),
    )
    .await;
    let rl = gw.until("RATE_LIMITED").await;
    assert_eq!(rl["d"]["opcode"], 8);
    assert_eq!(rl["d"]["meta"]["nonce"], "n2");
    gw.send(json!({"op": 8, "d": {"guild_id": g.to_string(), "query": "memb", "limit": 2}}))
        .await;
    let c = gw.until("GUILD_MEMBERS_CHUNK").await;
    assert_eq!(c["d"]["members"].as_array().unwrap().len(), 2);
    gw.send(
        json!({"op": 8, "d": {"guild_id": g.to_string(), "user_ids": [owner.to_string(), "1"]}}),
    )
    .await;
    let c = gw.until("GUILD_MEMBERS_CHUNK").await;
    assert_eq!(c["d"]["not_found"], json!(["1"]));
}

#[tokio::test]
async fn presence_and_voice_updates_are_broadcast() {
    let (emu, bot, ..) = world().await;
    let bot2 = emu.create_bot("watcher");
    let guild = emu.create_guild(emu.create_user("o"), "g2");
    emu.add_member(guild, bot.user_id).unwrap();
    emu.add_member(guild, bot2.user_id).unwrap();
    let (mut a, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    let (mut b, _) = Gw::login(&emu.gateway_url(), &bot2.token, 1 | (1 << 8) | (1 << 7)).await;
    a.until("GUILD_CREATE").await;
    a.send(json!({"op": 3, "d": {"since": null, "activities": [], "status": "dnd", "afk": false}}))
        .await;
    let p = b.until("PRESENCE_UPDATE").await;
    assert_eq!(p["d"]["status"], "dnd");
    a.send(json!({"op": 4, "d": {"guild_id": guild.to_string(), "channel_id": null, "self_mute": true, "self_deaf": false}})).await;
    let v = b.until("VOICE_STATE_UPDATE").await;
    assert_eq!(v["d"]["self_mute"], true);
    a.send(json!({"op": 31, "d": {"guild_ids": [guild.to_string()]}}))
        .await;
    assert_eq!(
        a.until("SOUNDBOARD_SOUNDS").await["d"]["guild_id"],
        guild.to_string()
    );
}

#[tokio::test]
async fn a_client_close_with_1000_ends_the_session_but_4000_keeps_it() {
    let (emu, bot, ..) = world().await;
    for (code, resumable) in [(4000u16, true), (1000, false)] {
        let (mut gw, ready) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
        gw.until("GUILD_CREATE").await;
        gw.close(code).await;
        let session = ready["session_id"].as_str().unwrap().to_owned();
        for _ in 0..100 {
            if emu
                .event_log()
                .iter()
                .any(|e| e.detail.contains("disconnected") && e.detail.contains(&session))
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let mut gw = Gw::connect(&emu.gateway_url(), "").await;
        gw.payload().await;
        gw.send(json!({"op": 6, "d": {"token": bot.token, "session_id": session, "seq": 2}}))
            .await;
        let p = gw.payload().await;
        if resumable {
            assert_eq!(p["t"], "RESUMED", "{p}");
        } else {
            assert_eq!((p["op"].as_u64(), p["d"].as_bool()), (Some(9), Some(false)));
        }
    }
}
