//! Where to connect to the gateway: `GET /gateway` and `GET /gateway/bot`.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The gateway's URL (`GET /gateway`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayInfo {
    /// The WebSocket URL to connect to, `wss://gateway.discord.gg`.
    pub url: String,
}

/// The gateway's URL with the bot's sharding information (`GET /gateway/bot`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayBotInfo {
    /// The WebSocket URL to connect to, `wss://gateway.discord.gg`.
    pub url: String,
    /// The recommended number of shards.
    pub shards: u32,
    /// How many sessions the bot may still start.
    pub session_start_limit: SessionStartLimit,
}

/// How many gateway sessions a bot may start (IDENTIFY), and how fast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStartLimit {
    /// Sessions the bot may start per window.
    pub total: u32,
    /// Sessions left in the current window.
    pub remaining: u32,
    /// Milliseconds until the window resets.
    pub reset_after: u64,
    /// How many shards may IDENTIFY per 5 seconds.
    pub max_concurrency: u32,
}

impl SessionStartLimit {
    /// Time until the window resets.
    pub fn reset_after(&self) -> Duration {
        Duration::from_millis(self.reset_after)
    }

    /// The rate limit bucket of a shard: shards of one bucket IDENTIFY one after another.
    pub fn bucket(&self, shard_id: u32) -> u32 {
        shard_id % self.max_concurrency.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_bot() {
        let info: GatewayBotInfo = serde_json::from_str(
            r#"{"url":"wss://gateway.discord.gg","shards":9,"session_start_limit":
                {"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":16}}"#,
        )
        .unwrap();
        assert_eq!(info.shards, 9);
        assert_eq!(
            info.session_start_limit.reset_after(),
            Duration::from_secs(14_400)
        );
        assert_eq!(info.session_start_limit.bucket(17), 1);
    }
}
