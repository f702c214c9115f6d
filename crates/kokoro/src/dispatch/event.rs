//! What a listener can listen to: each gateway event by its own type, groups
//! of them ([`MessageEvent`], [`GuildEvent`], [`Event`], [`AnyEvent`]) and
//! custom events ([`CustomEvent`]).

use std::{
    any::{Any, TypeId},
    borrow::Borrow,
    fmt,
    sync::Arc,
};

use kokoro_model::{
    gateway::event::{self as model, Event, EventType, EventTypeFlags},
    id::{ChannelId, GuildId, MessageId},
};

/// An event as the dispatcher carries it: a gateway dispatch or a custom event.
#[derive(Clone, Debug)]
pub enum AnyEvent {
    /// A dispatch received from the gateway.
    Gateway(Arc<Event>),
    /// An event sent with `dispatch` by the bot itself.
    Custom(CustomEventBox),
}

impl AnyEvent {
    /// The event's name: the wire name of a gateway event, the
    /// [`CustomEvent::name`] of a custom one.
    pub fn name(&self) -> &str {
        match self {
            Self::Gateway(event) => event.name(),
            Self::Custom(custom) => custom.name,
        }
    }

    /// The gateway event, if this is one.
    pub fn gateway(&self) -> Option<&Event> {
        match self {
            Self::Gateway(event) => Some(event),
            Self::Custom(_) => None,
        }
    }

    /// The custom event of type `T`, if this is one.
    pub fn downcast_ref<T: CustomEvent>(&self) -> Option<&T> {
        match self {
            Self::Custom(custom) => custom.downcast_ref(),
            Self::Gateway(_) => None,
        }
    }
}

/// A custom event, type-erased.
#[derive(Clone)]
pub struct CustomEventBox {
    type_id: TypeId,
    name: &'static str,
    value: Arc<dyn Any + Send + Sync>,
}

impl CustomEventBox {
    /// Wraps a custom event.
    pub fn new<T: CustomEvent>(event: T) -> Self {
        Self {
            type_id: TypeId::of::<T>(),
            name: T::name(),
            value: Arc::new(event),
        }
    }

    /// The event's [`CustomEvent::name`].
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The event, if it is a `T`.
    pub fn downcast_ref<T: CustomEvent>(&self) -> Option<&T> {
        self.value.downcast_ref()
    }

    /// The event, if it is a `T`: moved out when this box was its only
    /// holder, cloned otherwise.
    pub fn take<T: CustomEvent>(self) -> Option<T> {
        let value = self.value.downcast::<T>().ok()?;
        Some(Arc::try_unwrap(value).unwrap_or_else(|shared| (*shared).clone()))
    }

    pub(crate) fn type_id(&self) -> TypeId {
        self.type_id
    }
}

impl fmt::Debug for CustomEventBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomEventBox")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// An event type of your own, sent with `dispatch` to its listeners and to
/// the [`AnyEvent`] listeners.
///
/// ```
/// #[derive(Clone)]
/// struct Levelled { user: u64, level: u32 }
/// impl kokoro::CustomEvent for Levelled {}
/// ```
pub trait CustomEvent: Clone + Send + Sync + 'static {
    /// The name logs use for this event; the type's name by default.
    fn name() -> &'static str {
        std::any::type_name::<Self>()
    }
}

/// Which events a listener receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interest {
    gateway: EventTypeFlags,
    unknown: bool,
    custom: CustomInterest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CustomInterest {
    None,
    One(TypeId),
    All,
}

impl Interest {
    /// The gateway events in `flags`.
    pub const fn gateway(flags: EventTypeFlags) -> Self {
        Self {
            gateway: flags,
            unknown: false,
            custom: CustomInterest::None,
        }
    }

    /// Every gateway event, unknown ones included.
    pub const fn all_gateway() -> Self {
        Self {
            gateway: EventTypeFlags::all(),
            unknown: true,
            custom: CustomInterest::None,
        }
    }

    /// Every event, gateway and custom.
    pub const fn everything() -> Self {
        Self {
            gateway: EventTypeFlags::all(),
            unknown: true,
            custom: CustomInterest::All,
        }
    }

    /// The custom events of type `T`.
    pub fn custom<T: CustomEvent>() -> Self {
        Self {
            gateway: EventTypeFlags::empty(),
            unknown: false,
            custom: CustomInterest::One(TypeId::of::<T>()),
        }
    }

    /// The gateway event types of interest.
    pub const fn gateway_flags(&self) -> EventTypeFlags {
        self.gateway
    }

    /// Whether events unknown to kokoro are of interest.
    pub const fn wants_unknown(&self) -> bool {
        self.unknown
    }

    /// The custom events of interest.
    pub(crate) const fn custom_interest(&self) -> CustomInterest {
        self.custom
    }

    /// Whether `event` is of interest.
    pub fn matches(&self, event: &AnyEvent) -> bool {
        match event {
            AnyEvent::Gateway(event) => match event.kind() {
                EventType::Unknown => self.unknown,
                kind => self.gateway.contains(kind.flag()),
            },
            AnyEvent::Custom(custom) => match self.custom {
                CustomInterest::None => false,
                CustomInterest::One(id) => id == custom.type_id,
                CustomInterest::All => true,
            },
        }
    }
}

/// A type a listener can take as its event: `bot.on(|event: MessageCreate| …)`.
///
/// Implemented for every gateway event payload type, for the groups
/// [`MessageEvent`], [`GuildEvent`], [`Event`] (every gateway event),
/// `Arc<Event>` (the same, unclone), [`AnyEvent`] (gateway and custom events),
/// and for every [`CustomEvent`].
///
/// ```
/// use kokoro::{AnyEvent, FromEvent, event::MessageCreate};
///
/// fn content(event: AnyEvent) -> Option<String> {
///     // Moved out of `event` when nothing else holds it.
///     MessageCreate::from_owned(event).map(|m| m.content.clone())
/// }
/// ```
pub trait FromEvent: Sized + Send + 'static {
    /// Which events to hand to the listener.
    fn interest() -> Interest;

    /// The listener's value for `event`; `None` when it is not for it.
    fn from_event(event: &AnyEvent) -> Option<Self>;

    /// The same, taking the event: the dispatcher hands the event itself to
    /// the last of its consumers, so that a payload with a single consumer is
    /// moved into it rather than copied. By default `from_event(&event)`.
    fn from_owned(event: AnyEvent) -> Option<Self> {
        Self::from_event(&event)
    }
}

/// An event on its way to one consumer: borrowed while others still need
/// it, owned by the last one.
pub(crate) enum Payload<'a> {
    Shared(&'a AnyEvent),
    Owned(AnyEvent),
}

impl Payload<'_> {
    /// The consumer's value for the event.
    pub(crate) fn into_event<E: FromEvent>(self) -> Option<E> {
        match self {
            Self::Shared(event) => E::from_event(event),
            Self::Owned(event) => E::from_owned(event),
        }
    }
}

/// A payload as kokoro-model stores it in [`Event`] (boxed or not), taken
/// out by value.
trait Unbox<T> {
    fn unbox(self) -> T;
}

impl<T> Unbox<T> for T {
    fn unbox(self) -> T {
        self
    }
}

impl<T> Unbox<T> for Box<T> {
    fn unbox(self) -> T {
        *self
    }
}

/// The gateway event in `event`, moved out of its `Arc` when that was the
/// only holder; otherwise the shared one.
fn take_gateway(event: AnyEvent) -> Option<Result<Event, Arc<Event>>> {
    match event {
        AnyEvent::Gateway(event) => Some(Arc::try_unwrap(event)),
        AnyEvent::Custom(_) => None,
    }
}

impl<T: CustomEvent> FromEvent for T {
    fn interest() -> Interest {
        Interest::custom::<T>()
    }

    fn from_event(event: &AnyEvent) -> Option<Self> {
        event.downcast_ref::<T>().cloned()
    }

    fn from_owned(event: AnyEvent) -> Option<Self> {
        match event {
            AnyEvent::Custom(custom) => custom.take(),
            AnyEvent::Gateway(_) => None,
        }
    }
}

impl FromEvent for AnyEvent {
    fn interest() -> Interest {
        Interest::everything()
    }

    fn from_event(event: &AnyEvent) -> Option<Self> {
        Some(event.clone())
    }

    fn from_owned(event: AnyEvent) -> Option<Self> {
        Some(event)
    }
}

impl FromEvent for Arc<Event> {
    fn interest() -> Interest {
        Interest::all_gateway()
    }

    fn from_event(event: &AnyEvent) -> Option<Self> {
        match event {
            AnyEvent::Gateway(event) => Some(Arc::clone(event)),
            AnyEvent::Custom(_) => None,
        }
    }

    fn from_owned(event: AnyEvent) -> Option<Self> {
        match event {
            AnyEvent::Gateway(event) => Some(event),
            AnyEvent::Custom(_) => None,
        }
    }
}

impl FromEvent for Event {
    fn interest() -> Interest {
        Interest::all_gateway()
    }

    fn from_event(event: &AnyEvent) -> Option<Self> {
        event.gateway().cloned()
    }

    fn from_owned(event: AnyEvent) -> Option<Self> {
        Some(take_gateway(event)?.unwrap_or_else(|shared| (*shared).clone()))
    }
}

macro_rules! typed {
    ($( $variant:ident = $ty:ident; )*) => {$(
        impl FromEvent for model::$ty {
            fn interest() -> Interest {
                Interest::gateway(EventType::$variant.flag())
            }

            fn from_event(event: &AnyEvent) -> Option<Self> {
                match event.gateway()? {
                    Event::$variant(payload) => Some(Borrow::<model::$ty>::borrow(payload).clone()),
                    _ => None,
                }
            }

            fn from_owned(event: AnyEvent) -> Option<Self> {
                match take_gateway(event)? {
                    Ok(Event::$variant(payload)) => Some(Unbox::<model::$ty>::unbox(payload)),
                    Ok(_) => None,
                    Err(shared) => match &*shared {
                        Event::$variant(payload) => Some(Borrow::<model::$ty>::borrow(payload).clone()),
                        _ => None,
                    },
                }
            }
        }
    )*};
}

macro_rules! wrapped {
    ($( $(#[$doc:meta])* $variant:ident($ty:ident); )*) => {$(
        $(#[$doc])*
        ///
        /// kokoro-model uses one payload type for two events; this type tells
        /// them apart for listeners. It dereferences to the payload.
        #[derive(Clone, Debug, PartialEq)]
        pub struct $variant(pub model::$ty);

        impl std::ops::Deref for $variant {
            type Target = model::$ty;
            fn deref(&self) -> &model::$ty {
                &self.0
            }
        }

        impl FromEvent for $variant {
            fn interest() -> Interest {
                Interest::gateway(EventType::$variant.flag())
            }

            fn from_event(event: &AnyEvent) -> Option<Self> {
                match event.gateway()? {
                    Event::$variant(payload) => Some(Self(Borrow::<model::$ty>::borrow(payload).clone())),
                    _ => None,
                }
            }

            fn from_owned(event: AnyEvent) -> Option<Self> {
                match take_gateway(event)? {
                    Ok(Event::$variant(payload)) => Some(Self(Unbox::<model::$ty>::unbox(payload))),
                    Ok(_) => None,
                    Err(shared) => match &*shared {
                        Event::$variant(payload) => Some(Self(Borrow::<model::$ty>::borrow(payload).clone())),
                        _ => None,
                    },
                }
            }
        }
    )*};
}

typed! {
    Ready = Ready;
    Resumed = Resumed;
    RateLimited = RateLimited;
    ApplicationCommandPermissionsUpdate = ApplicationCommandPermissionsUpdate;
    AutoModerationRuleCreate = AutoModerationRuleCreate;
    AutoModerationRuleUpdate = AutoModerationRuleUpdate;
    AutoModerationRuleDelete = AutoModerationRuleDelete;
    AutoModerationActionExecution = AutoModerationActionExecutionEvent;
    ChannelCreate = ChannelCreate;
    ChannelUpdate = ChannelUpdate;
    ChannelDelete = ChannelDelete;
    ChannelInfo = ChannelInfo;
    ChannelPinsUpdate = ChannelPinsUpdate;
    ThreadCreate = ThreadCreate;
    ThreadUpdate = ThreadUpdate;
    ThreadDelete = ThreadDelete;
    ThreadListSync = ThreadListSync;
    ThreadMemberUpdate = ThreadMemberUpdate;
    ThreadMembersUpdate = ThreadMembersUpdate;
    EntitlementCreate = EntitlementCreate;
    EntitlementUpdate = EntitlementUpdate;
    EntitlementDelete = EntitlementDelete;
    GuildCreate = GuildCreate;
    GuildUpdate = GuildUpdate;
    GuildDelete = GuildDelete;
    GuildAuditLogEntryCreate = GuildAuditLogEntryCreate;
    GuildEmojisUpdate = GuildEmojisUpdate;
    GuildStickersUpdate = GuildStickersUpdate;
    GuildIntegrationsUpdate = GuildIntegrationsUpdate;
    GuildMemberAdd = GuildMemberAdd;
    GuildMemberRemove = GuildMemberRemove;
    GuildMemberUpdate = GuildMemberUpdate;
    GuildMembersChunk = GuildMembersChunk;
    GuildRoleDelete = GuildRoleDelete;
    GuildScheduledEventCreate = GuildScheduledEventCreate;
    GuildScheduledEventUpdate = GuildScheduledEventUpdate;
    GuildScheduledEventDelete = GuildScheduledEventDelete;
    GuildSoundboardSoundCreate = GuildSoundboardSoundCreate;
    GuildSoundboardSoundUpdate = GuildSoundboardSoundUpdate;
    GuildSoundboardSoundDelete = GuildSoundboardSoundDelete;
    IntegrationCreate = IntegrationCreate;
    IntegrationUpdate = IntegrationUpdate;
    IntegrationDelete = IntegrationDelete;
    InteractionCreate = InteractionCreate;
    InviteCreate = InviteCreate;
    InviteDelete = InviteDelete;
    MessageCreate = MessageCreate;
    MessageUpdate = MessageUpdate;
    MessageDelete = MessageDelete;
    MessageDeleteBulk = MessageDeleteBulk;
    ReactionAdd = ReactionAdd;
    ReactionRemove = ReactionRemove;
    ReactionRemoveAll = ReactionRemoveAll;
    ReactionRemoveEmoji = ReactionRemoveEmoji;
    PresenceUpdate = PresenceUpdate;
    StageInstanceCreate = StageInstanceCreate;
    StageInstanceUpdate = StageInstanceUpdate;
    StageInstanceDelete = StageInstanceDelete;
    SubscriptionCreate = SubscriptionCreate;
    SubscriptionUpdate = SubscriptionUpdate;
    SubscriptionDelete = SubscriptionDelete;
    TypingStart = TypingStart;
    UserUpdate = UserUpdate;
    VoiceChannelEffectSend = VoiceChannelEffectSend;
    VoiceChannelStartTimeUpdate = VoiceChannelStartTimeUpdate;
    VoiceChannelStatusUpdate = VoiceChannelStatusUpdate;
    VoiceStateUpdate = VoiceStateUpdate;
    VoiceServerUpdate = VoiceServerUpdate;
    WebhooksUpdate = WebhooksUpdate;
}

wrapped! {
    /// `GUILD_BAN_ADD`: a user was banned.
    GuildBanAdd(GuildBan);
    /// `GUILD_BAN_REMOVE`: a user was unbanned.
    GuildBanRemove(GuildBan);
    /// `GUILD_ROLE_CREATE`: a role was created.
    GuildRoleCreate(GuildRole);
    /// `GUILD_ROLE_UPDATE`: a role was changed.
    GuildRoleUpdate(GuildRole);
    /// `GUILD_SCHEDULED_EVENT_USER_ADD`: a user subscribed to a scheduled event.
    GuildScheduledEventUserAdd(GuildScheduledEventUser);
    /// `GUILD_SCHEDULED_EVENT_USER_REMOVE`: a user unsubscribed from a scheduled event.
    GuildScheduledEventUserRemove(GuildScheduledEventUser);
    /// `GUILD_SOUNDBOARD_SOUNDS_UPDATE`: a guild's soundboard sounds were changed.
    GuildSoundboardSoundsUpdate(GuildSoundboardSounds);
    /// `SOUNDBOARD_SOUNDS`: the answer to a soundboard sounds request.
    SoundboardSounds(GuildSoundboardSounds);
    /// `MESSAGE_POLL_VOTE_ADD`: a user voted on a poll.
    PollVoteAdd(PollVote);
    /// `MESSAGE_POLL_VOTE_REMOVE`: a user removed a poll vote.
    PollVoteRemove(PollVote);
}

/// Any event about messages: created, edited, deleted, and reactions.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MessageEvent {
    /// `MESSAGE_CREATE`.
    Create(model::MessageCreate),
    /// `MESSAGE_UPDATE`.
    Update(model::MessageUpdate),
    /// `MESSAGE_DELETE`.
    Delete(model::MessageDelete),
    /// `MESSAGE_DELETE_BULK`.
    DeleteBulk(model::MessageDeleteBulk),
    /// `MESSAGE_REACTION_ADD`.
    ReactionAdd(model::ReactionAdd),
    /// `MESSAGE_REACTION_REMOVE`.
    ReactionRemove(model::ReactionRemove),
    /// `MESSAGE_REACTION_REMOVE_ALL`.
    ReactionRemoveAll(model::ReactionRemoveAll),
    /// `MESSAGE_REACTION_REMOVE_EMOJI`.
    ReactionRemoveEmoji(model::ReactionRemoveEmoji),
}

impl MessageEvent {
    /// The events this group is made of.
    pub const FLAGS: EventTypeFlags = EventTypeFlags::MESSAGES.union(EventTypeFlags::REACTIONS);

    /// The event's type.
    pub fn kind(&self) -> EventType {
        match self {
            Self::Create(_) => EventType::MessageCreate,
            Self::Update(_) => EventType::MessageUpdate,
            Self::Delete(_) => EventType::MessageDelete,
            Self::DeleteBulk(_) => EventType::MessageDeleteBulk,
            Self::ReactionAdd(_) => EventType::ReactionAdd,
            Self::ReactionRemove(_) => EventType::ReactionRemove,
            Self::ReactionRemoveAll(_) => EventType::ReactionRemoveAll,
            Self::ReactionRemoveEmoji(_) => EventType::ReactionRemoveEmoji,
        }
    }

    /// The channel of the message(s).
    pub fn channel_id(&self) -> ChannelId {
        match self {
            Self::Create(e) => e.channel_id,
            Self::Update(model::MessageUpdate::Full(m)) => m.channel_id,
            Self::Update(model::MessageUpdate::Partial(p)) => p.channel_id,
            Self::Delete(e) => e.channel_id,
            Self::DeleteBulk(e) => e.channel_id,
            Self::ReactionAdd(e) => e.channel_id,
            Self::ReactionRemove(e) => e.channel_id,
            Self::ReactionRemoveAll(e) => e.channel_id,
            Self::ReactionRemoveEmoji(e) => e.channel_id,
        }
    }

    /// The message, unless this is a bulk delete.
    pub fn message_id(&self) -> Option<MessageId> {
        Some(match self {
            Self::Create(e) => e.id,
            Self::Update(model::MessageUpdate::Full(m)) => m.id,
            Self::Update(model::MessageUpdate::Partial(p)) => p.id,
            Self::Delete(e) => e.id,
            Self::DeleteBulk(_) => return None,
            Self::ReactionAdd(e) => e.message_id,
            Self::ReactionRemove(e) => e.message_id,
            Self::ReactionRemoveAll(e) => e.message_id,
            Self::ReactionRemoveEmoji(e) => e.message_id,
        })
    }

    /// The guild, unless in a DM (or Discord left it out).
    pub fn guild_id(&self) -> Option<GuildId> {
        match self {
            Self::Create(e) => e.guild_id,
            Self::Update(model::MessageUpdate::Full(m)) => m.guild_id,
            Self::Update(model::MessageUpdate::Partial(p)) => p.guild_id,
            Self::Delete(e) => e.guild_id,
            Self::DeleteBulk(e) => e.guild_id,
            Self::ReactionAdd(e) => e.guild_id,
            Self::ReactionRemove(e) => e.guild_id,
            Self::ReactionRemoveAll(e) => e.guild_id,
            Self::ReactionRemoveEmoji(e) => e.guild_id,
        }
    }
}

impl FromEvent for MessageEvent {
    fn interest() -> Interest {
        Interest::gateway(Self::FLAGS)
    }

    fn from_owned(event: AnyEvent) -> Option<Self> {
        let shared = match take_gateway(event)? {
            Ok(event) => {
                return Some(match event {
                    Event::MessageCreate(e) => Self::Create(e.unbox()),
                    Event::MessageUpdate(e) => Self::Update(e.unbox()),
                    Event::MessageDelete(e) => Self::Delete(e.unbox()),
                    Event::MessageDeleteBulk(e) => Self::DeleteBulk(e.unbox()),
                    Event::ReactionAdd(e) => Self::ReactionAdd(e.unbox()),
                    Event::ReactionRemove(e) => Self::ReactionRemove(e.unbox()),
                    Event::ReactionRemoveAll(e) => Self::ReactionRemoveAll(e.unbox()),
                    Event::ReactionRemoveEmoji(e) => Self::ReactionRemoveEmoji(e.unbox()),
                    _ => return None,
                });
            }
            Err(shared) => shared,
        };
        Self::from_event(&AnyEvent::Gateway(shared))
    }

    fn from_event(event: &AnyEvent) -> Option<Self> {
        Some(match event.gateway()? {
            Event::MessageCreate(e) => Self::Create((**e).clone()),
            Event::MessageUpdate(e) => Self::Update((**e).clone()),
            Event::MessageDelete(e) => Self::Delete(*e),
            Event::MessageDeleteBulk(e) => Self::DeleteBulk((**e).clone()),
            Event::ReactionAdd(e) => Self::ReactionAdd((**e).clone()),
            Event::ReactionRemove(e) => Self::ReactionRemove((**e).clone()),
            Event::ReactionRemoveAll(e) => Self::ReactionRemoveAll(*e),
            Event::ReactionRemoveEmoji(e) => Self::ReactionRemoveEmoji((**e).clone()),
            _ => return None,
        })
    }
}

/// Any `GUILD_*` event, with the guild it is about.
#[derive(Clone, Debug)]
pub struct GuildEvent {
    /// The guild.
    pub guild_id: GuildId,
    /// The event.
    pub event: Arc<Event>,
}

impl GuildEvent {
    /// The events this group is made of: every `GUILD_*` dispatch.
    pub fn flags() -> EventTypeFlags {
        EventType::ALL
            .iter()
            .filter(|kind| kind.as_str().starts_with("GUILD_"))
            .fold(EventTypeFlags::empty(), |all, kind| all | kind.flag())
    }

    /// The guild a `GUILD_*` event is about; `None` for other events.
    pub fn guild_of(event: &Event) -> Option<GuildId> {
        Some(match event {
            Event::GuildCreate(e) => match &**e {
                model::GuildCreate::Available(guild) => guild.id,
                model::GuildCreate::Unavailable(stub) => stub.id,
            },
            Event::GuildUpdate(e) => e.id,
            Event::GuildDelete(e) => e.id,
            Event::GuildAuditLogEntryCreate(e) => e.guild_id,
            Event::GuildBanAdd(e) | Event::GuildBanRemove(e) => e.guild_id,
            Event::GuildEmojisUpdate(e) => e.guild_id,
            Event::GuildStickersUpdate(e) => e.guild_id,
            Event::GuildIntegrationsUpdate(e) => e.guild_id,
            Event::GuildMemberAdd(e) => e.guild_id,
            Event::GuildMemberRemove(e) => e.guild_id,
            Event::GuildMemberUpdate(e) => e.guild_id,
            Event::GuildMembersChunk(e) => e.guild_id,
            Event::GuildRoleCreate(e) | Event::GuildRoleUpdate(e) => e.guild_id,
            Event::GuildRoleDelete(e) => e.guild_id,
            Event::GuildScheduledEventCreate(e) => e.guild_id,
            Event::GuildScheduledEventUpdate(e) => e.guild_id,
            Event::GuildScheduledEventDelete(e) => e.guild_id,
            Event::GuildScheduledEventUserAdd(e) | Event::GuildScheduledEventUserRemove(e) => {
                e.guild_id
            }
            Event::GuildSoundboardSoundCreate(e) => e.guild_id?,
            Event::GuildSoundboardSoundUpdate(e) => e.guild_id?,
            Event::GuildSoundboardSoundDelete(e) => e.guild_id,
            Event::GuildSoundboardSoundsUpdate(e) => e.guild_id,
            _ => return None,
        })
    }
}

impl FromEvent for GuildEvent {
    fn interest() -> Interest {
        Interest::gateway(Self::flags())
    }

    fn from_event(event: &AnyEvent) -> Option<Self> {
        let AnyEvent::Gateway(gateway) = event else {
            return None;
        };
        Some(Self {
            guild_id: Self::guild_of(gateway)?,
            event: Arc::clone(gateway),
        })
    }
}
