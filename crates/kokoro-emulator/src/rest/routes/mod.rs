//! The REST routes, one module per resource.

pub(crate) mod applications;
mod channels;
mod commands;
pub(crate) mod expressions;
pub(crate) mod guild_settings;
mod guilds;
mod interactions;
mod invites;
pub(crate) mod lobbies;
mod members;
pub(crate) mod messages;
mod misc;
pub(crate) mod moderation;
mod reactions;
mod threads;
mod webhooks;

use kokoro_model::Permissions;
use serde_json::Value;

use super::{ApiError, Ctx, HandlerResult};
use crate::state::State;
use crate::world::{ChannelRec, GuildRec};

/// A resource module's router: `None` when the request is not its.
type Handler = fn(&mut Ctx<'_>, &mut State, &str, &[&str]) -> Option<HandlerResult>;

/// Finds the handler of a request.
pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> HandlerResult {
    let handlers: [Handler; 16] = [
        guild_settings::route,
        expressions::route,
        moderation::route,
        applications::route,
        lobbies::route,
        misc::route,
        messages::route,
        reactions::route,
        threads::route,
        channels::route,
        interactions::route,
        webhooks::route,
        commands::route,
        members::route,
        guilds::route,
        invites::route,
    ];
    for h in handlers {
        if let Some(r) = h(ctx, st, method, segs) {
            return r;
        }
    }
    Err(ApiError::not_found())
}

/// Parses a snowflake path segment.
pub(crate) fn id(seg: &str, field: &str) -> Result<u64, ApiError> {
    seg.parse::<u64>().ok().filter(|v| *v != 0).ok_or_else(|| {
        ApiError::form(
            field,
            "NUMBER_TYPE_COERCE",
            format!("Value \"{seg}\" is not snowflake."),
        )
    })
}

/// A channel the bot can see, or 10003 / 50001.
pub(crate) fn visible_channel(st: &State, bot: u64, channel: u64) -> Result<&ChannelRec, ApiError> {
    let c = st
        .world
        .channels
        .get(&channel)
        .ok_or_else(ApiError::unknown_channel)?;
    if bot != 0 && !st.world.can_view(c, bot) {
        return Err(ApiError::missing_access());
    }
    Ok(c)
}

/// Checks channel permissions of the bot (50001 when it cannot see the channel, 50013 otherwise).
pub(crate) fn require_channel(
    st: &State,
    bot: u64,
    channel: u64,
    needed: Permissions,
) -> Result<(), ApiError> {
    let c = visible_channel(st, bot, channel)?;
    if bot == 0 {
        return Ok(());
    }
    let p = st
        .world
        .channel_permissions(c, bot)
        .unwrap_or(Permissions::empty());
    if !p.contains(needed) {
        return Err(ApiError::missing_permissions());
    }
    Ok(())
}

/// A guild the bot is in, or 10004 / 50001.
pub(crate) fn guild(st: &State, bot: u64, guild: u64) -> Result<&GuildRec, ApiError> {
    let g = st
        .world
        .guilds
        .get(&guild)
        .ok_or_else(ApiError::unknown_guild)?;
    if bot != 0 && !g.members.contains_key(&bot) {
        return Err(ApiError::missing_access());
    }
    Ok(g)
}

/// Checks guild-wide permissions of the bot.
pub(crate) fn require_guild(
    st: &State,
    bot: u64,
    guild_id: u64,
    needed: Permissions,
) -> Result<(), ApiError> {
    let g = guild(st, bot, guild_id)?;
    let p = st
        .world
        .base_permissions(g, bot)
        .unwrap_or(Permissions::empty());
    if !p.contains(needed) {
        return Err(ApiError::missing_permissions());
    }
    Ok(())
}

/// A string field, checked for length.
pub(crate) fn string_field(v: &Value, key: &str, max: usize) -> Result<Option<String>, ApiError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            if s.chars().count() > max {
                return Err(ApiError::max_length(key, max));
            }
            Ok(Some(s.clone()))
        }
        Some(_) => Err(ApiError::form(
            key,
            "STRING_TYPE_CONVERT",
            "Could not interpret value as string.",
        )),
    }
}

/// A snowflake query parameter (`None` when absent; a form error when not a snowflake).
pub(crate) fn query_id(ctx: &Ctx<'_>, key: &str) -> Result<Option<u64>, ApiError> {
    ctx.query(key).map(|v| id(v, key)).transpose()
}

/// A string field between `min` and `max` characters (`None` when absent or null),
/// with Discord's form errors for a wrong length or type.
pub(crate) fn text_between(
    v: &Value,
    key: &str,
    min: usize,
    max: usize,
) -> Result<Option<String>, ApiError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let n = s.chars().count();
            if n < min || n > max {
                return Err(ApiError::form(
                    key,
                    "BASE_TYPE_BAD_LENGTH",
                    format!("Must be between {min} and {max} in length."),
                ));
            }
            Ok(Some(s.clone()))
        }
        Some(_) => Err(ApiError::form(
            key,
            "STRING_TYPE_CONVERT",
            "Could not interpret value as string.",
        )),
    }
}

/// The highest role position of a member (the owner is above everyone).
pub(crate) fn top_position(g: &GuildRec, user: u64) -> i64 {
    if g.owner_id == user {
        return i64::MAX;
    }
    g.members.get(&user).map_or(0, |m| {
        m.roles
            .iter()
            .filter_map(|r| g.roles.get(r))
            .map(|r| r.position)
            .max()
            .unwrap_or(0)
    })
}

pub(crate) use channels::create_guild_channel as channels_create;
pub(crate) use misc::dm_channel;
