//! Snowflake ids: each new id gets its own millisecond so that ids spread
//! over shards the way real guild ids do.

use kokoro_model::id::DISCORD_EPOCH_MS;
use std::time::{SystemTime, UNIX_EPOCH};

/// Hands out increasing snowflakes.
#[derive(Debug, Default)]
pub(crate) struct Snowflakes {
    last_ms: u64,
    increment: u64,
}

impl Snowflakes {
    /// The next id.
    pub(crate) fn next(&mut self) -> u64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(DISCORD_EPOCH_MS)
            .saturating_sub(DISCORD_EPOCH_MS);
        let ms = now.max(self.last_ms + 1);
        self.last_ms = ms;
        self.increment = (self.increment + 1) & 0xFFF;
        (ms << 22) | (1 << 17) | self.increment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_increase_and_spread_over_shards() {
        let mut s = Snowflakes::default();
        let a = s.next();
        let b = s.next();
        assert!(b > a);
        assert_ne!((a >> 22) % 2, (b >> 22) % 2);
    }
}
