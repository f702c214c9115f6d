//! Webhooks: create, list, get, modify, delete, and execute with a token.

use kokoro_model::{Intents, Permissions};
use serde_json::{Value, json};

use super::messages::{self, NewMessage, emit_audit};
use super::{id, require_channel, require_guild, string_field};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{WebhookRec, audit, make_token};

fn webhooks_update(ctx: &Ctx<'_>, st: &mut State, guild: Option<u64>, channel: Option<u64>) {
    let (Some(g), Some(c)) = (guild, channel) else {
        return;
    };
    let ev = Dispatch::new(
        "WEBHOOKS_UPDATE",
        json!({"guild_id": g.to_string(), "channel_id": c.to_string()}),
    )
    .guild(Some(g))
    .intents(Intents::GUILD_WEBHOOKS);
    ctx.emit(st, ev);
}

fn by_token<'a>(st: &'a State, w: &str, token: &str) -> Result<&'a WebhookRec, ApiError> {
    let w = id(w, "webhook_id")?;
    let hook = st
        .world
        .webhooks
        .get(&w)
        .ok_or_else(ApiError::unknown_webhook)?;
    if hook.token.as_deref() != Some(token) {
        return Err(ApiError::new(401, 50027, "Invalid Webhook Token"));
    }
    Ok(hook)
}

fn audit_hook(ctx: &Ctx<'_>, st: &mut State, guild: Option<u64>, action: u16, target: u64) {
    if let Some(g) = guild {
        let reason = ctx.reason.clone();
        if let Some(e) = st.world.audit(
            g,
            ctx.bot,
            action,
            Some(target),
            reason.as_deref(),
            json!([]),
        ) {
            emit_audit(ctx, st, g, e);
        }
    }
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let keep = ctx.cfg.replay_buffer;
    Some((|| match (method, segs) {
        ("POST", ["channels", c, "webhooks"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            let body = ctx.json()?;
            let name =
                string_field(&body, "name", 80)?.ok_or_else(|| ApiError::required("name"))?;
            if name.to_lowercase().contains("discord") || name.to_lowercase().contains("clyde") {
                return Err(ApiError::form(
                    "name",
                    "USERNAME_INVALID_CONTAINS",
                    "Username cannot contain \"discord\"",
                ));
            }
            let wid = st.world.ids.next();
            let guild = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
            let hook = WebhookRec {
                id: wid,
                kind: 1,
                guild_id: guild,
                channel_id: Some(c),
                name: Some(name),
                token: Some(make_token(wid, 3)),
                creator: Some(ctx.bot),
                application_id: Some(ctx.app),
            };
            let v = hook.json(&st.world, true);
            st.world.webhooks.insert(wid, hook);
            webhooks_update(ctx, st, guild, Some(c));
            audit_hook(ctx, st, guild, audit::WEBHOOK_CREATE, wid);
            Ok(Reply::json(v))
        }
        ("GET", ["channels", c, "webhooks"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            Ok(Reply::json(Value::Array(
                st.world
                    .webhooks
                    .values()
                    .filter(|w| w.channel_id == Some(c))
                    .map(|w| w.json(&st.world, true))
                    .collect(),
            )))
        }
        ("GET", ["guilds", g, "webhooks"]) => {
            let g = id(g, "guild_id")?;
            require_guild(st, ctx.bot, g, Permissions::MANAGE_WEBHOOKS)?;
            Ok(Reply::json(Value::Array(
                st.world
                    .webhooks
                    .values()
                    .filter(|w| w.guild_id == Some(g))
                    .map(|w| w.json(&st.world, true))
                    .collect(),
            )))
        }
        ("GET", ["webhooks", w]) => {
            let w = id(w, "webhook_id")?;
            let hook = st
                .world
                .webhooks
                .get(&w)
                .ok_or_else(ApiError::unknown_webhook)?;
            if let Some(c) = hook.channel_id {
                require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            }
            Ok(Reply::json(hook.json(&st.world, true)))
        }
        ("GET", ["webhooks", w, t]) => Ok(Reply::json(by_token(st, w, t)?.json(&st.world, false))),
        ("PATCH", ["webhooks", w]) | ("PATCH", ["webhooks", w, _]) => {
            let hook = if let [_, _, t] = segs {
                by_token(st, w, t)?.clone()
            } else {
                let wid = id(w, "webhook_id")?;
                let hook = st
                    .world
                    .webhooks
                    .get(&wid)
                    .ok_or_else(ApiError::unknown_webhook)?
                    .clone();
                if let Some(c) = hook.channel_id {
                    require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
                }
                hook
            };
            let body = ctx.json()?;
            let name = string_field(&body, "name", 80)?;
            let new_channel = if segs.len() == 2 {
                crate::gateway::commands::id_field(&body, "channel_id")
            } else {
                None
            };
            if let Some(c) = new_channel {
                require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            }
            let h = st
                .world
                .webhooks
                .get_mut(&hook.id)
                .ok_or_else(ApiError::unknown_webhook)?;
            if let Some(n) = name {
                h.name = Some(n);
            }
            if let Some(c) = new_channel {
                h.channel_id = Some(c);
            }
            let h = h.clone();
            let v = h.json(&st.world, segs.len() == 2);
            webhooks_update(ctx, st, hook.guild_id, hook.channel_id);
            audit_hook(ctx, st, hook.guild_id, audit::WEBHOOK_UPDATE, hook.id);
            Ok(Reply::json(v))
        }
        ("DELETE", ["webhooks", w]) | ("DELETE", ["webhooks", w, _]) => {
            let hook = if let [_, _, t] = segs {
                by_token(st, w, t)?.clone()
            } else {
                let wid = id(w, "webhook_id")?;
                let hook = st
                    .world
                    .webhooks
                    .get(&wid)
                    .ok_or_else(ApiError::unknown_webhook)?
                    .clone();
                if let Some(c) = hook.channel_id {
                    require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
                }
                hook
            };
            st.world.webhooks.remove(&hook.id);
            webhooks_update(ctx, st, hook.guild_id, hook.channel_id);
            audit_hook(ctx, st, hook.guild_id, audit::WEBHOOK_DELETE, hook.id);
            Ok(Reply::no_content())
        }
        ("POST", ["webhooks", w, t]) => {
            let hook = by_token(st, w, t)?.clone();
            let channel = hook.channel_id.ok_or_else(ApiError::unknown_channel)?;
            let mut body = ctx.json()?;
            let name = string_field(&body, "username", 80)?
                .or(hook.name.clone())
                .unwrap_or_else(|| "Webhook".into());
            // Webhook messages are authored by a user-like object of the webhook.
            let author = hook.id;
            st.world
                .users
                .entry(author)
                .or_insert_with(|| crate::world::UserRec {
                    id: author,
                    username: name.clone(),
                    global_name: None,
                    bot: true,
                });
            if let Some(u) = st.world.users.get_mut(&author) {
                u.username = name;
            }
            if let Some(o) = body.as_object_mut() {
                o.remove("username");
                o.remove("avatar_url");
            }
            let files = std::mem::take(&mut ctx.body.files);
            let m = NewMessage {
                channel,
                author,
                body,
                files,
                webhook_id: Some(hook.id),
                application_id: hook.application_id.filter(|_| hook.kind == 3),
                ..NewMessage::default()
            };
            let v = messages::create(st, keep, ctx.counters, m)?;
            if ctx.query("wait") == Some("true") {
                Ok(Reply::json(v))
            } else {
                Ok(Reply::no_content())
            }
        }
        ("GET", ["webhooks", w, t, "messages", m])
        | ("PATCH", ["webhooks", w, t, "messages", m])
        | ("DELETE", ["webhooks", w, t, "messages", m]) => {
            let hook = by_token(st, w, t)?.clone();
            let channel = hook.channel_id.ok_or_else(ApiError::unknown_channel)?;
            let m = id(m, "message_id")?;
            let msg = st
                .world
                .messages
                .get(&channel)
                .and_then(|ms| ms.get(&m))
                .filter(|msg| msg.author == hook.id)
                .ok_or_else(ApiError::unknown_message)?;
            match method {
                "GET" => Ok(Reply::json(msg.json(None))),
                "PATCH" => {
                    let body = ctx.json()?;
                    messages::edit(st, keep, ctx.counters, channel, m, &body).map(Reply::json)
                }
                _ => messages::delete(st, keep, ctx.counters, channel, m)
                    .map(|_| Reply::no_content()),
            }
        }
        _ => Err(ApiError::not_found()),
    })())
    .filter(|r| !matches!(r, Err(e) if e.status == 404 && e.code == 0))
}
