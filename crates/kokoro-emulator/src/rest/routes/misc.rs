//! Gateway discovery and users.

use serde_json::{Value, json};

use super::id;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{ChannelRec, kind};

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let gateway_url = st.world.gateway_url.clone();
    Some(match (method, segs) {
        ("GET", ["gateway"]) => Ok(Reply::json(json!({"url": gateway_url}))),
        ("GET", ["gateway", "bot"]) => {
            let app = st.world.apps.get(&ctx.app)?;
            let now = std::time::Instant::now();
            let (remaining, reset_after) = if now >= app.session_start_reset {
                (ctx.cfg.session_start_total, ctx.cfg.session_start_reset_after)
            } else {
                (app.session_starts_left, app.session_start_reset - now)
            };
            Ok(Reply::json(json!({
                "url": gateway_url,
                "shards": ctx.cfg.recommended_shards,
                "session_start_limit": {
                    "total": ctx.cfg.session_start_total,
                    "remaining": remaining,
                    "reset_after": reset_after.as_millis() as u64,
                    "max_concurrency": ctx.cfg.max_concurrency,
                },
            })))
        }
        ("GET", ["users", "@me"]) => Ok(Reply::json(super::lobbies::current_user_json(st, ctx.bot)?)),
        ("GET", ["users", "@me", "guilds"]) => Ok(Reply::json(Value::Array(
            st.world
                .guilds
                .values()
                .filter(|g| g.members.contains_key(&ctx.bot))
                .map(|g| {
                    let perms = st.world.base_permissions(g, ctx.bot).unwrap_or_default();
                    json!({"id": g.id.to_string(), "name": g.name, "icon": null, "banner": null, "owner": g.owner_id == ctx.bot, "permissions": perms.bits().to_string(), "features": []})
                })
                .collect(),
        ))),
        ("GET", ["users", u]) => (|| {
            let u = id(u, "user_id")?;
            st.world.users.get(&u).map(|u| Reply::json(u.json())).ok_or_else(ApiError::unknown_user)
        })(),
        ("POST", ["users", "@me", "channels"]) => (|| {
            let body = ctx.json()?;
            if body.get("access_tokens").is_some_and(|t| !t.is_null()) {
                return group_dm(ctx, st, &body);
            }
            let r = crate::gateway::commands::id_field(&body, "recipient_id").ok_or_else(|| ApiError::required("recipient_id"))?;
            if !st.world.users.contains_key(&r) {
                return Err(ApiError::unknown_user());
            }
            let c = dm_channel(st, ctx.bot, r);
            let ch = st.world.channels.get(&c).ok_or_else(ApiError::unknown_channel)?;
            Ok(Reply::json(ch.json(&st.world)))
        })(),
        _ => return None,
    })
}

/// A group DM of the users whose `gdm.join` access tokens are given (and the caller),
/// with their `nicks`.
fn group_dm(ctx: &Ctx<'_>, st: &mut State, body: &Value) -> HandlerResult {
    let tokens = body
        .get("access_tokens")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            ApiError::form(
                "access_tokens",
                "LIST_TYPE_CONVERT",
                "Only iterables may be used in a ListType",
            )
        })?;
    if tokens.is_empty() || tokens.len() > 10 {
        return Err(ApiError::form(
            "access_tokens",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 10 in length.",
        ));
    }
    let mut recipients = vec![ctx.bot];
    for (i, t) in tokens.iter().enumerate() {
        let grant = t
            .as_str()
            .and_then(|t| st.world.bearer_tokens.get(t))
            .filter(|g| g.app == ctx.app && g.scopes.iter().any(|s| s == "gdm.join"))
            .ok_or_else(|| {
                ApiError::form(
                    &format!("access_tokens.{i}"),
                    "INVALID_ACCESS_TOKEN",
                    "Invalid access token",
                )
            })?;
        if !recipients.contains(&grant.user) {
            recipients.push(grant.user);
        }
    }
    let id = st.world.ids.next();
    st.world.channels.insert(
        id,
        ChannelRec {
            id,
            kind: 3,
            guild_id: None,
            name: None,
            topic: None,
            position: 0,
            parent_id: None,
            nsfw: false,
            rate_limit_per_user: 0,
            overwrites: vec![],
            recipients: recipients.clone(),
            last_message_id: None,
            thread: None,
            pins: vec![],
            last_pin_timestamp: None,
        },
    );
    let ch = st
        .world
        .channels
        .get(&id)
        .ok_or_else(ApiError::unknown_channel)?;
    let mut v = ch.json(&st.world);
    v["owner_id"] = ctx.bot.to_string().into();
    v["recipients"] = Value::Array(
        recipients
            .iter()
            .filter(|u| **u != ctx.bot)
            .filter_map(|u| st.world.users.get(u))
            .map(crate::world::UserRec::json)
            .collect(),
    );
    if let Some(nicks) = body.get("nicks").and_then(Value::as_object) {
        v["nicks"] = Value::Array(
            nicks
                .iter()
                .map(|(id, nick)| json!({"id": id, "nick": nick}))
                .collect(),
        );
    }
    Ok(Reply::json(v))
}

/// The DM channel between two users, created when missing.
pub(crate) fn dm_channel(st: &mut State, a: u64, b: u64) -> u64 {
    let key = (a.min(b), a.max(b));
    if let Some(c) = st.world.dms.get(&key) {
        return *c;
    }
    let id = st.world.ids.next();
    st.world.channels.insert(
        id,
        ChannelRec {
            id,
            kind: kind::DM,
            guild_id: None,
            name: None,
            topic: None,
            position: 0,
            parent_id: None,
            nsfw: false,
            rate_limit_per_user: 0,
            overwrites: vec![],
            recipients: vec![a, b],
            last_message_id: None,
            thread: None,
            pins: vec![],
            last_pin_timestamp: None,
        },
    );
    st.world.dms.insert(key, id);
    id
}
