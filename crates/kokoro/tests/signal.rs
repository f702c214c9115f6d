//! `Bot::run` closes the bot on SIGTERM. In its own test binary: the signal
//! goes to the whole process.
#![cfg(unix)]

use std::time::Duration;

use kokoro::{Bot, event::Ready};
use kokoro_emulator::Emulator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_closes_on_sigterm() {
    let emu = Emulator::builder().start().await.unwrap();
    let app = emu.create_bot("signalled");
    let bot = Bot::builder(app.token)
        .rest_url(emu.rest_url())
        .gateway_url(emu.gateway_url())
        .shard_count(1)
        .build();
    let ready = bot.wait_for::<Ready>(Duration::from_secs(10), |_| true);
    let run = tokio::spawn({
        let bot = bot.clone();
        async move { bot.run().await }
    });
    ready.await.unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &std::process::id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("run returned")
        .unwrap()
        .unwrap();
    assert!(bot.shard(0).is_none());
    emu.shutdown().await;
}
