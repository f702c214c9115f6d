//! Discord's REST rate limits: per-route buckets keyed by top-level resource,
//! the global per-bot limit and the invalid-request ban.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::config::{Config, Limit};

/// A fixed window counter.
#[derive(Clone, Copy, Debug)]
struct Window {
    start: Instant,
    count: u32,
}

impl Window {
    /// Counts a request; `Ok(remaining, reset_after)` or `Err(retry_after)`.
    fn hit(&mut self, limit: Limit, now: Instant) -> Result<(u32, Duration), Duration> {
        if now.duration_since(self.start) >= limit.window {
            self.start = now;
            self.count = 0;
        }
        let reset_after = limit.window.saturating_sub(now.duration_since(self.start));
        if self.count >= limit.limit {
            return Err(reset_after);
        }
        self.count += 1;
        Ok((limit.limit - self.count, reset_after))
    }
}

/// The per-route headers of a response.
#[derive(Clone, Debug)]
pub(crate) struct RouteHeaders {
    pub(crate) limit: u32,
    pub(crate) remaining: u32,
    pub(crate) reset_after: Duration,
    pub(crate) bucket: String,
}

/// What the rate limiter says about a request.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Go ahead.
    Allowed(RouteHeaders),
    /// The route's bucket is empty.
    Route(RouteHeaders),
    /// The bot's global limit is used up.
    Global(Duration),
}

/// All rate limit state.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    routes: HashMap<(u64, &'static str, u64), Window>,
    global: HashMap<u64, Window>,
    invalid: Option<Window>,
    ban_until: Option<Instant>,
}

/// The opaque `X-RateLimit-Bucket` of a bucket group: the same for every
/// route of the group, whatever the top-level resource.
pub(crate) fn bucket_hash(group: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in group.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x5bd1_e995)
}

impl RateLimiter {
    /// Counts a request of `bot` on a route of `group` for the top-level resource `major`.
    pub(crate) fn check(
        &mut self,
        cfg: &Config,
        bot: u64,
        group: &'static str,
        major: u64,
        global_exempt: bool,
        now: Instant,
    ) -> Verdict {
        if !global_exempt {
            let g = self.global.entry(bot).or_insert(Window {
                start: now,
                count: 0,
            });
            if let Err(retry) = g.hit(cfg.global_limit, now) {
                return Verdict::Global(retry);
            }
        }
        let limit = cfg.route_limit(group);
        let w = self.routes.entry((bot, group, major)).or_insert(Window {
            start: now,
            count: 0,
        });
        let bucket = bucket_hash(group);
        match w.hit(limit, now) {
            Ok((remaining, reset_after)) => Verdict::Allowed(RouteHeaders {
                limit: limit.limit,
                remaining,
                reset_after,
                bucket,
            }),
            Err(reset_after) => Verdict::Route(RouteHeaders {
                limit: limit.limit,
                remaining: 0,
                reset_after,
                bucket,
            }),
        }
    }

    /// The time left on an invalid-request ban.
    pub(crate) fn banned(&mut self, now: Instant) -> Option<Duration> {
        let until = self.ban_until?;
        if now >= until {
            self.ban_until = None;
            return None;
        }
        Some(until - now)
    }

    /// Counts an invalid request; true when it starts a ban.
    pub(crate) fn record_invalid(&mut self, cfg: &Config, now: Instant) -> bool {
        let w = self.invalid.get_or_insert(Window {
            start: now,
            count: 0,
        });
        if w.hit(cfg.invalid_request_limit, now).is_err() {
            self.ban_until = Some(now + cfg.invalid_request_ban);
            self.invalid = None;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_counts_down_and_resets() {
        let cfg = Config {
            global_limit: Limit::new(100, Duration::from_secs(1)),
            ..Config::default()
        };
        let mut rl = RateLimiter::default();
        let now = Instant::now();
        for expected in (0..5).rev() {
            match rl.check(&cfg, 1, "messages", 9, false, now) {
                Verdict::Allowed(h) => assert_eq!(h.remaining, expected),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            rl.check(&cfg, 1, "messages", 9, false, now),
            Verdict::Route(_)
        ));
        assert!(matches!(
            rl.check(&cfg, 1, "messages", 10, false, now),
            Verdict::Allowed(_)
        ));
        let later = now + Duration::from_secs(5);
        assert!(matches!(
            rl.check(&cfg, 1, "messages", 9, false, later),
            Verdict::Allowed(_)
        ));
        assert_eq!(bucket_hash("messages"), bucket_hash("messages"));
        assert_ne!(bucket_hash("messages"), bucket_hash("channel"));
    }
}
