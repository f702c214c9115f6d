//! Messages: create (JSON or multipart), get, list, edit, delete, bulk delete,
//! pins and typing.

use std::collections::BTreeMap;

use kokoro_model::{Intents, Permissions, Timestamp};
use serde_json::{Value, json};

use super::{id, require_channel, visible_channel};
use crate::gateway::session::Dispatch;
use crate::rest::multipart::Upload;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::{Counters, State};
use crate::world::{MessageRec, audit, kind, opt_id};

/// A message about to be created.
#[derive(Debug, Default)]
pub(crate) struct NewMessage {
    pub(crate) channel: u64,
    pub(crate) author: u64,
    pub(crate) body: Value,
    pub(crate) files: Vec<Upload>,
    pub(crate) webhook_id: Option<u64>,
    pub(crate) application_id: Option<u64>,
    pub(crate) interaction: Option<Value>,
    pub(crate) kind: u8,
}

/// User ids mentioned as `<@id>` or `<@!id>` in a text.
fn parse_mentions(content: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut rest = content;
    while let Some(i) = rest.find("<@") {
        rest = &rest[i + 2..];
        let r = rest.strip_prefix('!').unwrap_or(rest);
        if let Some(end) = r.find('>')
            && let Ok(id) = r[..end].parse::<u64>()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

/// Checks a message body against Discord's limits.
pub(crate) fn validate(body: &Value, files: usize, editing: bool) -> Result<(), ApiError> {
    let content = super::string_field(body, "content", 2000)?;
    let embeds = body.get("embeds").and_then(Value::as_array);
    if let Some(e) = embeds {
        if e.len() > 10 {
            return Err(ApiError::form(
                "embeds",
                "BASE_TYPE_MAX_LENGTH",
                "Must be 10 or fewer in length.",
            ));
        }
        for (i, embed) in e.iter().enumerate() {
            if embed
                .get("title")
                .and_then(Value::as_str)
                .is_some_and(|t| t.chars().count() > 256)
            {
                return Err(ApiError::max_length(&format!("embeds.{i}.title"), 256));
            }
            if embed
                .get("description")
                .and_then(Value::as_str)
                .is_some_and(|t| t.chars().count() > 4096)
            {
                return Err(ApiError::max_length(
                    &format!("embeds.{i}.description"),
                    4096,
                ));
            }
        }
    }
    let components = body.get("components").and_then(Value::as_array);
    if components.is_some_and(|c| c.len() > 40) {
        return Err(ApiError::form(
            "components",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 40 or fewer in length.",
        ));
    }
    let has_something = content.as_deref().is_some_and(|c| !c.is_empty())
        || embeds.is_some_and(|e| !e.is_empty())
        || components.is_some_and(|c| !c.is_empty())
        || body
            .get("sticker_ids")
            .and_then(Value::as_array)
            .is_some_and(|s| !s.is_empty())
        || body.get("poll").is_some_and(|p| !p.is_null())
        || files > 0;
    if !editing && !has_something {
        return Err(ApiError::empty_message());
    }
    Ok(())
}

/// The uploaded files as attachments; the body's `attachments` entries describe them
/// by index (`{"id": n, "description": …}` for `files[n]`).
fn attachments_json(st: &mut State, files: &[Upload], body: &Value, channel: u64) -> Vec<Value> {
    let described = |n: usize| {
        body.get("attachments")
            .and_then(Value::as_array)
            .and_then(|list| {
                list.iter().find(|a| {
                    a.get("id").and_then(|i| {
                        i.as_u64()
                            .or_else(|| i.as_str().and_then(|s| s.parse().ok()))
                    }) == Some(n as u64)
                })
            })
            .and_then(|a| a.get("description"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    files
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let id = st.world.ids.next();
            json!({
                "description": described(n),
                "id": id.to_string(),
                "filename": f.filename,
                "size": f.size,
                "url": format!("https://cdn.discordapp.com/attachments/{channel}/{id}/{}", f.filename),
                "proxy_url": format!("https://media.discordapp.net/attachments/{channel}/{id}/{}", f.filename),
                "content_type": f.content_type,
            })
        })
        .collect()
}

/// Creates a message and dispatches MESSAGE_CREATE.
pub(crate) fn create(
    st: &mut State,
    keep: usize,
    counters: &Counters,
    m: NewMessage,
) -> Result<Value, ApiError> {
    validate(&m.body, m.files.len(), false)?;
    let channel = st
        .world
        .channels
        .get(&m.channel)
        .ok_or_else(ApiError::unknown_channel)?;
    let guild_id = channel.guild_id;
    let is_thread = kind::is_thread(channel.kind);
    let content = m
        .body
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let mut referenced = None;
    let mut reference = Value::Null;
    if let Some(r) = m.body.get("message_reference").filter(|r| !r.is_null()) {
        let rid = crate::gateway::commands::id_field(r, "message_id");
        let rchan = crate::gateway::commands::id_field(r, "channel_id").unwrap_or(m.channel);
        let fail = r
            .get("fail_if_not_exists")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let found = rid.and_then(|rid| st.world.messages.get(&rchan).and_then(|ms| ms.get(&rid)));
        match found {
            Some(msg) => {
                referenced = Some(msg.json(None));
                reference = json!({"type": 0, "message_id": msg.id.to_string(), "channel_id": rchan.to_string(), "guild_id": opt_id(guild_id)});
            }
            None if fail => {
                return Err(ApiError::form(
                    "message_reference",
                    "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                    "Unknown message",
                ));
            }
            None => {}
        }
    }
    // Mentions, limited by allowed_mentions.
    let mut mentions = parse_mentions(&content);
    if let Some(am) = m.body.get("allowed_mentions").filter(|a| a.is_object()) {
        let parse_users = am
            .get("parse")
            .and_then(Value::as_array)
            .is_some_and(|p| p.iter().any(|x| x == "users"));
        let listed: Vec<u64> = am
            .get("users")
            .and_then(Value::as_array)
            .map_or(vec![], |u| {
                u.iter()
                    .filter_map(crate::gateway::commands::value_id)
                    .collect()
            });
        if !parse_users {
            mentions.retain(|u| listed.contains(u));
        }
    }
    mentions.retain(|u| st.world.users.contains_key(u));
    let id = st.world.ids.next();
    let attachments = attachments_json(st, &m.files, &m.body, m.channel);
    let author = st
        .world
        .users
        .get(&m.author)
        .map(|u| u.json())
        .ok_or_else(ApiError::unknown_user)?;
    let mut v = json!({
        "id": id.to_string(),
        "type": m.kind,
        "channel_id": m.channel.to_string(),
        "author": author,
        "content": content,
        "timestamp": Timestamp::now().to_string(),
        "edited_timestamp": null,
        "tts": m.body.get("tts").and_then(Value::as_bool).unwrap_or(false),
        "mention_everyone": false,
        "mentions": mentions.iter().filter_map(|u| st.world.users.get(u)).map(|u| u.json()).collect::<Vec<_>>(),
        "mention_roles": [],
        "attachments": attachments,
        "embeds": m.body.get("embeds").cloned().unwrap_or(json!([])),
        "pinned": false,
        "flags": m.body.get("flags").and_then(Value::as_u64).unwrap_or(0) & (4 | 64 | 4096 | 32768),
        "components": m.body.get("components").cloned().unwrap_or(json!([])),
    });
    if let Some(n) = m.body.get("nonce").filter(|n| !n.is_null()) {
        v["nonce"] = n.clone();
    }
    if let Some(p) = m.body.get("poll").filter(|p| !p.is_null()) {
        v["poll"] = super::moderation::shape_poll(p);
    }
    if !reference.is_null() {
        v["message_reference"] = reference;
        v["referenced_message"] = referenced.unwrap_or(Value::Null);
        v["type"] = 19.into();
    }
    if let Some(w) = m.webhook_id {
        v["webhook_id"] = w.to_string().into();
    }
    if let Some(a) = m.application_id {
        v["application_id"] = a.to_string().into();
    }
    if let Some(i) = m.interaction {
        v["interaction_metadata"] = i;
    }
    if let Some(c) = st.world.channels.get_mut(&m.channel) {
        c.last_message_id = Some(id);
        if let Some(t) = c.thread.as_mut() {
            t.message_count += 1;
        }
    }
    let rec = MessageRec {
        id,
        author: m.author,
        mentions: mentions.clone(),
        value: v.clone(),
        reactions: vec![],
    };
    let max = 10_000;
    let msgs = st.world.messages.entry(m.channel).or_default();
    msgs.insert(id, rec);
    while msgs.len() > max {
        msgs.pop_first();
    }
    let mut d = v.clone();
    if let Some(g) = guild_id {
        d["guild_id"] = g.to_string().into();
        if let Some(member) = st.world.guilds.get(&g).and_then(|gr| {
            gr.members
                .get(&m.author)
                .map(|mm| st.world.member_json(gr, mm))
        }) {
            let mut member = member;
            if let Some(o) = member.as_object_mut() {
                o.remove("user");
            }
            d["member"] = member;
        }
    }
    let _ = is_thread;
    let mut ev = Dispatch::new("MESSAGE_CREATE", d)
        .guild(guild_id)
        .channel(m.channel)
        .guild_or_dm(Intents::GUILD_MESSAGES, Intents::DIRECT_MESSAGES);
    ev.content = Some((m.author, mentions));
    crate::events::publish(st, ev, keep, counters);
    Ok(v)
}

/// Edits a message's content, embeds, components, flags or attachments.
pub(crate) fn edit(
    st: &mut State,
    keep: usize,
    counters: &Counters,
    channel: u64,
    message: u64,
    body: &Value,
) -> Result<Value, ApiError> {
    validate(body, 0, true)?;
    let guild_id = st.world.channels.get(&channel).and_then(|c| c.guild_id);
    let msg = st
        .world
        .messages
        .get_mut(&channel)
        .and_then(|m| m.get_mut(&message))
        .ok_or_else(ApiError::unknown_message)?;
    for key in [
        "content",
        "embeds",
        "components",
        "flags",
        "attachments",
        "allowed_mentions",
    ] {
        if let Some(v) = body.get(key)
            && key != "allowed_mentions"
        {
            msg.value[key] = if v.is_null() && key != "flags" {
                if key == "content" {
                    json!("")
                } else {
                    json!([])
                }
            } else {
                v.clone()
            };
        }
    }
    if let Some(content) = body.get("content").and_then(Value::as_str) {
        msg.mentions = parse_mentions(content);
    }
    msg.value["edited_timestamp"] = Timestamp::now().to_string().into();
    let v = msg.json(None);
    let (author, mentions) = (msg.author, msg.mentions.clone());
    let mut d = v.clone();
    if let Some(g) = guild_id {
        d["guild_id"] = g.to_string().into();
    }
    let mut ev = Dispatch::new("MESSAGE_UPDATE", d)
        .guild(guild_id)
        .channel(channel)
        .guild_or_dm(Intents::GUILD_MESSAGES, Intents::DIRECT_MESSAGES);
    ev.content = Some((author, mentions));
    crate::events::publish(st, ev, keep, counters);
    Ok(v)
}

/// Deletes a message and dispatches MESSAGE_DELETE.
pub(crate) fn delete(
    st: &mut State,
    keep: usize,
    counters: &Counters,
    channel: u64,
    message: u64,
) -> Result<MessageRec, ApiError> {
    let guild_id = st.world.channels.get(&channel).and_then(|c| c.guild_id);
    let rec = st
        .world
        .messages
        .get_mut(&channel)
        .and_then(|m| m.remove(&message))
        .ok_or_else(ApiError::unknown_message)?;
    if let Some(c) = st.world.channels.get_mut(&channel) {
        c.pins.retain(|(m, _)| *m != message);
    }
    let ev = Dispatch::new(
        "MESSAGE_DELETE",
        json!({"id": message.to_string(), "channel_id": channel.to_string(), "guild_id": opt_id(guild_id)}),
    )
    .guild(guild_id)
    .channel(channel)
    .guild_or_dm(Intents::GUILD_MESSAGES, Intents::DIRECT_MESSAGES);
    crate::events::publish(st, ev, keep, counters);
    Ok(rec)
}

fn list(ctx: &Ctx<'_>, st: &State, channel: u64) -> HandlerResult {
    let limit = ctx
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::form(
            "limit",
            "NUMBER_TYPE_MAX",
            "int value should be less than or equal to 100.",
        ));
    }
    let empty = BTreeMap::new();
    let msgs = st.world.messages.get(&channel).unwrap_or(&empty);
    let me = Some(ctx.bot);
    let pick: Vec<Value> =
        if let Some(before) = ctx.query("before").and_then(|v| v.parse::<u64>().ok()) {
            msgs.range(..before)
                .rev()
                .take(limit)
                .map(|(_, m)| m.json(me))
                .collect()
        } else if let Some(after) = ctx.query("after").and_then(|v| v.parse::<u64>().ok()) {
            let mut v: Vec<Value> = msgs
                .range(after + 1..)
                .take(limit)
                .map(|(_, m)| m.json(me))
                .collect();
            v.reverse();
            v
        } else if let Some(around) = ctx.query("around").and_then(|v| v.parse::<u64>().ok()) {
            let half = limit / 2;
            let mut newer: Vec<Value> = msgs
                .range(around..)
                .take(limit - half)
                .map(|(_, m)| m.json(me))
                .collect();
            newer.reverse();
            newer.extend(
                msgs.range(..around)
                    .rev()
                    .take(half)
                    .map(|(_, m)| m.json(me)),
            );
            newer
        } else {
            msgs.values()
                .rev()
                .take(limit)
                .map(|m| m.json(me))
                .collect()
        };
    Ok(Reply::json(Value::Array(pick)))
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let keep = ctx.cfg.replay_buffer;
    Some((|| match (method, segs) {
        ("GET", ["channels", c, "messages"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY)?;
            list(ctx, st, c)
        }
        ("POST", ["channels", c, "messages"]) => {
            let c = id(c, "channel_id")?;
            let ch = visible_channel(st, ctx.bot, c)?;
            let needed = if kind::is_thread(ch.kind) { Permissions::SEND_MESSAGES_IN_THREADS } else { Permissions::SEND_MESSAGES };
            if ch.thread.as_ref().is_some_and(|t| t.locked) {
                return Err(ApiError::new(400, 50083, "Thread is archived"));
            }
            require_channel(st, ctx.bot, c, needed)?;
            if !ctx.body.files.is_empty() {
                require_channel(st, ctx.bot, c, Permissions::ATTACH_FILES)?;
            }
            let body = ctx.json()?;
            let files = std::mem::take(&mut ctx.body.files);
            let m = NewMessage { channel: c, author: ctx.bot, body, files, ..NewMessage::default() };
            create(st, keep, ctx.counters, m).map(Reply::json)
        }
        ("GET", ["channels", c, "pins"]) | ("GET", ["channels", c, "messages", "pins"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY)?;
            let ch = st.world.channels.get(&c).ok_or_else(ApiError::unknown_channel)?;
            let msgs = st.world.messages.get(&c);
            let pins: Vec<(Value, Timestamp)> = ch
                .pins
                .iter()
                .rev()
                .filter_map(|(m, at)| msgs.and_then(|ms| ms.get(m)).map(|m| (m.json(Some(ctx.bot)), *at)))
                .collect();
            if segs.len() == 4 {
                let items: Vec<Value> = pins.into_iter().map(|(m, at)| json!({"pinned_at": at.to_string(), "message": m})).collect();
                Ok(Reply::json(json!({"items": items, "has_more": false})))
            } else {
                Ok(Reply::json(Value::Array(pins.into_iter().map(|(m, _)| m).collect())))
            }
        }
        ("GET", ["channels", c, "messages", m]) => {
            let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
            require_channel(st, ctx.bot, c, Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY)?;
            let msg = st.world.messages.get(&c).and_then(|ms| ms.get(&m)).ok_or_else(ApiError::unknown_message)?;
            Ok(Reply::json(msg.json(Some(ctx.bot))))
        }
        ("PATCH", ["channels", c, "messages", m]) => {
            let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
            visible_channel(st, ctx.bot, c)?;
            let msg = st.world.messages.get(&c).and_then(|ms| ms.get(&m)).ok_or_else(ApiError::unknown_message)?;
            if msg.author != ctx.bot {
                return Err(ApiError::new(403, 50005, "Cannot edit a message authored by another user"));
            }
            let body = ctx.json()?;
            edit(st, keep, ctx.counters, c, m, &body).map(Reply::json)
        }
        ("DELETE", ["channels", c, "messages", m]) => {
            let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
            visible_channel(st, ctx.bot, c)?;
            let msg = st.world.messages.get(&c).and_then(|ms| ms.get(&m)).ok_or_else(ApiError::unknown_message)?;
            let author = msg.author;
            if author != ctx.bot {
                require_channel(st, ctx.bot, c, Permissions::MANAGE_MESSAGES)?;
            }
            delete(st, keep, ctx.counters, c, m)?;
            if author != ctx.bot
                && let Some(g) = st.world.channels.get(&c).and_then(|ch| ch.guild_id) {
                    ctx.audit(st, g, audit::MESSAGE_DELETE, Some(author), json!([]));
                }
            Ok(Reply::no_content())
        }
        ("POST", ["channels", c, "messages", "bulk-delete"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::MANAGE_MESSAGES)?;
            let body = ctx.json()?;
            let ids: Vec<u64> = body
                .get("messages")
                .and_then(Value::as_array)
                .ok_or_else(|| ApiError::required("messages"))?
                .iter()
                .filter_map(crate::gateway::commands::value_id)
                .collect();
            if ids.len() < 2 || ids.len() > 100 {
                return Err(ApiError::form("messages", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length."));
            }
            let two_weeks = 14 * 24 * 3600 * 1000;
            let now_ms = (Timestamp::now().as_millis() as u64).saturating_sub(1_420_070_400_000);
            if ids.iter().any(|i| now_ms.saturating_sub(i >> 22) > two_weeks) {
                return Err(ApiError::new(400, 50034, "You can only bulk delete messages that are under 14 days old."));
            }
            let guild_id = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
            let mut deleted = Vec::new();
            if let Some(ms) = st.world.messages.get_mut(&c) {
                for i in &ids {
                    if ms.remove(i).is_some() {
                        deleted.push(Value::String(i.to_string()));
                    }
                }
            }
            let ev = Dispatch::new("MESSAGE_DELETE_BULK", json!({"ids": deleted, "channel_id": c.to_string(), "guild_id": opt_id(guild_id)}))
                .guild(guild_id)
                .channel(c)
                .intents(Intents::GUILD_MESSAGES);
            ctx.emit(st, ev);
            if let Some(g) = guild_id {
                ctx.audit(st, g, audit::MESSAGE_BULK_DELETE, Some(c), json!([]));
            }
            Ok(Reply::no_content())
        }
        ("POST", ["channels", c, "typing"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::SEND_MESSAGES)?;
            let guild_id = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
            let ev = Dispatch::new(
                "TYPING_START",
                json!({"channel_id": c.to_string(), "guild_id": opt_id(guild_id), "user_id": ctx.bot.to_string(), "timestamp": Timestamp::now().as_secs()}),
            )
            .guild(guild_id)
            .channel(c)
            .guild_or_dm(Intents::GUILD_MESSAGE_TYPING, Intents::DIRECT_MESSAGE_TYPING);
            ctx.emit(st, ev);
            Ok(Reply::no_content())
        }
        ("PUT", ["channels", c, "pins", m]) | ("PUT", ["channels", c, "messages", "pins", m]) => pin(ctx, st, c, m, true),
        ("DELETE", ["channels", c, "pins", m]) | ("DELETE", ["channels", c, "messages", "pins", m]) => pin(ctx, st, c, m, false),
        _ => Err(ApiError::not_found()),
    })())
    .filter(|r| !matches!(r, Err(e) if e.status == 404 && e.code == 0))
}

fn pin(ctx: &mut Ctx<'_>, st: &mut State, c: &str, m: &str, on: bool) -> HandlerResult {
    let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
    let ch = visible_channel(st, ctx.bot, c)?;
    if ch.guild_id.is_some() {
        let p = st
            .world
            .channel_permissions(ch, ctx.bot)
            .unwrap_or(Permissions::empty());
        if !p.intersects(Permissions::MANAGE_MESSAGES | Permissions::PIN_MESSAGES) {
            return Err(ApiError::missing_permissions());
        }
    }
    let exists = st
        .world
        .messages
        .get(&c)
        .is_some_and(|ms| ms.contains_key(&m));
    if !exists {
        return Err(ApiError::unknown_message());
    }
    let now = Timestamp::now();
    let ch = st
        .world
        .channels
        .get_mut(&c)
        .ok_or_else(ApiError::unknown_channel)?;
    if on {
        if ch.pins.len() >= 250 {
            return Err(ApiError::new(
                400,
                30003,
                "Maximum number of pins reached (250)",
            ));
        }
        if !ch.pins.iter().any(|(x, _)| *x == m) {
            ch.pins.push((m, now));
        }
        ch.last_pin_timestamp = Some(now);
    } else {
        ch.pins.retain(|(x, _)| *x != m);
    }
    let guild_id = ch.guild_id;
    let last = ch.last_pin_timestamp.map(|t| t.to_string());
    if let Some(msg) = st.world.messages.get_mut(&c).and_then(|ms| ms.get_mut(&m)) {
        msg.value["pinned"] = on.into();
    }
    let ev = Dispatch::new(
        "CHANNEL_PINS_UPDATE",
        json!({"guild_id": opt_id(guild_id), "channel_id": c.to_string(), "last_pin_timestamp": last}),
    )
    .guild(guild_id)
    .channel(c)
    .guild_or_dm(Intents::GUILDS, Intents::DIRECT_MESSAGES);
    ctx.emit(st, ev);
    if let Some(g) = guild_id {
        let action = if on {
            audit::MESSAGE_PIN
        } else {
            audit::MESSAGE_UNPIN
        };
        ctx.audit(st, g, action, Some(m), json!([]));
    }
    Ok(Reply::no_content())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_found() {
        assert_eq!(
            parse_mentions("hi <@12> and <@!34> and <@x> <@12>"),
            vec![12, 34]
        );
    }
}
