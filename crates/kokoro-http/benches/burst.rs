//! How close a burst comes to the least time the rate limits allow: 1,000 concurrent
//! messages over 20 channels whose bucket allows 5 per window (Discord's message limit,
//! with the window scaled from 5 s to 250 ms), through the in-memory limiter, against
//! kokoro-emulator. 50 messages per channel take 10 windows, the first at once, so the
//! least time is 9 windows = 2.25 s; each run also checks that no 429 was earned.
//!
//! `cargo bench -p kokoro-http --bench burst`

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use criterion::{Criterion, criterion_group, criterion_main};
use kokoro_emulator::{Config, Emulator, Limit};
use kokoro_http::{
    Body, Client,
    ratelimit::{InMemoryRateLimiter, RateLimitConfig},
    routes::Route,
};
use kokoro_model::id::ChannelId;

const WINDOW: Duration = Duration::from_millis(250);
const CHANNELS: usize = 20;
const MESSAGES: usize = 1000;

async fn burst(emu: &Emulator, token: &str, channels: &[ChannelId]) -> Duration {
    // A fresh client per run: buckets are learnt from scratch each time, as after a start.
    let limiter = Arc::new(InMemoryRateLimiter::new(RateLimitConfig {
        global_per_second: 1000,
        ..RateLimitConfig::default()
    }));
    let client = Client::builder()
        .token(token)
        .base_url(emu.rest_url())
        .rate_limiter(limiter)
        .timeout(Duration::from_secs(10))
        .build();
    let body = serde_json::json!({ "content": "hi" });
    let before = emu.counters().rate_limited;
    let start = Instant::now();
    let tasks: Vec<_> = (0..MESSAGES)
        .map(|i| {
            let client = client.clone();
            let channel_id = channels[i % CHANNELS];
            let body = Body::json(&body).expect("json");
            tokio::spawn(async move {
                client
                    .request(Route::CreateMessage { channel_id }, body, &[])
                    .await
                    .expect("request")
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    let took = start.elapsed();
    assert_eq!(emu.counters().rate_limited, before, "a 429 was earned");
    // Let every bucket refill before the next run.
    tokio::time::sleep(WINDOW * 2).await;
    took
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (emu, token, channels) = rt.block_on(async {
        let mut config = Config::default();
        config
            .route_limits
            .insert("messages".into(), Limit::new(5, WINDOW));
        config.global_limit = Limit::new(1000, Duration::from_secs(1));
        let emu = Emulator::builder()
            .config(config)
            .start()
            .await
            .expect("emulator");
        let bot = emu.create_bot("bench");
        let alice = emu.create_user("alice");
        let guild = emu.create_guild(alice, "g");
        emu.add_member(guild, bot.user_id).expect("member");
        let channels: Vec<ChannelId> = (0..CHANNELS)
            .map(|i| {
                emu.create_channel(guild, &format!("c{i}"))
                    .expect("channel")
            })
            .collect();
        (emu, bot.token, channels)
    });
    let least = WINDOW * 9;
    let runs = std::sync::Mutex::new(Vec::new());
    let mut group = c.benchmark_group("burst");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("1000 messages over 20 buckets of 5 per 250 ms", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (emu, token, channels, runs) = (&emu, &token, &channels, &runs);
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let took = burst(emu, token, channels).await;
                    runs.lock().expect("runs").push(took);
                    total += took;
                }
                total
            }
        })
    });
    group.finish();
    let mut runs = runs.into_inner().expect("runs");
    runs.sort();
    if let (Some(best), Some(worst)) = (runs.first(), runs.last()) {
        let median = runs[runs.len() / 2];
        println!(
            "burst: {} runs, least the limits allow {least:?}; best {best:?} ({:+.1}%), median {median:?} ({:+.1}%), worst {worst:?} ({:+.1}%); no 429s",
            runs.len(),
            (best.as_secs_f64() / least.as_secs_f64() - 1.0) * 100.0,
            (median.as_secs_f64() / least.as_secs_f64() - 1.0) * 100.0,
            (worst.as_secs_f64() / least.as_secs_f64() - 1.0) * 100.0,
        );
    }
    rt.block_on(emu.shutdown());
}

criterion_group!(benches, bench);
criterion_main!(benches);
