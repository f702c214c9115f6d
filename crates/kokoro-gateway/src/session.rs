//! A gateway session that can be resumed, even by another process.

use serde::{Deserialize, Serialize};

/// What is needed to resume a session: its id, the last sequence number the
/// consumer has seen, and the URL to resume on.
///
/// Hand it to a new process with [`ShardConfigBuilder::resume_session`](crate::ShardConfigBuilder::resume_session);
/// it serializes with serde.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Session {
    /// The session id from READY.
    pub id: String,
    /// The sequence number of the last dispatch received.
    pub sequence: u64,
    /// `resume_gateway_url` from READY.
    pub resume_url: String,
}
