//! What every typed-request test file starts from: an emulator with a guild, an
//! administrator bot, two users and a channel, and a client of that bot.

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use kokoro_emulator::{Bot, Config, Emulator};
use kokoro_http::{Client, Error};
use kokoro_model::{
    Permissions,
    id::{ChannelId, GuildId, UserId},
};

/// The emulated world of a test.
pub struct World {
    pub emu: Emulator,
    pub bot: Bot,
    pub client: Client,
    pub guild: GuildId,
    pub channel: ChannelId,
    pub alice: UserId,
    pub bob: UserId,
}

/// Starts an emulator without rate limits and builds the world.
pub async fn world() -> World {
    let emu = Emulator::builder()
        .config(Config::unlimited())
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("kokoro");
    let alice = emu.create_user("alice");
    let bob = emu.create_user("bob");
    let guild = emu.create_guild(alice, "g");
    emu.add_member(guild, bot.user_id).unwrap();
    emu.add_member(guild, bob).unwrap();
    let admin = emu
        .create_role(guild, "bots", Permissions::ADMINISTRATOR)
        .unwrap();
    emu.assign_role(guild, bot.user_id, admin).unwrap();
    let channel = emu.create_channel(guild, "general").unwrap();
    let client = Client::builder()
        .token(&bot.token)
        .base_url(emu.rest_url())
        .retry_backoff(Duration::from_millis(10))
        .timeout(Duration::from_secs(10))
        .build();
    World {
        emu,
        bot,
        client,
        guild,
        channel,
        alice,
        bob,
    }
}

/// The validation error a request failed with (it must not have been sent).
pub fn invalid(err: Error) -> String {
    match err {
        Error::Validation(e) => e.to_string(),
        other => panic!("expected a validation error, got {other}"),
    }
}
