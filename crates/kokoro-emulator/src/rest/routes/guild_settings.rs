//! Guild settings, previews, widgets, welcome screens, onboarding, templates, prune, integrations, join requests and the other guild-wide routes that are not members, roles, bans or channels.

use crate::rest::{Ctx, HandlerResult};
use crate::state::State;

/// What the emulator remembers of guild-wide settings.
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
