//! Snowflake ids. Guild ids each get their own millisecond so that guilds
//! spread over shards the way real ones do (`(id >> 22) % shards`); other ids
//! share milliseconds through the 12-bit increment.

use kokoro_model::id::DISCORD_EPOCH_MS;
use std::time::{SystemTime, UNIX_EPOCH};

/// Hands out increasing snowflakes.
#[derive(Debug, Default)]
pub(crate) struct Snowflakes {
    last_ms: u64,
    increment: u64,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(DISCORD_EPOCH_MS)
        .saturating_sub(DISCORD_EPOCH_MS)
}

impl Snowflakes {
    fn make(&self) -> u64 {
        (self.last_ms << 22) | (1 << 17) | self.increment
    }

    /// The next id.
    pub(crate) fn next(&mut self) -> u64 {
        let now = now_ms();
        if now > self.last_ms {
            self.last_ms = now;
            self.increment = 0;
        } else if self.increment >= 0xFFF {
            self.last_ms += 1;
            self.increment = 0;
        } else {
            self.increment += 1;
        }
        self.make()
    }

    /// The next id, in a millisecond of its own (for guilds).
    pub(crate) fn next_spread(&mut self) -> u64 {
        self.last_ms = now_ms().max(self.last_ms + 1);
        self.increment = 0;
        self.make()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_increase_and_guild_ids_spread_over_shards() {
        let mut s = Snowflakes::default();
        let mut last = 0;
        for _ in 0..10_000 {
            let id = s.next();
            assert!(id > last);
            last = id;
        }
        let a = s.next_spread();
        let b = s.next_spread();
        assert!(a > last && b > a);
        assert_ne!((a >> 22) % 2, (b >> 22) % 2);
    }
}
