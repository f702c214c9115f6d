//! A quick poll built on `stream`: `!poll <question>` opens it, and the bot
//! collects the channel's "yes"/"no" messages as a stream — filtered (one
//! vote per user), limited to three votes, ended after 20 seconds, mapped to
//! (voter, vote) — then sends itself a custom `PollClosed` event, whose
//! listener posts the result.
//!
//! With `DISCORD_TOKEN` set it runs against Discord until Ctrl-C (the bot
//! needs the Message Content intent). Without it, it starts an embedded
//! kokoro-emulator, plays four users, prints the conversation and exits.
//!
//! ```sh
//! cargo run --example stream
//! ```

use std::{collections::HashSet, time::Duration};

use futures::StreamExt;
use kokoro::{
    Bot, BotBuilder, BoxError, Context, CustomEvent,
    event::MessageCreate,
    model::{Intents, id::ChannelId},
};

/// Sent by the poll when it closes.
#[derive(Clone, Debug)]
struct PollClosed {
    channel: ChannelId,
    question: String,
    yes: Vec<String>,
    no: Vec<String>,
}

impl CustomEvent for PollClosed {}

fn bot(builder: BotBuilder) -> Result<Bot, BoxError> {
    let bot = builder
        .intents(Intents::GUILDS | Intents::GUILD_MESSAGES | Intents::MESSAGE_CONTENT)
        .build();
    bot.on(|message: MessageCreate, ctx: Context| async move {
        let Some(question) = message.content.strip_prefix("!poll ") else {
            return Ok(());
        };
        let channel = message.channel_id;
        // Registered now, before the poll is announced: no vote can be missed.
        let mut voters = HashSet::new();
        let mut votes = ctx
            .dispatcher()
            .stream::<MessageCreate>()
            .filter(move |m| {
                m.channel_id == channel
                    && !m.author.bot
                    && matches!(m.content.as_str(), "yes" | "no")
                    && voters.insert(m.author.id)
            })
            .limit(3)
            .timeout(Duration::from_secs(20))
            .map(|m| (m.author.username.clone(), m.content == "yes"));
        ctx.http()
            .create_message(channel)
            .content(format!(
                "Poll: {question} Answer yes or no; I count the first 3 votes."
            ))
            .await?;
        let (mut yes, mut no) = (Vec::new(), Vec::new());
        while let Some((voter, vote)) = votes.next().await {
            let side = if vote { &mut yes } else { &mut no };
            side.push(voter);
        }
        ctx.dispatch(PollClosed {
            channel,
            question: question.to_owned(),
            yes,
            no,
        });
        Ok::<_, BoxError>(())
    })?;
    bot.on(|closed: PollClosed, ctx: Context| async move {
        ctx.http()
            .create_message(closed.channel)
            .content(format!(
                "Poll closed: {} yes {} ({}), no {} ({})",
                closed.question,
                closed.yes.len(),
                closed.yes.join(", "),
                closed.no.len(),
                closed.no.join(", ")
            ))
            .await?;
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

/// Waits (up to ten seconds) until `author` has posted `count` messages in `channel`.
async fn wait_for_messages(
    emu: &kokoro_emulator::Emulator,
    channel: ChannelId,
    author: &str,
    count: usize,
) -> bool {
    for _ in 0..500 {
        let posted = emu
            .messages_in(channel)
            .iter()
            .filter(|m| m["author"]["id"] == author)
            .count();
        if posted >= count {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// Runs the bot against an embedded emulator with scripted voters.
async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let app = emu.create_bot("pollbot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Lunch Club");
    emu.add_member(guild, app.user_id)?;
    let mut voters = Vec::new();
    for name in ["bob", "carol", "dave"] {
        let user = emu.create_user(name);
        emu.add_member(guild, user)?;
        voters.push(user);
    }
    let lunch = emu.create_channel(guild, "lunch")?;

    let bot = bot(Bot::builder(app.token)
        .rest_url(emu.rest_url())
        .gateway_url(emu.gateway_url())
        .shard_count(1))?;
    bot.start().await?;

    let bot_id = app.user_id.to_string();
    let wait_for_bot = |count: usize| wait_for_messages(&emu, lunch, &bot_id, count);

    emu.post_message_as(alice, lunch, "!poll Pizza for lunch?")?;
    let opened = wait_for_bot(1).await;
    let (bob, carol, dave) = (voters[0], voters[1], voters[2]);
    // bob votes twice: the stream's filter keeps his first vote only.
    for (user, vote) in [(bob, "yes"), (carol, "no"), (bob, "no"), (dave, "yes")] {
        emu.post_message_as(user, lunch, vote)?;
    }
    let closed = opened && wait_for_bot(2).await;
    for message in emu.messages_in(lunch) {
        println!(
            "{}: {}",
            message["author"]["username"].as_str().unwrap_or("?"),
            message["content"].as_str().unwrap_or("")
        );
    }
    let result = emu
        .messages_in(lunch)
        .iter()
        .any(|m| m["content"] == "Poll closed: Pizza for lunch? yes 2 (bob, dave), no 1 (carol)");
    bot.close().await;
    emu.shutdown().await;
    if closed && result {
        Ok(())
    } else {
        Err("the poll did not close as expected".into())
    }
}
