//! The invalid-request guard: Discord bans an IP for a while after 10,000 responses of
//! 401, 403 or 429 (not `shared`) within 10 minutes. The guard counts them per minute and
//! paces every request once the count gets high, so the ban is never reached.

use std::{sync::Mutex, time::Duration};

use tokio::time::Instant;

const MINUTE: Duration = Duration::from_secs(60);
/// Minutes kept: one more than the ten Discord counts, so the count never under-estimates.
const SLOTS: usize = 11;

#[derive(Debug)]
struct State {
    /// (minute index since `base`, count) per slot.
    slots: [(u64, u32); SLOTS],
    /// The earliest time the next paced request may leave.
    next: Instant,
    last_warn: Option<Instant>,
}

/// Counts invalid requests and paces requests when they get many.
#[derive(Debug)]
pub(crate) struct InvalidGuard {
    base: Instant,
    state: Mutex<State>,
    warn_at: u32,
    slow_at: u32,
    stop_at: u32,
}

/// What the guard decided for one request.
pub(crate) enum Verdict {
    /// Go.
    Go,
    /// Wait until then, then ask again.
    WaitUntil(Instant),
    /// A paced slot was reserved: wait until then, then go.
    Reserved(Instant),
}

impl InvalidGuard {
    pub(crate) fn new(warn_at: u32, slow_at: u32, stop_at: u32) -> Self {
        let now = Instant::now();
        Self {
            base: now,
            state: Mutex::new(State {
                slots: [(u64::MAX, 0); SLOTS],
                next: now,
                last_warn: None,
            }),
            warn_at,
            slow_at,
            stop_at: stop_at.max(slow_at + 1),
        }
    }

    fn minute(&self, now: Instant) -> u64 {
        (now.saturating_duration_since(self.base).as_secs()) / 60
    }

    fn count(&self, state: &State, minute: u64) -> u32 {
        state
            .slots
            .iter()
            .filter(|(m, _)| *m != u64::MAX && *m + (SLOTS as u64) > minute)
            .map(|(_, c)| *c)
            .sum()
    }

    /// Invalid requests counted in the last ten (to eleven) minutes.
    pub(crate) fn current(&self) -> u32 {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        self.count(&state, self.minute(Instant::now()))
    }

    /// Counts one invalid response.
    pub(crate) fn record(&self) {
        let now = Instant::now();
        let minute = self.minute(now);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let slot = &mut state.slots[(minute % SLOTS as u64) as usize];
        if slot.0 != minute {
            *slot = (minute, 0);
        }
        slot.1 += 1;
        let count = self.count(&state, minute);
        if count >= self.warn_at
            && state
                .last_warn
                .is_none_or(|t| now.duration_since(t) >= MINUTE)
        {
            state.last_warn = Some(now);
            tracing::warn!(
                invalid_requests = count,
                limit = 10_000,
                "many invalid requests (401, 403, 429) in the last 10 minutes; Discord bans the IP at 10,000{}",
                if count >= self.slow_at {
                    ": requests are being slowed down"
                } else {
                    ""
                }
            );
        }
    }

    /// Whether a request may go now, or when.
    pub(crate) fn check(&self, now: Instant) -> Verdict {
        let minute = self.minute(now);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let count = self.count(&state, minute);
        if count < self.slow_at {
            return Verdict::Go;
        }
        if count >= self.stop_at {
            // Wait until the oldest counted minute leaves the window.
            let oldest = state
                .slots
                .iter()
                .filter(|(m, c)| *m != u64::MAX && *c > 0 && *m + (SLOTS as u64) > minute)
                .map(|(m, _)| *m)
                .min()
                .unwrap_or(minute);
            let until = self.base + MINUTE * (oldest + SLOTS as u64) as u32;
            return Verdict::WaitUntil(until.max(now + Duration::from_millis(1)));
        }
        // Pace: spread what is left before `stop_at` over the window, assuming the worst
        // (every request invalid).
        let left = self.stop_at - count;
        let spacing = (MINUTE * 10) / left;
        let at = state.next.max(now);
        state.next = at + spacing;
        if at <= now {
            Verdict::Go
        } else {
            Verdict::Reserved(at)
        }
    }
}
