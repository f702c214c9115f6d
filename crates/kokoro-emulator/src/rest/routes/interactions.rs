//! Interaction callbacks (the 3-second rule, 40060, 10062) and follow-ups
//! through the interaction's webhook.

use serde_json::{Value, json};

use super::id;
use super::messages::{self, NewMessage};
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;

/// Interaction callback types.
const PONG: u64 = 1;
const MESSAGE: u64 = 4;
const DEFERRED_MESSAGE: u64 = 5;
const DEFERRED_UPDATE: u64 = 6;
const UPDATE_MESSAGE: u64 = 7;

fn callback(ctx: &mut Ctx<'_>, st: &mut State, iid: u64, token: &str) -> HandlerResult {
    let keep = ctx.cfg.replay_buffer;
    let body = ctx.json()?;
    let kind = body
        .get("type")
        .and_then(Value::as_u64)
        .ok_or_else(|| ApiError::required("type"))?;
    let i = st
        .world
        .interactions
        .get(&iid)
        .filter(|i| i.token == token)
        .ok_or_else(ApiError::unknown_interaction)?;
    if i.response.is_some() {
        return Err(ApiError::already_acknowledged());
    }
    if i.created.elapsed() > ctx.cfg.interaction_deadline {
        return Err(ApiError::unknown_interaction());
    }
    if !matches!(kind, 1 | 4..=9 | 12) {
        return Err(ApiError::form(
            "type",
            "BASE_TYPE_CHOICES",
            "Value must be one of {1, 4, 5, 6, 7, 8, 9, 12}.".to_string(),
        ));
    }
    if matches!(kind, DEFERRED_UPDATE | UPDATE_MESSAGE) && i.source_message.is_none() {
        return Err(ApiError::new(
            400,
            40004,
            "Interaction callback type is not valid for this interaction",
        ));
    }
    let (channel, bot, app, user, source) = (
        i.channel_id,
        ctx_bot(st, i.application_id),
        i.application_id,
        i.user,
        i.source_message,
    );
    let data = body.get("data").cloned().unwrap_or(json!({}));
    let mut message = None;
    let mut created = None;
    match kind {
        MESSAGE => {
            let meta = json!({"id": iid.to_string(), "type": 2, "user": st.world.users.get(&user).map(|u| u.json()), "authorizing_integration_owners": {}});
            let m = NewMessage {
                channel,
                author: bot,
                body: data.clone(),
                files: std::mem::take(&mut ctx.body.files),
                application_id: Some(app),
                interaction: Some(meta),
                kind: 20,
                webhook_id: Some(app),
            };
            let v = messages::create(st, keep, ctx.counters, m)?;
            message = crate::gateway::commands::id_field(&v, "id");
            created = Some(v);
        }
        UPDATE_MESSAGE => {
            if let Some(src) = source {
                created = Some(messages::edit(st, keep, ctx.counters, channel, src, &data)?);
                message = Some(src);
            }
        }
        DEFERRED_UPDATE => message = source,
        _ => {}
    }
    let _ = PONG;
    if let Some(i) = st.world.interactions.get_mut(&iid) {
        i.response = Some(kind as u8);
        i.original_message = message;
    }
    st.world.interaction_responses.push((iid, body));
    if ctx.query("with_response") == Some("true") {
        return Ok(Reply::json(json!({
            "interaction": {"id": iid.to_string(), "type": 2, "activity_instance_id": null, "response_message_id": message.map(|m| m.to_string()), "response_message_loading": kind == DEFERRED_MESSAGE, "response_message_ephemeral": false},
            "resource": {"type": kind, "message": created},
        })));
    }
    Ok(Reply::no_content())
}

fn ctx_bot(st: &State, app: u64) -> u64 {
    st.world.apps.get(&app).map_or(0, |a| a.bot_user)
}

fn followup(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    iid: u64,
    rest: &[&str],
) -> HandlerResult {
    let keep = ctx.cfg.replay_buffer;
    let i = st
        .world
        .interactions
        .get(&iid)
        .ok_or_else(ApiError::unknown_webhook)?
        .clone();
    if i.created.elapsed() > ctx.cfg.interaction_token_lifetime {
        return Err(ApiError::new(401, 50027, "Invalid Webhook Token"));
    }
    if i.response.is_none() {
        return Err(ApiError::unknown_webhook());
    }
    let bot = ctx_bot(st, i.application_id);
    let target = |seg: &str| -> Result<Option<u64>, ApiError> {
        if seg == "@original" {
            Ok(i.original_message)
        } else {
            id(seg, "message_id").map(Some)
        }
    };
    match (method, rest) {
        ("POST", []) => {
            let body = ctx.json()?;
            let files = std::mem::take(&mut ctx.body.files);
            let m = NewMessage {
                channel: i.channel_id,
                author: bot,
                body,
                files,
                application_id: Some(i.application_id),
                webhook_id: Some(i.application_id),
                ..NewMessage::default()
            };
            messages::create(st, keep, ctx.counters, m).map(Reply::json)
        }
        ("GET", ["messages", m]) => {
            let m = target(m)?.ok_or_else(ApiError::unknown_message)?;
            let msg = st
                .world
                .messages
                .get(&i.channel_id)
                .and_then(|ms| ms.get(&m))
                .ok_or_else(ApiError::unknown_message)?;
            Ok(Reply::json(msg.json(None)))
        }
        ("PATCH", ["messages", m]) => {
            let body = ctx.json()?;
            match target(m)? {
                Some(m) => {
                    messages::edit(st, keep, ctx.counters, i.channel_id, m, &body).map(Reply::json)
                }
                None if *m == "@original" => {
                    // A deferred response gets its message on the first edit.
                    let nm = NewMessage {
                        channel: i.channel_id,
                        author: bot,
                        body,
                        application_id: Some(i.application_id),
                        webhook_id: Some(i.application_id),
                        kind: 20,
                        ..NewMessage::default()
                    };
                    let v = messages::create(st, keep, ctx.counters, nm)?;
                    if let Some(rec) = st.world.interactions.get_mut(&iid) {
                        rec.original_message = crate::gateway::commands::id_field(&v, "id");
                    }
                    Ok(Reply::json(v))
                }
                None => Err(ApiError::unknown_message()),
            }
        }
        ("DELETE", ["messages", m]) => {
            let m = target(m)?.ok_or_else(ApiError::unknown_message)?;
            messages::delete(st, keep, ctx.counters, i.channel_id, m)?;
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    match (method, segs) {
        ("POST", ["interactions", i, token, "callback"]) => {
            Some(id(i, "interaction_id").and_then(|i| callback(ctx, st, i, token)))
        }
        (_, ["webhooks", _app, token, rest @ ..]) => {
            let iid = *st.world.interaction_tokens.get(*token)?;
            Some(followup(ctx, st, method, iid, rest))
        }
        _ => None,
    }
}
