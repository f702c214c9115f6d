//! Choosing which dispatch events reach the consumer.

use std::{collections::HashSet, sync::Arc};

use kokoro_model::gateway::event::EventTypeFlags;

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

    /// Whether events named `name` are delivered.
    pub fn wants(&self, name: &str) -> bool {
        match &self.only {
            Only::All => true,
            Only::Names(set) => set.contains(name),
            Only::Types(flags) => flags.contains_name(name),
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
