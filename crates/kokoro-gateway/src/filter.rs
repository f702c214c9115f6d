//! Choosing which dispatch events reach the consumer.

use std::{
    collections::HashSet,
    fmt,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
};

use kokoro_model::gateway::event::{EventType, EventTypeFlags};

/// The dispatch event types a consumer wants, as [`EventTypeFlags`] or by name (`t`).
///
/// Events left out are skipped after reading only the payload's envelope
/// (`op`, `s`, `t`): their sequence number is still tracked and READY and
/// RESUMED are still handled by the shard.
///
/// ```
/// use kokoro_gateway::EventFilter;
///
/// let filter = EventFilter::only(["MESSAGE_CREATE", "READY"]);
/// assert!(filter.wants("MESSAGE_CREATE"));
/// assert!(!filter.wants("TYPING_START"));
/// assert!(EventFilter::all().wants("ANYTHING"));
///
/// use kokoro_model::gateway::event::EventTypeFlags;
/// let typed = EventFilter::from(EventTypeFlags::MESSAGE_CREATE | EventTypeFlags::READY);
/// assert!(typed.wants("MESSAGE_CREATE") && !typed.wants("TYPING_START"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    only: Only,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Only {
    #[default]
    All,
    Names(Arc<HashSet<Box<str>>>),
    Types(EventTypeFlags),
    Live(Live),
}

/// A shared [`LiveEventTypes`]; two are equal when they are the same set.
#[derive(Clone, Debug)]
struct Live(Arc<LiveEventTypes>);

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Live {}

/// A set of event types that can change while shards run: whoever decides
/// what is wanted updates it, and every shard given it as
/// [`EventFilter::live`] applies the current set to each dispatch, before
/// the dispatch is copied out of the connection's buffer.
///
/// Updates are plain atomic stores: a dispatch read while the set changes is
/// judged by the old or the new set, never by a mix for one event type.
///
/// ```
/// use std::sync::Arc;
/// use kokoro_gateway::{EventFilter, LiveEventTypes};
/// use kokoro_model::gateway::event::EventTypeFlags;
///
/// let wanted = Arc::new(LiveEventTypes::new(EventTypeFlags::READY, false));
/// let filter = EventFilter::live(Arc::clone(&wanted));
/// assert!(!filter.wants("MESSAGE_CREATE"));
/// wanted.set(EventTypeFlags::READY | EventTypeFlags::MESSAGE_CREATE, false);
/// assert!(filter.wants("MESSAGE_CREATE"));
/// assert!(!filter.wants("SOMETHING_NEW"));
/// wanted.set(EventTypeFlags::READY, true);
/// assert!(filter.wants("SOMETHING_NEW") && !filter.wants("MESSAGE_CREATE"));
/// ```
#[derive(Default)]
pub struct LiveEventTypes {
    /// The low and high halves of the `u128` flags.
    halves: [AtomicU64; 2],
    unknown: AtomicBool,
}

impl LiveEventTypes {
    /// A set of `flags`, plus the event types this version does not know when `unknown`.
    pub fn new(flags: EventTypeFlags, unknown: bool) -> Self {
        let live = Self::default();
        live.set(flags, unknown);
        live
    }

    /// Replaces the set.
    pub fn set(&self, flags: EventTypeFlags, unknown: bool) {
        let bits = flags.bits();
        self.halves[0].store(bits as u64, Ordering::Release);
        self.halves[1].store((bits >> 64) as u64, Ordering::Release);
        self.unknown.store(unknown, Ordering::Release);
    }

    /// The known event types in the set.
    pub fn flags(&self) -> EventTypeFlags {
        let low = u128::from(self.halves[0].load(Ordering::Acquire));
        let high = u128::from(self.halves[1].load(Ordering::Acquire));
        EventTypeFlags::from_bits_retain(low | (high << 64))
    }

    /// Whether event types this version does not know are in the set.
    pub fn wants_unknown(&self) -> bool {
        self.unknown.load(Ordering::Acquire)
    }

    /// Whether `kind` is in the set (`Unknown`: see [`wants_unknown`](Self::wants_unknown)).
    pub fn wants_kind(&self, kind: EventType) -> bool {
        match kind {
            EventType::Unknown => self.wants_unknown(),
            // One load: a type's bit lives in one half.
            kind => {
                let bit = kind.flag().bits();
                let (half, bits) = if bit >> 64 == 0 {
                    (0, bit as u64)
                } else {
                    (1, (bit >> 64) as u64)
                };
                self.halves[half].load(Ordering::Acquire) & bits != 0
            }
        }
    }
}

impl fmt::Debug for LiveEventTypes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveEventTypes")
            .field("flags", &self.flags())
            .field("unknown", &self.wants_unknown())
            .finish()
    }
}

impl EventFilter {
    /// Every event.
    pub fn all() -> Self {
        Self { only: Only::All }
    }

    /// Only these event types (unknown event types are left out).
    pub fn types(flags: EventTypeFlags) -> Self {
        Self {
            only: Only::Types(flags),
        }
    }

    /// Only these event types.
    pub fn only<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self {
            only: Only::Names(Arc::new(
                names.into_iter().map(|s| s.as_ref().into()).collect(),
            )),
        }
    }

    /// The event types in `wanted` at the time each dispatch arrives; see
    /// [`LiveEventTypes`].
    pub fn live(wanted: Arc<LiveEventTypes>) -> Self {
        Self {
            only: Only::Live(Live(wanted)),
        }
    }

    /// Whether events named `name` are delivered.
    pub fn wants(&self, name: &str) -> bool {
        match &self.only {
            Only::All => true,
            Only::Names(set) => set.contains(name),
            Only::Types(flags) => flags.contains_name(name),
            Only::Live(Live(live)) => live.wants_kind(EventType::from_name(name)),
        }
    }
}

impl From<EventTypeFlags> for EventFilter {
    fn from(flags: EventTypeFlags) -> Self {
        Self::types(flags)
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for EventFilter {
    fn from(names: [S; N]) -> Self {
        Self::only(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_sets_hold_every_event_type_in_either_half() {
        let live = Arc::new(LiveEventTypes::default());
        let filter = EventFilter::live(Arc::clone(&live));
        for &kind in EventType::ALL {
            live.set(kind.flag(), false);
            assert!(filter.wants(kind.as_str()), "{kind}");
            assert_eq!(live.flags(), kind.flag());
            let others = EventType::ALL.iter().filter(|&&other| other != kind);
            for &other in others {
                assert!(!live.wants_kind(other), "{other} while only {kind}");
            }
            assert!(!filter.wants("SOMETHING_NEW"));
        }
        live.set(EventTypeFlags::empty(), true);
        assert!(filter.wants("SOMETHING_NEW"));
        assert!(!filter.wants("READY"));
        assert_eq!(filter, filter.clone());
        assert_ne!(filter, EventFilter::live(Arc::default()));
    }
}
