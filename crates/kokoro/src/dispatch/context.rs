//! What listeners receive besides the event: the [`Context`], and the
//! extractors ([`FromContext`]) that take pieces out of it.

use std::{
    any::{Any, TypeId, type_name},
    collections::HashMap,
    fmt,
    ops::Deref,
    sync::{Arc, RwLock},
};

use kokoro_model::gateway::ShardId;

use kokoro_cache::CacheRead;
use kokoro_model::user::User;

use super::{CustomEvent, Dispatcher, RegisterError};
use crate::bot::{Bot, BotInner};

/// States registered with `state(value)`, by type.
#[derive(Default)]
pub(crate) struct StateMap(RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl StateMap {
    pub(crate) fn insert<T: Send + Sync + 'static>(&self, value: Arc<T>) {
        self.0
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(TypeId::of::<T>(), value);
    }

    pub(crate) fn get<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        let map = self.0.read().unwrap_or_else(|e| e.into_inner());
        map.get(&TypeId::of::<T>())
            .cloned()
            .and_then(|any| any.downcast::<T>().ok())
    }

    pub(crate) fn contains<T: 'static>(&self) -> bool {
        self.0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(&TypeId::of::<T>())
    }
}

/// Everything a listener can reach: the bot's REST client, cache and
/// shards, its states, and the dispatcher (to send custom events or wait for
/// more events). Cheap to clone.
#[derive(Clone)]
pub struct Context {
    pub(crate) dispatcher: Dispatcher,
    pub(crate) shard: Option<ShardId>,
    bot: Option<Arc<BotInner>>,
}

impl Context {
    /// A context for events handed to `dispatcher` by hand (tests, custom gateways).
    pub fn new(dispatcher: Dispatcher, shard: Option<ShardId>) -> Self {
        let bot = dispatcher
            .inner
            .bot
            .get()
            .and_then(std::sync::Weak::upgrade);
        Self {
            dispatcher,
            shard,
            bot,
        }
    }

    fn bot_inner(&self) -> &Arc<BotInner> {
        self.bot
            .as_ref()
            .expect("this context does not come from a bot (its dispatcher is not a bot's)")
    }

    /// The bot that received the event; `None` when the dispatcher is not a bot's.
    pub fn bot(&self) -> Option<Bot> {
        self.bot.as_ref().map(BotInner::handle)
    }

    /// The bot's REST client.
    ///
    /// # Panics
    /// When the dispatcher is not a bot's (events dispatched by hand to a bare [`Dispatcher`]).
    pub fn http(&self) -> &kokoro_http::Client {
        self.bot_inner().http()
    }

    /// The bot's cache, unless it keeps none (or one that cannot be read).
    pub fn cache(&self) -> Option<&Arc<dyn CacheRead>> {
        self.bot.as_ref().and_then(|bot| bot.cache_read())
    }

    /// The bot's own user, once a shard received READY.
    pub fn current_user(&self) -> Option<User> {
        self.bot.as_ref().and_then(|bot| bot.current_user())
    }

    /// The shard that received the event, to send it gateway commands.
    pub fn shard_sender(&self) -> Option<kokoro_gateway::ShardSender> {
        self.bot.as_ref()?.sender(self.shard?.number())
    }

    /// Another bot of the same [`Hub`](crate::Hub), by name.
    pub fn bot_named(&self, name: &str) -> Option<Bot> {
        let hub = self.bot.as_ref()?.hub.get()?.upgrade()?;
        hub.bot(name).cloned()
    }

    /// The shard that received the event; `None` for custom events and
    /// events dispatched by hand.
    pub fn shard(&self) -> Option<ShardId> {
        self.shard
    }

    /// The dispatcher, to register listeners, streams and waiters.
    pub fn dispatcher(&self) -> &Dispatcher {
        &self.dispatcher
    }

    /// A registered state.
    pub fn state<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.dispatcher.inner.states.get::<T>()
    }

    /// Sends a custom event to its listeners and to the `AnyEvent` listeners.
    pub fn dispatch<T: CustomEvent>(&self, event: T) {
        self.dispatcher.dispatch_custom(event);
    }
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("shard", &self.shard)
            .finish_non_exhaustive()
    }
}

/// A listener argument taken from the [`Context`], like axum's extractors.
///
/// `check` runs when the listener is registered, so a listener asking for
/// something the bot does not have is refused then, not when an event comes.
pub trait FromContext: Sized + Send + 'static {
    /// Whether `dispatcher` can provide this argument.
    fn check(dispatcher: &Dispatcher) -> Result<(), RegisterError> {
        let _ = dispatcher;
        Ok(())
    }

    /// Takes the argument out of the context. Only called after `check` passed.
    fn from_context(ctx: &Context) -> Self;
}

impl FromContext for Context {
    fn from_context(ctx: &Context) -> Self {
        ctx.clone()
    }
}

/// A state registered with `state(value)`, shared by every listener.
///
/// ```ignore
/// bot.state(Counter::default());
/// bot.on(|_: MessageCreate, counter: State<Counter>| async move { counter.bump() })?;
/// ```
pub struct State<T>(pub Arc<T>);

impl<T> State<T> {
    /// The shared value.
    pub fn into_inner(self) -> Arc<T> {
        self.0
    }
}

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> Deref for State<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for State<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("State").field(&self.0).finish()
    }
}

impl<T: Send + Sync + 'static> FromContext for State<T> {
    fn check(dispatcher: &Dispatcher) -> Result<(), RegisterError> {
        if dispatcher.inner.states.contains::<T>() {
            Ok(())
        } else {
            Err(RegisterError::MissingState {
                state: type_name::<T>(),
            })
        }
    }

    fn from_context(ctx: &Context) -> Self {
        Self(
            ctx.state::<T>()
                .unwrap_or_else(|| panic!("state {} checked at registration", type_name::<T>())),
        )
    }
}
