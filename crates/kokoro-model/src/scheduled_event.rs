//! Guild scheduled events, with recurrence rules.
