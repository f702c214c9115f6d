//! Lobbies, partner-SDK routes and invite target users.

use crate::rest::{Ctx, HandlerResult};
use crate::state::State;

/// What the emulator remembers of lobbies and invite target users.
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
