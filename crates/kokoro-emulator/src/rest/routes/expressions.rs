//! Emojis (guild and application), stickers and sticker packs, soundboard sounds, scheduled events and stage instances.

use crate::rest::{Ctx, HandlerResult};
use crate::state::State;

/// What the emulator remembers of emojis, stickers, soundboard sounds, scheduled events and stage instances.
#[derive(Debug, Default)]
pub(crate) struct Store {}

pub(crate) fn route(
    _ctx: &mut Ctx<'_>,
    _st: &mut State,
    _method: &str,
    _segs: &[&str],
) -> Option<HandlerResult> {
    None
}
