//! Ordering IDENTIFYs: Discord allows `max_concurrency` session starts per
//! 5 seconds, keyed by `shard_id % max_concurrency`, and a daily budget of
//! session starts.

use std::{
    fmt,
    sync::{Arc, Mutex as StdMutex},
    time::Duration,
};

use futures::future::BoxFuture;
use kokoro_model::{gateway::ShardId, gateway_info::SessionStartLimit};
use tokio::{sync::Mutex, time::Instant};

/// Why a session may not be started.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The daily session start budget is used up.
    #[error("the session start limit is exhausted; it resets in {reset_after:?}")]
    SessionStartLimitExhausted {
        /// When the budget resets, from when it was read.
        reset_after: Duration,
    },
    /// A queue shared between processes failed.
    #[error("the identify queue failed: {0}")]
    Other(String),
}

/// Grants the right to send one IDENTIFY.
///
/// The default, [`InMemoryQueue`], serves the shards of one process; a queue
/// shared by several processes (over Redis, a broker, …) implements this trait.
pub trait IdentifyQueue: Send + Sync + fmt::Debug {
    /// Waits until `shard` may identify.
    fn acquire(&self, shard: ShardId) -> BoxFuture<'_, Result<(), QueueError>>;
}

/// An in-process identify queue honouring `max_concurrency` and the session start limit.
///
/// ```
/// use std::time::Duration;
/// use kokoro_gateway::InMemoryQueue;
///
/// // 16 shards with max_concurrency 4 start in 4 windows.
/// let queue = InMemoryQueue::new(4).remaining(1000).window(Duration::from_secs(5));
/// # let _ = queue;
/// ```
#[derive(Clone)]
pub struct InMemoryQueue {
    buckets: Arc<[Mutex<Option<Instant>>]>,
    window: Duration,
    budget: Arc<StdMutex<Budget>>,
}

#[derive(Debug)]
struct Budget {
    remaining: Option<u32>,
    reset_after: Duration,
    allow_exhausting: bool,
}

impl fmt::Debug for InMemoryQueue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryQueue")
            .field("max_concurrency", &self.buckets.len())
            .field("window", &self.window)
            .field("budget", &self.budget)
            .finish()
    }
}

impl Default for InMemoryQueue {
    fn default() -> Self {
        Self::new(1)
    }
}

impl InMemoryQueue {
    /// Discord's window: one IDENTIFY per key per 5 seconds.
    pub const WINDOW: Duration = Duration::from_secs(5);

    /// A queue allowing `max_concurrency` IDENTIFYs per window, with no session budget.
    pub fn new(max_concurrency: u32) -> Self {
        let n = max_concurrency.max(1) as usize;
        Self {
            buckets: (0..n).map(|_| Mutex::new(None)).collect(),
            window: Self::WINDOW,
            budget: Arc::new(StdMutex::new(Budget {
                remaining: None,
                reset_after: Duration::ZERO,
                allow_exhausting: false,
            })),
        }
    }

    /// A queue set up from `GET /gateway/bot`'s session start limit.
    pub fn from_limit(limit: SessionStartLimit) -> Self {
        let q = Self::new(limit.max_concurrency).remaining(limit.remaining);
        if let Ok(mut b) = q.budget.lock() {
            b.reset_after = Duration::from_millis(limit.reset_after);
        }
        q
    }

    /// Refuse to start more than `remaining` sessions.
    #[must_use]
    pub fn remaining(self, remaining: u32) -> Self {
        if let Ok(mut b) = self.budget.lock() {
            b.remaining = Some(remaining);
        }
        self
    }

    /// Start sessions past the budget anyway (Discord may then reset the token).
    #[must_use]
    pub fn allow_exhausting_session_limit(self, allow: bool) -> Self {
        if let Ok(mut b) = self.budget.lock() {
            b.allow_exhausting = allow;
        }
        self
    }

    /// The time between two IDENTIFYs of one key (5 s; shorter in tests).
    #[must_use]
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Session starts left, if a budget was set.
    pub fn sessions_remaining(&self) -> Option<u32> {
        self.budget.lock().ok().and_then(|b| b.remaining)
    }

    fn take_budget(&self) -> Result<(), QueueError> {
        let mut b = self
            .budget
            .lock()
            .map_err(|_| QueueError::Other("poisoned".into()))?;
        let (allow, reset_after) = (b.allow_exhausting, b.reset_after);
        match b.remaining {
            Some(0) if !allow => Err(QueueError::SessionStartLimitExhausted { reset_after }),
            Some(ref mut n) => {
                *n = n.saturating_sub(1);
                Ok(())
            }
            None => Ok(()),
        }
    }
}

impl IdentifyQueue for InMemoryQueue {
    fn acquire(&self, shard: ShardId) -> BoxFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let key = shard.number() as usize % self.buckets.len();
            // tokio's Mutex is fair: shards of one key go in the order they asked.
            let mut last = self.buckets[key].lock().await;
            if let Some(at) = *last {
                tokio::time::sleep_until(at + self.window).await;
            }
            self.take_budget()?;
            *last = Some(Instant::now());
            tracing::debug!(shard = %shard, key, "identify permit granted");
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn keys_share_windows_and_budget_runs_out() {
        let q = InMemoryQueue::new(2)
            .remaining(3)
            .window(Duration::from_secs(5));
        let t0 = Instant::now();
        q.acquire(ShardId::new(0, 4).unwrap()).await.unwrap();
        q.acquire(ShardId::new(1, 4).unwrap()).await.unwrap();
        assert_eq!(Instant::now(), t0);
        q.acquire(ShardId::new(2, 4).unwrap()).await.unwrap();
        assert_eq!(Instant::now(), t0 + Duration::from_secs(5));
        let err = q.acquire(ShardId::new(3, 4).unwrap()).await.unwrap_err();
        assert!(matches!(err, QueueError::SessionStartLimitExhausted { .. }));
        let q = q.allow_exhausting_session_limit(true);
        q.acquire(ShardId::new(3, 4).unwrap()).await.unwrap();
    }
}
