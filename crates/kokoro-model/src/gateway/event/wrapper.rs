//! Event payloads that are another object: newtypes (so each event has a type
//! of its own), objects with an extra `guild_id`, and the two payloads with
//! more than one shape (`GUILD_CREATE`, `MESSAGE_UPDATE`).

use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

use super::de::{Availability, split_unavailable, with_extra, with_guild_id};
use crate::{
    application::GuildCommandPermissions,
    audit_log::AuditLogEntry,
    auto_moderation::{AutoModerationActionExecution, AutoModerationRule},
    channel::{Channel, ThreadMember},
    guild::{Guild, Integration, Member, UnavailableGuild},
    id::{ChannelId, GuildId, MessageId},
    interaction::Interaction,
    message::Message,
    monetization::{Entitlement, Subscription},
    presence::Presence,
    scheduled_event::GuildScheduledEvent,
    soundboard::SoundboardSound,
    stage_instance::StageInstance,
    user::User,
    voice::VoiceState,
};

macro_rules! newtypes {
    ($( $(#[$doc:meta])* $name:ident($inner:ty); )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.0
            }
        }

        impl DerefMut for $name {
            fn deref_mut(&mut self) -> &mut $inner {
                &mut self.0
            }
        }

        impl From<$inner> for $name {
            fn from(inner: $inner) -> Self {
                Self(inner)
            }
        }

        impl $name {
            /// The wrapped object.
            pub fn into_inner(self) -> $inner {
                self.0
            }
        }
    )*};
}

newtypes! {
    /// `APPLICATION_COMMAND_PERMISSIONS_UPDATE`: a command's permissions in a guild changed.
    ApplicationCommandPermissionsUpdate(GuildCommandPermissions);
    /// `AUTO_MODERATION_RULE_CREATE`: an auto moderation rule was created.
    AutoModerationRuleCreate(AutoModerationRule);
    /// `AUTO_MODERATION_RULE_UPDATE`: an auto moderation rule was changed.
    AutoModerationRuleUpdate(AutoModerationRule);
    /// `AUTO_MODERATION_RULE_DELETE`: an auto moderation rule was deleted.
    AutoModerationRuleDelete(AutoModerationRule);
    /// `AUTO_MODERATION_ACTION_EXECUTION`: an auto moderation rule acted.
    AutoModerationActionExecutionEvent(AutoModerationActionExecution);
    /// `CHANNEL_CREATE`: a channel was created.
    ChannelCreate(Channel);
    /// `CHANNEL_UPDATE`: a channel was changed.
    ChannelUpdate(Channel);
    /// `CHANNEL_DELETE`: a channel was deleted.
    ChannelDelete(Channel);
    /// `THREAD_UPDATE`: a thread was changed.
    ThreadUpdate(Channel);
    /// `ENTITLEMENT_CREATE`: an entitlement was created.
    EntitlementCreate(Entitlement);
    /// `ENTITLEMENT_UPDATE`: an entitlement was changed or renewed.
    EntitlementUpdate(Entitlement);
    /// `ENTITLEMENT_DELETE`: an entitlement was deleted.
    EntitlementDelete(Entitlement);
    /// `GUILD_UPDATE`: a guild was changed.
    GuildUpdate(Guild);
    /// `GUILD_DELETE`: a guild became unavailable (`unavailable` set) or the bot left it.
    GuildDelete(UnavailableGuild);
    /// `GUILD_SCHEDULED_EVENT_CREATE`: a scheduled event was created.
    GuildScheduledEventCreate(GuildScheduledEvent);
    /// `GUILD_SCHEDULED_EVENT_UPDATE`: a scheduled event was changed.
    GuildScheduledEventUpdate(GuildScheduledEvent);
    /// `GUILD_SCHEDULED_EVENT_DELETE`: a scheduled event was deleted.
    GuildScheduledEventDelete(GuildScheduledEvent);
    /// `GUILD_SOUNDBOARD_SOUND_CREATE`: a soundboard sound was created.
    GuildSoundboardSoundCreate(SoundboardSound);
    /// `GUILD_SOUNDBOARD_SOUND_UPDATE`: a soundboard sound was changed.
    GuildSoundboardSoundUpdate(SoundboardSound);
    /// `INTERACTION_CREATE`: a user used a command or component.
    InteractionCreate(Interaction);
    /// `MESSAGE_CREATE`: a message was sent.
    MessageCreate(Message);
    /// `PRESENCE_UPDATE`: a user's presence or user data changed.
    PresenceUpdate(Presence);
    /// `STAGE_INSTANCE_CREATE`: a stage went live.
    StageInstanceCreate(StageInstance);
    /// `STAGE_INSTANCE_UPDATE`: a stage instance was changed.
    StageInstanceUpdate(StageInstance);
    /// `STAGE_INSTANCE_DELETE`: a stage was closed.
    StageInstanceDelete(StageInstance);
    /// `SUBSCRIPTION_CREATE`: a premium app subscription was created.
    SubscriptionCreate(Subscription);
    /// `SUBSCRIPTION_UPDATE`: a premium app subscription was changed.
    SubscriptionUpdate(Subscription);
    /// `SUBSCRIPTION_DELETE`: a premium app subscription was deleted.
    SubscriptionDelete(Subscription);
    /// `THREAD_MEMBER_UPDATE`: the bot's thread membership changed (with `guild_id`).
    ThreadMemberUpdate(ThreadMember);
    /// `USER_UPDATE`: the bot's user changed.
    UserUpdate(User);
    /// `VOICE_STATE_UPDATE`: someone joined, left or moved between voice channels.
    VoiceStateUpdate(VoiceState);
}

/// Writes `inner`'s fields and a `guild_id`.
#[derive(Serialize)]
struct WithGuildIdRef<'a, T> {
    #[serde(flatten)]
    inner: &'a T,
    guild_id: GuildId,
}

macro_rules! with_guild_id {
    ($( $(#[$doc:meta])* $name:ident { $field:ident: $inner:ty } )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            /// The guild.
            pub guild_id: GuildId,
            #[doc = concat!("The ", stringify!($field), ".")]
            pub $field: $inner,
        }

        impl Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.$field
            }
        }

        impl DerefMut for $name {
            fn deref_mut(&mut self) -> &mut $inner {
                &mut self.$field
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let ($field, guild_id) = with_guild_id::<D, $inner>(deserializer)?;
                let guild_id = guild_id.ok_or_else(|| D::Error::missing_field("guild_id"))?;
                Ok(Self { guild_id, $field })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                WithGuildIdRef { inner: &self.$field, guild_id: self.guild_id }.serialize(serializer)
            }
        }
    )*};
}

with_guild_id! {
    /// `GUILD_MEMBER_ADD`: a user joined a guild (a member plus `guild_id`).
    GuildMemberAdd { member: Member }
    /// `GUILD_AUDIT_LOG_ENTRY_CREATE`: an audit log entry was written (plus `guild_id`).
    GuildAuditLogEntryCreate { entry: AuditLogEntry }
    /// `INTEGRATION_CREATE`: an integration was added (without `user`, plus `guild_id`).
    IntegrationCreate { integration: Integration }
    /// `INTEGRATION_UPDATE`: an integration was changed (without `user`, plus `guild_id`).
    IntegrationUpdate { integration: Integration }
}

/// `THREAD_CREATE`: a thread was created, or the bot was added to a private
/// thread (then the channel's `member` is set).
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadCreate {
    /// The thread.
    pub channel: Channel,
    /// Whether the thread was just created (rather than the bot added to it).
    pub newly_created: bool,
}

impl Deref for ThreadCreate {
    type Target = Channel;
    fn deref(&self) -> &Channel {
        &self.channel
    }
}

impl DerefMut for ThreadCreate {
    fn deref_mut(&mut self) -> &mut Channel {
        &mut self.channel
    }
}

impl<'de> Deserialize<'de> for ThreadCreate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (channel, newly_created) =
            with_extra::<D, Channel, bool>(deserializer, "newly_created")?;
        Ok(Self {
            channel,
            newly_created: newly_created.unwrap_or(false),
        })
    }
}

impl Serialize for ThreadCreate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            channel: &'a Channel,
            #[serde(skip_serializing_if = "crate::util::is_false")]
            newly_created: bool,
        }
        Out {
            channel: &self.channel,
            newly_created: self.newly_created,
        }
        .serialize(serializer)
    }
}

/// `GUILD_CREATE`: a guild became available, or the bot joined one.
///
/// During outages Discord may send the unavailable-guild stub instead of the
/// guild; the two are told apart while decoding, without buffering.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum GuildCreate {
    /// The guild, with members, channels, presences and voice states.
    Available(Guild),
    /// Only the guild's id: it is unavailable due to an outage.
    Unavailable(UnavailableGuild),
}

impl GuildCreate {
    /// The guild, when it is available.
    pub fn guild(&self) -> Option<&Guild> {
        match self {
            Self::Available(guild) => Some(guild),
            Self::Unavailable(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for GuildCreate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(
            match split_unavailable::<D, Guild, UnavailableGuild>(deserializer)? {
                Availability::Full(guild) => Self::Available(guild),
                Availability::Stub(stub) => Self::Unavailable(stub),
            },
        )
    }
}

impl Serialize for GuildCreate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Available(guild) => guild.serialize(serializer),
            Self::Unavailable(stub) => stub.serialize(serializer),
        }
    }
}

/// `MESSAGE_UPDATE`: a message was edited.
///
/// Discord sends the full message; older gateways (and some embed unfurls)
/// sent only the changed fields. Through [`decode`](crate::gateway::decode)
/// and [`decode_json`](crate::gateway::decode_json) a full message decodes in
/// one pass and only a payload that is not one is decoded again as
/// [`PartialMessageUpdate`]. Deserializing `MessageUpdate` directly accepts
/// full messages only.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum MessageUpdate {
    /// The whole edited message.
    Full(Message),
    /// Only some fields of the message.
    Partial(PartialMessageUpdate),
}

impl MessageUpdate {
    /// The full message, when Discord sent one.
    pub fn message(&self) -> Option<&Message> {
        match self {
            Self::Full(message) => Some(message),
            Self::Partial(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for MessageUpdate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Message::deserialize(deserializer).map(Self::Full)
    }
}

impl Serialize for MessageUpdate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Full(message) => message.serialize(serializer),
            Self::Partial(partial) => partial.serialize(serializer),
        }
    }
}

/// The fields of a `MESSAGE_UPDATE` that is not a full message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialMessageUpdate {
    /// The message.
    pub id: MessageId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The guild, unless in a DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// Every other field sent, as JSON.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}
