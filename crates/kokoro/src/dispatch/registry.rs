//! Registrations indexed by the events they receive, so that an event
//! touches only the listeners, streams and waiters registered for it.
//!
//! A registration for some gateway event types is listed under each of its
//! types; one for every gateway event (`Event`, `Arc<Event>`, `AnyEvent`)
//! in one list consulted for every gateway event; custom events by their
//! `TypeId`, plus the every-custom list (`AnyEvent`). Ids grow with each
//! registration and every list is kept in id order, so the registrations an
//! event reaches come out in the order they were made.

use std::{
    any::TypeId,
    collections::{BTreeMap, HashMap},
    sync::Arc,
};

use kokoro_model::gateway::event::{EventType, EventTypeFlags};
use smallvec::SmallVec;

use super::{Action, AnyEvent, Interest, event::CustomInterest};

/// One registration.
pub(super) struct Entry {
    pub(super) id: u64,
    pub(super) interest: Interest,
    /// The type the listener takes, for logs.
    pub(super) label: &'static str,
    pub(super) action: Action,
}

/// The registrations one event reaches: inline up to four, so dispatching to a
/// few consumers allocates nothing.
pub(super) type Matching = SmallVec<[Arc<Entry>; 4]>;

/// Slots of `by_type`: one per bit of [`EventTypeFlags`].
const SLOTS: usize = u128::BITS as usize;

/// Where every registration is, by what it receives.
pub(super) struct Registry {
    next_id: u64,
    /// Every registration by id (counts, removal, intent checks).
    all: BTreeMap<u64, Arc<Entry>>,
    /// Per known event type (its flag's bit), the registrations that take it
    /// but not every gateway event.
    by_type: Vec<Vec<Arc<Entry>>>,
    /// The registrations that take every gateway event, unknown ones included.
    every_gateway: Vec<Arc<Entry>>,
    /// Per custom event type, its registrations.
    custom: HashMap<TypeId, Vec<Arc<Entry>>>,
    /// The registrations that take every custom event.
    every_custom: Vec<Arc<Entry>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self {
            next_id: 1,
            all: BTreeMap::new(),
            by_type: (0..SLOTS).map(|_| Vec::new()).collect(),
            every_gateway: Vec::new(),
            custom: HashMap::new(),
            every_custom: Vec::new(),
        }
    }
}

/// The slot of a known event type in `by_type`.
fn slot(kind: EventType) -> Option<usize> {
    let bits = kind.flag().bits();
    (bits != 0).then(|| bits.trailing_zeros() as usize)
}

/// Whether `interest` goes to the every-gateway list rather than per type.
fn takes_every_gateway(interest: &Interest) -> bool {
    interest.wants_unknown()
}

impl Registry {
    /// Adds a registration and returns it with its id.
    pub(super) fn insert(
        &mut self,
        interest: Interest,
        label: &'static str,
        action: Action,
    ) -> Arc<Entry> {
        // Ids are handed out under the registry's lock, so each list, appended
        // to in id order, stays sorted.
        let id = self.next_id;
        self.next_id += 1;
        let entry = Arc::new(Entry {
            id,
            interest,
            label,
            action,
        });
        if takes_every_gateway(&interest) {
            self.every_gateway.push(Arc::clone(&entry));
        } else {
            for kind in interest.gateway_flags().event_types() {
                if let Some(slot) = slot(kind) {
                    self.by_type[slot].push(Arc::clone(&entry));
                }
            }
        }
        match interest.custom_interest() {
            CustomInterest::None => {}
            CustomInterest::One(type_id) => {
                self.custom
                    .entry(type_id)
                    .or_default()
                    .push(Arc::clone(&entry));
            }
            CustomInterest::All => self.every_custom.push(Arc::clone(&entry)),
        }
        self.all.insert(id, Arc::clone(&entry));
        entry
    }

    /// Removes a registration; `false` if there was none with that id.
    pub(super) fn remove(&mut self, id: u64) -> bool {
        let Some(entry) = self.all.remove(&id) else {
            return false;
        };
        let unlist = |list: &mut Vec<Arc<Entry>>| list.retain(|e| e.id != id);
        if takes_every_gateway(&entry.interest) {
            unlist(&mut self.every_gateway);
        } else {
            for kind in entry.interest.gateway_flags().event_types() {
                if let Some(slot) = slot(kind) {
                    unlist(&mut self.by_type[slot]);
                }
            }
        }
        match entry.interest.custom_interest() {
            CustomInterest::None => {}
            CustomInterest::One(type_id) => {
                if let Some(list) = self.custom.get_mut(&type_id) {
                    unlist(list);
                    if list.is_empty() {
                        self.custom.remove(&type_id);
                    }
                }
            }
            CustomInterest::All => unlist(&mut self.every_custom),
        }
        true
    }

    /// Every registration, in the order they were made.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Arc<Entry>> {
        self.all.values()
    }

    /// The union of the gateway events registrations take.
    pub(super) fn gateway_flags(&self) -> EventTypeFlags {
        self.all
            .values()
            .fold(EventTypeFlags::empty(), |all, entry| {
                all | entry.interest.gateway_flags()
            })
    }

    /// Whether something takes events unknown to this version.
    pub(super) fn wants_unknown(&self) -> bool {
        !self.every_gateway.is_empty()
    }

    /// The registrations `event` reaches, in registration order.
    pub(super) fn matching(&self, event: &AnyEvent) -> Matching {
        match event {
            AnyEvent::Gateway(gateway) => {
                let kind = gateway.kind();
                let typed = slot(kind).map_or(&[][..], |slot| &self.by_type[slot][..]);
                // The every-gateway list is checked against the type too, so a
                // hand-made `Interest` with unknown events but not every known
                // one still gets only its own.
                let every = self.every_gateway.iter().filter(|entry| match kind {
                    EventType::Unknown => true,
                    kind => entry.interest.gateway_flags().contains(kind.flag()),
                });
                merge(typed.iter(), every)
            }
            AnyEvent::Custom(custom) => {
                let own = self
                    .custom
                    .get(&custom.type_id())
                    .map_or(&[][..], |list| &list[..]);
                merge(own.iter(), self.every_custom.iter())
            }
        }
    }
}

/// Merges two lists sorted by id into one sorted list.
fn merge<'a>(
    a: impl Iterator<Item = &'a Arc<Entry>>,
    b: impl Iterator<Item = &'a Arc<Entry>>,
) -> Matching {
    let mut a = a.peekable();
    let mut b = b.peekable();
    let mut out = Matching::with_capacity(a.size_hint().0 + b.size_hint().0);
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.id <= y.id => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next.map(Arc::clone));
    }
    out
}
