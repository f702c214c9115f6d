//! Gateway intents: which groups of events a connection subscribes to.

flags! {
    /// The groups of gateway events a shard subscribes to when it identifies.
    ///
    /// ```
    /// use kokoro_model::Intents;
    ///
    /// let intents = Intents::GUILDS | Intents::GUILD_MESSAGES | Intents::MESSAGE_CONTENT;
    /// assert!(intents.privileged().contains(Intents::MESSAGE_CONTENT));
    /// assert_eq!(serde_json::to_string(&intents).unwrap(), "33281");
    /// ```
    pub struct Intents: u64 {
        /// Guilds, channels, threads, roles and stage instances.
        const GUILDS = 1 << 0;
        /// Members joining, leaving and changing (privileged).
        const GUILD_MEMBERS = 1 << 1;
        /// Bans and audit log entries.
        const GUILD_MODERATION = 1 << 2;
        /// Emojis, stickers and soundboard sounds.
        const GUILD_EXPRESSIONS = 1 << 3;
        /// Integrations.
        const GUILD_INTEGRATIONS = 1 << 4;
        /// Webhooks.
        const GUILD_WEBHOOKS = 1 << 5;
        /// Invites.
        const GUILD_INVITES = 1 << 6;
        /// Voice states and voice channel effects.
        const GUILD_VOICE_STATES = 1 << 7;
        /// Presences (privileged).
        const GUILD_PRESENCES = 1 << 8;
        /// Messages in guilds.
        const GUILD_MESSAGES = 1 << 9;
        /// Reactions in guilds.
        const GUILD_MESSAGE_REACTIONS = 1 << 10;
        /// Typing in guilds.
        const GUILD_MESSAGE_TYPING = 1 << 11;
        /// Direct messages.
        const DIRECT_MESSAGES = 1 << 12;
        /// Reactions in direct messages.
        const DIRECT_MESSAGE_REACTIONS = 1 << 13;
        /// Typing in direct messages.
        const DIRECT_MESSAGE_TYPING = 1 << 14;
        /// Message content, embeds, attachments and components (privileged).
        const MESSAGE_CONTENT = 1 << 15;
        /// Scheduled events.
        const GUILD_SCHEDULED_EVENTS = 1 << 16;
        /// Auto moderation rules.
        const AUTO_MODERATION_CONFIGURATION = 1 << 20;
        /// Auto moderation actions taken.
        const AUTO_MODERATION_EXECUTION = 1 << 21;
        /// Poll votes in guilds.
        const GUILD_MESSAGE_POLLS = 1 << 24;
        /// Poll votes in direct messages.
        const DIRECT_MESSAGE_POLLS = 1 << 25;
    }
}

impl Intents {
    /// The intents that must be enabled for the application in the developer portal.
    pub const PRIVILEGED: Self = Self::GUILD_MEMBERS
        .union(Self::GUILD_PRESENCES)
        .union(Self::MESSAGE_CONTENT);

    /// Every intent that is not privileged.
    pub const NON_PRIVILEGED: Self = Self::all().difference(Self::PRIVILEGED);

    /// The privileged intents among these.
    pub const fn privileged(self) -> Self {
        self.intersection(Self::PRIVILEGED)
    }

    /// Whether any bit is set that Discord does not define (close code 4013).
    pub const fn has_unknown_bits(self) -> bool {
        self.bits() & !Self::all().bits() != 0
    }
}
