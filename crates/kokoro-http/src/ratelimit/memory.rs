//! The in-memory limiter.
//!
//! Each bucket is a small state machine behind a `std::sync::Mutex` held only for a few
//! field updates (never across an `.await`):
//!
//! - A route whose bucket is unknown gets a placeholder keyed by (operation, resource)
//!   that lets one request out at a time. Its first response names the bucket
//!   (`X-RateLimit-Bucket`); the placeholder then becomes that bucket, keyed by
//!   (bucket hash, resource), or hands its queue to the bucket another route already
//!   learnt.
//! - A known bucket counts `remaining` down as requests leave. At 0, requests queue in
//!   FIFO order; one timer task per bucket wakes at the reset and lets out exactly
//!   `limit` of them. Responses only ever lower `remaining` within a window, and a
//!   response from an older window (sent before the reset) is ignored, so a late answer
//!   can never make the limiter think there is room that is not there.
//! - A window that reset without a response telling the new reset lets `limit` requests
//!   out and then waits for one of their responses.

use std::{
    collections::{HashMap, VecDeque},
    hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use tokio::{sync::oneshot, time::Instant};

use super::{
    BoxFuture, Outcome, Permit, PermitHandle, RateLimitScope, RateLimited, RateLimiter, RequestKey,
    global::Global,
    invalid::{InvalidGuard, Verdict},
};
use crate::routes::{Operation, ResourceKey};

/// Settings of the [`InMemoryRateLimiter`].
///
/// Build it with struct-update syntax from [`RateLimitConfig::default`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimitConfig {
    /// Requests a second allowed by the global limit (Discord's default: 50). 0 disables it.
    pub global_per_second: u32,
    /// How many of those may leave at once; 0 (the default) means a tenth of
    /// `global_per_second`.
    /// The sustained rate is `global_per_second - global_burst`, so that no one-second
    /// window, however Discord aligns it, holds more than `global_per_second`: a larger
    /// burst trades sustained throughput for latency of bursts.
    pub global_burst: u32,
    /// A bucket unused for this long (and with nothing queued or in flight) is dropped.
    pub idle_timeout: Duration,
    /// Invalid requests (401, 403, non-shared 429) in 10 minutes from which a warning is
    /// logged (once a minute).
    pub invalid_warn_at: u32,
    /// Count from which every request is paced so that `invalid_stop_at` cannot be
    /// reached within the window even if every request were invalid.
    pub invalid_slow_at: u32,
    /// Count at which requests stop until old ones leave the window (Discord bans at 10,000).
    pub invalid_stop_at: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            global_per_second: 50,
            global_burst: 0,
            idle_timeout: Duration::from_secs(600),
            invalid_warn_at: 2_500,
            invalid_slow_at: 5_000,
            invalid_stop_at: 9_000,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum BucketId {
    /// Placeholder until the route's first response names its bucket.
    Route(Operation, ResourceKey),
    /// A bucket Discord named, per resource.
    Hash(u64, ResourceKey),
}

#[derive(Debug)]
struct State {
    id: BucketId,
    name: Option<Arc<str>>,
    /// `None` until a response tells the limit: one request in flight at a time.
    limit: Option<u32>,
    remaining: u32,
    /// When the current window ends, if a response told.
    reset_at: Option<Instant>,
    /// The last `Reset-After` seen: the window length, for wait estimates.
    period: Duration,
    /// Window generation, bumped at each reset.
    generation: u64,
    /// When the current generation began.
    last_roll: Instant,
    in_flight: u32,
    /// Responses had no rate-limit headers: the route has no per-route limit.
    unlimited: bool,
    queue: VecDeque<oneshot::Sender<Grant>>,
    timer: bool,
    last_used: Instant,
    /// Set when this placeholder handed its queue to another bucket.
    forward: Option<Arc<Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    state: Mutex<State>,
}

/// A slot taken in a bucket.
#[derive(Debug)]
struct Grant {
    bucket: Arc<Bucket>,
    generation: u64,
    /// Sent alone, knowing nothing: its response's `Remaining` is authoritative.
    exclusive: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    fn new(id: BucketId, now: Instant) -> Self {
        Self {
            id,
            name: None,
            limit: None,
            remaining: 0,
            reset_at: None,
            period: Duration::ZERO,
            generation: 0,
            last_roll: now,
            in_flight: 0,
            unlimited: false,
            queue: VecDeque::new(),
            timer: false,
            last_used: now,
            forward: None,
        }
    }

    fn roll(&mut self, now: Instant) {
        if let Some(reset) = self.reset_at
            && now >= reset
        {
            self.reset_at = None;
            self.generation += 1;
            self.last_roll = now;
            if let Some(limit) = self.limit {
                // Requests still unanswered may reach Discord after its reset and count
                // in the new window: reserve their slots until their answers tell.
                self.remaining = limit.saturating_sub(self.in_flight);
            }
        }
    }

    /// Takes a slot if one is free: (generation, exclusive).
    fn try_take(&mut self, now: Instant) -> Option<(u64, bool)> {
        self.roll(now);
        if self.unlimited {
            self.in_flight += 1;
            return Some((self.generation, false));
        }
        if self.limit.is_some() && self.remaining > 0 {
            self.remaining -= 1;
            self.in_flight += 1;
            return Some((self.generation, false));
        }
        // Nothing known (new route, or a window reset without news): one probe at a time.
        if self.reset_at.is_none()
            && self.in_flight == 0
            && (self.limit.is_none() || self.remaining == 0)
        {
            self.in_flight += 1;
            return Some((self.generation, true));
        }
        None
    }

    /// Gives back a slot whose request was never sent.
    fn untake(&mut self, generation: u64, exclusive: bool) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if !exclusive && !self.unlimited && generation == self.generation && self.limit.is_some() {
            self.remaining += 1;
        }
    }

    /// A lower bound of how long a request queued behind `ahead` others waits.
    fn estimate_wait(&self, now: Instant, ahead: usize) -> Duration {
        match (self.limit, self.reset_at) {
            (Some(limit), Some(reset)) if !self.unlimited && limit > 0 => {
                let ahead = ahead.saturating_sub(self.remaining as usize);
                let waves = (ahead / limit as usize) as u32;
                reset.saturating_duration_since(now) + self.period * waves
            }
            _ => Duration::ZERO,
        }
    }
}

impl Bucket {
    fn new(id: BucketId, now: Instant) -> Arc<Self> {
        Arc::new(Self {
            state: Mutex::new(State::new(id, now)),
        })
    }
}

/// Lets queued requests out while slots are free, then arms the reset timer if needed.
fn dispatch(this: &Arc<Bucket>, st: &mut State, now: Instant) {
    while !st.queue.is_empty() {
        let Some((generation, exclusive)) = st.try_take(now) else {
            break;
        };
        let Some(tx) = st.queue.pop_front() else {
            break;
        };
        let grant = Grant {
            bucket: Arc::clone(this),
            generation,
            exclusive,
        };
        if let Err(grant) = tx.send(grant) {
            // The waiter gave up: the slot stays free for the next one.
            st.untake(grant.generation, grant.exclusive);
        }
    }
    if st.queue.is_empty() || st.timer {
        return;
    }
    // Blocked by time (not by a response we are waiting for): wake at the reset.
    if let Some(reset) = st.reset_at {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return;
        };
        st.timer = true;
        let bucket = Arc::clone(this);
        handle.spawn(async move {
            tokio::time::sleep_until(reset).await;
            let mut st = lock(&bucket.state);
            st.timer = false;
            dispatch(&bucket, &mut st, Instant::now());
        });
    }
}

impl Grant {
    /// Returns an unused slot.
    fn release(self) {
        let mut st = lock(&self.bucket.state);
        st.untake(self.generation, self.exclusive);
        dispatch(&self.bucket, &mut st, Instant::now());
    }
}

/// A queued request's receiver; returns a grant that arrives after it gave up.
struct Waiting {
    rx: oneshot::Receiver<Grant>,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.rx.close();
        if let Ok(grant) = self.rx.try_recv() {
            grant.release();
        }
    }
}

struct Buckets {
    map: HashMap<BucketId, Arc<Bucket>>,
    routes: HashMap<Operation, (u64, Arc<str>)>,
    last_sweep: Instant,
}

struct Shared {
    buckets: Mutex<Buckets>,
    global: Global,
    invalid: InvalidGuard,
    idle_timeout: Duration,
}

/// The default limiter: per-bucket FIFO queues learnt from Discord's headers, a global
/// limit (governor) and an invalid-request guard, all in this process's memory.
///
/// Cloning shares the state. See the [module docs](super) for an example.
#[derive(Clone)]
pub struct InMemoryRateLimiter {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for InMemoryRateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InMemoryRateLimiter")
            .field("buckets", &self.bucket_count())
            .field("global", &self.shared.global)
            .finish_non_exhaustive()
    }
}

impl Default for InMemoryRateLimiter {
    fn default() -> Self {
        Self::new(RateLimitConfig::default())
    }
}

fn hash_str(s: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(s)
}

impl InMemoryRateLimiter {
    /// A limiter with these settings.
    pub fn new(config: RateLimitConfig) -> Self {
        Self {
            shared: Arc::new(Shared {
                buckets: Mutex::new(Buckets {
                    map: HashMap::new(),
                    routes: HashMap::new(),
                    last_sweep: Instant::now(),
                }),
                global: Global::new(config.global_per_second, config.global_burst),
                invalid: InvalidGuard::new(
                    config.invalid_warn_at,
                    config.invalid_slow_at,
                    config.invalid_stop_at,
                ),
                idle_timeout: config.idle_timeout,
            }),
        }
    }

    /// How many buckets (known or placeholder) are tracked.
    pub fn bucket_count(&self) -> usize {
        lock(&self.shared.buckets).map.len()
    }

    /// Invalid requests (401, 403, non-shared 429) counted in the last ten minutes.
    pub fn invalid_requests(&self) -> u32 {
        self.shared.invalid.current()
    }

    /// The bucket hash learnt for an operation, if any.
    pub fn bucket_of(&self, operation: Operation) -> Option<Arc<str>> {
        lock(&self.shared.buckets)
            .routes
            .get(&operation)
            .map(|(_, name)| Arc::clone(name))
    }

    /// Drops buckets idle for longer than the idle timeout; runs by itself now and then.
    pub fn evict_idle(&self) {
        let mut buckets = lock(&self.shared.buckets);
        self.shared.sweep(&mut buckets, Instant::now());
    }

    async fn acquire_inner(
        &self,
        key: RequestKey,
        max_wait: Duration,
    ) -> Result<Permit, RateLimited> {
        let shared = &self.shared;
        let start = Instant::now();
        let refuse = |retry_after: Duration, scope| Err(RateLimited { retry_after, scope });

        // The invalid-request guard paces everything once invalid responses pile up.
        loop {
            match shared.invalid.check(Instant::now()) {
                Verdict::Go => break,
                Verdict::WaitUntil(at) => {
                    let total = at.saturating_duration_since(start);
                    if total > max_wait {
                        return refuse(total, RateLimitScope::Local);
                    }
                    tokio::time::sleep_until(at).await;
                }
                Verdict::Reserved(at) => {
                    let total = at.saturating_duration_since(start);
                    if total > max_wait {
                        return refuse(total, RateLimitScope::Local);
                    }
                    tokio::time::sleep_until(at).await;
                    break;
                }
            }
        }
        if key.global {
            let paused = shared.global.paused_for(Instant::now());
            if paused + start.elapsed() > max_wait {
                return refuse(paused + start.elapsed(), RateLimitScope::Global);
            }
        }

        let mut bucket = shared.bucket_for(key);
        let grant = loop {
            let rx = {
                let mut st = lock(&bucket.state);
                if let Some(next) = st.forward.clone() {
                    drop(st);
                    bucket = next;
                    continue;
                }
                let now = Instant::now();
                st.last_used = now;
                if st.queue.is_empty()
                    && let Some((generation, exclusive)) = st.try_take(now)
                {
                    break Grant {
                        bucket: Arc::clone(&bucket),
                        generation,
                        exclusive,
                    };
                }
                let wait = st.estimate_wait(now, st.queue.len()) + start.elapsed();
                if wait > max_wait {
                    return refuse(wait, RateLimitScope::User);
                }
                let (tx, rx) = oneshot::channel();
                st.queue.push_back(tx);
                dispatch(&bucket, &mut st, now);
                rx
            };
            let mut waiting = Waiting { rx };
            match (&mut waiting.rx).await {
                Ok(grant) => break grant,
                // The bucket was dropped under us (cannot happen while we hold it); retry.
                Err(_) => continue,
            }
        };
        // From here on the slot is ours: dropping the permit gives it back.
        let name = lock(&grant.bucket.state).name.clone();
        let permit = MemoryPermit {
            grant: Some(grant),
            shared: Arc::clone(shared),
            operation: key.operation,
            resource: key.resource,
            name,
        };
        if key.global {
            shared.global.acquire().await;
        }
        Ok(Permit::new(Box::new(permit), start.elapsed()))
    }
}

impl Shared {
    fn bucket_for(&self, key: RequestKey) -> Arc<Bucket> {
        let now = Instant::now();
        let mut buckets = lock(&self.buckets);
        if now.saturating_duration_since(buckets.last_sweep)
            >= (self.idle_timeout / 2).max(Duration::from_secs(1))
        {
            self.sweep(&mut buckets, now);
        }
        let placeholder = BucketId::Route(key.operation, key.resource);
        let id = match buckets.routes.get(&key.operation) {
            // A placeholder still waiting for its first answer stays in charge of its
            // resource until that answer re-keys or merges it.
            Some(_) if buckets.map.contains_key(&placeholder) => placeholder,
            Some((hash, _)) => BucketId::Hash(*hash, key.resource),
            None => placeholder,
        };
        let name = match id {
            BucketId::Hash(..) => buckets
                .routes
                .get(&key.operation)
                .map(|(_, n)| Arc::clone(n)),
            BucketId::Route(..) => None,
        };
        Arc::clone(buckets.map.entry(id).or_insert_with(|| {
            let bucket = Bucket::new(id, now);
            lock(&bucket.state).name = name;
            bucket
        }))
    }

    fn sweep(&self, buckets: &mut Buckets, now: Instant) {
        buckets.last_sweep = now;
        let idle = self.idle_timeout;
        buckets.map.retain(|_, bucket| {
            if Arc::strong_count(bucket) > 1 {
                return true;
            }
            let Ok(st) = bucket.state.try_lock() else {
                return true;
            };
            let busy = st.in_flight > 0 || !st.queue.is_empty() || st.timer;
            let current = st.reset_at.is_some_and(|r| r > now);
            busy || current || now.saturating_duration_since(st.last_used) < idle
        });
    }

    /// A placeholder's response named its bucket: key it by the hash, or merge it into
    /// the bucket another route already learnt.
    fn learn(&self, this: &Arc<Bucket>, operation: Operation, resource: ResourceKey, name: &str) {
        let hash = hash_str(name);
        let mut buckets = lock(&self.buckets);
        let name: Arc<str> = match buckets.routes.get(&operation) {
            Some((h, n)) if *h == hash => Arc::clone(n),
            _ => {
                let n: Arc<str> = Arc::from(name);
                buckets.routes.insert(operation, (hash, Arc::clone(&n)));
                n
            }
        };
        let placeholder = BucketId::Route(operation, resource);
        if buckets
            .map
            .get(&placeholder)
            .is_some_and(|b| Arc::ptr_eq(b, this))
        {
            buckets.map.remove(&placeholder);
        }
        let real = BucketId::Hash(hash, resource);
        match buckets.map.get(&real).cloned() {
            None => {
                buckets.map.insert(real, Arc::clone(this));
                let mut st = lock(&this.state);
                st.id = real;
                st.name = Some(name);
            }
            Some(existing) if Arc::ptr_eq(&existing, this) => {}
            Some(existing) => {
                let queue = {
                    let mut st = lock(&this.state);
                    st.forward = Some(Arc::clone(&existing));
                    std::mem::take(&mut st.queue)
                };
                let mut st = lock(&existing.state);
                st.queue.extend(queue);
                dispatch(&existing, &mut st, Instant::now());
            }
        }
    }
}

struct MemoryPermit {
    grant: Option<Grant>,
    shared: Arc<Shared>,
    operation: Operation,
    resource: ResourceKey,
    name: Option<Arc<str>>,
}

impl Drop for MemoryPermit {
    fn drop(&mut self) {
        if let Some(grant) = self.grant.take() {
            grant.release();
        }
    }
}

impl PermitHandle for MemoryPermit {
    fn bucket(&self) -> Option<&str> {
        self.name.as_deref()
    }

    fn complete(mut self: Box<Self>, outcome: &Outcome<'_>) {
        let Some(grant) = self.grant.take() else {
            return;
        };
        let now = Instant::now();
        let (status, headers) = match outcome {
            Outcome::Failed => {
                // Counted or not by Discord, we cannot tell: keep the slot spent.
                let mut st = lock(&grant.bucket.state);
                st.in_flight = st.in_flight.saturating_sub(1);
                dispatch(&grant.bucket, &mut st, now);
                return;
            }
            Outcome::Response { status, headers } => (*status, headers),
        };
        let scope = (status == 429).then(|| headers.scope_of_429());
        if matches!(status, 401 | 403) || scope.is_some_and(|s| s != RateLimitScope::Shared) {
            self.shared.invalid.record();
        }
        if scope == Some(RateLimitScope::Global) {
            let retry = headers.retry_after.unwrap_or(Duration::from_secs(1));
            self.shared.global.pause(now + retry);
        }
        let learn = {
            let mut st = lock(&grant.bucket.state);
            st.in_flight = st.in_flight.saturating_sub(1);
            let has_headers = headers.limit.is_some() || headers.bucket.is_some();
            if !has_headers && status != 429 && (200..500).contains(&status) {
                if st.limit.is_none() {
                    st.unlimited = true;
                }
            } else if has_headers {
                st.unlimited = false;
            }
            if let (Some(limit), Some(remaining)) = (headers.limit, headers.remaining)
                && grant.generation == st.generation
            {
                let reset = now + headers.reset_after.unwrap_or(Duration::from_secs(1));
                if let Some(after) = headers.reset_after {
                    st.period = after;
                }
                if st.limit.is_none() || grant.exclusive {
                    st.remaining = remaining.min(limit);
                    st.reset_at = Some(reset);
                } else {
                    st.remaining = st.remaining.min(remaining);
                    st.reset_at = Some(st.reset_at.map_or(reset, |r| r.max(reset)));
                }
                st.limit = Some(limit);
            } else if let (Some(remaining), Some(after)) = (headers.remaining, headers.reset_after)
                && grant.generation < st.generation
            {
                // An answer from before the last reset. If the window it was counted in
                // ends after that reset, it was counted in the current window: keep its
                // slot reserved and take its news. Otherwise it counted in an old window:
                // give back the slot the reset reserved for it.
                let ends = now + after;
                if ends > st.last_roll {
                    st.remaining = st.remaining.min(remaining);
                    st.reset_at = Some(st.reset_at.map_or(ends, |r| r.max(ends)));
                } else if grant.generation + 1 == st.generation
                    && let Some(limit) = st.limit
                {
                    st.remaining = (st.remaining + 1).min(limit);
                }
            }
            if scope == Some(RateLimitScope::User) {
                // Discord says this bucket is exhausted: nothing leaves before retry_after.
                let retry = headers
                    .retry_after
                    .or(headers.reset_after)
                    .unwrap_or(Duration::from_secs(1));
                st.remaining = 0;
                // Discord's word wins over what we had computed.
                st.reset_at = Some(now + retry);
                if st.limit.is_none() {
                    st.limit = Some(headers.limit.unwrap_or(1));
                }
            }
            dispatch(&grant.bucket, &mut st, now);
            match (st.id, headers.bucket) {
                (BucketId::Route(..), Some(name)) => Some(name),
                _ => None,
            }
        };
        if let Some(name) = learn {
            self.shared
                .learn(&grant.bucket, self.operation, self.resource, name);
        }
    }
}

impl RateLimiter for InMemoryRateLimiter {
    fn acquire(
        &self,
        key: RequestKey,
        max_wait: Duration,
    ) -> BoxFuture<'_, Result<Permit, RateLimited>> {
        Box::pin(self.acquire_inner(key, max_wait))
    }
}
