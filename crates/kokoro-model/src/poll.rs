//! Polls in messages.
