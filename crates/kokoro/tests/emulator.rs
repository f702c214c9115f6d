//! The facade's wiring, against kokoro-emulator.

use std::{sync::Arc, time::Duration};

use kokoro::{
    Bot, BotBuilder, BoxError, Context, Hub,
    cache::InMemoryCache,
    event::{MessageCreate, Ready},
    model::{
        Intents,
        id::{ChannelId, UserId},
    },
};
use kokoro_emulator::Emulator;

const INTENTS: Intents = Intents::GUILDS
    .union(Intents::GUILD_MEMBERS)
    .union(Intents::GUILD_MESSAGES)
    .union(Intents::MESSAGE_CONTENT);

fn builder(emu: &Emulator, token: &str) -> BotBuilder {
    Bot::builder(token)
        .rest_url(emu.rest_url())
        .gateway_url(emu.gateway_url())
        .shard_count(1)
        .intents(INTENTS)
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn contents_by(emu: &Emulator, channel: ChannelId, author: UserId) -> Vec<String> {
    emu.messages_in(channel)
        .into_iter()
        .filter(|m| m["author"]["id"] == author.to_string())
        .map(|m| m["content"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ping_round_trip() {
    let emu = Emulator::builder().start().await.unwrap();
    let app = emu.create_bot("pingbot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Club");
    emu.add_member(guild, app.user_id).unwrap();
    let general = emu.create_channel(guild, "general").unwrap();

    let bot = builder(&emu, &app.token).build();
    bot.on(|message: MessageCreate, ctx: Context| async move {
        if message.content == "ping" {
            ctx.http()
                .create_message(message.channel_id)
                .content("pong")
                .await?;
        }
        Ok::<_, BoxError>(())
    })
    .unwrap();
    bot.start().await.unwrap();
    assert_eq!(
        bot.current_user().unwrap().id,
        app.user_id,
        "READY sets the current user"
    );
    let cache = bot.cache().unwrap().clone();
    wait_until("GUILD_CREATE in the cache", || cache.guild(guild).is_some()).await;

    emu.post_message_as(alice, general, "ping").unwrap();
    wait_until("pong", || {
        contents_by(&emu, general, app.user_id) == ["pong"]
    })
    .await;
    // wait_for sees the bot's own message too.
    let own = bot.wait_for::<MessageCreate>(Duration::from_secs(5), |m| m.content == "again");
    let post = async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        emu.post_message_as(alice, general, "again").unwrap();
    };
    let (own, ()) = tokio::join!(own, post);
    assert_eq!(own.unwrap().author.id, alice);

    bot.close().await;
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown() {
    let emu = Emulator::builder()
        .max_concurrency(2, Duration::from_secs(5))
        .start()
        .await
        .unwrap();
    let app = emu.create_bot("closer");
    let bot = builder(&emu, &app.token).shard_count(2).build();
    let mut readies = bot.stream::<Ready>().limit(2);
    bot.start().await.unwrap();
    assert!(bot.shard(0).is_some() && bot.shard(1).is_some());
    use futures::StreamExt;
    let mut shards = Vec::new();
    while let Some(ready) = tokio::time::timeout(Duration::from_secs(5), readies.next())
        .await
        .unwrap()
    {
        shards.push(ready.shard.unwrap().number());
    }
    shards.sort();
    assert_eq!(shards, [0, 1]);
    assert!(matches!(
        bot.start().await,
        Err(kokoro::BotError::AlreadyRunning)
    ));

    // `run` returns when another task closes the bot.
    let runner = {
        let bot = bot.clone();
        tokio::spawn(async move { bot.stopped().await })
    };
    tokio::time::timeout(Duration::from_secs(10), bot.close())
        .await
        .expect("close is bounded");
    tokio::time::timeout(Duration::from_secs(5), runner)
        .await
        .unwrap()
        .unwrap();
    assert!(bot.shard(0).is_none());
    // Closed shards stay closed: no reconnects, no new sessions.
    let connections = emu.counters().connections;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(emu.counters().connections, connections);
    assert_eq!(emu.counters().identifies, 2);
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_fails_start() {
    let emu = Emulator::builder().start().await.unwrap();
    let bot = builder(&emu, "not-a-token").build();
    let error = tokio::time::timeout(Duration::from_secs(10), bot.start())
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(error, kokoro::BotError::ShardFailed { .. }),
        "{error}"
    );
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_bots_share_a_cache_and_reach_each_other() {
    let emu = Emulator::builder().start().await.unwrap();
    let first = emu.create_bot("first");
    let second = emu.create_bot("second");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Shared");
    emu.add_member(guild, first.user_id).unwrap();
    emu.add_member(guild, second.user_id).unwrap();
    let general = emu.create_channel(guild, "general").unwrap();

    let cache = Arc::new(InMemoryCache::new());
    let hub = Hub::builder()
        .shared_cache(cache.clone())
        .bot(builder(&emu, &first.token).name("first"))
        .bot(builder(&emu, &second.token).name("second"))
        .build()
        .unwrap();
    // The first bot answers "relay" through the second bot's REST client.
    hub.bot("first")
        .unwrap()
        .on(|message: MessageCreate, ctx: Context| async move {
            if message.content == "relay" {
                let second = ctx.bot_named("second").ok_or("no second bot")?;
                second
                    .http()
                    .create_message(message.channel_id)
                    .content("relayed")
                    .await?;
            }
            Ok::<_, BoxError>(())
        })
        .unwrap();
    hub.start().await.unwrap();

    // Both bots saw alice and each other: each user once.
    wait_until("both guild creates", || cache.stats().members >= 3).await;
    let stats = cache.stats();
    assert_eq!(stats.guilds, 1);
    assert_eq!(stats.users, 3, "{stats:?}");
    assert_eq!(stats.members, 3, "{stats:?}");

    emu.post_message_as(alice, general, "relay").unwrap();
    wait_until("the relay", || {
        contents_by(&emu, general, second.user_id) == ["relayed"]
    })
    .await;
    assert!(contents_by(&emu, general, first.user_id).is_empty());

    hub.close().await;
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_chunk_members_requests_every_member() {
    use kokoro::event::GuildMembersChunk;

    let emu = Emulator::builder().start().await.unwrap();
    let app = emu.create_bot("chunker");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Big");
    emu.add_member(guild, app.user_id).unwrap();
    for name in ["bob", "carol", "dave"] {
        let user = emu.create_user(name);
        emu.add_member(guild, user).unwrap();
    }

    let bot = builder(&emu, &app.token).auto_chunk_members(true).build();
    let chunk =
        bot.wait_for::<GuildMembersChunk>(Duration::from_secs(10), move |c| c.guild_id == guild);
    bot.start().await.unwrap();
    let chunk = chunk.await.expect("a member chunk");
    assert_eq!(chunk.members.len(), 5);
    let cache = bot.cache().unwrap().clone();
    wait_until("members in the cache", || {
        cache.member(guild, alice).is_some()
    })
    .await;

    bot.close().await;
    emu.shutdown().await;
}
