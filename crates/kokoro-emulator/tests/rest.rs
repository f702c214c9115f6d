//! REST against raw hyper requests: auth, errors, permissions, rate limits,
//! faults, interactions, attachments and webhooks.

mod common;

use std::time::Duration;

use common::{Gw, http, http_raw};
use kokoro_emulator::{Config, Emulator, InteractionStatus, Limit, RateLimitScope};
use kokoro_model::Permissions;
use serde_json::json;

async fn setup(
    config: Config,
) -> (
    Emulator,
    kokoro_emulator::Bot,
    kokoro_model::id::UserId,
    kokoro_model::id::GuildId,
    kokoro_model::id::ChannelId,
) {
    let emu = Emulator::builder().config(config).start().await.unwrap();
    let bot = emu.create_bot("bot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "g");
    emu.add_member(guild, bot.user_id).unwrap();
    let chan = emu.create_channel(guild, "general").unwrap();
    (emu, bot, alice, guild, chan)
}

#[tokio::test]
async fn unauthorized_and_unknown_resources() {
    let (emu, bot, ..) = setup(Config::unlimited()).await;
    let base = emu.rest_url();
    let r = http(&base, "GET", "/users/@me", None, None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body, json!({"message": "401: Unauthorized", "code": 0}));
    let r = http(&base, "GET", "/users/@me", Some("bad"), None).await;
    assert_eq!(r.status, 401);
    let r = http(&base, "GET", "/users/@me", Some(&bot.token), None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["id"], bot.user_id.to_string());
    assert_eq!(
        http(&base, "GET", "/channels/123", Some(&bot.token), None)
            .await
            .body["code"],
        10003
    );
    assert_eq!(
        http(&base, "GET", "/guilds/123", Some(&bot.token), None)
            .await
            .body["code"],
        10004
    );
    assert_eq!(
        http(&base, "GET", "/users/123", Some(&bot.token), None)
            .await
            .body["code"],
        10013
    );
    let r = http(&base, "GET", "/gateway/bot", Some(&bot.token), None).await;
    assert_eq!(r.body["url"], emu.gateway_url());
    assert_eq!(r.body["session_start_limit"]["max_concurrency"], 1);
    assert_eq!(r.body["session_start_limit"]["total"], 1000);
}

#[tokio::test]
async fn messages_crud_errors_and_permissions() {
    let (emu, bot, alice, guild, chan) = setup(Config::unlimited()).await;
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());
    let path = format!("/channels/{chan}/messages");
    let r = http(
        &base,
        "POST",
        &path,
        t,
        Some(json!({"content": "x".repeat(2001)})),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["code"], 50035);
    assert_eq!(
        r.body["errors"]["content"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );
    assert_eq!(
        http(&base, "POST", &path, t, Some(json!({}))).await.body["code"],
        50006
    );
    let bad = http_raw(
        &base,
        "POST",
        &path,
        t,
        "application/json",
        b"{oops".to_vec(),
    )
    .await;
    assert_eq!(bad.body["code"], 50109);
    let r = http(
        &base,
        "POST",
        &path,
        t,
        Some(json!({"content": "hello", "embeds": [{"title": "t"}]})),
    )
    .await;
    assert_eq!(r.status, 200);
    let mid = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["author"]["id"], bot.user_id.to_string());
    let r = http(
        &base,
        "PATCH",
        &format!("{path}/{mid}"),
        t,
        Some(json!({"content": "edited"})),
    )
    .await;
    assert_eq!(r.body["content"], "edited");
    assert!(r.body["edited_timestamp"].is_string());
    let user_msg = emu.post_message_as(alice, chan, "from alice").unwrap();
    let r = http(&base, "GET", &format!("{path}?limit=10"), t, None).await;
    assert_eq!(r.body.as_array().unwrap().len(), 2);
    assert_eq!(r.body[0]["content"], "from alice");
    let r = http(&base, "GET", &format!("{path}?before={user_msg}"), t, None).await;
    assert_eq!(r.body.as_array().unwrap().len(), 1);
    // Deleting someone else's message needs MANAGE_MESSAGES.
    let r = http(&base, "DELETE", &format!("{path}/{user_msg}"), t, None).await;
    assert_eq!((r.status, r.body["code"].as_u64()), (403, Some(50013)));
    let role = emu
        .create_role(
            guild,
            "mod",
            Permissions::MANAGE_MESSAGES | Permissions::VIEW_AUDIT_LOG,
        )
        .unwrap();
    emu.assign_role(guild, bot.user_id, role).unwrap();
    let r = http_raw(
        &base,
        "DELETE",
        &format!("{path}/{user_msg}"),
        t,
        "",
        vec![],
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        http(&base, "GET", &format!("{path}/{user_msg}"), t, None)
            .await
            .body["code"],
        10008
    );
    // A channel the bot cannot see.
    let hidden = emu.create_channel(guild, "hidden").unwrap();
    emu.set_overwrite(
        hidden,
        guild.get(),
        false,
        Permissions::empty(),
        Permissions::VIEW_CHANNEL,
    )
    .unwrap();
    let r = http(
        &base,
        "POST",
        &format!("/channels/{hidden}/messages"),
        t,
        Some(json!({"content": "x"})),
    )
    .await;
    assert_eq!((r.status, r.body["code"].as_u64()), (403, Some(50001)));
    // A member overwrite lets it back in; then SEND_MESSAGES denied is 50013.
    emu.set_overwrite(
        hidden,
        bot.user_id.get(),
        true,
        Permissions::VIEW_CHANNEL,
        Permissions::SEND_MESSAGES,
    )
    .unwrap();
    let r = http(
        &base,
        "POST",
        &format!("/channels/{hidden}/messages"),
        t,
        Some(json!({"content": "x"})),
    )
    .await;
    assert_eq!(r.body["code"], 50013);
    // What the bot sent is readable by the test.
    let sent: Vec<_> = emu
        .messages_in(chan)
        .into_iter()
        .filter(|m| m["author"]["id"] == bot.user_id.to_string())
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["content"], "edited");
}

#[tokio::test]
async fn audit_log_honours_the_reason_header() {
    let (emu, bot, alice, guild, chan) = setup(Config::unlimited()).await;
    let role = emu
        .create_role(guild, "admin", Permissions::ADMINISTRATOR)
        .unwrap();
    emu.assign_role(guild, bot.user_id, role).unwrap();
    let m = emu.post_message_as(alice, chan, "bad").unwrap();
    let base = emu.rest_url();
    let url: hyper::Uri = format!("{base}/channels/{chan}/messages/{m}")
        .parse()
        .unwrap();
    let host = url.authority().unwrap().to_string();
    let stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let (mut s, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(conn);
    let req = hyper::Request::builder()
        .method("DELETE")
        .uri(url.path())
        .header("host", host)
        .header("authorization", format!("Bot {}", bot.token))
        .header("x-audit-log-reason", "spam%20cleanup")
        .body(http_body_util::Empty::<bytes::Bytes>::new())
        .unwrap();
    let r = common::within(s.send_request(req)).await.unwrap();
    assert_eq!(r.status(), 204);
    let log = http(
        &base,
        "GET",
        &format!("/guilds/{guild}/audit-logs"),
        Some(&bot.token),
        None,
    )
    .await;
    let e = &log.body["audit_log_entries"][0];
    assert_eq!(e["action_type"], 72);
    assert_eq!(e["reason"], "spam cleanup");
    assert_eq!(e["target_id"], alice.to_string());
}

#[tokio::test]
async fn per_route_limits_share_one_bucket_hash_per_channel() {
    let mut cfg = Config::unlimited();
    cfg.route_limits
        .insert("messages".into(), Limit::new(2, Duration::from_secs(10)));
    let (emu, bot, _, guild, chan) = setup(cfg).await;
    let other = emu.create_channel(guild, "other").unwrap();
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());
    let a = http(
        &base,
        "POST",
        &format!("/channels/{chan}/messages"),
        t,
        Some(json!({"content": "1"})),
    )
    .await;
    assert_eq!(a.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(a.header("x-ratelimit-remaining"), Some("1"));
    let reset_after: f64 = a
        .header("x-ratelimit-reset-after")
        .unwrap()
        .parse()
        .unwrap();
    assert!(reset_after > 9.0 && reset_after <= 10.0);
    let reset: f64 = a.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(a.header("x-ratelimit-reset").unwrap().contains('.'));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!((reset - now - reset_after).abs() < 1.0);
    let b = http(&base, "GET", &format!("/channels/{chan}/messages"), t, None).await;
    assert_eq!(
        b.header("x-ratelimit-bucket"),
        a.header("x-ratelimit-bucket")
    );
    assert_eq!(b.header("x-ratelimit-remaining"), Some("0"));
    let c = http(
        &base,
        "POST",
        &format!("/channels/{chan}/messages"),
        t,
        Some(json!({"content": "3"})),
    )
    .await;
    assert_eq!(c.status, 429);
    assert_eq!(c.header("x-ratelimit-scope"), Some("user"));
    assert_eq!(c.header("x-ratelimit-global"), None);
    assert_eq!(c.header("retry-after"), Some("10"));
    assert_eq!(c.body["message"], "You are being rate limited.");
    assert_eq!(c.body["global"], false);
    assert!(c.body["retry_after"].as_f64().unwrap() > 9.0);
    // Another channel is another top-level resource: its own bucket, same hash.
    let d = http(
        &base,
        "POST",
        &format!("/channels/{other}/messages"),
        t,
        Some(json!({"content": "4"})),
    )
    .await;
    assert_eq!(d.status, 200);
    assert_eq!(
        d.header("x-ratelimit-bucket"),
        a.header("x-ratelimit-bucket")
    );
    let e = http(&base, "GET", &format!("/channels/{chan}"), t, None).await;
    assert_ne!(
        e.header("x-ratelimit-bucket"),
        a.header("x-ratelimit-bucket")
    );
    assert_eq!(emu.counters().rate_limited, 1);
}

#[tokio::test]
async fn global_limit_and_interaction_callbacks_are_exempt() {
    let mut cfg = Config::unlimited();
    cfg.global_limit = Limit::new(3, Duration::from_secs(10));
    let (emu, bot, alice, _, chan) = setup(cfg).await;
    let base = emu.rest_url();
    for _ in 0..3 {
        assert_eq!(
            http(&base, "GET", "/users/@me", Some(&bot.token), None)
                .await
                .status,
            200
        );
    }
    let r = http(&base, "GET", "/users/@me", Some(&bot.token), None).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("x-ratelimit-global"), Some("true"));
    assert_eq!(r.header("x-ratelimit-scope"), Some("global"));
    assert_eq!(r.body["global"], true);
    let i = emu
        .invoke_slash_command(bot.application_id, alice, chan, "ping", json!([]))
        .unwrap();
    let r = http(
        &base,
        "POST",
        &format!("/interactions/{}/{}/callback", i.id, i.token),
        None,
        Some(json!({"type": 4, "data": {"content": "pong"}})),
    )
    .await;
    assert_eq!(r.status, 204);
}

#[tokio::test]
async fn invalid_requests_lead_to_a_temporary_ban() {
    let mut cfg = Config::unlimited();
    cfg.invalid_request_limit = Limit::new(3, Duration::from_secs(600));
    cfg.invalid_request_ban = Duration::from_millis(1000);
    let (emu, bot, ..) = setup(cfg).await;
    let base = emu.rest_url();
    emu.faults()
        .force_rate_limit(RateLimitScope::Shared, Duration::from_millis(10), 2);
    for _ in 0..2 {
        let r = http(&base, "GET", "/users/@me", Some(&bot.token), None).await;
        assert_eq!(r.header("x-ratelimit-scope"), Some("shared"));
    }
    assert_eq!(
        emu.counters().invalid_requests,
        0,
        "shared 429s do not count"
    );
    for _ in 0..3 {
        assert_eq!(
            http(&base, "GET", "/users/@me", Some("bad"), None)
                .await
                .status,
            401
        );
    }
    assert_eq!(
        http(&base, "GET", "/users/@me", Some("bad"), None)
            .await
            .status,
        401
    );
    let banned = http(&base, "GET", "/users/@me", Some(&bot.token), None).await;
    assert_eq!(banned.status, 429);
    assert!(emu.counters().banned_requests >= 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        http(&base, "GET", "/users/@me", Some(&bot.token), None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn injected_rest_faults() {
    let (emu, bot, ..) = setup(Config::unlimited()).await;
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());
    emu.faults().fail_rest(502, 2);
    assert_eq!(http(&base, "GET", "/users/@me", t, None).await.status, 502);
    assert_eq!(http(&base, "GET", "/users/@me", t, None).await.status, 502);
    assert_eq!(http(&base, "GET", "/users/@me", t, None).await.status, 200);
    emu.faults()
        .force_rate_limit(RateLimitScope::Global, Duration::from_millis(1500), 1);
    let r = http(&base, "GET", "/users/@me", t, None).await;
    assert_eq!(
        (
            r.status,
            r.header("x-ratelimit-scope"),
            r.header("retry-after")
        ),
        (429, Some("global"), Some("2"))
    );
    assert_eq!(r.body["retry_after"], 1.5);
    emu.faults().rest(
        kokoro_emulator::RestFault::Status(500),
        "/gateway",
        Some("GET"),
        1,
    );
    assert_eq!(http(&base, "GET", "/users/@me", t, None).await.status, 200);
    assert_eq!(
        http(&base, "GET", "/gateway/bot", t, None).await.status,
        500
    );
    emu.faults().delay_rest(Duration::from_millis(200), 1);
    let start = std::time::Instant::now();
    assert_eq!(http(&base, "GET", "/users/@me", t, None).await.status, 200);
    assert!(start.elapsed() >= Duration::from_millis(200));
    assert_eq!(emu.counters().rest_faults, 5);
}

#[tokio::test]
async fn interactions_must_be_answered_within_the_deadline() {
    let mut cfg = Config::unlimited();
    cfg.interaction_deadline = Duration::from_millis(1000);
    let (emu, bot, alice, _, chan) = setup(cfg).await;
    let base = emu.rest_url();
    let (mut gw, _) = Gw::login(&emu.gateway_url(), &bot.token, 1).await;
    let i = emu
        .invoke_slash_command(bot.application_id, alice, chan, "ping", json!([]))
        .unwrap();
    let ev = gw.until("INTERACTION_CREATE").await;
    assert_eq!(ev["d"]["token"], i.token);
    assert_eq!(ev["d"]["data"]["name"], "ping");
    let cb = format!("/interactions/{}/{}/callback", i.id, i.token);
    assert_eq!(
        http(
            &base,
            "POST",
            &cb,
            None,
            Some(json!({"type": 4, "data": {"content": "pong"}}))
        )
        .await
        .status,
        204
    );
    assert_eq!(
        http(
            &base,
            "POST",
            &cb,
            None,
            Some(json!({"type": 4, "data": {"content": "again"}}))
        )
        .await
        .body["code"],
        40060
    );
    assert_eq!(
        emu.interaction_status(i.id),
        Some(InteractionStatus::Responded(4))
    );
    let r = http(
        &base,
        "PATCH",
        &format!(
            "/webhooks/{}/{}/messages/@original",
            bot.application_id, i.token
        ),
        None,
        Some(json!({"content": "pong!"})),
    )
    .await;
    assert_eq!(r.body["content"], "pong!");
    let r = http(
        &base,
        "POST",
        &format!("/webhooks/{}/{}", bot.application_id, i.token),
        None,
        Some(json!({"content": "follow-up"})),
    )
    .await;
    assert_eq!(r.status, 200);
    let contents: Vec<_> = emu
        .messages_in(chan)
        .iter()
        .map(|m| m["content"].clone())
        .collect();
    assert_eq!(contents, vec![json!("pong!"), json!("follow-up")]);
    assert_eq!(emu.interaction_responses().len(), 1);

    let late = emu
        .invoke_slash_command(bot.application_id, alice, chan, "slow", json!([]))
        .unwrap();
    assert_eq!(
        gw.until("INTERACTION_CREATE").await["d"]["data"]["name"],
        "slow"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        emu.interaction_status(late.id),
        Some(InteractionStatus::Failed)
    );
    let r = http(
        &base,
        "POST",
        &format!("/interactions/{}/{}/callback", late.id, late.token),
        None,
        Some(json!({"type": 5})),
    )
    .await;
    assert_eq!((r.status, r.body["code"].as_u64()), (404, Some(10062)));

    let m = emu.post_message_as(alice, chan, "buttons").unwrap();
    let click = emu
        .click_component(bot.application_id, alice, chan, m, "ok")
        .unwrap();
    let ev = gw.until("INTERACTION_CREATE").await;
    assert_eq!(ev["d"]["data"]["custom_id"], "ok");
    let r = http(
        &base,
        "POST",
        &format!("/interactions/{}/{}/callback", click.id, click.token),
        None,
        Some(json!({"type": 6})),
    )
    .await;
    assert_eq!(r.status, 204);
}

#[tokio::test]
async fn multipart_attachments_and_webhooks() {
    let (emu, bot, _, guild, chan) = setup(Config::unlimited()).await;
    let role = emu
        .create_role(guild, "hooks", Permissions::MANAGE_WEBHOOKS)
        .unwrap();
    emu.assign_role(guild, bot.user_id, role).unwrap();
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());
    let body = b"--BOUND\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{\"content\":\"file\",\"attachments\":[{\"id\":0}]}\r\n--BOUND\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"hello.txt\"\r\nContent-Type: text/plain\r\n\r\nhello world\r\n--BOUND--\r\n";
    let r = http_raw(
        &base,
        "POST",
        &format!("/channels/{chan}/messages"),
        t,
        "multipart/form-data; boundary=BOUND",
        body.to_vec(),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["attachments"][0]["filename"], "hello.txt");
    assert_eq!(r.body["attachments"][0]["size"], 11);
    let hook = http(
        &base,
        "POST",
        &format!("/channels/{chan}/webhooks"),
        t,
        Some(json!({"name": "hook"})),
    )
    .await;
    assert_eq!(hook.status, 200);
    let (id, token) = (
        hook.body["id"].as_str().unwrap(),
        hook.body["token"].as_str().unwrap(),
    );
    let r = http(
        &base,
        "POST",
        &format!("/webhooks/{id}/{token}?wait=true"),
        None,
        Some(json!({"content": "via hook"})),
    )
    .await;
    assert_eq!(r.body["webhook_id"], id);
    let r = http_raw(
        &base,
        "POST",
        &format!("/webhooks/{id}/{token}"),
        None,
        "application/json",
        br#"{"content":"nowait"}"#.to_vec(),
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        http(
            &base,
            "POST",
            &format!("/webhooks/{id}/wrong"),
            None,
            Some(json!({"content": "x"}))
        )
        .await
        .body["code"],
        50027
    );
    let r = http(&base, "GET", &format!("/channels/{chan}/webhooks"), t, None).await;
    assert_eq!(r.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn commands_reactions_threads_and_members() {
    let (emu, bot, alice, guild, chan) = setup(Config::unlimited()).await;
    let role = emu
        .create_role(guild, "admin", Permissions::ADMINISTRATOR)
        .unwrap();
    emu.assign_role(guild, bot.user_id, role).unwrap();
    let base = emu.rest_url();
    let t = Some(bot.token.as_str());
    let app = bot.application_id;
    let r = http(&base, "PUT", &format!("/applications/{app}/commands"), t, Some(json!([{"name": "ping", "description": "Ping"}, {"name": "Bad Name", "description": "x"}]))).await;
    assert_eq!(
        r.body["errors"]["1"]["name"]["_errors"][0]["code"],
        "APPLICATION_COMMAND_INVALID_NAME"
    );
    let r = http(
        &base,
        "PUT",
        &format!("/applications/{app}/commands"),
        t,
        Some(json!([{"name": "ping", "description": "Ping"}])),
    )
    .await;
    assert_eq!(r.body[0]["name"], "ping");
    assert_eq!(emu.commands_of(app, None).len(), 1);
    let m = emu.post_message_as(alice, chan, "react to me").unwrap();
    let r = http_raw(
        &base,
        "PUT",
        &format!("/channels/{chan}/messages/{m}/reactions/%F0%9F%91%8D/@me"),
        t,
        "",
        vec![],
    )
    .await;
    assert_eq!(r.status, 204);
    let r = http(
        &base,
        "GET",
        &format!("/channels/{chan}/messages/{m}"),
        t,
        None,
    )
    .await;
    assert_eq!(r.body["reactions"][0]["emoji"]["name"], "👍");
    assert_eq!(r.body["reactions"][0]["me"], true);
    let r = http(
        &base,
        "POST",
        &format!("/channels/{chan}/messages/{m}/threads"),
        t,
        Some(json!({"name": "thread"})),
    )
    .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.body["id"], m.to_string());
    let r = http(
        &base,
        "POST",
        &format!("/channels/{m}/messages"),
        t,
        Some(json!({"content": "in thread"})),
    )
    .await;
    assert_eq!(r.status, 200);
    let r = http(
        &base,
        "GET",
        &format!("/guilds/{guild}/members/{alice}"),
        t,
        None,
    )
    .await;
    assert_eq!(r.body["user"]["username"], "alice");
    let r = http(
        &base,
        "DELETE",
        &format!("/guilds/{guild}/members/{alice}"),
        t,
        None,
    )
    .await;
    assert_eq!(r.body["code"], 50013, "the owner cannot be kicked");
    let bob = emu.create_user("bob");
    emu.add_member(guild, bob).unwrap();
    let r = http_raw(
        &base,
        "PUT",
        &format!("/guilds/{guild}/bans/{bob}"),
        t,
        "",
        vec![],
    )
    .await;
    assert_eq!(r.status, 204);
    let r = http(
        &base,
        "GET",
        &format!("/guilds/{guild}/members/{bob}"),
        t,
        None,
    )
    .await;
    assert_eq!(r.body["code"], 10007);
    let log = emu.audit_log(guild);
    assert!(log.iter().any(|e| e["action_type"] == 22));
}
