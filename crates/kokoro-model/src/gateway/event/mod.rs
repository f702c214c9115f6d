//! Dispatch events: one [`Event`] enum, the set of event types, and the intents each needs.
//!
//! ```
//! use kokoro_model::{Intents, gateway::{GatewayEvent, decode_json, event::{Event, EventType, EventTypeFlags}}};
//!
//! let raw = br#"{"t":"MESSAGE_DELETE","s":7,"op":0,"d":{"id":"1","channel_id":"2","guild_id":"3"}}"#;
//! let GatewayEvent::Dispatch { sequence, event } = decode_json(raw).unwrap() else { unreachable!() };
//! assert_eq!(sequence, 7);
//! let Event::MessageDelete(delete) = &event else { unreachable!() };
//! assert_eq!(delete.id.get(), 1);
//! assert_eq!(event.kind(), EventType::MessageDelete);
//! assert_eq!(EventType::from_name("MESSAGE_DELETE"), EventType::MessageDelete);
//! assert!(EventTypeFlags::MESSAGES.contains(EventTypeFlags::from_event_name("MESSAGE_DELETE")));
//! assert_eq!(EventType::MessageDelete.intents(), Intents::GUILD_MESSAGES | Intents::DIRECT_MESSAGES);
//! ```

mod de;
mod decode;
mod payload;
mod wrapper;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Intents;

pub use decode::{
    DecodeError, Decoder, GatewayEvent, Json, decode, decode_event, decode_event_json, decode_json,
};
pub use payload::*;
pub use wrapper::*;

/// A dispatch event whose name this version of kokoro does not know.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownEvent {
    /// The event name (`t`).
    pub name: String,
    /// The payload (`d`), as JSON.
    pub data: serde_json::Value,
}

macro_rules! events {
    ($(
        $(#[$doc:meta])*
        $variant:ident($stored:ty) = $wire:literal, $flag:ident, [$($intent:ident),*];
    )*) => {
        /// The name of a dispatch event, without its payload.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        #[non_exhaustive]
        pub enum EventType {
            $( $(#[$doc])* $variant, )*
            /// An event name this version of kokoro does not know.
            Unknown,
        }

        impl EventType {
            /// Every known event type (all but [`EventType::Unknown`]), in declaration order.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),*];

            /// The wire name (`MESSAGE_CREATE`); the empty string for `Unknown`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown => "",
                }
            }

            /// The event type for a wire name; `Unknown` when the name is not known.
            pub fn from_name(name: &str) -> Self {
                match name {
                    $( $wire => Self::$variant, )*
                    _ => Self::Unknown,
                }
            }

            /// The intents that make Discord send this event; empty when it is
            /// always sent.
            ///
            /// Events sent for guilds and for DMs under different intents
            /// (messages, reactions, typing, pins, polls) return both: either
            /// one enables the event for its half. `THREAD_MEMBERS_UPDATE`
            /// returns `GUILDS | GUILD_MEMBERS`: `GUILDS` delivers it for the
            /// bot itself, `GUILD_MEMBERS` for everyone. `GUILD_MEMBER_UPDATE`
            /// is also sent for the bot's own member without any intent.
            pub const fn intents(self) -> Intents {
                match self {
                    $( Self::$variant => Intents::empty()$(.union(Intents::$intent))*, )*
                    Self::Unknown => Intents::empty(),
                }
            }

            /// This type's bit in [`EventTypeFlags`]; empty for `Unknown`.
            pub const fn flag(self) -> EventTypeFlags {
                match self {
                    Self::Unknown => EventTypeFlags::empty(),
                    known => EventTypeFlags::from_bits_retain(1 << known as u8),
                }
            }
        }

        impl std::fmt::Display for EventType {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        flags! {
            /// A set of dispatch event types, one bit each; for filtering
            /// events before decoding them.
            pub struct EventTypeFlags: u128 {
                $(
                    #[doc = concat!("`", $wire, "`.")]
                    const $flag = 1 << EventType::$variant as u8;
                )*
            }
        }

        /// A dispatch event with its decoded payload.
        ///
        /// Large payloads are boxed so that an `Event` stays small to move.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            $( $(#[$doc])* $variant($stored), )*
            /// An event this version of kokoro does not know; its payload is kept as JSON.
            Unknown(Box<UnknownEvent>),
        }

        impl Event {
            /// The event's type.
            pub const fn kind(&self) -> EventType {
                match self {
                    $( Self::$variant(_) => EventType::$variant, )*
                    Self::Unknown(_) => EventType::Unknown,
                }
            }

            /// The event's wire name, also for unknown events.
            pub fn name(&self) -> &str {
                match self {
                    Self::Unknown(unknown) => &unknown.name,
                    known => known.kind().as_str(),
                }
            }
        }

        /// Deserializes the payload of a known event type.
        fn deserialize_known<'de, D: Deserializer<'de>>(
            kind: EventType,
            deserializer: D,
        ) -> Result<Event, D::Error> {
            match kind {
                $( EventType::$variant => <$stored>::deserialize(deserializer).map(Event::$variant), )*
                EventType::Unknown => Err(serde::de::Error::custom("the event type is unknown")),
            }
        }

        impl Serialize for Event {
            /// Writes the payload (`d`) only.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Self::$variant(payload) => payload.serialize(serializer), )*
                    Self::Unknown(unknown) => unknown.data.serialize(serializer),
                }
            }
        }
    };
}

events! {
    /// `READY`.
    Ready(Box<Ready>) = "READY", READY, [];
    /// `RESUMED`.
    Resumed(Resumed) = "RESUMED", RESUMED, [];
    /// `RATE_LIMITED`.
    RateLimited(Box<RateLimited>) = "RATE_LIMITED", RATE_LIMITED, [];
    /// `APPLICATION_COMMAND_PERMISSIONS_UPDATE`.
    ApplicationCommandPermissionsUpdate(Box<ApplicationCommandPermissionsUpdate>) = "APPLICATION_COMMAND_PERMISSIONS_UPDATE", APPLICATION_COMMAND_PERMISSIONS_UPDATE, [];
    /// `AUTO_MODERATION_RULE_CREATE`.
    AutoModerationRuleCreate(Box<AutoModerationRuleCreate>) = "AUTO_MODERATION_RULE_CREATE", AUTO_MODERATION_RULE_CREATE, [AUTO_MODERATION_CONFIGURATION];
    /// `AUTO_MODERATION_RULE_UPDATE`.
    AutoModerationRuleUpdate(Box<AutoModerationRuleUpdate>) = "AUTO_MODERATION_RULE_UPDATE", AUTO_MODERATION_RULE_UPDATE, [AUTO_MODERATION_CONFIGURATION];
    /// `AUTO_MODERATION_RULE_DELETE`.
    AutoModerationRuleDelete(Box<AutoModerationRuleDelete>) = "AUTO_MODERATION_RULE_DELETE", AUTO_MODERATION_RULE_DELETE, [AUTO_MODERATION_CONFIGURATION];
    /// `AUTO_MODERATION_ACTION_EXECUTION`.
    AutoModerationActionExecution(Box<AutoModerationActionExecutionEvent>) = "AUTO_MODERATION_ACTION_EXECUTION", AUTO_MODERATION_ACTION_EXECUTION, [AUTO_MODERATION_EXECUTION];
    /// `CHANNEL_CREATE`.
    ChannelCreate(Box<ChannelCreate>) = "CHANNEL_CREATE", CHANNEL_CREATE, [GUILDS];
    /// `CHANNEL_UPDATE`.
    ChannelUpdate(Box<ChannelUpdate>) = "CHANNEL_UPDATE", CHANNEL_UPDATE, [GUILDS];
    /// `CHANNEL_DELETE`.
    ChannelDelete(Box<ChannelDelete>) = "CHANNEL_DELETE", CHANNEL_DELETE, [GUILDS];
    /// `CHANNEL_INFO`.
    ChannelInfo(Box<ChannelInfo>) = "CHANNEL_INFO", CHANNEL_INFO, [];
    /// `CHANNEL_PINS_UPDATE`.
    ChannelPinsUpdate(Box<ChannelPinsUpdate>) = "CHANNEL_PINS_UPDATE", CHANNEL_PINS_UPDATE, [GUILDS, DIRECT_MESSAGES];
    /// `THREAD_CREATE`.
    ThreadCreate(Box<ThreadCreate>) = "THREAD_CREATE", THREAD_CREATE, [GUILDS];
    /// `THREAD_UPDATE`.
    ThreadUpdate(Box<ThreadUpdate>) = "THREAD_UPDATE", THREAD_UPDATE, [GUILDS];
    /// `THREAD_DELETE`.
    ThreadDelete(Box<ThreadDelete>) = "THREAD_DELETE", THREAD_DELETE, [GUILDS];
    /// `THREAD_LIST_SYNC`.
    ThreadListSync(Box<ThreadListSync>) = "THREAD_LIST_SYNC", THREAD_LIST_SYNC, [GUILDS];
    /// `THREAD_MEMBER_UPDATE`.
    ThreadMemberUpdate(Box<ThreadMemberUpdate>) = "THREAD_MEMBER_UPDATE", THREAD_MEMBER_UPDATE, [GUILDS];
    /// `THREAD_MEMBERS_UPDATE`.
    ThreadMembersUpdate(Box<ThreadMembersUpdate>) = "THREAD_MEMBERS_UPDATE", THREAD_MEMBERS_UPDATE, [GUILDS, GUILD_MEMBERS];
    /// `ENTITLEMENT_CREATE`.
    EntitlementCreate(Box<EntitlementCreate>) = "ENTITLEMENT_CREATE", ENTITLEMENT_CREATE, [];
    /// `ENTITLEMENT_UPDATE`.
    EntitlementUpdate(Box<EntitlementUpdate>) = "ENTITLEMENT_UPDATE", ENTITLEMENT_UPDATE, [];
    /// `ENTITLEMENT_DELETE`.
    EntitlementDelete(Box<EntitlementDelete>) = "ENTITLEMENT_DELETE", ENTITLEMENT_DELETE, [];
    /// `GUILD_CREATE`.
    GuildCreate(Box<GuildCreate>) = "GUILD_CREATE", GUILD_CREATE, [GUILDS];
    /// `GUILD_UPDATE`.
    GuildUpdate(Box<GuildUpdate>) = "GUILD_UPDATE", GUILD_UPDATE, [GUILDS];
    /// `GUILD_DELETE`.
    GuildDelete(Box<GuildDelete>) = "GUILD_DELETE", GUILD_DELETE, [GUILDS];
    /// `GUILD_AUDIT_LOG_ENTRY_CREATE`.
    GuildAuditLogEntryCreate(Box<GuildAuditLogEntryCreate>) = "GUILD_AUDIT_LOG_ENTRY_CREATE", GUILD_AUDIT_LOG_ENTRY_CREATE, [GUILD_MODERATION];
    /// `GUILD_BAN_ADD`.
    GuildBanAdd(Box<GuildBan>) = "GUILD_BAN_ADD", GUILD_BAN_ADD, [GUILD_MODERATION];
    /// `GUILD_BAN_REMOVE`.
    GuildBanRemove(Box<GuildBan>) = "GUILD_BAN_REMOVE", GUILD_BAN_REMOVE, [GUILD_MODERATION];
    /// `GUILD_EMOJIS_UPDATE`.
    GuildEmojisUpdate(Box<GuildEmojisUpdate>) = "GUILD_EMOJIS_UPDATE", GUILD_EMOJIS_UPDATE, [GUILD_EXPRESSIONS];
    /// `GUILD_STICKERS_UPDATE`.
    GuildStickersUpdate(Box<GuildStickersUpdate>) = "GUILD_STICKERS_UPDATE", GUILD_STICKERS_UPDATE, [GUILD_EXPRESSIONS];
    /// `GUILD_INTEGRATIONS_UPDATE`.
    GuildIntegrationsUpdate(GuildIntegrationsUpdate) = "GUILD_INTEGRATIONS_UPDATE", GUILD_INTEGRATIONS_UPDATE, [GUILD_INTEGRATIONS];
    /// `GUILD_MEMBER_ADD`.
    GuildMemberAdd(Box<GuildMemberAdd>) = "GUILD_MEMBER_ADD", GUILD_MEMBER_ADD, [GUILD_MEMBERS];
    /// `GUILD_MEMBER_REMOVE`.
    GuildMemberRemove(Box<GuildMemberRemove>) = "GUILD_MEMBER_REMOVE", GUILD_MEMBER_REMOVE, [GUILD_MEMBERS];
    /// `GUILD_MEMBER_UPDATE`.
    GuildMemberUpdate(Box<GuildMemberUpdate>) = "GUILD_MEMBER_UPDATE", GUILD_MEMBER_UPDATE, [GUILD_MEMBERS];
    /// `GUILD_MEMBERS_CHUNK`.
    GuildMembersChunk(Box<GuildMembersChunk>) = "GUILD_MEMBERS_CHUNK", GUILD_MEMBERS_CHUNK, [];
    /// `GUILD_ROLE_CREATE`.
    GuildRoleCreate(Box<GuildRole>) = "GUILD_ROLE_CREATE", GUILD_ROLE_CREATE, [GUILDS];
    /// `GUILD_ROLE_UPDATE`.
    GuildRoleUpdate(Box<GuildRole>) = "GUILD_ROLE_UPDATE", GUILD_ROLE_UPDATE, [GUILDS];
    /// `GUILD_ROLE_DELETE`.
    GuildRoleDelete(GuildRoleDelete) = "GUILD_ROLE_DELETE", GUILD_ROLE_DELETE, [GUILDS];
    /// `GUILD_SCHEDULED_EVENT_CREATE`.
    GuildScheduledEventCreate(Box<GuildScheduledEventCreate>) = "GUILD_SCHEDULED_EVENT_CREATE", GUILD_SCHEDULED_EVENT_CREATE, [GUILD_SCHEDULED_EVENTS];
    /// `GUILD_SCHEDULED_EVENT_UPDATE`.
    GuildScheduledEventUpdate(Box<GuildScheduledEventUpdate>) = "GUILD_SCHEDULED_EVENT_UPDATE", GUILD_SCHEDULED_EVENT_UPDATE, [GUILD_SCHEDULED_EVENTS];
    /// `GUILD_SCHEDULED_EVENT_DELETE`.
    GuildScheduledEventDelete(Box<GuildScheduledEventDelete>) = "GUILD_SCHEDULED_EVENT_DELETE", GUILD_SCHEDULED_EVENT_DELETE, [GUILD_SCHEDULED_EVENTS];
    /// `GUILD_SCHEDULED_EVENT_USER_ADD`.
    GuildScheduledEventUserAdd(GuildScheduledEventUser) = "GUILD_SCHEDULED_EVENT_USER_ADD", GUILD_SCHEDULED_EVENT_USER_ADD, [GUILD_SCHEDULED_EVENTS];
    /// `GUILD_SCHEDULED_EVENT_USER_REMOVE`.
    GuildScheduledEventUserRemove(GuildScheduledEventUser) = "GUILD_SCHEDULED_EVENT_USER_REMOVE", GUILD_SCHEDULED_EVENT_USER_REMOVE, [GUILD_SCHEDULED_EVENTS];
    /// `GUILD_SOUNDBOARD_SOUND_CREATE`.
    GuildSoundboardSoundCreate(Box<GuildSoundboardSoundCreate>) = "GUILD_SOUNDBOARD_SOUND_CREATE", GUILD_SOUNDBOARD_SOUND_CREATE, [GUILD_EXPRESSIONS];
    /// `GUILD_SOUNDBOARD_SOUND_UPDATE`.
    GuildSoundboardSoundUpdate(Box<GuildSoundboardSoundUpdate>) = "GUILD_SOUNDBOARD_SOUND_UPDATE", GUILD_SOUNDBOARD_SOUND_UPDATE, [GUILD_EXPRESSIONS];
    /// `GUILD_SOUNDBOARD_SOUND_DELETE`.
    GuildSoundboardSoundDelete(GuildSoundboardSoundDelete) = "GUILD_SOUNDBOARD_SOUND_DELETE", GUILD_SOUNDBOARD_SOUND_DELETE, [GUILD_EXPRESSIONS];
    /// `GUILD_SOUNDBOARD_SOUNDS_UPDATE`.
    GuildSoundboardSoundsUpdate(Box<GuildSoundboardSounds>) = "GUILD_SOUNDBOARD_SOUNDS_UPDATE", GUILD_SOUNDBOARD_SOUNDS_UPDATE, [GUILD_EXPRESSIONS];
    /// `SOUNDBOARD_SOUNDS`.
    SoundboardSounds(Box<GuildSoundboardSounds>) = "SOUNDBOARD_SOUNDS", SOUNDBOARD_SOUNDS, [];
    /// `INTEGRATION_CREATE`.
    IntegrationCreate(Box<IntegrationCreate>) = "INTEGRATION_CREATE", INTEGRATION_CREATE, [GUILD_INTEGRATIONS];
    /// `INTEGRATION_UPDATE`.
    IntegrationUpdate(Box<IntegrationUpdate>) = "INTEGRATION_UPDATE", INTEGRATION_UPDATE, [GUILD_INTEGRATIONS];
    /// `INTEGRATION_DELETE`.
    IntegrationDelete(IntegrationDelete) = "INTEGRATION_DELETE", INTEGRATION_DELETE, [GUILD_INTEGRATIONS];
    /// `INTERACTION_CREATE`.
    InteractionCreate(Box<InteractionCreate>) = "INTERACTION_CREATE", INTERACTION_CREATE, [];
    /// `INVITE_CREATE`.
    InviteCreate(Box<InviteCreate>) = "INVITE_CREATE", INVITE_CREATE, [GUILD_INVITES];
    /// `INVITE_DELETE`.
    InviteDelete(Box<InviteDelete>) = "INVITE_DELETE", INVITE_DELETE, [GUILD_INVITES];
    /// `MESSAGE_CREATE`.
    MessageCreate(Box<MessageCreate>) = "MESSAGE_CREATE", MESSAGE_CREATE, [GUILD_MESSAGES, DIRECT_MESSAGES];
    /// `MESSAGE_UPDATE`.
    MessageUpdate(Box<MessageUpdate>) = "MESSAGE_UPDATE", MESSAGE_UPDATE, [GUILD_MESSAGES, DIRECT_MESSAGES];
    /// `MESSAGE_DELETE`.
    MessageDelete(MessageDelete) = "MESSAGE_DELETE", MESSAGE_DELETE, [GUILD_MESSAGES, DIRECT_MESSAGES];
    /// `MESSAGE_DELETE_BULK`.
    MessageDeleteBulk(Box<MessageDeleteBulk>) = "MESSAGE_DELETE_BULK", MESSAGE_DELETE_BULK, [GUILD_MESSAGES];
    /// `MESSAGE_REACTION_ADD`.
    ReactionAdd(Box<ReactionAdd>) = "MESSAGE_REACTION_ADD", MESSAGE_REACTION_ADD, [GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS];
    /// `MESSAGE_REACTION_REMOVE`.
    ReactionRemove(Box<ReactionRemove>) = "MESSAGE_REACTION_REMOVE", MESSAGE_REACTION_REMOVE, [GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS];
    /// `MESSAGE_REACTION_REMOVE_ALL`.
    ReactionRemoveAll(ReactionRemoveAll) = "MESSAGE_REACTION_REMOVE_ALL", MESSAGE_REACTION_REMOVE_ALL, [GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS];
    /// `MESSAGE_REACTION_REMOVE_EMOJI`.
    ReactionRemoveEmoji(Box<ReactionRemoveEmoji>) = "MESSAGE_REACTION_REMOVE_EMOJI", MESSAGE_REACTION_REMOVE_EMOJI, [GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS];
    /// `MESSAGE_POLL_VOTE_ADD`.
    PollVoteAdd(Box<PollVote>) = "MESSAGE_POLL_VOTE_ADD", MESSAGE_POLL_VOTE_ADD, [GUILD_MESSAGE_POLLS, DIRECT_MESSAGE_POLLS];
    /// `MESSAGE_POLL_VOTE_REMOVE`.
    PollVoteRemove(Box<PollVote>) = "MESSAGE_POLL_VOTE_REMOVE", MESSAGE_POLL_VOTE_REMOVE, [GUILD_MESSAGE_POLLS, DIRECT_MESSAGE_POLLS];
    /// `PRESENCE_UPDATE`.
    PresenceUpdate(Box<PresenceUpdate>) = "PRESENCE_UPDATE", PRESENCE_UPDATE, [GUILD_PRESENCES];
    /// `STAGE_INSTANCE_CREATE`.
    StageInstanceCreate(Box<StageInstanceCreate>) = "STAGE_INSTANCE_CREATE", STAGE_INSTANCE_CREATE, [GUILDS];
    /// `STAGE_INSTANCE_UPDATE`.
    StageInstanceUpdate(Box<StageInstanceUpdate>) = "STAGE_INSTANCE_UPDATE", STAGE_INSTANCE_UPDATE, [GUILDS];
    /// `STAGE_INSTANCE_DELETE`.
    StageInstanceDelete(Box<StageInstanceDelete>) = "STAGE_INSTANCE_DELETE", STAGE_INSTANCE_DELETE, [GUILDS];
    /// `SUBSCRIPTION_CREATE`.
    SubscriptionCreate(Box<SubscriptionCreate>) = "SUBSCRIPTION_CREATE", SUBSCRIPTION_CREATE, [];
    /// `SUBSCRIPTION_UPDATE`.
    SubscriptionUpdate(Box<SubscriptionUpdate>) = "SUBSCRIPTION_UPDATE", SUBSCRIPTION_UPDATE, [];
    /// `SUBSCRIPTION_DELETE`.
    SubscriptionDelete(Box<SubscriptionDelete>) = "SUBSCRIPTION_DELETE", SUBSCRIPTION_DELETE, [];
    /// `TYPING_START`.
    TypingStart(Box<TypingStart>) = "TYPING_START", TYPING_START, [GUILD_MESSAGE_TYPING, DIRECT_MESSAGE_TYPING];
    /// `USER_UPDATE`.
    UserUpdate(Box<UserUpdate>) = "USER_UPDATE", USER_UPDATE, [];
    /// `VOICE_CHANNEL_EFFECT_SEND`.
    VoiceChannelEffectSend(Box<VoiceChannelEffectSend>) = "VOICE_CHANNEL_EFFECT_SEND", VOICE_CHANNEL_EFFECT_SEND, [GUILD_VOICE_STATES];
    /// `VOICE_CHANNEL_START_TIME_UPDATE`.
    VoiceChannelStartTimeUpdate(Box<VoiceChannelStartTimeUpdate>) = "VOICE_CHANNEL_START_TIME_UPDATE", VOICE_CHANNEL_START_TIME_UPDATE, [GUILDS];
    /// `VOICE_CHANNEL_STATUS_UPDATE`.
    VoiceChannelStatusUpdate(Box<VoiceChannelStatusUpdate>) = "VOICE_CHANNEL_STATUS_UPDATE", VOICE_CHANNEL_STATUS_UPDATE, [GUILDS];
    /// `VOICE_STATE_UPDATE`.
    VoiceStateUpdate(Box<VoiceStateUpdate>) = "VOICE_STATE_UPDATE", VOICE_STATE_UPDATE, [GUILD_VOICE_STATES];
    /// `VOICE_SERVER_UPDATE`.
    VoiceServerUpdate(Box<VoiceServerUpdate>) = "VOICE_SERVER_UPDATE", VOICE_SERVER_UPDATE, [];
    /// `WEBHOOKS_UPDATE`.
    WebhooksUpdate(WebhooksUpdate) = "WEBHOOKS_UPDATE", WEBHOOKS_UPDATE, [GUILD_WEBHOOKS];
}

impl EventType {
    /// Whether this is a type this version of kokoro knows.
    pub const fn is_known(self) -> bool {
        !matches!(self, Self::Unknown)
    }
}

impl EventTypeFlags {
    /// `MESSAGE_CREATE`, `MESSAGE_UPDATE`, `MESSAGE_DELETE`, `MESSAGE_DELETE_BULK`.
    pub const MESSAGES: Self = Self::MESSAGE_CREATE
        .union(Self::MESSAGE_UPDATE)
        .union(Self::MESSAGE_DELETE)
        .union(Self::MESSAGE_DELETE_BULK);
    /// The four `MESSAGE_REACTION_*` events.
    pub const REACTIONS: Self = Self::MESSAGE_REACTION_ADD
        .union(Self::MESSAGE_REACTION_REMOVE)
        .union(Self::MESSAGE_REACTION_REMOVE_ALL)
        .union(Self::MESSAGE_REACTION_REMOVE_EMOJI);
    /// `GUILD_CREATE`, `GUILD_UPDATE`, `GUILD_DELETE`.
    pub const GUILDS: Self = Self::GUILD_CREATE
        .union(Self::GUILD_UPDATE)
        .union(Self::GUILD_DELETE);
    /// `GUILD_MEMBER_ADD`, `_UPDATE`, `_REMOVE` and `GUILD_MEMBERS_CHUNK`.
    pub const MEMBERS: Self = Self::GUILD_MEMBER_ADD
        .union(Self::GUILD_MEMBER_UPDATE)
        .union(Self::GUILD_MEMBER_REMOVE)
        .union(Self::GUILD_MEMBERS_CHUNK);
    /// `GUILD_ROLE_CREATE`, `_UPDATE`, `_DELETE`.
    pub const ROLES: Self = Self::GUILD_ROLE_CREATE
        .union(Self::GUILD_ROLE_UPDATE)
        .union(Self::GUILD_ROLE_DELETE);
    /// `CHANNEL_CREATE`, `_UPDATE`, `_DELETE`, `CHANNEL_PINS_UPDATE`, `CHANNEL_INFO`.
    pub const CHANNELS: Self = Self::CHANNEL_CREATE
        .union(Self::CHANNEL_UPDATE)
        .union(Self::CHANNEL_DELETE)
        .union(Self::CHANNEL_PINS_UPDATE)
        .union(Self::CHANNEL_INFO);
    /// The six `THREAD_*` events.
    pub const THREADS: Self = Self::THREAD_CREATE
        .union(Self::THREAD_UPDATE)
        .union(Self::THREAD_DELETE)
        .union(Self::THREAD_LIST_SYNC)
        .union(Self::THREAD_MEMBER_UPDATE)
        .union(Self::THREAD_MEMBERS_UPDATE);
    /// `GUILD_AUDIT_LOG_ENTRY_CREATE`, `GUILD_BAN_ADD`, `GUILD_BAN_REMOVE`.
    pub const MODERATION: Self = Self::GUILD_AUDIT_LOG_ENTRY_CREATE
        .union(Self::GUILD_BAN_ADD)
        .union(Self::GUILD_BAN_REMOVE);
    /// Emojis, stickers and soundboard sounds.
    pub const EXPRESSIONS: Self = Self::GUILD_EMOJIS_UPDATE
        .union(Self::GUILD_STICKERS_UPDATE)
        .union(Self::GUILD_SOUNDBOARD_SOUND_CREATE)
        .union(Self::GUILD_SOUNDBOARD_SOUND_UPDATE)
        .union(Self::GUILD_SOUNDBOARD_SOUND_DELETE)
        .union(Self::GUILD_SOUNDBOARD_SOUNDS_UPDATE)
        .union(Self::SOUNDBOARD_SOUNDS);
    /// `GUILD_INTEGRATIONS_UPDATE` and `INTEGRATION_*`.
    pub const INTEGRATIONS: Self = Self::GUILD_INTEGRATIONS_UPDATE
        .union(Self::INTEGRATION_CREATE)
        .union(Self::INTEGRATION_UPDATE)
        .union(Self::INTEGRATION_DELETE);
    /// `INVITE_CREATE`, `INVITE_DELETE`.
    pub const INVITES: Self = Self::INVITE_CREATE.union(Self::INVITE_DELETE);
    /// Voice states, servers, channel effects, statuses and start times.
    pub const VOICE: Self = Self::VOICE_STATE_UPDATE
        .union(Self::VOICE_SERVER_UPDATE)
        .union(Self::VOICE_CHANNEL_EFFECT_SEND)
        .union(Self::VOICE_CHANNEL_STATUS_UPDATE)
        .union(Self::VOICE_CHANNEL_START_TIME_UPDATE);
    /// The five `GUILD_SCHEDULED_EVENT_*` events.
    pub const SCHEDULED_EVENTS: Self = Self::GUILD_SCHEDULED_EVENT_CREATE
        .union(Self::GUILD_SCHEDULED_EVENT_UPDATE)
        .union(Self::GUILD_SCHEDULED_EVENT_DELETE)
        .union(Self::GUILD_SCHEDULED_EVENT_USER_ADD)
        .union(Self::GUILD_SCHEDULED_EVENT_USER_REMOVE);
    /// The four `AUTO_MODERATION_*` events.
    pub const AUTO_MODERATION: Self = Self::AUTO_MODERATION_RULE_CREATE
        .union(Self::AUTO_MODERATION_RULE_UPDATE)
        .union(Self::AUTO_MODERATION_RULE_DELETE)
        .union(Self::AUTO_MODERATION_ACTION_EXECUTION);
    /// `MESSAGE_POLL_VOTE_ADD`, `MESSAGE_POLL_VOTE_REMOVE`.
    pub const POLLS: Self = Self::MESSAGE_POLL_VOTE_ADD.union(Self::MESSAGE_POLL_VOTE_REMOVE);
    /// The three `STAGE_INSTANCE_*` events.
    pub const STAGE_INSTANCES: Self = Self::STAGE_INSTANCE_CREATE
        .union(Self::STAGE_INSTANCE_UPDATE)
        .union(Self::STAGE_INSTANCE_DELETE);
    /// Entitlements and subscriptions.
    pub const MONETIZATION: Self = Self::ENTITLEMENT_CREATE
        .union(Self::ENTITLEMENT_UPDATE)
        .union(Self::ENTITLEMENT_DELETE)
        .union(Self::SUBSCRIPTION_CREATE)
        .union(Self::SUBSCRIPTION_UPDATE)
        .union(Self::SUBSCRIPTION_DELETE);
    /// `READY`, `RESUMED`, `RATE_LIMITED`: the session's own events.
    pub const SESSION: Self = Self::READY.union(Self::RESUMED).union(Self::RATE_LIMITED);

    /// The flag of a wire event name; empty for unknown names. Does not allocate.
    ///
    /// (The flags are named after the wire names, so bitflags' own
    /// `EventTypeFlags::from_name` also works, returning `None` for unknown names.)
    pub fn from_event_name(name: &str) -> Self {
        EventType::from_name(name).flag()
    }

    /// Whether the event named `name` is in the set.
    pub fn contains_name(self, name: &str) -> bool {
        self.intersects(Self::from_event_name(name))
    }

    /// The event types in the set.
    pub fn event_types(self) -> impl Iterator<Item = EventType> {
        EventType::ALL
            .iter()
            .copied()
            .filter(move |kind| self.contains(kind.flag()))
    }

    /// The intents that make Discord send these events (see [`EventType::intents`]).
    pub fn required_intents(self) -> Intents {
        self.event_types()
            .fold(Intents::empty(), |all, kind| all | kind.intents())
    }

    /// The events that `intents` enable, plus those sent without any intent.
    pub fn from_intents(intents: Intents) -> Self {
        EventType::ALL
            .iter()
            .filter(|kind| kind.intents().is_empty() || kind.intents().intersects(intents))
            .fold(Self::empty(), |all, kind| all | kind.flag())
    }
}

impl Event {
    /// The payload (`d`) as JSON.
    pub fn to_json_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_is_small() {
        assert!(
            std::mem::size_of::<Event>() <= 32,
            "{}",
            std::mem::size_of::<Event>()
        );
    }

    #[test]
    fn names_round_trip_and_flags_are_distinct() {
        assert_eq!(EventType::ALL.len(), 79);
        let mut all = EventTypeFlags::empty();
        for &kind in EventType::ALL {
            assert_eq!(EventType::from_name(kind.as_str()), kind);
            assert!(!all.intersects(kind.flag()), "{kind}");
            all |= kind.flag();
            assert_eq!(EventTypeFlags::from_event_name(kind.as_str()), kind.flag());
            assert_eq!(EventTypeFlags::from_name(kind.as_str()), Some(kind.flag()));
        }
        assert_eq!(all, EventTypeFlags::all());
        assert_eq!(EventType::from_name("message_create"), EventType::Unknown);
        assert_eq!(
            EventTypeFlags::from_event_name("NOPE"),
            EventTypeFlags::empty()
        );
        assert_eq!(EventTypeFlags::from_name("NOPE"), None);
    }

    #[test]
    fn intents() {
        assert_eq!(
            EventTypeFlags::MESSAGES.required_intents(),
            Intents::GUILD_MESSAGES | Intents::DIRECT_MESSAGES
        );
        assert_eq!(
            EventTypeFlags::PRESENCE_UPDATE.required_intents(),
            Intents::GUILD_PRESENCES
        );
        assert!(EventType::Ready.intents().is_empty());
        let guilds = EventTypeFlags::from_intents(Intents::GUILDS);
        assert!(guilds.contains(EventTypeFlags::GUILD_CREATE | EventTypeFlags::READY));
        assert!(!guilds.contains(EventTypeFlags::MESSAGE_CREATE));
    }
}
