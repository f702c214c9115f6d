//! Two bots in one process: a [`Hub`] runs "relay" and "herald", sharing
//! one cache (a user both bots see is stored once). When someone writes
//! `!announce <text>`, relay reaches herald with `ctx.bot_named("herald")`
//! and posts the announcement through herald's REST client.
//!
//! With `DISCORD_TOKEN` (relay), `DISCORD_TOKEN_HERALD` and
//! `ANNOUNCE_CHANNEL_ID` set it runs against Discord until Ctrl-C (relay
//! needs the Message Content intent). Without `DISCORD_TOKEN`, it starts an
//! embedded kokoro-emulator, plays a user who asks for an announcement,
//! prints both channels and the shared cache's contents, and exits.
//!
//! ```sh
//! cargo run --example two_bots
//! ```

use std::{sync::Arc, time::Duration};

use kokoro::{
    Bot, BotBuilder, BoxError, Context, Hub, State,
    cache::InMemoryCache,
    event::MessageCreate,
    model::{Intents, id::ChannelId},
};

/// Where herald announces.
struct Announcements(ChannelId);

/// Builds the hub: relay listens, herald only speaks.
fn hub(
    relay: BotBuilder,
    herald: BotBuilder,
    announcements: ChannelId,
    cache: Arc<InMemoryCache>,
) -> Result<Hub, BoxError> {
    let relay = relay
        .name("relay")
        .intents(Intents::GUILDS | Intents::GUILD_MESSAGES | Intents::MESSAGE_CONTENT)
        .state(Announcements(announcements))
        .on(
            |message: MessageCreate, ctx: Context, to: State<Announcements>| async move {
                let Some(text) = message.content.strip_prefix("!announce ") else {
                    return Ok(());
                };
                if message.author.bot {
                    return Ok(());
                }
                let herald = ctx.bot_named("herald").ok_or("no bot named herald")?;
                herald
                    .http()
                    .create_message(to.0.0)
                    .content(format!("📣 {text} (from {})", message.author.username))
                    .await?;
                ctx.http()
                    .create_message(message.channel_id)
                    .content("Done: herald announced it.")
                    .await?;
                Ok::<_, BoxError>(())
            },
        )?;
    let herald = herald.name("herald").intents(Intents::GUILDS);
    let hub = Hub::builder()
        .shared_cache(cache)
        .bot(relay)
        .bot(herald)
        .build()?;
    Ok(hub)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    match std::env::var("DISCORD_TOKEN") {
        Ok(token) => {
            let herald = std::env::var("DISCORD_TOKEN_HERALD")
                .map_err(|_| "set DISCORD_TOKEN_HERALD to the second bot's token")?;
            let channel: u64 = std::env::var("ANNOUNCE_CHANNEL_ID")
                .map_err(|_| "set ANNOUNCE_CHANNEL_ID to where herald announces")?
                .parse()?;
            let hub = hub(
                Bot::builder(token).logging(tracing::Level::INFO),
                Bot::builder(herald),
                ChannelId::new(channel),
                Arc::new(InMemoryCache::new()),
            )?;
            hub.run().await?;
        }
        Err(_) => tokio::time::timeout(Duration::from_secs(30), against_emulator()).await??,
    }
    Ok(())
}

/// Runs both bots against an embedded emulator with a scripted user.
async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let relay = emu.create_bot("relay");
    let herald = emu.create_bot("herald");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Office");
    emu.add_member(guild, relay.user_id)?;
    emu.add_member(guild, herald.user_id)?;
    let general = emu.create_channel(guild, "general")?;
    let announcements = emu.create_channel(guild, "announcements")?;

    let local = |builder: BotBuilder| {
        builder
            .rest_url(emu.rest_url())
            .gateway_url(emu.gateway_url())
            .shard_count(1)
    };
    let cache = Arc::new(InMemoryCache::new());
    let hub = hub(
        local(Bot::builder(relay.token.clone())),
        local(Bot::builder(herald.token.clone())),
        announcements,
        Arc::clone(&cache),
    )?;
    hub.start().await?;

    emu.post_message_as(alice, general, "!announce pizza at noon")?;
    for _ in 0..500 {
        if emu.messages_in(general).len() >= 2 && !emu.messages_in(announcements).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for (name, channel) in [("general", general), ("announcements", announcements)] {
        println!("#{name}:");
        for message in emu.messages_in(channel) {
            println!(
                "  {}: {}",
                message["author"]["username"].as_str().unwrap_or("?"),
                message["content"].as_str().unwrap_or("")
            );
        }
    }
    let stats = cache.stats();
    println!(
        "shared cache: {} guild, {} channels, {} users (alice and both bots: each stored once, \
         though both bots saw all three), {} memberships",
        stats.guilds, stats.channels, stats.users, stats.members,
    );
    let announced = emu
        .messages_in(announcements)
        .iter()
        .any(|m| m["author"]["id"] == herald.user_id.to_string().as_str());
    hub.close().await;
    emu.shutdown().await;
    if announced {
        Ok(())
    } else {
        Err("herald did not announce".into())
    }
}
