//! Emojis, custom and unicode.
