//! Gateway opcodes and close codes.

int_enum! {
    /// The kind of a gateway payload (`op`).
    pub enum OpCode: u8 {
        /// An event was dispatched (receive).
        Dispatch = 0,
        /// Keep the connection alive (send; received as a request to beat now).
        Heartbeat = 1,
        /// Start a new session (send).
        Identify = 2,
        /// Update the client's presence (send).
        PresenceUpdate = 3,
        /// Join, leave or move between voice channels (send).
        VoiceStateUpdate = 4,
        /// Resume a disconnected session (send).
        Resume = 6,
        /// Reconnect and resume (receive).
        Reconnect = 7,
        /// Request members of a guild (send).
        RequestGuildMembers = 8,
        /// The session is invalid (receive).
        InvalidSession = 9,
        /// The first payload, with the heartbeat interval (receive).
        Hello = 10,
        /// A heartbeat was received (receive).
        HeartbeatAck = 11,
        /// Request soundboard sounds of guilds (send).
        RequestSoundboardSounds = 31,
        /// Request ephemeral channel data of a guild (send).
        RequestChannelInfo = 43,
    }
}

int_enum! {
    /// Why the gateway closed a connection.
    pub enum CloseCode: u16 {
        /// Unknown error; reconnect.
        UnknownError = 4000,
        /// An invalid opcode or payload was sent.
        UnknownOpcode = 4001,
        /// An undecodable payload was sent.
        DecodeError = 4002,
        /// A payload was sent before identifying.
        NotAuthenticated = 4003,
        /// The token is wrong.
        AuthenticationFailed = 4004,
        /// Identify was sent twice.
        AlreadyAuthenticated = 4005,
        /// The sequence sent when resuming was invalid.
        InvalidSeq = 4007,
        /// Payloads were sent too quickly.
        RateLimited = 4008,
        /// The session timed out.
        SessionTimedOut = 4009,
        /// An invalid shard was sent.
        InvalidShard = 4010,
        /// The session would handle too many guilds: shard.
        ShardingRequired = 4011,
        /// An invalid gateway version was asked for.
        InvalidApiVersion = 4012,
        /// Invalid intents were sent.
        InvalidIntents = 4013,
        /// Intents the application may not use were sent.
        DisallowedIntents = 4014,
    }
}

impl CloseCode {
    /// Whether a client may reconnect after this close; false for the codes that
    /// mean the configuration is wrong and would fail again.
    pub const fn can_reconnect(self) -> bool {
        !matches!(
            self,
            Self::AuthenticationFailed
                | Self::InvalidShard
                | Self::ShardingRequired
                | Self::InvalidApiVersion
                | Self::InvalidIntents
                | Self::DisallowedIntents
        )
    }

    /// Whether the session is gone after this close and a new one must be identified.
    pub const fn invalidates_session(self) -> bool {
        matches!(self, Self::InvalidSeq | Self::SessionTimedOut) || !self.can_reconnect()
    }
}
