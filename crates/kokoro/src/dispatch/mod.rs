//! Event dispatch: typed listeners, streams and waiters, and the event types
//! they ask for.
//!
//! A [`Dispatcher`] holds what is registered; the bot hands it every event.
//! Each listener runs on its own tokio task; an error or a panic in one is
//! logged with the event's name and touches nothing else.

mod context;
mod event;
mod listener;
mod registry;
mod stream;
#[cfg(test)]
mod tests;

use std::{
    any::type_name,
    borrow::Cow,
    fmt,
    panic::AssertUnwindSafe,
    sync::{Arc, RwLock, Weak},
};

use futures::{FutureExt, future::BoxFuture};
use kokoro_model::{
    Intents,
    gateway::{
        ShardId,
        event::{Event, EventType, EventTypeFlags},
    },
};

pub use context::{Context, FromContext, State};
pub use event::*;
pub use listener::{BoxError, Listener, ListenerOutput};
pub use stream::{EventStream, WaitFor, WaitForError};

/// Why a listener could not be registered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// The listener takes a `State<T>` but no `T` was registered with `state`.
    #[error(
        "the listener takes State<{state}>, but no {state} was registered; call .state(value) first"
    )]
    MissingState {
        /// The state's type.
        state: &'static str,
    },
}

/// A listener's event type lacks the intents the bot asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingIntent {
    /// The event type.
    pub event: EventType,
    /// The intents that deliver it (any one of them).
    pub needs: Intents,
    /// The listener's event type, as written in its signature.
    pub listener: &'static str,
}

type ListenerCall = Box<
    dyn Fn(Payload<'_>, &Context) -> Option<BoxFuture<'static, Result<(), BoxError>>> + Send + Sync,
>;
type SinkCall = Box<dyn Fn(Payload<'_>) -> Delivery + Send + Sync>;

/// What a stream or waiter did with an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// Taken (or not for it); keep the registration.
    Kept,
    /// The receiver is gone or satisfied; remove the registration.
    Done,
}

enum Action {
    Listener(ListenerCall),
    Stream(SinkCall),
    Waiter(SinkCall),
}

pub(crate) struct Inner {
    /// Registrations by the events they take. Held only to look up or
    /// change them, never while a listener, filter or predicate runs.
    registry: RwLock<registry::Registry>,
    pub(crate) states: context::StateMap,
    /// Wanted gateway events, shared with the bot's shards, which drop the
    /// rest before copying them out of their buffers.
    wanted: Arc<kokoro_gateway::LiveEventTypes>,
    extra_wanted: RwLock<EventTypeFlags>,
    intents: RwLock<Option<Intents>>,
    /// The bot this dispatcher belongs to, if any.
    pub(crate) bot: std::sync::OnceLock<Weak<crate::bot::BotInner>>,
}

/// Routes events to the listeners, streams and waiters registered for them.
///
/// Cheap to clone; clones share registrations.
#[derive(Clone)]
pub struct Dispatcher {
    pub(crate) inner: Arc<Inner>,
}

impl Default for Dispatcher {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dispatcher")
            .field("registered", &self.registered())
            .finish()
    }
}

/// How many listeners, streams and waiters are registered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Registered {
    /// Listeners (`on`).
    pub listeners: usize,
    /// Streams (`stream`) not yet dropped.
    pub streams: usize,
    /// `wait_for` futures not yet finished or dropped.
    pub waiters: usize,
}

/// Unregisters a listener. Dropping the handle keeps the listener.
#[derive(Clone, Debug)]
pub struct ListenerHandle {
    dispatcher: Weak<Inner>,
    id: u64,
}

impl ListenerHandle {
    /// Unsubscribes the listener; `false` if it already was.
    pub fn remove(self) -> bool {
        match self.dispatcher.upgrade() {
            Some(inner) => Dispatcher { inner }.remove(self.id),
            None => false,
        }
    }
}

/// Removes a stream's or waiter's registration when dropped.
pub(crate) struct Registration {
    dispatcher: Weak<Inner>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(inner) = self.dispatcher.upgrade() {
            Dispatcher { inner }.remove(self.id);
        }
    }
}

impl Dispatcher {
    /// An empty dispatcher.
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Inner {
                registry: RwLock::new(registry::Registry::default()),
                states: context::StateMap::default(),
                wanted: Arc::default(),
                extra_wanted: RwLock::new(EventTypeFlags::empty()),
                intents: RwLock::new(None),
                bot: std::sync::OnceLock::new(),
            }),
        }
    }

    pub(crate) fn attach(&self, bot: Weak<crate::bot::BotInner>) {
        let _ = self.inner.bot.set(bot);
    }

    /// Registers a state for listeners taking `State<T>`; replaces an earlier `T`.
    pub fn state<T: Send + Sync + 'static>(&self, value: T) -> &Self {
        self.inner.states.insert(Arc::new(value));
        self
    }

    /// Registers a state already in an `Arc`.
    pub fn state_arc<T: Send + Sync + 'static>(&self, value: Arc<T>) -> &Self {
        self.inner.states.insert(value);
        self
    }

    /// Registers `listener` for events of type `E`, the type of its first argument.
    ///
    /// Fails when an argument cannot be provided (a `State<T>` with no `T`
    /// registered). Warns (tracing) when the bot's intents do not deliver `E`.
    pub fn on<E, Args, L>(&self, listener: L) -> Result<ListenerHandle, RegisterError>
    where
        E: FromEvent,
        L: Listener<E, Args>,
    {
        L::check(self)?;
        let listener = Arc::new(listener);
        let call: ListenerCall = Box::new(move |event: Payload<'_>, ctx: &Context| {
            let event = event.into_event::<E>()?;
            let listener = Arc::clone(&listener);
            let ctx = ctx.clone();
            // The listener is called inside the task, so that a panic while
            // creating its future is caught like one while polling it.
            Some(Box::pin(async move { listener.call(event, ctx).await }))
        });
        let id = self.insert(E::interest(), type_name::<E>(), Action::Listener(call));
        Ok(ListenerHandle {
            dispatcher: Arc::downgrade(&self.inner),
            id,
        })
    }

    pub(crate) fn insert_sink<E: FromEvent>(&self, waiter: bool, sink: SinkCall) -> Registration {
        let action = if waiter {
            Action::Waiter(sink)
        } else {
            Action::Stream(sink)
        };
        let id = self.insert(E::interest(), type_name::<E>(), action);
        Registration {
            dispatcher: Arc::downgrade(&self.inner),
            id,
        }
    }

    fn registry(&self) -> std::sync::RwLockReadGuard<'_, registry::Registry> {
        self.inner
            .registry
            .read()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn registry_mut(&self) -> std::sync::RwLockWriteGuard<'_, registry::Registry> {
        self.inner
            .registry
            .write()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, interest: Interest, label: &'static str, action: Action) -> u64 {
        let entry = {
            let mut registry = self.registry_mut();
            let entry = registry.insert(interest, label, action);
            self.store_wanted(&registry);
            entry
        };
        if let Some(intents) = *self.inner.intents.read().unwrap_or_else(|e| e.into_inner()) {
            for missing in missing_for(&entry, intents) {
                warn_missing(&missing);
            }
        }
        entry.id
    }

    fn remove(&self, id: u64) -> bool {
        let mut registry = self.registry_mut();
        let removed = registry.remove(id);
        if removed {
            self.store_wanted(&registry);
        }
        removed
    }

    /// Stores the wanted set for `registry`, which the caller holds by its
    /// write lock: so the set is stored in the same order as the changes,
    /// and never lags behind a registration a dispatch can already see.
    fn store_wanted(&self, registry: &registry::Registry) {
        let extra = *self
            .inner
            .extra_wanted
            .read()
            .unwrap_or_else(|e| e.into_inner());
        let wanted = extra | registry.gateway_flags();
        self.inner.wanted.set(wanted, registry.wants_unknown());
    }

    /// Also wants `events`, whether or not anything listens (the cache's wants).
    pub fn also_want(&self, events: EventTypeFlags) {
        *self
            .inner
            .extra_wanted
            .write()
            .unwrap_or_else(|e| e.into_inner()) |= events;
        self.store_wanted(&self.registry_mut());
    }

    /// The gateway events something registered receives, plus [`also_want`](Self::also_want);
    /// the rest need not be decoded. Changes as listeners come and go.
    pub fn wanted(&self) -> EventTypeFlags {
        self.inner.wanted.flags()
    }

    /// The wanted set as shards see it, kept up to date as registrations
    /// come and go; a bot gives it to each shard as its
    /// [`EventFilter::live`](kokoro_gateway::EventFilter::live).
    ///
    /// ```
    /// use kokoro::{Dispatcher, event::MessageCreate, gateway::EventFilter};
    ///
    /// let dispatcher = Dispatcher::new();
    /// let filter = EventFilter::live(dispatcher.live_wanted());
    /// assert!(!filter.wants("MESSAGE_CREATE"));
    /// let _messages = dispatcher.stream::<MessageCreate>();
    /// assert!(filter.wants("MESSAGE_CREATE"));
    /// ```
    pub fn live_wanted(&self) -> Arc<kokoro_gateway::LiveEventTypes> {
        Arc::clone(&self.inner.wanted)
    }

    /// Whether a dispatch named `name` (`t`) is wanted: known and in
    /// [`wanted`](Self::wanted), or unknown while someone listens to every event.
    pub fn wants_name(&self, name: &str) -> bool {
        self.wants_kind(EventType::from_name(name))
    }

    /// Whether anything registered wants events of `kind` (`Unknown`: events
    /// this version does not know), without looking the name up again.
    pub fn wants_kind(&self, kind: EventType) -> bool {
        self.inner.wanted.wants_kind(kind)
    }

    /// How many listeners, streams and waiters are registered.
    pub fn registered(&self) -> Registered {
        let registry = self.registry();
        let mut count = Registered::default();
        for entry in registry.iter() {
            match entry.action {
                Action::Listener(_) => count.listeners += 1,
                Action::Stream(_) => count.streams += 1,
                Action::Waiter(_) => count.waiters += 1,
            }
        }
        count
    }

    /// Sets the intents the bot identifies with, and warns (tracing) about
    /// every registered listener whose events they do not deliver; later
    /// registrations are checked as they come. Returns what is missing.
    pub fn check_intents(&self, intents: Intents) -> Vec<MissingIntent> {
        *self
            .inner
            .intents
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Some(intents);
        let registry = self.registry();
        let mut all: Vec<MissingIntent> = Vec::new();
        for entry in registry.iter() {
            for missing in missing_for(entry, intents) {
                if !all
                    .iter()
                    .any(|seen| seen.event == missing.event && seen.listener == missing.listener)
                {
                    warn_missing(&missing);
                    all.push(missing);
                }
            }
        }
        all
    }

    /// Hands a gateway event to everything registered for it. Listeners are
    /// spawned on the current tokio runtime; streams and waiters are fed
    /// before this returns. Returns how many listeners were started.
    pub fn dispatch(&self, event: Event, shard: Option<ShardId>) -> usize {
        self.dispatch_any(AnyEvent::Gateway(Arc::new(event)), shard)
    }

    /// Sends a custom event to its listeners and to the [`AnyEvent`] listeners.
    pub fn dispatch_custom<T: CustomEvent>(&self, event: T) -> usize {
        self.dispatch_any(AnyEvent::Custom(CustomEventBox::new(event)), None)
    }

    /// Hands any event to everything registered for it: only the
    /// registrations for its type are looked at. Every consumer but the last
    /// takes what it needs from the shared event; the last one is handed the
    /// event itself, so a payload with a single consumer is moved, not copied.
    pub fn dispatch_any(&self, event: AnyEvent, shard: Option<ShardId>) -> usize {
        let matching = self.registry().matching(&event);
        let Some((last, others)) = matching.split_last() else {
            return 0;
        };
        let ctx = Context::new(self.clone(), shard);
        // For logs; allocates only for events unknown to this version.
        let name = log_name(&event);
        let mut started = 0;
        let mut done = Vec::new();
        for entry in others {
            self.deliver(
                entry,
                Payload::Shared(&event),
                &ctx,
                &name,
                &mut started,
                &mut done,
            );
        }
        self.deliver(
            last,
            Payload::Owned(event),
            &ctx,
            &name,
            &mut started,
            &mut done,
        );
        for id in done {
            self.remove(id);
        }
        started
    }

    /// Hands one consumer its event: spawns a listener's call, or feeds a
    /// stream or waiter (noting in `done` those to remove).
    #[allow(
        clippy::ptr_arg,
        reason = "the name is cloned into each listener's task, which a &str could not be"
    )]
    fn deliver(
        &self,
        entry: &registry::Entry,
        payload: Payload<'_>,
        ctx: &Context,
        name: &Cow<'static, str>,
        started: &mut usize,
        done: &mut Vec<u64>,
    ) {
        match &entry.action {
            Action::Listener(call) => {
                if let Some(future) = call(payload, ctx) {
                    *started += 1;
                    tokio::spawn(run_listener(future, name.clone(), entry.label));
                }
            }
            Action::Stream(sink) | Action::Waiter(sink) => {
                match std::panic::catch_unwind(AssertUnwindSafe(move || sink(payload))) {
                    Ok(Delivery::Kept) => {}
                    Ok(Delivery::Done) => done.push(entry.id),
                    Err(panic) => {
                        tracing::error!(
                            event = &**name,
                            listener = entry.label,
                            panic = panic_message(&*panic),
                            "a stream filter or wait_for predicate panicked; it is removed"
                        );
                        done.push(entry.id);
                    }
                }
            }
        }
    }
}

/// An event's name for logs, borrowed unless the event is unknown.
fn log_name(event: &AnyEvent) -> Cow<'static, str> {
    match event {
        AnyEvent::Gateway(gateway) => match gateway.kind() {
            EventType::Unknown => Cow::Owned(gateway.name().to_owned()),
            kind => Cow::Borrowed(kind.as_str()),
        },
        AnyEvent::Custom(custom) => Cow::Borrowed(custom.name()),
    }
}

async fn run_listener(
    future: BoxFuture<'static, Result<(), BoxError>>,
    event: Cow<'static, str>,
    label: &'static str,
) {
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::error!(event = &*event, listener = label, error = %error, "a listener failed");
        }
        Err(panic) => {
            tracing::error!(
                event = &*event,
                listener = label,
                panic = panic_message(&*panic),
                "a listener panicked"
            );
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(message) = panic.downcast_ref::<&'static str>() {
        message
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message
    } else {
        "(not a string)"
    }
}

/// The events `entry` listens to that `intents` do not deliver. A listener of
/// one event type is reported when that type is missing; a group listener
/// (messages, guild events) only when none of its types is delivered;
/// every-event listeners never.
fn missing_for(entry: &registry::Entry, intents: Intents) -> Vec<MissingIntent> {
    let flags = entry.interest.gateway_flags();
    if flags.is_empty() || flags == EventTypeFlags::all() {
        return Vec::new();
    }
    let delivered = EventTypeFlags::from_intents(intents);
    if flags.bits().count_ones() > 1 && flags.intersects(delivered) {
        return Vec::new();
    }
    flags
        .event_types()
        .filter(|kind| !delivered.contains(kind.flag()))
        .map(|event| MissingIntent {
            event,
            needs: event.intents(),
            listener: entry.label,
        })
        .collect()
}

fn warn_missing(missing: &MissingIntent) {
    tracing::warn!(
        event = %missing.event,
        missing_intent = ?missing.needs,
        listener = missing.listener,
        "a listener waits for {} but the bot does not ask for {:?}; it will never be called",
        missing.event,
        missing.needs,
    );
}
