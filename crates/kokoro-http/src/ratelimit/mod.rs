//! Rate limiting: the [`RateLimiter`] trait, the in-memory limiter every client uses by
//! default, and a no-op limiter for when a proxy in front of Discord does the limiting.
//!
//! The client asks the limiter for a [`Permit`] before each request
//! ([`RateLimiter::acquire`]) and hands the response's rate-limit headers back through
//! [`Permit::complete`]. A permit dropped without being completed (a cancelled request)
//! gives its slot back.
//!
//! ```
//! use std::{sync::Arc, time::Duration};
//! use kokoro_http::{Client, ratelimit::{InMemoryRateLimiter, RateLimitConfig}};
//!
//! let limiter = InMemoryRateLimiter::new(RateLimitConfig {
//!     global_per_second: 40,
//!     ..RateLimitConfig::default()
//! });
//! let client = Client::builder().token("…").rate_limiter(Arc::new(limiter)).build();
//! # drop(client);
//! ```

use std::{fmt, future::Future, pin::Pin, time::Duration};

use crate::routes::{Operation, ResourceKey, Route};

mod global;
mod invalid;
mod memory;

pub use memory::{InMemoryRateLimiter, RateLimitConfig};

/// A boxed future, as the trait's methods return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a limiter needs to know about a request before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestKey {
    /// The operation (the bucket key until Discord tells the bucket).
    pub operation: Operation,
    /// The top-level resource the bucket is counted per.
    pub resource: ResourceKey,
    /// Whether the global limit applies: it counts what is sent with the client's token,
    /// so interaction endpoints and webhook-token routes (which carry their own token in
    /// the path and are sent without the client's) are outside it.
    pub global: bool,
}

impl RequestKey {
    /// The key of a route.
    pub fn of(route: &Route<'_>) -> Self {
        Self {
            operation: route.operation(),
            resource: route.resource(),
            global: route.uses_token() && !route.is_interaction(),
        }
    }
}

/// Which limit a 429 came from (`X-RateLimit-Scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateLimitScope {
    /// The per-route limit of this bot or user.
    User,
    /// The bot's or user's global limit.
    Global,
    /// A limit of the resource shared by everyone; not counted as an invalid request.
    Shared,
    /// The client's own limiter refused to wait this long (see `max_rate_limit`).
    Local,
}

impl fmt::Display for RateLimitScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RateLimitScope::User => "user",
            RateLimitScope::Global => "global",
            RateLimitScope::Shared => "shared",
            RateLimitScope::Local => "local",
        })
    }
}

/// The rate-limit headers of a response, parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RateLimitHeaders<'a> {
    /// `X-RateLimit-Limit`
    pub limit: Option<u32>,
    /// `X-RateLimit-Remaining`
    pub remaining: Option<u32>,
    /// `X-RateLimit-Reset-After`
    pub reset_after: Option<Duration>,
    /// `X-RateLimit-Bucket`
    pub bucket: Option<&'a str>,
    /// `X-RateLimit-Global`
    pub global: bool,
    /// `X-RateLimit-Scope`
    pub scope: Option<RateLimitScope>,
    /// `Retry-After` (or the body's `retry_after` on a 429, which is more precise).
    pub retry_after: Option<Duration>,
}

impl<'a> RateLimitHeaders<'a> {
    /// Reads the headers from a response's header map.
    pub fn from_headers(headers: &'a hyper::HeaderMap) -> Self {
        let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let secs = |name: &str| {
            get(name)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(Duration::from_secs_f64)
        };
        Self {
            limit: get("x-ratelimit-limit").and_then(|v| v.trim().parse().ok()),
            remaining: get("x-ratelimit-remaining").and_then(|v| v.trim().parse().ok()),
            reset_after: secs("x-ratelimit-reset-after"),
            bucket: get("x-ratelimit-bucket"),
            global: get("x-ratelimit-global").is_some_and(|v| v.eq_ignore_ascii_case("true")),
            scope: get("x-ratelimit-scope").and_then(|v| match v {
                "user" => Some(RateLimitScope::User),
                "global" => Some(RateLimitScope::Global),
                "shared" => Some(RateLimitScope::Shared),
                _ => None,
            }),
            retry_after: secs("retry-after"),
        }
    }

    /// The scope of a 429 with these headers.
    pub fn scope_of_429(&self) -> RateLimitScope {
        match self.scope {
            Some(scope) => scope,
            None if self.global => RateLimitScope::Global,
            None => RateLimitScope::User,
        }
    }
}

/// How a request ended, as the limiter learns it.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// A response arrived.
    Response {
        /// The HTTP status.
        status: u16,
        /// Its rate-limit headers.
        headers: RateLimitHeaders<'a>,
    },
    /// No response (connection error or timeout): the request may or may not have been
    /// counted by Discord.
    Failed,
}

/// The limiter refused to wait: the wait would be longer than the caller accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("rate limited ({scope}): would have to wait {retry_after:?}")]
pub struct RateLimited {
    /// How long the wait would have been.
    pub retry_after: Duration,
    /// Which limit.
    pub scope: RateLimitScope,
}

/// The limiter's handle on an in-flight request: complete it with the outcome.
///
/// Dropping a permit without completing it returns its slot (the request was not sent).
pub trait PermitHandle: Send {
    /// Reports the outcome; consumes the permit.
    fn complete(self: Box<Self>, outcome: &Outcome<'_>);

    /// The bucket the request was counted in, for tracing (`None` while unknown).
    fn bucket(&self) -> Option<&str> {
        None
    }
}

/// A granted request slot. See [`PermitHandle`].
pub struct Permit {
    inner: Option<Box<dyn PermitHandle>>,
    waited: Duration,
}

impl Permit {
    /// Wraps a limiter's handle; `waited` is how long the request was held back.
    pub fn new(handle: Box<dyn PermitHandle>, waited: Duration) -> Self {
        Self {
            inner: Some(handle),
            waited,
        }
    }

    /// A permit that tracks nothing.
    pub fn unlimited() -> Self {
        Self {
            inner: None,
            waited: Duration::ZERO,
        }
    }

    /// How long the limiter held the request back.
    pub fn waited(&self) -> Duration {
        self.waited
    }

    /// The bucket hash, once known.
    pub fn bucket(&self) -> Option<&str> {
        self.inner.as_ref().and_then(|h| h.bucket())
    }

    /// Reports how the request ended.
    pub fn complete(mut self, outcome: &Outcome<'_>) {
        if let Some(inner) = self.inner.take() {
            inner.complete(outcome);
        }
    }
}

impl fmt::Debug for Permit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Permit")
            .field("bucket", &self.bucket())
            .field("waited", &self.waited)
            .finish()
    }
}

/// Decides when each request may leave.
///
/// The in-memory [`InMemoryRateLimiter`] is the default; implement this to share limits
/// between processes (a limiter backed by a shared store), or use [`NoopRateLimiter`]
/// when a proxy in front of Discord already limits.
pub trait RateLimiter: Send + Sync + fmt::Debug + 'static {
    /// Waits until a request for `key` may be sent, or fails at once with
    /// [`RateLimited`] when that would take longer than `max_wait`.
    fn acquire(
        &self,
        key: RequestKey,
        max_wait: Duration,
    ) -> BoxFuture<'_, Result<Permit, RateLimited>>;
}

/// A limiter that never waits: for a client behind a rate-limiting proxy.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoopRateLimiter;

impl RateLimiter for NoopRateLimiter {
    fn acquire(
        &self,
        _key: RequestKey,
        _max_wait: Duration,
    ) -> BoxFuture<'_, Result<Permit, RateLimited>> {
        Box::pin(async { Ok(Permit::unlimited()) })
    }
}

#[cfg(test)]
mod tests;
