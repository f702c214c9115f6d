//! Limiter overhead per request: uncontended, and with 1,000 tasks in flight.
//!
//! `cargo bench -p kokoro-http --bench limiter`

use std::{hint::black_box, time::Duration};

use criterion::{Criterion, criterion_group, criterion_main};
use kokoro_http::{
    ratelimit::{
        InMemoryRateLimiter, Outcome, RateLimitConfig, RateLimitHeaders, RateLimiter, RequestKey,
    },
    routes::Route,
};
use kokoro_model::id::ChannelId;

fn ok() -> Outcome<'static> {
    Outcome::Response {
        status: 200,
        headers: RateLimitHeaders {
            limit: Some(u32::MAX),
            remaining: Some(u32::MAX - 1),
            reset_after: Some(Duration::from_secs(3600)),
            bucket: Some("bench"),
            ..RateLimitHeaders::default()
        },
    }
}

fn limiter() -> InMemoryRateLimiter {
    // The global limit off: this measures the limiter's bookkeeping, not a wait.
    InMemoryRateLimiter::new(RateLimitConfig {
        global_per_second: 0,
        ..RateLimitConfig::default()
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let max = Duration::from_secs(60);

    let l = limiter();
    let key = RequestKey::of(&Route::CreateMessage {
        channel_id: ChannelId::new(1),
    });
    rt.block_on(async { l.acquire(key, max).await.unwrap().complete(&ok()) });
    c.bench_function("acquire+complete uncontended", |b| {
        b.to_async(&rt).iter(|| async {
            let permit = l.acquire(black_box(key), max).await.unwrap();
            permit.complete(&ok());
        });
    });

    // 1,000 tasks over 20 buckets acquiring and completing at once: time per request.
    let l = limiter();
    for ch in 1..=20 {
        let key = RequestKey::of(&Route::CreateMessage {
            channel_id: ChannelId::new(ch),
        });
        rt.block_on(async { l.acquire(key, max).await.unwrap().complete(&ok()) });
    }
    c.bench_function(
        "acquire+complete, 1000 tasks in flight (per request)",
        |b| {
            b.to_async(&rt).iter_custom(|iters| {
                let l = l.clone();
                async move {
                    let start = std::time::Instant::now();
                    let rounds = iters.div_ceil(1000).max(1);
                    for _ in 0..rounds {
                        let tasks: Vec<_> = (0..1000u64)
                            .map(|i| {
                                let l = l.clone();
                                tokio::spawn(async move {
                                    let key = RequestKey::of(&Route::CreateMessage {
                                        channel_id: ChannelId::new(i % 20 + 1),
                                    });
                                    let permit = l.acquire(key, max).await.unwrap();
                                    tokio::task::yield_now().await;
                                    permit.complete(&ok());
                                })
                            })
                            .collect();
                        for t in tasks {
                            t.await.unwrap();
                        }
                    }
                    // Report the time of `iters` requests at the measured per-request cost.
                    let per_request = start.elapsed().as_secs_f64() / (rounds * 1000) as f64;
                    Duration::from_secs_f64(per_request * iters as f64)
                }
            });
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
