//! What the emulator-backed test files share: a small world, a bot builder
//! pointed at the emulator, and bounded waits.

#![allow(dead_code)] // each test file uses its own part of this

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use kokoro::{
    Bot, BotBuilder,
    event::GuildCreate,
    model::{
        Intents,
        id::{ChannelId, GuildId, UserId},
    },
};
use kokoro_emulator::Emulator;

/// How long any single wait in these tests may take before it fails.
pub(crate) const PATIENCE: Duration = Duration::from_secs(10);

/// Intents that deliver everything the tests produce.
pub(crate) const INTENTS: Intents = Intents::GUILDS
    .union(Intents::GUILD_MEMBERS)
    .union(Intents::GUILD_MESSAGES)
    .union(Intents::MESSAGE_CONTENT);

/// An emulator with one bot application, a user (alice), a guild both are
/// in and a text channel.
pub(crate) struct World {
    pub(crate) emu: Emulator,
    pub(crate) app: kokoro_emulator::Bot,
    pub(crate) alice: UserId,
    pub(crate) guild: GuildId,
    pub(crate) general: ChannelId,
}

impl World {
    pub(crate) async fn new() -> Self {
        Self::with(Emulator::builder().start().await.unwrap())
    }

    pub(crate) fn with(emu: Emulator) -> Self {
        let app = emu.create_bot("tested");
        let alice = emu.create_user("alice");
        let guild = emu.create_guild(alice, "Club");
        emu.add_member(guild, app.user_id).unwrap();
        let general = emu.create_channel(guild, "general").unwrap();
        Self {
            emu,
            app,
            alice,
            guild,
            general,
        }
    }

    /// A builder for the application's bot, pointed at the emulator, one shard.
    pub(crate) fn builder(&self) -> BotBuilder {
        Bot::builder(&self.app.token)
            .rest_url(self.emu.rest_url())
            .gateway_url(self.emu.gateway_url())
            .shard_count(1)
            .intents(INTENTS)
    }

    /// Alice posts `content` in #general.
    pub(crate) fn post(&self, content: &str) {
        self.emu
            .post_message_as(self.alice, self.general, content)
            .unwrap();
    }

    /// Starts `bot` and returns once the guild's GUILD_CREATE went through,
    /// so that what the test produces next is all that arrives.
    pub(crate) async fn start(&self, bot: &Bot) {
        let guild = self.guild;
        let created = bot.wait_for::<GuildCreate>(
            PATIENCE,
            move |g| matches!(g, GuildCreate::Available(g) if g.id == guild),
        );
        tokio::time::timeout(PATIENCE, bot.start())
            .await
            .expect("start is bounded")
            .expect("the bot starts");
        created.await.expect("the guild arrives");
    }

    pub(crate) async fn shutdown(self, bot: &Bot) {
        tokio::time::timeout(PATIENCE, bot.close())
            .await
            .expect("close is bounded");
        self.emu.shutdown().await;
    }
}

/// What listeners saw, in the order they saw it.
#[derive(Clone, Default)]
pub(crate) struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    pub(crate) fn push(&self, entry: impl Into<String>) {
        self.0.lock().unwrap().push(entry.into());
    }

    pub(crate) fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// Waits (bounded) until the log holds `len` entries; fails with what it holds.
    pub(crate) async fn wait_len(&self, len: usize) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while self.0.lock().unwrap().len() < len {
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {len} entries; got {:?}",
                self.entries()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Lets stragglers arrive, then asserts the log is exactly `expected`
    /// (each event once, in order).
    pub(crate) async fn assert_settled(&self, expected: &[&str]) {
        self.wait_len(expected.len()).await;
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert_eq!(self.entries(), expected);
    }
}

/// Waits (bounded) until `done` holds.
pub(crate) async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !done() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
