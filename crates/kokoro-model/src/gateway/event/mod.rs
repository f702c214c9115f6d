//! Dispatch events: one Event enum, the set of event types, and the intents each needs.
