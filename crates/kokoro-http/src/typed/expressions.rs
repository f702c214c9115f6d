//! Emojis, stickers, soundboard sounds, scheduled events and stage instances.
