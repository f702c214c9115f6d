//! Typed requests of emojis, stickers, soundboard sounds, scheduled events and stage
//! instances against kokoro-emulator: each family's lifecycle decodes into
//! kokoro-model types, shows in later reads, lands in the audit log with its reason and
//! on the gateway; unknown resources and missing permissions surface with Discord's
//! codes; broken limits fail before anything is sent, naming the field.

mod support;

use std::time::Duration;

use kokoro_http::{Attachment, Client, Error, ImageData};
use kokoro_model::{
    Timestamp,
    id::{
        ChannelId, EmojiId, GenericId, ScheduledEventId, SoundboardSoundId, StickerId,
        StickerPackId,
    },
    scheduled_event::{
        GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus,
        RecurrenceRule, RecurrenceRuleFrequency, RecurrenceRuleWeekday, ScheduledEventLocation,
    },
    stage_instance::StageInstancePrivacyLevel,
    sticker::{StickerFormatType, StickerType},
};
use serde_json::json;
use support::{World, invalid, world};

/// A client of a second bot, a member of the guild without any role.
fn plain_client(w: &World) -> Client {
    let bot = w.emu.create_bot("plain");
    w.emu.add_member(w.guild, bot.user_id).unwrap();
    client_of(w, &bot)
}

/// A client of `bot`.
fn client_of(w: &World, bot: &kokoro_emulator::Bot) -> Client {
    Client::builder()
        .token(&bot.token)
        .base_url(w.emu.rest_url())
        .max_retries(0)
        .timeout(Duration::from_secs(10))
        .build()
}

/// Whether the guild's audit log has an entry of `action` with `reason`.
fn audited(w: &World, action: u64, reason: &str) -> bool {
    w.emu
        .audit_log(w.guild)
        .iter()
        .any(|e| e["action_type"] == action && e["reason"] == reason)
}

/// How many `name` dispatches the emulator published.
fn dispatched(w: &World, name: &str) -> usize {
    w.emu
        .event_log()
        .iter()
        .filter(|e| e.kind == "dispatch" && e.detail == name)
        .count()
}

/// Discord's error code of a failed request.
fn code(err: Error) -> u32 {
    match err {
        Error::Api(_) => err.code().unwrap_or(0),
        other => panic!("expected a Discord error, got {other}"),
    }
}

fn at(rfc3339: &str) -> Timestamp {
    Timestamp::parse(rfc3339).unwrap()
}

fn plus_days(t: Timestamp, days: i64) -> Timestamp {
    Timestamp::from_micros((t.as_millis() + days * 86_400_000) * 1000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_emojis() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let fans = w
        .emu
        .create_role(guild, "fans", kokoro_model::Permissions::empty())
        .unwrap();
    let png = ImageData::new("image/png", b"\x89PNG\r\n\x1a\nblob");
    let gif = ImageData::new("image/gif", b"GIF89a-dance");

    let blob = client
        .create_emoji(guild, "blob", &png)
        .roles(&[fans])
        .reason("new emoji")
        .await
        .unwrap();
    assert_eq!(blob.name, "blob");
    assert_eq!(blob.roles, vec![fans]);
    assert!(!blob.animated && blob.available && !blob.managed && blob.require_colons);
    assert_eq!(blob.user.as_ref().map(|u| u.id), Some(w.bot.user_id));
    let dance = client.create_emoji(guild, "dance", &gif).await.unwrap();
    assert!(dance.animated);
    assert!(dance.roles.is_empty());

    assert_eq!(client.emoji(guild, blob.id).await.unwrap(), blob);
    let all = client.emojis(guild).await.unwrap();
    assert_eq!(
        all.iter().map(|e| e.id).collect::<Vec<_>>(),
        [blob.id, dance.id]
    );

    let renamed = client
        .update_emoji(guild, blob.id)
        .name("blobby")
        .roles(&[])
        .reason("rename")
        .await
        .unwrap();
    assert_eq!(renamed.id, blob.id);
    assert_eq!(renamed.name, "blobby");
    assert!(renamed.roles.is_empty());
    assert_eq!(client.emoji(guild, blob.id).await.unwrap().name, "blobby");

    client
        .delete_emoji(guild, dance.id)
        .reason("no dancing")
        .await
        .unwrap();
    let err = client.emoji(guild, dance.id).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(code(err), 10014);
    let held = w.emu.expressions_of(guild);
    assert_eq!(held["emojis"].as_array().map(Vec::len), Some(1));
    assert_eq!(held["emojis"][0]["name"], "blobby");

    assert!(audited(&w, 60, "new emoji"));
    assert!(audited(&w, 61, "rename"));
    assert!(audited(&w, 62, "no dancing"));
    assert_eq!(dispatched(&w, "GUILD_EMOJIS_UPDATE"), 4);

    let plain = plain_client(&w);
    assert_eq!(
        code(plain.create_emoji(guild, "nope", &png).await.unwrap_err()),
        50013
    );
    assert_eq!(
        code(plain.delete_emoji(guild, blob.id).await.unwrap_err()),
        50013
    );
    // CREATE_GUILD_EXPRESSIONS: its own emojis only.
    let maker = w.emu.create_bot("maker");
    w.emu.add_member(guild, maker.user_id).unwrap();
    let makers = w
        .emu
        .create_role(
            guild,
            "makers",
            kokoro_model::Permissions::CREATE_GUILD_EXPRESSIONS,
        )
        .unwrap();
    w.emu.assign_role(guild, maker.user_id, makers).unwrap();
    let maker_client = client_of(&w, &maker);
    let mine = maker_client
        .create_emoji(guild, "mine", &png)
        .await
        .unwrap();
    let mine = maker_client
        .update_emoji(guild, mine.id)
        .name("still_mine")
        .await
        .unwrap();
    assert_eq!(mine.name, "still_mine");
    assert_eq!(
        code(
            maker_client
                .update_emoji(guild, blob.id)
                .name("taken")
                .await
                .unwrap_err()
        ),
        50013
    );
    maker_client.delete_emoji(guild, mine.id).await.unwrap();
    assert_eq!(
        w.emu
            .audit_log(guild)
            .iter()
            .filter(|e| e["action_type"] == 60)
            .count(),
        3,
        "blob, dance and mine"
    );

    // GET /guilds/{guild_id} lists them too.
    let request =
        kokoro_http::Request::new(kokoro_http::routes::Route::GetGuild { guild_id: guild });
    let shown: serde_json::Value = kokoro_http::TypedRequest::new(client, Ok(request))
        .await
        .unwrap();
    assert_eq!(shown["emojis"][0]["id"], blob.id.to_string());
    assert_eq!(shown["emojis"].as_array().map(Vec::len), Some(1));

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.create_emoji(guild, "b", &png).await.unwrap_err()),
        "name is 1 characters long, less than the minimum of 2"
    );
    let big = ImageData::new("image/png", &vec![0; 256 * 1024 + 1]);
    assert_eq!(
        invalid(client.create_emoji(guild, "big", &big).await.unwrap_err()),
        "image is 262145, outside 0..=262144"
    );
    let roles = vec![fans; 1522];
    assert_eq!(
        invalid(
            client
                .update_emoji(guild, blob.id)
                .roles(&roles)
                .await
                .unwrap_err()
        ),
        "roles has 1522 items, more than the limit of 1521"
    );
    assert_eq!(
        invalid(
            client
                .update_emoji(guild, EmojiId::new(1))
                .name("x".repeat(33))
                .await
                .unwrap_err()
        ),
        "name is 33 characters long, more than the limit of 32"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stickers_and_packs() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let png = Attachment::new("wave.png", &b"\x89PNG\r\n\x1a\nwave"[..]);
    let lottie = Attachment::new("dance.json", &br#"{"v":"5.5.2"}"#[..]);

    let wave = client
        .create_guild_sticker(guild, "wave", "👋", png.clone())
        .description("hello there")
        .reason("new sticker")
        .await
        .unwrap();
    assert_eq!(wave.name, "wave");
    assert_eq!(wave.description.as_deref(), Some("hello there"));
    assert_eq!(wave.tags, "👋");
    assert_eq!(wave.kind, StickerType::Guild);
    assert_eq!(wave.format_type, Some(StickerFormatType::Png));
    assert_eq!(wave.guild_id, Some(guild));
    assert_eq!(wave.available, Some(true));
    assert_eq!(wave.user.as_ref().map(|u| u.id), Some(w.bot.user_id));
    let dance = client
        .create_guild_sticker(guild, "dance", "💃", lottie)
        .await
        .unwrap();
    assert_eq!(dance.format_type, Some(StickerFormatType::Lottie));
    assert_eq!(dance.description, None);

    assert_eq!(client.guild_sticker(guild, wave.id).await.unwrap(), wave);
    assert_eq!(client.sticker(wave.id).await.unwrap(), wave);
    let listed = client.guild_stickers(guild).await.unwrap();
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        [wave.id, dance.id]
    );

    let updated = client
        .update_guild_sticker(guild, wave.id)
        .name("waving")
        .description(None)
        .tags("🙋")
        .reason("rename sticker")
        .await
        .unwrap();
    assert_eq!(updated.id, wave.id);
    assert_eq!(updated.name, "waving");
    assert_eq!(updated.description, None);
    assert_eq!(updated.tags, "🙋");
    assert_eq!(client.guild_sticker(guild, wave.id).await.unwrap(), updated);

    client
        .delete_guild_sticker(guild, dance.id)
        .reason("too much")
        .await
        .unwrap();
    assert_eq!(
        code(client.guild_sticker(guild, dance.id).await.unwrap_err()),
        10060
    );
    assert_eq!(code(client.sticker(dance.id).await.unwrap_err()), 10060);
    let held = w.emu.expressions_of(guild);
    assert_eq!(held["stickers"].as_array().map(Vec::len), Some(1));
    assert!(audited(&w, 90, "new sticker"));
    assert!(audited(&w, 91, "rename sticker"));
    assert!(audited(&w, 92, "too much"));
    assert_eq!(dispatched(&w, "GUILD_STICKERS_UPDATE"), 4);

    let packs = client.sticker_packs().await.unwrap().sticker_packs;
    assert!(!packs.is_empty());
    for pack in &packs {
        assert!(!pack.stickers.is_empty(), "{pack:?}");
        assert!(
            pack.stickers
                .iter()
                .all(|s| s.pack_id == Some(pack.id) && s.kind == StickerType::Standard)
        );
    }
    let first = &packs[0];
    assert_eq!(&client.sticker_pack(first.id).await.unwrap(), first);
    assert_eq!(
        client.sticker(first.stickers[0].id).await.unwrap(),
        first.stickers[0]
    );
    assert_eq!(
        code(
            client
                .sticker_pack(StickerPackId::new(1))
                .await
                .unwrap_err()
        ),
        10061
    );

    let plain = plain_client(&w);
    assert_eq!(
        code(
            plain
                .create_guild_sticker(guild, "nope", "😶", png.clone())
                .await
                .unwrap_err()
        ),
        50013
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .create_guild_sticker(guild, "w", "👋", png.clone())
                .await
                .unwrap_err()
        ),
        "name is 1 characters long, less than the minimum of 2"
    );
    assert_eq!(
        invalid(
            client
                .create_guild_sticker(guild, "wave", "👋", png.clone())
                .description("x")
                .await
                .unwrap_err()
        ),
        "description is 1 characters long, less than the minimum of 2"
    );
    let huge = Attachment::new("huge.png", vec![0u8; 512 * 1024 + 1]);
    assert_eq!(
        invalid(
            client
                .create_guild_sticker(guild, "huge", "🐘", huge)
                .await
                .unwrap_err()
        ),
        "file is 524289, outside 0..=524288"
    );
    assert_eq!(
        invalid(
            client
                .update_guild_sticker(guild, StickerId::new(1))
                .tags("t".repeat(201))
                .await
                .unwrap_err()
        ),
        "tags is 201 characters long, more than the limit of 200"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soundboard() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let defaults = client.default_soundboard_sounds().await.unwrap();
    let quack = defaults
        .iter()
        .find(|s| s.name == "quack")
        .expect("a default quack");
    assert_eq!(quack.guild_id, None);

    let ogg = ImageData::new("audio/ogg", b"OggS\0\x02honk");
    let honk = client
        .create_guild_soundboard_sound(guild, "honk", &ogg)
        .volume(0.5)
        .emoji_name("🦆")
        .reason("new sound")
        .await
        .unwrap();
    assert_eq!(honk.name, "honk");
    assert_eq!(honk.volume, 0.5);
    assert_eq!(honk.emoji_name.as_deref(), Some("🦆"));
    assert_eq!(honk.emoji_id, None);
    assert_eq!(honk.guild_id, Some(guild));
    assert!(honk.available);
    assert_eq!(honk.user.as_ref().map(|u| u.id), Some(w.bot.user_id));
    assert_eq!(
        client
            .guild_soundboard_sound(guild, honk.sound_id)
            .await
            .unwrap(),
        honk
    );
    let listed = client.guild_soundboard_sounds(guild).await.unwrap().items;
    assert_eq!(listed, vec![honk.clone()]);

    let updated = client
        .update_guild_soundboard_sound(guild, honk.sound_id)
        .name("HONK")
        .volume(0.25)
        .emoji_id(EmojiId::new(41_771_983_429_993_937))
        .reason("louder name")
        .await
        .unwrap();
    assert_eq!(updated.sound_id, honk.sound_id);
    assert_eq!(updated.name, "HONK");
    assert_eq!(updated.volume, 0.25);
    assert_eq!(updated.emoji_id, Some(EmojiId::new(41_771_983_429_993_937)));
    assert_eq!(updated.emoji_name, None);
    assert_eq!(
        client
            .guild_soundboard_sound(guild, honk.sound_id)
            .await
            .unwrap(),
        updated
    );

    let voice = w
        .emu
        .create_channel_json(guild, json!({"name": "voice", "type": 2}))
        .unwrap();
    assert_eq!(
        code(
            client
                .send_soundboard_sound(voice, honk.sound_id)
                .await
                .unwrap_err()
        ),
        40032,
        "not connected"
    );
    w.emu
        .set_voice_channel(guild, w.bot.user_id, Some(voice))
        .unwrap();
    client
        .send_soundboard_sound(voice, honk.sound_id)
        .await
        .unwrap();
    client
        .send_soundboard_sound(voice, quack.sound_id)
        .source_guild_id(guild)
        .await
        .unwrap();
    assert_eq!(dispatched(&w, "VOICE_CHANNEL_EFFECT_SEND"), 2);
    assert_eq!(
        code(
            client
                .send_soundboard_sound(voice, SoundboardSoundId::new(999))
                .await
                .unwrap_err()
        ),
        10097
    );

    client
        .delete_guild_soundboard_sound(guild, honk.sound_id)
        .reason("enough")
        .await
        .unwrap();
    assert_eq!(
        code(
            client
                .guild_soundboard_sound(guild, honk.sound_id)
                .await
                .unwrap_err()
        ),
        10097
    );
    assert!(
        client
            .guild_soundboard_sounds(guild)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(w.emu.expressions_of(guild)["soundboard_sounds"], json!([]));
    assert!(audited(&w, 130, "new sound"));
    assert!(audited(&w, 131, "louder name"));
    assert!(audited(&w, 132, "enough"));
    for name in [
        "GUILD_SOUNDBOARD_SOUND_CREATE",
        "GUILD_SOUNDBOARD_SOUND_UPDATE",
        "GUILD_SOUNDBOARD_SOUND_DELETE",
    ] {
        assert_eq!(dispatched(&w, name), 1, "{name}");
    }

    let plain = plain_client(&w);
    assert_eq!(
        code(
            plain
                .create_guild_soundboard_sound(guild, "nope", &ogg)
                .await
                .unwrap_err()
        ),
        50013
    );

    let requests = w.emu.counters().rest_requests;
    let s = SoundboardSoundId::new(1);
    assert_eq!(
        invalid(
            client
                .update_guild_soundboard_sound(guild, s)
                .volume(1.5)
                .await
                .unwrap_err()
        ),
        "volume is invalid: is outside 0..=1"
    );
    assert_eq!(
        invalid(
            client
                .create_guild_soundboard_sound(guild, "h", &ogg)
                .await
                .unwrap_err()
        ),
        "name is 1 characters long, less than the minimum of 2"
    );
    let long = ImageData::new("audio/ogg", &vec![0; 512 * 1024 + 1]);
    assert_eq!(
        invalid(
            client
                .create_guild_soundboard_sound(guild, "long", &long)
                .await
                .unwrap_err()
        ),
        "sound is 524289, outside 0..=524288"
    );
    assert_eq!(
        invalid(
            client
                .update_guild_soundboard_sound(guild, s)
                .emoji_name("")
                .await
                .unwrap_err()
        ),
        "emoji_name is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_events() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let voice = w
        .emu
        .create_channel_json(guild, json!({"name": "voice", "type": 2}))
        .unwrap();
    let start = at("2030-01-01T18:00:00Z");
    let end = at("2030-01-01T20:00:00Z");
    let mut weekly = RecurrenceRule::new(start, RecurrenceRuleFrequency::Weekly);
    weekly.by_weekday = Some(vec![RecurrenceRuleWeekday::Tuesday]);

    let club = client
        .create_scheduled_event(
            guild,
            "book club",
            start,
            &ScheduledEventLocation::external("the library", end),
        )
        .description("chapter 3")
        .recurrence_rule(Some(weekly.clone()))
        .reason("new event")
        .await
        .unwrap();
    assert_eq!(club.guild_id, guild);
    assert_eq!(club.name, "book club");
    assert_eq!(club.description.as_deref(), Some("chapter 3"));
    assert_eq!(club.scheduled_start_time, start);
    assert_eq!(club.scheduled_end_time, Some(end));
    assert_eq!(club.entity_type, GuildScheduledEventEntityType::External);
    assert_eq!(club.channel_id, None);
    assert_eq!(
        club.entity_metadata
            .as_ref()
            .and_then(|m| m.location.as_deref()),
        Some("the library")
    );
    assert_eq!(club.status, GuildScheduledEventStatus::Scheduled);
    assert_eq!(
        club.privacy_level,
        GuildScheduledEventPrivacyLevel::GuildOnly
    );
    assert_eq!(club.creator_id, Some(w.bot.user_id));
    assert_eq!(club.recurrence_rule, Some(weekly));

    let jam = client
        .create_scheduled_event(guild, "jam", start, &ScheduledEventLocation::Voice(voice))
        .await
        .unwrap();
    assert_eq!(jam.channel_id, Some(voice));
    assert_eq!(jam.entity_type, GuildScheduledEventEntityType::Voice);
    assert_eq!(jam.entity_metadata, None);
    assert_eq!(jam.recurrence_rule, None);
    let err = client
        .create_scheduled_event(guild, "talk", start, &ScheduledEventLocation::Stage(voice))
        .await
        .unwrap_err();
    assert_eq!(code(err), 50035, "a voice channel is no stage");

    let got = client
        .scheduled_event(guild, club.id)
        .with_user_count()
        .await
        .unwrap();
    assert_eq!(got.user_count, Some(0));
    assert_eq!(got.name, club.name);

    for user in [w.alice, w.bob] {
        w.emu
            .subscribe_scheduled_event(guild, club.id, user, None)
            .unwrap();
    }
    let listed = client
        .scheduled_events(guild)
        .with_user_count()
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|e| e.id).collect::<Vec<_>>(),
        [club.id, jam.id]
    );
    assert_eq!(listed[0].user_count, Some(2));
    assert_eq!(listed[1].user_count, Some(0));

    let (low, high) = (w.alice.min(w.bob), w.alice.max(w.bob));
    let page = client
        .scheduled_event_users(guild, club.id)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].user.as_ref().map(|u| u.id), Some(low));
    assert_eq!(page[0].guild_scheduled_event_id, club.id);
    assert!(page[0].member.is_none());
    let next = client
        .scheduled_event_users(guild, club.id)
        .after(low)
        .with_member()
        .await
        .unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].user.as_ref().map(|u| u.id), Some(high));
    assert!(next[0].member.is_some());
    let before = client
        .scheduled_event_users(guild, club.id)
        .before(high)
        .await
        .unwrap();
    assert_eq!(
        before.iter().filter_map(|u| u.user_id).collect::<Vec<_>>(),
        [low]
    );

    // Exceptions: skip the second occurrence, then move it instead.
    let second = plus_days(start, 7);
    let skip = client
        .create_scheduled_event_exception(guild, club.id, second)
        .canceled(true)
        .reason("holiday")
        .await
        .unwrap();
    assert_eq!(skip.event_id, club.id);
    assert!(skip.is_canceled);
    assert_eq!(skip.scheduled_start_time, None);
    let x = skip.event_exception_id;
    w.emu
        .subscribe_scheduled_event(guild, club.id, w.alice, Some(x))
        .unwrap();
    let only = client
        .scheduled_event_exception_users(guild, club.id, x)
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].user_id, Some(w.alice));
    assert_eq!(only[0].guild_scheduled_event_exception_id, Some(x));
    let counts = client
        .scheduled_event_user_counts(guild, club.id)
        .exception_ids(&[x])
        .await
        .unwrap();
    assert_eq!(counts.guild_scheduled_event_count, 2);
    assert_eq!(
        counts.guild_scheduled_event_exception_counts.get(&x),
        Some(&1)
    );

    let later = plus_days(second, 1);
    let moved = client
        .update_scheduled_event_exception(guild, club.id, x)
        .canceled(false)
        .scheduled_start_time(Some(later))
        .reason("moved")
        .await
        .unwrap();
    assert_eq!(moved.event_exception_id, x);
    assert!(!moved.is_canceled);
    assert_eq!(moved.scheduled_start_time, Some(later));
    let with_exception = client.scheduled_event(guild, club.id).await.unwrap();
    assert_eq!(with_exception.guild_scheduled_event_exceptions, vec![moved]);
    client
        .delete_scheduled_event_exception(guild, club.id, x)
        .reason("as planned")
        .await
        .unwrap();
    let plain_again = client.scheduled_event(guild, club.id).await.unwrap();
    assert!(plain_again.guild_scheduled_event_exceptions.is_empty());
    assert_eq!(
        code(
            client
                .scheduled_event_exception_users(guild, club.id, x)
                .await
                .unwrap_err()
        ),
        10070
    );

    // Move the jam outside, start it, and the status rules hold.
    let picnic = client
        .update_scheduled_event(guild, jam.id)
        .name("picnic")
        .location(&ScheduledEventLocation::external("the park", end))
        .reason("sunny")
        .await
        .unwrap();
    assert_eq!(picnic.name, "picnic");
    assert_eq!(picnic.entity_type, GuildScheduledEventEntityType::External);
    assert_eq!(picnic.channel_id, None);
    assert_eq!(
        picnic.entity_metadata.and_then(|m| m.location).as_deref(),
        Some("the park")
    );
    assert_eq!(picnic.scheduled_end_time, Some(end));
    let active = client
        .update_scheduled_event(guild, jam.id)
        .status(GuildScheduledEventStatus::Active)
        .await
        .unwrap();
    assert_eq!(active.status, GuildScheduledEventStatus::Active);
    let err = client
        .update_scheduled_event(guild, jam.id)
        .status(GuildScheduledEventStatus::Scheduled)
        .await
        .unwrap_err();
    assert_eq!(code(err), 50035);
    assert_eq!(
        client.scheduled_event(guild, jam.id).await.unwrap().status,
        GuildScheduledEventStatus::Active
    );

    client
        .delete_scheduled_event(guild, jam.id)
        .reason("rained")
        .await
        .unwrap();
    assert_eq!(
        code(client.scheduled_event(guild, jam.id).await.unwrap_err()),
        10070
    );
    let held = w.emu.expressions_of(guild);
    assert_eq!(
        held["guild_scheduled_events"].as_array().map(Vec::len),
        Some(1)
    );

    for (action, reason) in [
        (100, "new event"),
        (101, "sunny"),
        (102, "rained"),
        (103, "holiday"),
        (104, "moved"),
        (105, "as planned"),
    ] {
        assert!(audited(&w, action, reason), "{action} {reason}");
    }
    assert_eq!(dispatched(&w, "GUILD_SCHEDULED_EVENT_CREATE"), 2);
    assert_eq!(dispatched(&w, "GUILD_SCHEDULED_EVENT_UPDATE"), 2);
    assert_eq!(dispatched(&w, "GUILD_SCHEDULED_EVENT_DELETE"), 1);
    assert_eq!(dispatched(&w, "GUILD_SCHEDULED_EVENT_EXCEPTION_CREATE"), 1);
    assert_eq!(dispatched(&w, "GUILD_SCHEDULED_EVENT_USER_ADD"), 3);

    let plain = plain_client(&w);
    let err = plain
        .create_scheduled_event(guild, "nope", start, &ScheduledEventLocation::Voice(voice))
        .await
        .unwrap_err();
    assert_eq!(code(err), 50013);
    assert_eq!(
        code(
            client
                .scheduled_event(guild, ScheduledEventId::new(1))
                .await
                .unwrap_err()
        ),
        10070
    );

    let requests = w.emu.counters().rest_requests;
    let outside = ScheduledEventLocation::external("x".repeat(101), end);
    assert_eq!(
        invalid(
            client
                .create_scheduled_event(guild, "x", start, &outside)
                .await
                .unwrap_err()
        ),
        "entity_metadata.location is 101 characters long, more than the limit of 100"
    );
    let backwards = ScheduledEventLocation::external("here", start);
    assert_eq!(
        invalid(
            client
                .create_scheduled_event(guild, "x", end, &backwards)
                .await
                .unwrap_err()
        ),
        "scheduled_end_time is invalid: is not after scheduled_start_time"
    );
    let here = ScheduledEventLocation::Voice(voice);
    assert_eq!(
        invalid(
            client
                .create_scheduled_event(guild, "", start, &here)
                .await
                .unwrap_err()
        ),
        "name is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .update_scheduled_event(guild, club.id)
                .description("d".repeat(1001))
                .await
                .unwrap_err()
        ),
        "description is 1001 characters long, more than the limit of 1000"
    );
    let mut every_third = RecurrenceRule::new(start, RecurrenceRuleFrequency::Weekly);
    every_third.interval = 3;
    assert_eq!(
        invalid(
            client
                .update_scheduled_event(guild, club.id)
                .recurrence_rule(Some(every_third))
                .await
                .unwrap_err()
        ),
        "recurrence_rule.interval is 3, outside 1..=2"
    );
    let mut daily_by_n_weekday = RecurrenceRule::new(start, RecurrenceRuleFrequency::Daily);
    daily_by_n_weekday.by_n_weekday = Some(vec![]);
    assert_eq!(
        invalid(
            client
                .create_scheduled_event(guild, "x", start, &here)
                .recurrence_rule(Some(daily_by_n_weekday))
                .await
                .unwrap_err()
        ),
        "recurrence_rule.by_n_weekday is invalid: is only for monthly rules"
    );
    assert_eq!(
        invalid(
            client
                .scheduled_event_users(guild, club.id)
                .limit(0)
                .await
                .unwrap_err()
        ),
        "limit is 0, outside 1..=100"
    );
    let eleven: Vec<GenericId> = (1..=11).map(GenericId::new).collect();
    assert_eq!(
        invalid(
            client
                .scheduled_event_user_counts(guild, club.id)
                .exception_ids(&eleven)
                .await
                .unwrap_err()
        ),
        "guild_scheduled_event_exception_ids has 11 items, more than the limit of 10"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stage_instances() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let stage = w
        .emu
        .create_channel_json(guild, json!({"name": "stage", "type": 13}))
        .unwrap();

    let live = client
        .create_stage_instance(stage, "Q&A")
        .privacy_level(StageInstancePrivacyLevel::GuildOnly)
        .reason("going live")
        .await
        .unwrap();
    assert_eq!(live.channel_id, stage);
    assert_eq!(live.guild_id, guild);
    assert_eq!(live.topic, "Q&A");
    assert_eq!(live.privacy_level, StageInstancePrivacyLevel::GuildOnly);
    assert_eq!(live.guild_scheduled_event_id, None);
    assert_eq!(client.stage_instance(stage).await.unwrap(), live);
    assert_eq!(
        code(
            client
                .create_stage_instance(stage, "again")
                .await
                .unwrap_err()
        ),
        150006,
        "one stage per channel"
    );
    assert_eq!(
        code(
            client
                .create_stage_instance(w.channel, "text")
                .await
                .unwrap_err()
        ),
        50035,
        "a text channel is no stage"
    );
    let held = w.emu.expressions_of(guild);
    assert_eq!(held["stage_instances"][0]["topic"], "Q&A");

    let updated = client
        .update_stage_instance(stage)
        .topic("Q&A, part 2")
        .reason("new topic")
        .await
        .unwrap();
    assert_eq!(updated.id, live.id);
    assert_eq!(updated.topic, "Q&A, part 2");
    assert_eq!(
        client.stage_instance(stage).await.unwrap().topic,
        "Q&A, part 2"
    );

    let plain = plain_client(&w);
    assert_eq!(
        code(
            plain
                .update_stage_instance(stage)
                .topic("mine")
                .await
                .unwrap_err()
        ),
        50013
    );
    assert_eq!(
        code(plain.delete_stage_instance(stage).await.unwrap_err()),
        50013
    );

    client
        .delete_stage_instance(stage)
        .reason("over")
        .await
        .unwrap();
    let err = client.stage_instance(stage).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(code(err), 10067);
    assert_eq!(w.emu.expressions_of(guild)["stage_instances"], json!([]));
    assert!(audited(&w, 83, "going live"));
    assert!(audited(&w, 84, "new topic"));
    assert!(audited(&w, 85, "over"));
    for name in [
        "STAGE_INSTANCE_CREATE",
        "STAGE_INSTANCE_UPDATE",
        "STAGE_INSTANCE_DELETE",
    ] {
        assert_eq!(dispatched(&w, name), 1, "{name}");
    }

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.create_stage_instance(stage, "").await.unwrap_err()),
        "topic is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .update_stage_instance(ChannelId::new(1))
                .topic("t".repeat(121))
                .await
                .unwrap_err()
        ),
        "topic is 121 characters long, more than the limit of 120"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}
