//! Choosing which dispatch events reach the consumer.

use std::{collections::HashSet, sync::Arc};

/// The dispatch event types a consumer wants, by name (`t`).
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
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    only: Option<Arc<HashSet<Box<str>>>>,
}

impl EventFilter {
    /// Every event.
    pub fn all() -> Self {
        Self { only: None }
    }

    /// Only these event types.
    pub fn only<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self {
            only: Some(Arc::new(
                names.into_iter().map(|s| s.as_ref().into()).collect(),
            )),
        }
    }

    /// Whether events named `name` are delivered.
    pub fn wants(&self, name: &str) -> bool {
        match &self.only {
            None => true,
            Some(set) => set.contains(name),
        }
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for EventFilter {
    fn from(names: [S; N]) -> Self {
        Self::only(names)
    }
}
