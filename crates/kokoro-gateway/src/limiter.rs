//! The gateway's send limit: 120 payloads per 60 seconds per connection.

use std::{collections::VecDeque, time::Duration};

use tokio::time::Instant;

/// A sliding-window limiter that keeps a few slots for heartbeats.
#[derive(Debug)]
pub(crate) struct Limiter {
    sent: VecDeque<Instant>,
    capacity: usize,
    reserved: usize,
    window: Duration,
}

impl Limiter {
    /// Discord's limit.
    pub(crate) const CAPACITY: usize = 120;
    /// Slots held back for heartbeats, identify and resume.
    pub(crate) const RESERVED: usize = 3;
    /// The window.
    pub(crate) const WINDOW: Duration = Duration::from_secs(60);

    pub(crate) fn new(capacity: usize, reserved: usize, window: Duration) -> Self {
        Self {
            sent: VecDeque::with_capacity(capacity),
            capacity,
            reserved: reserved.min(capacity.saturating_sub(1)),
            window,
        }
    }

    fn prune(&mut self, now: Instant) {
        while let Some(&first) = self.sent.front() {
            if now.duration_since(first) >= self.window {
                self.sent.pop_front();
            } else {
                break;
            }
        }
    }

    /// Records a send of a user command if one is allowed now; else returns when one will be.
    pub(crate) fn try_user(&mut self, now: Instant) -> Result<(), Instant> {
        self.prune(now);
        let limit = self.capacity - self.reserved;
        if self.sent.len() < limit {
            self.sent.push_back(now);
            Ok(())
        } else {
            // The slot frees when the entry `len - limit` leaves the window.
            let idx = self.sent.len() - limit;
            Err(self.sent[idx] + self.window)
        }
    }

    /// Records a send of a heartbeat (or identify/resume), which may use the reserved slots.
    /// Returns false if even those are used up (the send should wait).
    pub(crate) fn try_priority(&mut self, now: Instant) -> bool {
        self.prune(now);
        if self.sent.len() < self.capacity {
            self.sent.push_back(now);
            true
        } else {
            false
        }
    }

    /// Forgets all sends (a new connection has a fresh budget).
    pub(crate) fn reset(&mut self) {
        self.sent.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_commands_leave_room_for_heartbeats() {
        let t0 = Instant::now();
        let mut l = Limiter::new(120, 3, Duration::from_secs(60));
        for i in 0..117 {
            assert!(l.try_user(t0 + Duration::from_millis(i)).is_ok(), "{i}");
        }
        let retry = l.try_user(t0 + Duration::from_secs(1)).unwrap_err();
        assert_eq!(retry, t0 + Duration::from_secs(60));
        for _ in 0..3 {
            assert!(l.try_priority(t0 + Duration::from_secs(1)));
        }
        assert!(!l.try_priority(t0 + Duration::from_secs(1)));
        // After the window the first slots free up again.
        assert!(l.try_user(t0 + Duration::from_millis(60_200)).is_ok());
        l.reset();
        assert!(l.try_user(t0).is_ok());
    }
}
