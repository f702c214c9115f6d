//! Hostile input, large guilds and the session start limit.

mod common;

use std::time::Duration;

use common::{Gw, http, http_raw};
use kokoro_emulator::Emulator;
use serde_json::json;

#[tokio::test]
async fn hostile_input_gets_typed_errors() {
    let emu = Emulator::builder()
        .configure(|c| c.max_body = 1024)
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let base = emu.rest_url();
    let r = http_raw(
        &base,
        "POST",
        "/users/@me/channels",
        Some(&bot.token),
        "application/json",
        vec![b'x'; 4096],
    )
    .await;
    assert_eq!((r.status, r.body["code"].as_u64()), (413, Some(40005)));
    let r = http_raw(
        &base,
        "POST",
        "/channels/1/messages",
        Some(&bot.token),
        "multipart/form-data; boundary=zz",
        b"--zz\r\nbroken".to_vec(),
    )
    .await;
    assert_eq!(
        r.status, 404,
        "unknown channel is checked first: {:?}",
        r.body
    );
    let r = http(
        &base,
        "GET",
        "/channels/not-a-number",
        Some(&bot.token),
        None,
    )
    .await;
    assert_eq!(r.body["code"], 50035);
    let r = http(&base, "GET", "/nowhere", Some(&bot.token), None).await;
    assert_eq!(r.body, json!({"message": "404: Not Found", "code": 0}));
    let r = http(
        &emu.rest_url().replace("/api/v10", ""),
        "GET",
        "/",
        None,
        None,
    )
    .await;
    assert_eq!(r.status, 404);

    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.send(json!({"op": 99, "d": null})).await;
    assert_eq!(
        gw.closed().await,
        4003,
        "before identify anything but heartbeat/identify/resume is 4003"
    );
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.identify(&bot.token, 1).await;
    gw.until("READY").await;
    gw.send(json!({"op": 99, "d": null})).await;
    assert_eq!(gw.closed().await, 4001);
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.send_raw(vec![0xFF, 0xFE, 0x00]).await;
    assert_eq!(gw.closed().await, 4002);
    let mut gw = Gw::connect(&emu.gateway_url(), "v=10&encoding=etf").await;
    assert_eq!(gw.closed().await, 4002);
    let mut gw = Gw::connect(&emu.gateway_url(), "v=3").await;
    assert_eq!(gw.closed().await, 4012);
}

#[tokio::test]
async fn large_guilds_send_only_online_members() {
    let emu = Emulator::builder()
        .large_threshold(3)
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let owner = emu.create_user("owner");
    let g = emu.create_guild(owner, "big");
    emu.add_member(g, bot.user_id).unwrap();
    let mut online = vec![];
    for i in 0..4 {
        let u = emu.create_user(&format!("u{i}"));
        emu.add_member(g, u).unwrap();
        if i % 2 == 0 {
            emu.set_presence(u, "online");
            online.push(u.to_string());
        }
    }
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1 | 2 | (1 << 8)).await;
    let gc = gw.until("GUILD_CREATE").await;
    assert_eq!(gc["d"]["large"], true);
    assert_eq!(gc["d"]["member_count"], 6);
    let mut ids: Vec<String> = gc["d"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user"]["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    online.sort();
    assert_eq!(ids, online);
    assert_eq!(gc["d"]["presences"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn session_start_limit_is_counted_down() {
    let emu = Emulator::builder()
        .session_start_limit(1)
        .max_concurrency(1, Duration::from_millis(1))
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let base = emu.rest_url();
    let r = http(&base, "GET", "/gateway/bot", Some(&bot.token), None).await;
    assert_eq!(r.body["session_start_limit"]["remaining"], 1);
    let (_gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    let r = http(&base, "GET", "/gateway/bot", Some(&bot.token), None).await;
    assert_eq!(r.body["session_start_limit"]["remaining"], 0);
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.identify(&bot.token, 1).await;
    let p = gw.payload().await;
    assert_eq!((p["op"].as_u64(), p["d"].as_bool()), (Some(9), Some(false)));
}

#[tokio::test]
async fn shutdown_closes_gateway_connections() {
    let emu = Emulator::builder().start().await.unwrap();
    let bot = emu.create_bot("bot");
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    emu.shutdown().await;
    assert_eq!(gw.closed().await, 1001);
}

#[tokio::test]
async fn oversized_websocket_frames_close_with_4002() {
    let emu = Emulator::builder().start().await.unwrap();
    let mut gw = Gw::connect(&emu.gateway_url(), "").await;
    gw.payload().await;
    gw.send_raw(vec![b' '; 1 << 20]).await;
    assert_eq!(gw.closed().await, 4002);
}
