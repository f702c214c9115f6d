//! Requests per second through the client against kokoro-emulator on loopback (no limits
//! in the way): the cost of the whole stack, HTTP/1.1 pool included.
//!
//! `cargo bench -p kokoro-http --bench emulator`

use std::{sync::Arc, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kokoro_emulator::{Config, Emulator};
use kokoro_http::{
    Body, Client,
    ratelimit::{InMemoryRateLimiter, RateLimitConfig},
    routes::Route,
};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (emu, client, channel_id) = rt.block_on(async {
        let emu = Emulator::builder()
            .config(Config::unlimited())
            .start()
            .await
            .expect("emulator");
        let bot = emu.create_bot("bench");
        let alice = emu.create_user("alice");
        let guild = emu.create_guild(alice, "g");
        emu.add_member(guild, bot.user_id).expect("member");
        let channel = emu.create_channel(guild, "c").expect("channel");
        let limiter = InMemoryRateLimiter::new(RateLimitConfig {
            global_per_second: 0,
            ..RateLimitConfig::default()
        });
        let client = Client::builder()
            .token(&bot.token)
            .base_url(emu.rest_url())
            .rate_limiter(Arc::new(limiter))
            .build();
        (emu, client, channel)
    });
    let mut group = c.benchmark_group("emulator");
    group.throughput(Throughput::Elements(100));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("100 concurrent GET /channels/{id}", |b| {
        b.to_async(&rt).iter(|| async {
            let tasks: Vec<_> = (0..100)
                .map(|_| {
                    let client = client.clone();
                    tokio::spawn(async move {
                        client
                            .request(Route::GetChannel { channel_id }, Body::Empty, &[])
                            .await
                            .expect("request")
                    })
                })
                .collect();
            for t in tasks {
                t.await.expect("task");
            }
        });
    });
    group.finish();
    rt.block_on(emu.shutdown());
}

criterion_group!(benches, bench);
criterion_main!(benches);
