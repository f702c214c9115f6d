//! A number-guessing game: "guess" starts one; the bot waits for the same
//! user's guesses in that channel with `wait_for` and keeps a score board in
//! a `State`.
//!
//! With `DISCORD_TOKEN` set it runs against Discord until Ctrl-C. Without it,
//! it starts an embedded kokoro-emulator, plays a user who binary-searches
//! the number, prints the conversation and exits.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, SystemTime},
};

use kokoro::{Bot, BotBuilder, BoxError, Context, State, event::MessageCreate, model::Intents};

/// Games won, by user name.
#[derive(Default)]
struct Scores {
    won: Mutex<HashMap<String, u32>>,
}

fn bot(builder: BotBuilder) -> Result<Bot, BoxError> {
    let bot = builder
        .intents(Intents::GUILDS | Intents::GUILD_MESSAGES | Intents::MESSAGE_CONTENT)
        .state(Scores::default())
        .build();
    bot.on(
        |message: MessageCreate, ctx: Context, scores: State<Scores>| async move {
            if message.content != "guess" {
                return Ok(());
            }
            let (player, channel) = (message.author.id, message.channel_id);
            let nanos = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)?
                .subsec_nanos();
            let secret = nanos % 100 + 1;
            ctx.http()
                .create_message(channel)
                .content("I'm thinking of a number from 1 to 100.")
                .await?;
            loop {
                let guess = ctx
                    .dispatcher()
                    .wait_for::<MessageCreate>(Duration::from_secs(60), move |m| {
                        m.author.id == player
                            && m.channel_id == channel
                            && m.content.parse::<u32>().is_ok()
                    })
                    .await;
                let Ok(guess) = guess else {
                    ctx.http()
                        .create_message(channel)
                        .content(format!("Too slow! It was {secret}."))
                        .await?;
                    return Ok(());
                };
                let n: u32 = guess.content.parse()?;
                let reply = match n.cmp(&secret) {
                    std::cmp::Ordering::Less => "higher".to_owned(),
                    std::cmp::Ordering::Greater => "lower".to_owned(),
                    std::cmp::Ordering::Equal => {
                        let mut scores = scores.won.lock().map_err(|_| "poisoned")?;
                        let won = scores.entry(guess.author.username.clone()).or_default();
                        *won += 1;
                        format!("right! {} has won {} game(s)", guess.author.username, won)
                    }
                };
                ctx.http()
                    .create_message(channel)
                    .content(reply.clone())
                    .await?;
                if reply.starts_with("right") {
                    return Ok::<_, BoxError>(());
                }
            }
        },
    )?;
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

async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let app = emu.create_bot("guessbot");
    let bob = emu.create_user("bob");
    let guild = emu.create_guild(bob, "Games");
    emu.add_member(guild, app.user_id)?;
    let games = emu.create_channel(guild, "games")?;

    let bot = bot(Bot::builder(app.token)
        .rest_url(emu.rest_url())
        .gateway_url(emu.gateway_url())
        .shard_count(1))?;
    bot.start().await?;

    let bot_id = app.user_id.to_string();
    let from_bot = |emu: &kokoro_emulator::Emulator| -> Vec<String> {
        emu.messages_in(games)
            .into_iter()
            .filter(|m| m["author"]["id"] == bot_id.as_str())
            .map(|m| m["content"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    async fn next_answer(
        seen: usize,
        from_bot: impl Fn() -> Vec<String>,
    ) -> Result<String, BoxError> {
        for _ in 0..500 {
            let answers = from_bot();
            if answers.len() > seen {
                return Ok(answers[seen].clone());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Err("the bot did not answer".into())
    }

    emu.post_message_as(bob, games, "guess")?;
    next_answer(0, || from_bot(&emu)).await?;
    let (mut low, mut high) = (1, 100);
    for round in 1.. {
        let guess = (low + high) / 2;
        emu.post_message_as(bob, games, &guess.to_string())?;
        match next_answer(round, || from_bot(&emu)).await?.as_str() {
            "higher" => low = guess + 1,
            "lower" => high = guess - 1,
            _ => break,
        }
    }
    for message in emu.messages_in(games) {
        println!(
            "{}: {}",
            message["author"]["username"].as_str().unwrap_or("?"),
            message["content"].as_str().unwrap_or("")
        );
    }
    let won = from_bot(&emu)
        .last()
        .is_some_and(|last| last.starts_with("right"));
    bot.close().await;
    emu.shutdown().await;
    if won {
        Ok(())
    } else {
        Err("the game did not end".into())
    }
}
