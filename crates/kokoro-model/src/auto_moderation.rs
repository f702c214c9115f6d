//! Auto moderation rules and the actions they take.
