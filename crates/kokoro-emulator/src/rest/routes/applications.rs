//! Applications, application emojis, command permissions, entitlements, SKUs and subscriptions, role connections and OAuth2 self-description.

use crate::rest::{Ctx, HandlerResult};
use crate::state::State;

/// What the emulator remembers of applications, entitlements, lobbies.
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
