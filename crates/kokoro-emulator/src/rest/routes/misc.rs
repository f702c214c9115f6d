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
        ("GET", ["users", "@me"]) => {
            let u = st.world.users.get(&ctx.bot)?;
            let mut v = u.json();
            v["verified"] = true.into();
            v["mfa_enabled"] = false.into();
            v["flags"] = 0.into();
            Ok(Reply::json(v))
        }
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
