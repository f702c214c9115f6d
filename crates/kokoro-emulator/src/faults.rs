//! Injected REST faults: delays, 5xx responses and forced 429s.

use std::time::Duration;

/// The scope of a forced 429.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateLimitScope {
    /// The per-route limit of this bot (`X-RateLimit-Scope: user`).
    User,
    /// The global limit of this bot (`X-RateLimit-Scope: global`).
    Global,
    /// A limit of the resource shared by everyone (`X-RateLimit-Scope: shared`).
    Shared,
}

impl RateLimitScope {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Global => "global",
            Self::Shared => "shared",
        }
    }
}

/// What an injected REST fault does.
#[derive(Clone, Debug, PartialEq)]
pub enum RestFault {
    /// Answer with this 5xx status (and Discord's JSON error body).
    Status(u16),
    /// Wait this long, then handle the request normally.
    Delay(Duration),
    /// Answer 429 with this scope and `retry_after`.
    RateLimited(RateLimitScope, Duration),
}

/// A fault waiting for matching requests.
#[derive(Clone, Debug)]
pub(crate) struct PendingFault {
    pub(crate) fault: RestFault,
    /// A substring the path (after `/api/v10`) must contain; empty: any.
    pub(crate) route: String,
    /// Method that must match, if any.
    pub(crate) method: Option<String>,
    /// Requests left to hit.
    pub(crate) remaining: u32,
}

/// The faults injected into REST.
#[derive(Debug, Default)]
pub(crate) struct RestFaults {
    pub(crate) pending: Vec<PendingFault>,
}

impl RestFaults {
    /// Takes the first fault matching a request, counting it down.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<RestFault> {
        let i = self.pending.iter().position(|f| {
            f.remaining > 0
                && path.contains(&f.route)
                && f.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
        })?;
        let f = &mut self.pending[i];
        f.remaining -= 1;
        let fault = f.fault.clone();
        if f.remaining == 0 {
            self.pending.remove(i);
        }
        Some(fault)
    }
}
