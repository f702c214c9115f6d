//! kokoro-gateway with a cache of your own: a [`Cache`] that only counts
//! messages per channel (and keeps channel names to print them). The shard
//! decodes only the events the cache wants (`Cache::wants`) and identifies
//! with the intents they need (`Cache::intents`); no facade, no
//! `InMemoryCache`.
//!
//! With `DISCORD_TOKEN` set it connects one shard to Discord and prints the
//! counts on Ctrl-C. Without it, it starts an embedded kokoro-emulator, plays
//! two users posting in two channels, prints the counts and exits.
//!
//! ```sh
//! cargo run --example custom_cache
//! DISCORD_TOKEN=… cargo run --example custom_cache
//! ```

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use futures::StreamExt;
use kokoro_cache::{Cache, Origin};
use kokoro_gateway::{CloseKind, EventFilter, Shard, ShardConfig, ShardEvent};
use kokoro_model::{
    gateway::event::{Event, EventTypeFlags, GuildCreate},
    id::ChannelId,
};
use tokio::sync::watch;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Messages seen per channel, and the channels' names.
#[derive(Default)]
struct ChannelActivity {
    names: Mutex<HashMap<ChannelId, String>>,
    messages: Mutex<HashMap<ChannelId, u64>>,
}

impl Cache for ChannelActivity {
    fn update(&self, _origin: Origin, event: &Event) {
        match event {
            Event::GuildCreate(guild) => {
                if let GuildCreate::Available(guild) = &**guild {
                    let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
                    for channel in &guild.channels {
                        names.insert(channel.id, channel.name.clone().unwrap_or_default());
                    }
                }
            }
            Event::ChannelCreate(channel) => {
                let name = channel.name.clone().unwrap_or_default();
                self.names
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(channel.id, name);
            }
            Event::MessageCreate(message) => {
                *self
                    .messages
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .entry(message.channel_id)
                    .or_default() += 1;
            }
            _ => {}
        }
    }

    fn wants(&self) -> EventTypeFlags {
        EventTypeFlags::GUILD_CREATE
            | EventTypeFlags::CHANNEL_CREATE
            | EventTypeFlags::MESSAGE_CREATE
    }
}

impl ChannelActivity {
    /// Messages counted so far, over every channel.
    fn total(&self) -> u64 {
        self.messages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .sum()
    }

    /// `#name: count` lines, busiest channel first.
    fn report(&self) -> Vec<String> {
        let names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        let mut counts: Vec<(ChannelId, u64)> = self
            .messages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(&channel, &count)| (channel, count))
            .collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
            .into_iter()
            .map(|(channel, count)| match names.get(&channel) {
                Some(name) => format!("#{name}: {count} message(s)"),
                None => format!("channel {channel}: {count} message(s)"),
            })
            .collect()
    }
}

/// Connects one shard feeding `cache`; `connected` turns true once the
/// session is ready. Returns the shard's task and a handle to close it.
fn spawn_shard(
    token: &str,
    gateway_url: String,
    cache: Arc<ChannelActivity>,
) -> (
    tokio::task::JoinHandle<()>,
    kokoro_gateway::ShardSender,
    watch::Receiver<bool>,
) {
    let config = ShardConfig::builder(token, cache.intents())
        .gateway_url(gateway_url)
        // Only what the cache reads is decoded; everything else is skipped unread.
        .event_types(EventFilter::types(cache.wants()))
        .decode_events(true)
        .build();
    let mut shard = Shard::new(config);
    let sender = shard.sender();
    let (connected, ready) = watch::channel(false);
    let task = tokio::spawn(async move {
        while let Some(item) = shard.next().await {
            match item {
                Ok(ShardEvent::Event { event, .. }) => cache.update(Origin::new(0, 0), &event),
                Ok(ShardEvent::Connected { .. }) => {
                    let _ = connected.send(true);
                }
                Ok(ShardEvent::Shutdown { .. }) => break,
                Ok(_) => {}
                Err(error) if error.is_fatal() => {
                    eprintln!("shard stopped: {error}");
                    break;
                }
                Err(error) => eprintln!("shard: {error}; reconnecting"),
            }
        }
    });
    (task, sender, ready)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    match std::env::var("DISCORD_TOKEN") {
        Ok(token) => {
            let cache = Arc::new(ChannelActivity::default());
            let (task, sender, _) = spawn_shard(
                &token,
                ShardConfig::DEFAULT_URL.to_owned(),
                Arc::clone(&cache),
            );
            println!("counting messages; Ctrl-C prints the counts");
            tokio::signal::ctrl_c().await?;
            let _ = sender.close(CloseKind::End);
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
            for line in cache.report() {
                println!("{line}");
            }
        }
        Err(_) => tokio::time::timeout(Duration::from_secs(30), against_emulator()).await??,
    }
    Ok(())
}

/// Runs the shard against an embedded emulator with two scripted users.
async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let app = emu.create_bot("counter");
    let alice = emu.create_user("alice");
    let bob = emu.create_user("bob");
    let guild = emu.create_guild(alice, "Chatty");
    emu.add_member(guild, bob)?;
    emu.add_member(guild, app.user_id)?;
    let general = emu.create_channel(guild, "general")?;
    let random = emu.create_channel(guild, "random")?;

    let cache = Arc::new(ChannelActivity::default());
    let (task, sender, mut ready) = spawn_shard(&app.token, emu.gateway_url(), Arc::clone(&cache));
    ready.wait_for(|ready| *ready).await?;

    let script = [
        (alice, general, "good morning"),
        (bob, general, "morning!"),
        (alice, random, "look at this cat"),
        (alice, general, "standup in 5"),
        (bob, general, "omw"),
    ];
    for (user, channel, content) in script {
        let who = if user == alice { "alice" } else { "bob" };
        let name = if channel == general {
            "general"
        } else {
            "random"
        };
        println!("{who} in #{name}: {content}");
        emu.post_message_as(user, channel, content)?;
    }
    let expected = script.len() as u64;
    for _ in 0..500 {
        if cache.total() >= expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    println!("the cache counted:");
    for line in cache.report() {
        println!("  {line}");
    }
    let counted = cache.total();
    let _ = sender.close(CloseKind::End);
    let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
    emu.shutdown().await;
    if counted == expected {
        Ok(())
    } else {
        Err(format!("counted {counted} messages, expected {expected}").into())
    }
}
