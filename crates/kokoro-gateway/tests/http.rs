//! `ShardGroup::from_http` (feature `http`) against kokoro-emulator: the group asks
//! `GET /gateway/bot` through a kokoro-http client and runs the recommended shards.

use std::time::Duration;

use futures::StreamExt;
use kokoro_emulator::Emulator;
use kokoro_gateway::{ShardConfig, ShardEvent, ShardGroup};
use kokoro_model::Intents;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_http_runs_the_recommended_shards() {
    let emu = Emulator::builder()
        .recommended_shards(3)
        .max_concurrency(3, Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let bot = emu.create_bot("sharded");
    let client = kokoro_http::Client::builder()
        .token(&bot.token)
        .base_url(emu.rest_url())
        .build();
    // The template's URL is replaced by the one /gateway/bot gives.
    let template = ShardConfig::builder(&bot.token, Intents::GUILDS)
        .gateway_url("ws://127.0.0.1:9")
        .timeouts(Duration::from_secs(2), Duration::from_secs(2))
        .build();
    let mut group = ShardGroup::from_http(&client, template, None)
        .await
        .unwrap();
    let ids: Vec<(u32, u32)> = group
        .shards()
        .map(|s| (s.id().number(), s.id().total()))
        .collect();
    assert_eq!(ids, [(0, 3), (1, 3), (2, 3)]);

    let mut connected = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), async {
        while connected.len() < 3 {
            let (id, item) = group.next().await.unwrap();
            match item {
                Ok(ShardEvent::Connected { resumed: false }) => connected.push(id.number()),
                Ok(ShardEvent::Disconnected { reason, .. }) => panic!("shard {id}: {reason}"),
                Err(e) => panic!("shard {id}: {e}"),
                _ => {}
            }
        }
    })
    .await
    .expect("every shard connects");
    connected.sort_unstable();
    assert_eq!(connected, [0, 1, 2]);
    // Three identifies, all in the first window of a max_concurrency of 3.
    assert_eq!(emu.counters().identifies, 3);

    // Only a subset of the shards.
    let template = ShardConfig::builder(&bot.token, Intents::GUILDS).build();
    let some = ShardGroup::from_http(&client, template, Some(vec![2]))
        .await
        .unwrap();
    assert_eq!(
        some.shards().map(|s| s.id().number()).collect::<Vec<_>>(),
        [2]
    );

    // A rejected token is kokoro-http's error.
    let bad = kokoro_http::Client::builder()
        .token("nope")
        .base_url(emu.rest_url())
        .max_retries(0)
        .build();
    let template = ShardConfig::builder("nope", Intents::GUILDS).build();
    let err = ShardGroup::from_http(&bad, template, None)
        .await
        .err()
        .unwrap();
    assert_eq!(err.status(), Some(401));
    emu.shutdown().await;
}
