//! The global limit: governor's GCRA on tokio's clock, a FIFO queue for waiters, and the
//! pause a global 429 imposes.

use std::{
    num::NonZeroU32,
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use governor::{
    Quota, RateLimiter,
    clock::Clock,
    middleware::NoOpMiddleware,
    state::{InMemoryState, NotKeyed},
};
use tokio::{sync::Semaphore, time::Instant};

/// governor's clock reading tokio's time, so paused-clock tests drive it too.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TokioClock {
    base: Instant,
}

impl Clock for TokioClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        Instant::now().saturating_duration_since(self.base)
    }
}

type Gcra = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<Duration>>;

/// Global limiter shared by all non-interaction requests.
pub(crate) struct Global {
    gcra: Option<Gcra>,
    clock: TokioClock,
    /// Waiters queue here (tokio's semaphore is FIFO): only the head sleeps.
    queue: Semaphore,
    waiting: AtomicUsize,
    pause_until: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for Global {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Global")
            .field("limited", &self.gcra.is_some())
            .field("waiting", &self.waiting.load(Ordering::Relaxed))
            .finish()
    }
}

impl Global {
    /// At most `per_second` requests in any one-second window (0 disables the limit),
    /// up to `burst` of them at once (0: a tenth of `per_second`).
    ///
    /// GCRA with burst `b` and rate `r` lets `b + r·t` requests through in any span `t`;
    /// the rate is therefore `per_second - burst`, so that no one-second window, however
    /// Discord aligns it (fixed or sliding), ever holds more than `per_second`.
    pub(crate) fn new(per_second: u32, burst: u32) -> Self {
        let clock = TokioClock {
            base: Instant::now(),
        };
        let gcra = NonZeroU32::new(per_second).map(|limit| {
            let burst = if burst == 0 { per_second / 10 } else { burst };
            let burst = burst.clamp(1, per_second.saturating_sub(1).max(1));
            let rate = NonZeroU32::new(per_second - burst).unwrap_or(limit);
            let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
            RateLimiter::direct_with_clock(Quota::per_second(rate).allow_burst(burst), clock)
        });
        Self {
            gcra,
            clock,
            queue: Semaphore::new(1),
            waiting: AtomicUsize::new(0),
            pause_until: Mutex::new(None),
        }
    }

    /// Pauses every request until `until` (a global 429).
    pub(crate) fn pause(&self, until: Instant) {
        let mut pause = self.pause_until.lock().unwrap_or_else(|e| e.into_inner());
        if pause.is_none_or(|p| p < until) {
            *pause = Some(until);
        }
    }

    /// How long the current pause lasts from `now`.
    pub(crate) fn paused_for(&self, now: Instant) -> Duration {
        let pause = *self.pause_until.lock().unwrap_or_else(|e| e.into_inner());
        pause.map_or(Duration::ZERO, |p| p.saturating_duration_since(now))
    }

    async fn wait_pause(&self) {
        loop {
            let pause = *self.pause_until.lock().unwrap_or_else(|e| e.into_inner());
            match pause {
                Some(until) if until > Instant::now() => tokio::time::sleep_until(until).await,
                _ => return,
            }
        }
    }

    /// Waits for a global slot (and the end of any global pause).
    pub(crate) async fn acquire(&self) {
        self.wait_pause().await;
        let Some(gcra) = &self.gcra else { return };
        // Fast path: nobody queued and a cell free.
        if self.waiting.load(Ordering::Acquire) == 0 && gcra.check().is_ok() {
            return;
        }
        self.waiting.fetch_add(1, Ordering::AcqRel);
        let _guard = WaitingGuard(&self.waiting);
        // FIFO: only the head of the queue polls governor, so waiters do not stampede.
        let _turn = self.queue.acquire().await;
        loop {
            self.wait_pause().await;
            match gcra.check() {
                Ok(()) => return,
                Err(not_until) => {
                    let wait = not_until.wait_time_from(self.clock.now());
                    tokio::time::sleep(wait.max(Duration::from_micros(100))).await;
                }
            }
        }
    }
}

struct WaitingGuard<'a>(&'a AtomicUsize);

impl Drop for WaitingGuard<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}
