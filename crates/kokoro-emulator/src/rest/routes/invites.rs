//! Invites: create and list for a channel, list for a guild, get and delete.

use kokoro_model::{Intents, Permissions, Timestamp};
use serde_json::{Value, json};

use super::{id, require_channel, require_guild};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{InviteRec, audit};

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    Some((|| match (method, segs) {
        ("POST", ["channels", c, "invites"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::CREATE_INSTANT_INVITE)?;
            let body = ctx.json()?;
            let guild_id = st.world.channels.get(&c).and_then(|ch| ch.guild_id).ok_or_else(ApiError::unknown_channel)?;
            let n = st.world.ids.next();
            let code: String = crate::world::make_token(n, 11).chars().take(8).collect();
            let inv = InviteRec {
                code: code.clone(),
                guild_id,
                channel_id: c,
                inviter: ctx.bot,
                max_age: body.get("max_age").and_then(Value::as_u64).unwrap_or(86_400).min(604_800),
                max_uses: body.get("max_uses").and_then(Value::as_u64).unwrap_or(0).min(100),
                uses: 0,
                temporary: body.get("temporary").and_then(Value::as_bool).unwrap_or(false),
                created_at: Timestamp::now(),
            };
            let v = inv.json(&st.world, true);
            st.world.invites.insert(code.clone(), inv);
            let mut d = v.clone();
            d["channel_id"] = c.to_string().into();
            d["guild_id"] = guild_id.to_string().into();
            ctx.emit(st, Dispatch::new("INVITE_CREATE", d).guild(Some(guild_id)).intents(Intents::GUILD_INVITES));
            ctx.audit(st, guild_id, audit::INVITE_CREATE, None, json!([{"key": "code", "new_value": code}]));
            Ok(Reply::json(v))
        }
        ("GET", ["channels", c, "invites"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::MANAGE_CHANNELS)?;
            Ok(Reply::json(Value::Array(st.world.invites.values().filter(|i| i.channel_id == c).map(|i| i.json(&st.world, true)).collect())))
        }
        ("GET", ["guilds", g, "invites"]) => {
            let g = id(g, "guild_id")?;
            require_guild(st, ctx.bot, g, Permissions::MANAGE_GUILD)?;
            Ok(Reply::json(Value::Array(st.world.invites.values().filter(|i| i.guild_id == g).map(|i| i.json(&st.world, true)).collect())))
        }
        ("GET", ["invites", code]) => {
            let inv = st.world.invites.get(*code).ok_or_else(ApiError::unknown_invite)?;
            Ok(Reply::json(inv.json(&st.world, false)))
        }
        ("DELETE", ["invites", code]) => {
            let inv = st.world.invites.get(*code).ok_or_else(ApiError::unknown_invite)?.clone();
            let p = st.world.channels.get(&inv.channel_id).and_then(|c| st.world.channel_permissions(c, ctx.bot)).unwrap_or_default();
            if !p.intersects(Permissions::MANAGE_CHANNELS | Permissions::MANAGE_GUILD) {
                return Err(ApiError::missing_permissions());
            }
            let v = inv.json(&st.world, false);
            st.world.invites.remove(*code);
            let d = json!({"channel_id": inv.channel_id.to_string(), "guild_id": inv.guild_id.to_string(), "code": inv.code});
            ctx.emit(st, Dispatch::new("INVITE_DELETE", d).guild(Some(inv.guild_id)).intents(Intents::GUILD_INVITES));
            ctx.audit(st, inv.guild_id, audit::INVITE_DELETE, None, json!([]));
            Ok(Reply::json(v))
        }
        _ => Err(ApiError::not_found()),
    })())
    .filter(|r| !matches!(r, Err(e) if e.status == 404 && e.code == 0))
}
