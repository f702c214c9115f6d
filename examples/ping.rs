//! Answers "ping" with "pong".
//!
//! With `DISCORD_TOKEN` set it runs against Discord until Ctrl-C (the bot
//! needs the Message Content intent). Without it, it starts an embedded
//! kokoro-emulator, plays a user who says "ping", prints the conversation
//! and exits.
//!
//! ```sh
//! cargo run --example ping
//! DISCORD_TOKEN=… cargo run --example ping
//! ```

use std::time::Duration;

use kokoro::{Bot, BotBuilder, BoxError, Context, event::MessageCreate, model::Intents};

fn bot(builder: BotBuilder) -> Result<Bot, BoxError> {
    let bot = builder
        .intents(
            Intents::GUILDS
                | Intents::GUILD_MESSAGES
                | Intents::DIRECT_MESSAGES
                | Intents::MESSAGE_CONTENT,
        )
        .build();
    bot.on(|message: MessageCreate, ctx: Context| async move {
        if message.content == "ping" {
            ctx.http()
                .create_message(message.channel_id)
                .content("pong")
                .await?;
        }
        Ok::<_, BoxError>(())
    })?;
    Ok(bot)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    match std::env::var("DISCORD_TOKEN") {
        Ok(token) => {
            bot(Bot::builder(token).logging(tracing::Level::INFO))?
                .run()
                .await?
        }
        Err(_) => tokio::time::timeout(Duration::from_secs(30), against_emulator()).await??,
    }
    Ok(())
}

/// Runs the bot against an embedded emulator with a scripted user.
async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let app = emu.create_bot("pingbot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Ping Club");
    emu.add_member(guild, app.user_id)?;
    let general = emu.create_channel(guild, "general")?;

    let bot = bot(Bot::builder(app.token)
        .rest_url(emu.rest_url())
        .gateway_url(emu.gateway_url())
        .shard_count(1))?;
    bot.start().await?;

    emu.post_message_as(alice, general, "ping")?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while emu.messages_in(general).len() < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for message in emu.messages_in(general) {
        println!(
            "{}: {}",
            message["author"]["username"].as_str().unwrap_or("?"),
            message["content"].as_str().unwrap_or("")
        );
    }
    let answered = emu
        .messages_in(general)
        .iter()
        .any(|m| m["content"] == "pong");
    bot.close().await;
    emu.shutdown().await;
    if answered {
        Ok(())
    } else {
        Err("the bot did not answer".into())
    }
}
