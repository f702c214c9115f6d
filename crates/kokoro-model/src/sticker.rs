//! Stickers and sticker packs.
