//! Everything the emulator sends decodes with kokoro-model: gateway payloads
//! through the gateway decoder, REST bodies into their object types.

mod common;

use std::time::Duration;

use common::{Gw, Msg, http, http_raw};
use kokoro_emulator::{Config, Emulator};
use kokoro_model::gateway::event::{EventType, GatewayEvent, decode_json};
use kokoro_model::{Permissions, channel::Channel, guild::Guild, message::Message, user::User};
use serde_json::{Value, json};

fn check(payload: &Value, seen: &mut Vec<String>) {
    let raw = payload.to_string();
    let decoded = decode_json(raw.as_bytes()).unwrap_or_else(|e| panic!("{e} in {raw}"));
    if let GatewayEvent::Dispatch { event, .. } = decoded {
        assert_ne!(
            event.kind(),
            EventType::Unknown,
            "{} is not a known event",
            event.name()
        );
        seen.push(event.name().to_owned());
    }
}

#[tokio::test]
async fn every_gateway_payload_decodes_with_kokoro_model() {
    let mut cfg = Config::unlimited();
    cfg.members_chunk_size = 1;
    let emu = Emulator::builder().config(cfg).start().await.unwrap();
    let bot = emu.create_bot("bot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "g");
    emu.add_member(guild, bot.user_id).unwrap();
    let admin = emu
        .create_role(guild, "admin", Permissions::ADMINISTRATOR)
        .unwrap();
    emu.assign_role(guild, bot.user_id, admin).unwrap();
    let chan = emu.create_channel(guild, "general").unwrap();
    let all_intents =
        ((1u64 << 26) - 1) & !((1 << 17) | (1 << 18) | (1 << 19) | (1 << 22) | (1 << 23));
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, all_intents).await;
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());

    let m = emu
        .post_message_as(alice, chan, &format!("hi <@{}>", bot.user_id))
        .unwrap();
    let ch = format!("/channels/{chan}");
    let mine = http(
        &base,
        "POST",
        &format!("{ch}/messages"),
        t,
        Some(json!({"content": "reply", "message_reference": {"message_id": m.to_string()}})),
    )
    .await;
    let mine_id = mine.body["id"].as_str().unwrap().to_owned();
    http(
        &base,
        "PATCH",
        &format!("{ch}/messages/{mine_id}"),
        t,
        Some(json!({"content": "edited"})),
    )
    .await;
    http_raw(
        &base,
        "PUT",
        &format!("{ch}/messages/{m}/reactions/%E2%9C%85/@me"),
        t,
        "",
        vec![],
    )
    .await;
    http_raw(
        &base,
        "DELETE",
        &format!("{ch}/messages/{m}/reactions/%E2%9C%85/@me"),
        t,
        "",
        vec![],
    )
    .await;
    http_raw(&base, "PUT", &format!("{ch}/pins/{m}"), t, "", vec![]).await;
    http_raw(&base, "POST", &format!("{ch}/typing"), t, "", vec![]).await;
    http(&base, "PATCH", &ch, t, Some(json!({"topic": "new topic"}))).await;
    http(
        &base,
        "POST",
        &format!("{ch}/messages/{m}/threads"),
        t,
        Some(json!({"name": "thread"})),
    )
    .await;
    http_raw(
        &base,
        "PUT",
        &format!("/channels/{m}/thread-members/{alice}"),
        t,
        "",
        vec![],
    )
    .await;
    http(&base, "POST", &format!("{ch}/invites"), t, Some(json!({}))).await;
    http(
        &base,
        "POST",
        &format!("{ch}/webhooks"),
        t,
        Some(json!({"name": "hook"})),
    )
    .await;
    let role = http(
        &base,
        "POST",
        &format!("/guilds/{guild}/roles"),
        t,
        Some(json!({"name": "r"})),
    )
    .await;
    http(
        &base,
        "PATCH",
        &format!("/guilds/{guild}/members/{alice}"),
        t,
        Some(json!({"nick": "Al"})),
    )
    .await;
    http_raw(
        &base,
        "DELETE",
        &format!(
            "/guilds/{guild}/roles/{}",
            role.body["id"].as_str().unwrap()
        ),
        t,
        "",
        vec![],
    )
    .await;
    let bob = emu.create_user("bob");
    emu.add_member(guild, bob).unwrap();
    http_raw(
        &base,
        "PUT",
        &format!("/guilds/{guild}/bans/{bob}"),
        t,
        "",
        vec![],
    )
    .await;
    http(
        &base,
        "PATCH",
        &format!("/guilds/{guild}"),
        t,
        Some(json!({"name": "renamed"})),
    )
    .await;
    let tmp = http(
        &base,
        "POST",
        &format!("/guilds/{guild}/channels"),
        t,
        Some(json!({"name": "tmp"})),
    )
    .await;
    http(
        &base,
        "DELETE",
        &format!("/channels/{}", tmp.body["id"].as_str().unwrap()),
        t,
        None,
    )
    .await;
    http_raw(
        &base,
        "DELETE",
        &format!("{ch}/messages/{mine_id}"),
        t,
        "",
        vec![],
    )
    .await;
    emu.set_presence(alice, "idle");
    emu.invoke_slash_command(
        bot.application_id,
        alice,
        chan,
        "ping",
        json!([{"name": "n", "type": 4, "value": 1}]),
    )
    .unwrap();
    emu.click_component(bot.application_id, alice, chan, m, "b")
        .unwrap();
    gw.send(json!({"op": 4, "d": {"guild_id": guild.to_string(), "channel_id": null, "self_mute": false, "self_deaf": false}})).await;
    gw.send(json!({"op": 8, "d": {"guild_id": guild.to_string(), "query": "", "limit": 0, "presences": true}})).await;
    gw.send(json!({"op": 8, "d": {"guild_id": guild.to_string(), "query": "", "limit": 0}}))
        .await;
    gw.send(json!({"op": 31, "d": {"guild_ids": [guild.to_string()]}}))
        .await;
    gw.send(json!({"op": 1, "d": null})).await;

    let mut seen = Vec::new();
    loop {
        match gw.next().await {
            Msg::Payload(p) => {
                check(&p, &mut seen);
                if p["op"] == 11 {
                    break;
                }
            }
            other => panic!("{other:?}"),
        }
    }
    for name in [
        "GUILD_CREATE",
        "MESSAGE_CREATE",
        "MESSAGE_UPDATE",
        "MESSAGE_DELETE",
        "MESSAGE_REACTION_ADD",
        "MESSAGE_REACTION_REMOVE",
        "CHANNEL_PINS_UPDATE",
        "TYPING_START",
        "CHANNEL_UPDATE",
        "CHANNEL_CREATE",
        "CHANNEL_DELETE",
        "THREAD_CREATE",
        "THREAD_MEMBERS_UPDATE",
        "INVITE_CREATE",
        "WEBHOOKS_UPDATE",
        "GUILD_ROLE_CREATE",
        "GUILD_ROLE_DELETE",
        "GUILD_MEMBER_UPDATE",
        "GUILD_MEMBER_ADD",
        "GUILD_MEMBER_REMOVE",
        "GUILD_BAN_ADD",
        "GUILD_UPDATE",
        "GUILD_AUDIT_LOG_ENTRY_CREATE",
        "PRESENCE_UPDATE",
        "INTERACTION_CREATE",
        "VOICE_STATE_UPDATE",
        "GUILD_MEMBERS_CHUNK",
        "RATE_LIMITED",
        "SOUNDBOARD_SOUNDS",
    ] {
        assert!(seen.iter().any(|s| s == name), "no {name} in {seen:?}");
    }

    // RESUMED, INVALID_SESSION and RECONNECT decode too.
    emu.faults().send_reconnect();
    check(&gw.payload().await, &mut seen);
    emu.faults().send_invalid_session(true);
    check(&gw.payload().await, &mut seen);
}

#[tokio::test]
async fn rest_bodies_decode_into_model_objects() {
    let emu = Emulator::builder()
        .config(Config::unlimited())
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("bot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "g");
    emu.add_member(guild, bot.user_id).unwrap();
    let chan = emu.create_channel(guild, "general").unwrap();
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());
    let user: User =
        serde_json::from_value(http(&base, "GET", "/users/@me", t, None).await.body).unwrap();
    assert_eq!(user.id, bot.user_id);
    let c: Channel = serde_json::from_value(
        http(&base, "GET", &format!("/channels/{chan}"), t, None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(c.id, chan);
    let g: Guild = serde_json::from_value(
        http(&base, "GET", &format!("/guilds/{guild}"), t, None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(g.id, guild);
    let body = json!({"content": "x", "embeds": [{"title": "t", "fields": [{"name": "a", "value": "b"}]}], "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "ok", "custom_id": "ok"}]}]});
    let r = http(
        &base,
        "POST",
        &format!("/channels/{chan}/messages"),
        t,
        Some(body),
    )
    .await;
    let msg: Message = serde_json::from_value(r.body).unwrap();
    assert_eq!(msg.channel_id, chan);
    let list: Vec<Message> = serde_json::from_value(
        http(&base, "GET", &format!("/channels/{chan}/messages"), t, None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(list.len(), 1);
    let _: Vec<kokoro_model::guild::Role> = serde_json::from_value(
        http(&base, "GET", &format!("/guilds/{guild}/roles"), t, None)
            .await
            .body,
    )
    .unwrap();
    let _: kokoro_model::guild::Member = serde_json::from_value(
        http(
            &base,
            "GET",
            &format!("/guilds/{guild}/members/{alice}"),
            t,
            None,
        )
        .await
        .body,
    )
    .unwrap();
    let _: kokoro_model::audit_log::AuditLog = serde_json::from_value(
        http(
            &base,
            "GET",
            &format!("/guilds/{guild}/audit-logs"),
            t,
            None,
        )
        .await
        .body,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    tokio::time::sleep(Duration::from_millis(1)).await;
}
