//! Sharing of strings Discord repeats across many records.

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use dashmap::DashSet;

/// A set of shared strings: equal strings handed to [`Interner::intern`] come
/// back as the same `Arc<str>`, so an activity name played by thousands of
/// users, a guild feature or a locale is stored once.
///
/// Strings nobody holds any more are dropped by [`Interner::sweep`], which
/// runs by itself whenever the set has doubled since the last sweep, so
/// user-chosen strings (custom game names) cannot grow it without bound.
/// Those strings are chosen by users, so the set hashes them with the
/// standard library's keyed SipHash, not the fast unkeyed hash used for ids.
#[derive(Debug)]
pub(crate) struct Interner {
    set: DashSet<Arc<str>>,
    next_sweep: AtomicUsize,
}

impl Default for Interner {
    fn default() -> Self {
        Self {
            set: DashSet::new(),
            next_sweep: AtomicUsize::new(1024),
        }
    }
}

impl Interner {
    /// The shared copy of `s`.
    pub(crate) fn intern(&self, s: &str) -> Arc<str> {
        if let Some(found) = self.set.get(s) {
            return Arc::clone(found.key());
        }
        let arc: Arc<str> = Arc::from(s);
        // Another thread may have inserted it meanwhile; keep whichever is in.
        let interned = match self.set.get(s) {
            Some(found) => Arc::clone(found.key()),
            None => {
                self.set.insert(Arc::clone(&arc));
                arc
            }
        };
        let len = self.set.len();
        if len >= self.next_sweep.load(Ordering::Relaxed) {
            self.sweep();
        }
        interned
    }

    /// Drops every string held only by the interner.
    pub(crate) fn sweep(&self) {
        self.set.retain(|s| Arc::strong_count(s) > 1);
        let next = (self.set.len() * 2).max(1024);
        self.next_sweep.store(next, Ordering::Relaxed);
    }

    /// How many distinct strings are held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.set.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_allocation() {
        let interner = Interner::default();
        let a = interner.intern("Spotify");
        let b = interner.intern(&String::from("Spotify"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(interner.len(), 1);
    }

    #[test]
    fn sweep_drops_unheld_strings() {
        let interner = Interner::default();
        let kept = interner.intern("kept");
        drop(interner.intern("dropped"));
        interner.sweep();
        assert_eq!(interner.len(), 1);
        assert!(Arc::ptr_eq(&kept, &interner.intern("kept")));
    }
}
