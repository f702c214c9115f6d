//! Auto-moderation rules, voice states and regions, polls, and the channel routes added with them.

use crate::rest::{Ctx, HandlerResult};
use crate::state::State;

/// What the emulator remembers of auto-moderation rules, voice states, polls.
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
