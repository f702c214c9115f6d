//! Limiter tests on tokio's paused clock: time only moves when every task waits.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use kokoro_model::id::{ChannelId, GuildId};
use tokio::time::{Instant, timeout};

use super::*;
use crate::routes::{Operation, ResourceKey};

const LONG: Duration = Duration::from_secs(3600);

fn limiter() -> InMemoryRateLimiter {
    InMemoryRateLimiter::new(RateLimitConfig {
        global_per_second: 0,
        ..RateLimitConfig::default()
    })
}

fn key(channel: u64) -> RequestKey {
    RequestKey {
        operation: Operation::CreateMessage,
        resource: ResourceKey::Channel(ChannelId::new(channel)),
        global: true,
    }
}

fn ok(limit: u32, remaining: u32, reset_after: f64) -> Outcome<'static> {
    Outcome::Response {
        status: 200,
        headers: RateLimitHeaders {
            limit: Some(limit),
            remaining: Some(remaining),
            reset_after: Some(Duration::from_secs_f64(reset_after)),
            bucket: Some("abcd1234"),
            ..RateLimitHeaders::default()
        },
    }
}

fn too_many(scope: RateLimitScope, retry_after: f64, remaining: u32) -> Outcome<'static> {
    Outcome::Response {
        status: 429,
        headers: RateLimitHeaders {
            limit: Some(5),
            remaining: Some(remaining),
            reset_after: Some(Duration::from_secs_f64(retry_after)),
            bucket: Some("abcd1234"),
            scope: Some(scope),
            global: scope == RateLimitScope::Global,
            retry_after: Some(Duration::from_secs_f64(retry_after)),
        },
    }
}

/// Learns a bucket of `limit` per `reset` seconds for channel 1, leaving `remaining`.
async fn learn(l: &InMemoryRateLimiter, limit: u32, remaining: u32, reset: f64) {
    let p = l.acquire(key(1), LONG).await.unwrap();
    p.complete(&ok(limit, remaining, reset));
}

#[tokio::test(start_paused = true)]
async fn unknown_bucket_allows_one_request_in_flight() {
    let l = limiter();
    let first = l.acquire(key(1), LONG).await.unwrap();
    // A second request waits while the first is out…
    assert!(
        timeout(Duration::from_secs(5), l.acquire(key(1), LONG))
            .await
            .is_err()
    );
    // …another resource does not.
    let other = timeout(Duration::from_millis(1), l.acquire(key(2), LONG)).await;
    assert!(other.is_ok());
    let l2 = l.clone();
    let second = tokio::spawn(async move { l2.acquire(key(1), LONG).await.unwrap() });
    tokio::task::yield_now().await;
    first.complete(&ok(5, 4, 1.0));
    let second = timeout(Duration::from_millis(1), second)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.bucket(), Some("abcd1234"));
    assert_eq!(
        l.bucket_of(Operation::CreateMessage).as_deref(),
        Some("abcd1234")
    );
}

#[tokio::test(start_paused = true)]
async fn requests_leave_in_fifo_order_and_a_reset_releases_exactly_limit() {
    let l = limiter();
    learn(&l, 3, 0, 10.0).await;
    let start = Instant::now();
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for i in 0..9 {
        let l = l.clone();
        let order = Arc::clone(&order);
        tasks.push(tokio::spawn(async move {
            let permit = l.acquire(key(1), LONG).await.unwrap();
            order.lock().unwrap().push((i, start.elapsed().as_secs()));
            // The response of each window's requests tells the next reset.
            tokio::time::sleep(Duration::from_millis(50)).await;
            permit.complete(&ok(3, 0, 10.0));
        }));
        // Queue them in a known order.
        tokio::task::yield_now().await;
    }
    // Just before the reset nothing has left.
    tokio::time::sleep(Duration::from_millis(9_990)).await;
    assert!(order.lock().unwrap().is_empty());
    // Just after it, exactly `limit` have.
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(order.lock().unwrap().len(), 3);
    for t in tasks {
        t.await.unwrap();
    }
    let order = order.lock().unwrap().clone();
    let ids: Vec<_> = order.iter().map(|(i, _)| *i).collect();
    assert_eq!(ids, (0..9).collect::<Vec<_>>(), "FIFO");
    let secs: Vec<_> = order.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        secs,
        [10, 10, 10, 20, 20, 20, 30, 30, 30],
        "one window of 3 each 10 s"
    );
}

#[tokio::test(start_paused = true)]
async fn a_late_response_from_the_previous_window_grants_nothing() {
    let l = limiter();
    learn(&l, 2, 2, 1.0).await;
    let a = l.acquire(key(1), LONG).await.unwrap();
    let b = l.acquire(key(1), LONG).await.unwrap();
    a.complete(&ok(2, 1, 1.0));
    // The window resets while b is unanswered: b may still be counted in the new
    // window, so only one slot is free.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let c = l.acquire(key(1), LONG).await.unwrap();
    assert!(
        timeout(Duration::from_millis(10), l.acquire(key(1), LONG))
            .await
            .is_err()
    );
    // b's answer (its window ends after the reset: it counted in the new one) frees
    // nothing…
    b.complete(&ok(2, 0, 0.5));
    assert!(
        timeout(Duration::from_millis(300), l.acquire(key(1), LONG))
            .await
            .is_err()
    );
    // …until that window ends.
    let d = timeout(Duration::from_millis(300), l.acquire(key(1), LONG))
        .await
        .unwrap()
        .unwrap();
    c.complete(&ok(2, 1, 1.0));
    d.complete(&ok(2, 0, 1.0));
}

#[tokio::test(start_paused = true)]
async fn a_late_answer_counted_in_the_old_window_gives_its_slot_back() {
    let l = limiter();
    learn(&l, 2, 2, 1.0).await;
    let a = l.acquire(key(1), LONG).await.unwrap();
    let b = l.acquire(key(1), LONG).await.unwrap();
    a.complete(&ok(2, 1, 1.0));
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let c = l.acquire(key(1), LONG).await.unwrap();
    // b was counted in the old window, which ended before the reset.
    b.complete(&ok(2, 0, 0.0));
    let d = timeout(Duration::from_millis(1), l.acquire(key(1), LONG))
        .await
        .unwrap()
        .unwrap();
    c.complete(&ok(2, 1, 1.0));
    d.complete(&ok(2, 0, 1.0));
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_waiter_does_not_lose_the_slot() {
    let l = limiter();
    learn(&l, 1, 0, 2.0).await;
    // Gives up before the reset.
    assert!(
        timeout(Duration::from_secs(1), l.acquire(key(1), LONG))
            .await
            .is_err()
    );
    let start = Instant::now();
    let p = l.acquire(key(1), LONG).await.unwrap();
    assert!(start.elapsed() <= Duration::from_millis(1_100));
    // Dropping a permit unsent gives the slot back.
    drop(p);
    let again = timeout(Duration::from_millis(1), l.acquire(key(1), LONG)).await;
    assert!(again.is_ok());
}

#[tokio::test(start_paused = true)]
async fn max_wait_fails_fast() {
    let l = limiter();
    learn(&l, 5, 0, 30.0).await;
    let start = Instant::now();
    let err = l.acquire(key(1), Duration::from_secs(5)).await.unwrap_err();
    assert_eq!(err.scope, RateLimitScope::User);
    assert!(err.retry_after >= Duration::from_secs(29));
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn global_429_pauses_every_bucket_but_not_interactions() {
    let l = limiter();
    let p = l.acquire(key(1), LONG).await.unwrap();
    p.complete(&too_many(RateLimitScope::Global, 5.0, 0));
    let start = Instant::now();
    let other = RequestKey {
        operation: Operation::ListGuildMembers,
        resource: ResourceKey::Guild(GuildId::new(9)),
        global: true,
    };
    drop(l.acquire(other, LONG).await.unwrap());
    assert!(start.elapsed() >= Duration::from_secs(5));
    assert!(l.acquire(other, Duration::from_secs(1)).await.is_ok());

    let p = l.acquire(key(3), LONG).await.unwrap();
    p.complete(&too_many(RateLimitScope::Global, 5.0, 0));
    let interaction = RequestKey {
        operation: Operation::CreateInteractionResponse,
        resource: ResourceKey::interaction(1, "token"),
        global: false,
    };
    let start = Instant::now();
    drop(l.acquire(interaction, LONG).await.unwrap());
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn shared_429_does_not_penalise_the_bucket_or_count_as_invalid() {
    let l = limiter();
    learn(&l, 5, 5, 60.0).await;
    let p = l.acquire(key(1), LONG).await.unwrap();
    p.complete(&too_many(RateLimitScope::Shared, 1337.0, 3));
    let start = Instant::now();
    drop(l.acquire(key(1), LONG).await.unwrap());
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(l.invalid_requests(), 0);
}

#[tokio::test(start_paused = true)]
async fn user_429_exhausts_the_bucket_until_retry_after() {
    let l = limiter();
    learn(&l, 5, 5, 1.0).await;
    let p = l.acquire(key(1), LONG).await.unwrap();
    p.complete(&too_many(RateLimitScope::User, 3.0, 0));
    let start = Instant::now();
    drop(l.acquire(key(1), LONG).await.unwrap());
    assert!(start.elapsed() >= Duration::from_secs(3));
    assert_eq!(l.invalid_requests(), 1);
}

#[tokio::test(start_paused = true)]
async fn global_limit_spaces_requests() {
    let l = InMemoryRateLimiter::new(RateLimitConfig {
        global_per_second: 50,
        ..RateLimitConfig::default()
    });
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let l = l.clone();
        let k = RequestKey {
            operation: Operation::GetChannel,
            resource: ResourceKey::Channel(ChannelId::new(i + 1)),
            global: true,
        };
        tasks.push(tokio::spawn(async move {
            let p = l.acquire(k, LONG).await.unwrap();
            let at = Instant::now();
            p.complete(&Outcome::Response {
                status: 200,
                headers: RateLimitHeaders::default(),
            });
            at
        }));
    }
    let mut times = Vec::new();
    for t in tasks {
        times.push(t.await.unwrap());
    }
    times.sort();
    // Never more than 50 in any second.
    for (i, t) in times.iter().enumerate() {
        let in_window = times[i..]
            .iter()
            .filter(|u| u.duration_since(*t) < Duration::from_secs(1))
            .count();
        assert!(in_window <= 50, "{in_window} requests in one second");
    }
    // A burst of 5, then 45 a second: 95 / 45 s.
    let total = start.elapsed();
    assert!(
        total >= Duration::from_millis(2_050) && total <= Duration::from_millis(2_200),
        "{total:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn idle_buckets_are_dropped() {
    let l = limiter();
    learn(&l, 5, 4, 1.0).await;
    for c in 2..=10 {
        let p = l.acquire(key(c), LONG).await.unwrap();
        p.complete(&ok(5, 4, 1.0));
    }
    assert_eq!(l.bucket_count(), 10);
    tokio::time::sleep(Duration::from_secs(60)).await;
    l.evict_idle();
    assert_eq!(l.bucket_count(), 10, "not idle long enough");
    tokio::time::sleep(Duration::from_secs(600)).await;
    l.evict_idle();
    assert_eq!(l.bucket_count(), 0);
    // The route's bucket stays learnt.
    assert_eq!(
        l.bucket_of(Operation::CreateMessage).as_deref(),
        Some("abcd1234")
    );
}

#[tokio::test(start_paused = true)]
async fn invalid_request_guard_slows_down_then_stops() {
    let l = InMemoryRateLimiter::new(RateLimitConfig {
        global_per_second: 0,
        invalid_warn_at: 5,
        invalid_slow_at: 10,
        invalid_stop_at: 20,
        ..RateLimitConfig::default()
    });
    let forbidden = Outcome::Response {
        status: 403,
        headers: RateLimitHeaders::default(),
    };
    // Requests already out when the invalid answers arrive.
    let mut out = Vec::new();
    for c in 1..=20 {
        out.push(l.acquire(key(c), LONG).await.unwrap());
    }
    for p in out.drain(..9) {
        p.complete(&forbidden);
    }
    // Below slow_at: no delay.
    let start = Instant::now();
    l.acquire(key(100), LONG)
        .await
        .unwrap()
        .complete(&forbidden);
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(l.invalid_requests(), 10);
    // From slow_at on, requests are paced: 10 left before stop_at spread over 10 minutes.
    let start = Instant::now();
    for c in 200..203 {
        drop(l.acquire(key(c), LONG).await.unwrap());
    }
    assert!(
        start.elapsed() >= Duration::from_secs(120),
        "{:?}",
        start.elapsed()
    );
    // At stop_at nothing leaves until the old ones age out; a short budget fails fast.
    for p in out.drain(..10) {
        p.complete(&forbidden);
    }
    assert_eq!(l.invalid_requests(), 20, "elapsed {:?}", start.elapsed());
    let err = l
        .acquire(key(400), Duration::from_secs(1))
        .await
        .unwrap_err();
    assert_eq!(err.scope, RateLimitScope::Local);
    // Once they have aged out, requests flow again.
    tokio::time::sleep(Duration::from_secs(11 * 60)).await;
    assert_eq!(l.invalid_requests(), 0);
    let start = Instant::now();
    drop(l.acquire(key(401), LONG).await.unwrap());
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn a_resource_waiting_for_its_first_answer_is_not_doubled_when_the_route_is_learnt() {
    let l = limiter();
    let probe1 = l.acquire(key(1), LONG).await.unwrap();
    let probe2 = l.acquire(key(2), LONG).await.unwrap();
    // Channel 2's answer teaches the route's bucket…
    probe2.complete(&ok(5, 4, 1.0));
    // …but channel 1 still has its probe out: nothing else may leave for it yet.
    assert!(
        timeout(Duration::from_millis(100), l.acquire(key(1), LONG))
            .await
            .is_err()
    );
    let l2 = l.clone();
    let next = tokio::spawn(async move { l2.acquire(key(1), LONG).await.unwrap() });
    tokio::task::yield_now().await;
    probe1.complete(&ok(5, 4, 1.0));
    drop(
        timeout(Duration::from_millis(1), next)
            .await
            .unwrap()
            .unwrap(),
    );
}
