//! The state every task shares: the world, gateway sessions, rate limits and
//! faults behind one lock, plus lock-free counters.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::sync::mpsc::UnboundedSender;

use crate::config::Config;
use crate::faults::RestFaults;
use crate::gateway::session::Sessions;
use crate::ratelimit::RateLimiter;
use crate::world::World;

/// What a connection's writer is told to do.
#[derive(Debug)]
pub(crate) enum Outbound {
    /// Send this JSON payload.
    Payload(bytes::Bytes),
    /// Send a close frame with this code and reason, then end the connection.
    Close(u16, String),
    /// End the connection without a close frame.
    Drop,
    /// Corrupt the next payload sent.
    CorruptNext,
    /// Answer a ping.
    Pong(Vec<u8>),
}

/// Everything behind the lock.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) world: World,
    pub(crate) sessions: Sessions,
    pub(crate) ratelimit: RateLimiter,
    pub(crate) rest_faults: RestFaults,
    /// Live connections by id, for faults aimed at all of them.
    pub(crate) conns: HashMap<u64, UnboundedSender<Outbound>>,
}

/// Counters of what the emulator did, readable without the lock.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) connections: AtomicU64,
    pub(crate) identifies: AtomicU64,
    pub(crate) resumes: AtomicU64,
    pub(crate) heartbeats: AtomicU64,
    pub(crate) heartbeat_acks: AtomicU64,
    pub(crate) dispatches: AtomicU64,
    pub(crate) replayed: AtomicU64,
    pub(crate) closes: AtomicU64,
    pub(crate) dropped: AtomicU64,
    pub(crate) reconnects_sent: AtomicU64,
    pub(crate) invalid_sessions_sent: AtomicU64,
    pub(crate) corrupted_frames: AtomicU64,
    pub(crate) rest_requests: AtomicU64,
    pub(crate) rest_faults: AtomicU64,
    pub(crate) rate_limited: AtomicU64,
    pub(crate) invalid_requests: AtomicU64,
    pub(crate) banned_requests: AtomicU64,
}

/// A snapshot of the emulator's counters ([`crate::Emulator::counters`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CounterSnapshot {
    /// Websocket connections accepted.
    pub connections: u64,
    /// Successful IDENTIFYs.
    pub identifies: u64,
    /// Successful RESUMEs.
    pub resumes: u64,
    /// Heartbeats received.
    pub heartbeats: u64,
    /// Heartbeat ACKs sent.
    pub heartbeat_acks: u64,
    /// Dispatches queued to sessions.
    pub dispatches: u64,
    /// Dispatches replayed on RESUME.
    pub replayed: u64,
    /// Connections closed by the emulator with a close frame.
    pub closes: u64,
    /// Connections dropped without a close frame.
    pub dropped: u64,
    /// RECONNECT payloads sent.
    pub reconnects_sent: u64,
    /// INVALID_SESSION payloads sent.
    pub invalid_sessions_sent: u64,
    /// Compressed frames corrupted on purpose.
    pub corrupted_frames: u64,
    /// REST requests received.
    pub rest_requests: u64,
    /// REST requests answered by an injected fault.
    pub rest_faults: u64,
    /// 429 responses sent.
    pub rate_limited: u64,
    /// Requests counted as invalid (401, 403, 429 but not shared).
    pub invalid_requests: u64,
    /// Requests refused because of an invalid-request ban.
    pub banned_requests: u64,
}

impl Counters {
    pub(crate) fn bump(c: &AtomicU64) {
        c.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> CounterSnapshot {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        CounterSnapshot {
            connections: g(&self.connections),
            identifies: g(&self.identifies),
            resumes: g(&self.resumes),
            heartbeats: g(&self.heartbeats),
            heartbeat_acks: g(&self.heartbeat_acks),
            dispatches: g(&self.dispatches),
            replayed: g(&self.replayed),
            closes: g(&self.closes),
            dropped: g(&self.dropped),
            reconnects_sent: g(&self.reconnects_sent),
            invalid_sessions_sent: g(&self.invalid_sessions_sent),
            corrupted_frames: g(&self.corrupted_frames),
            rest_requests: g(&self.rest_requests),
            rest_faults: g(&self.rest_faults),
            rate_limited: g(&self.rate_limited),
            invalid_requests: g(&self.invalid_requests),
            banned_requests: g(&self.banned_requests),
        }
    }
}

/// What every task holds an `Arc` of.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) state: Mutex<State>,
    pub(crate) counters: Counters,
    /// Whether heartbeats are acknowledged (fault: stop ACKing).
    pub(crate) ack_heartbeats: AtomicBool,
    pub(crate) next_conn: AtomicU64,
    /// `ws://127.0.0.1:port`.
    pub(crate) gateway_url: String,
}

impl Shared {
    /// Locks the state; a poisoned lock is recovered (a panic elsewhere must
    /// not take the whole emulator down).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
