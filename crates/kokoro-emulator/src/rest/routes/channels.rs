//! Channels: get, modify, delete, permission overwrites, and guild channel
//! create/list.

use kokoro_model::{Intents, Permissions};
use serde_json::{Value, json};

use super::{id, require_channel, require_guild, string_field, visible_channel};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{ChannelRec, Overwrite, audit, kind};

fn parse_overwrites(v: &Value) -> Result<Vec<Overwrite>, ApiError> {
    let Some(arr) = v.as_array() else {
        return Ok(vec![]);
    };
    arr.iter()
        .map(|o| {
            let perm = |k: &str| {
                o.get(k)
                    .and_then(|x| x.as_str().and_then(|s| s.parse().ok()).or(x.as_u64()))
                    .map_or(Permissions::empty(), Permissions::from_bits_retain)
            };
            Ok(Overwrite {
                id: crate::gateway::commands::id_field(o, "id")
                    .ok_or_else(|| ApiError::required("permission_overwrites.id"))?,
                kind: o.get("type").and_then(Value::as_u64).unwrap_or(0) as u8,
                allow: perm("allow"),
                deny: perm("deny"),
            })
        })
        .collect()
}

/// Creates a guild channel from a JSON body (shared with the driver).
pub(crate) fn create_guild_channel(
    st: &mut State,
    guild: u64,
    body: &Value,
) -> Result<u64, ApiError> {
    let name = string_field(body, "name", 100)?.ok_or_else(|| ApiError::required("name"))?;
    let k = body.get("type").and_then(Value::as_u64).unwrap_or(0) as u8;
    let id = st.world.ids.next();
    let position = st
        .world
        .guilds
        .get(&guild)
        .map_or(0, |g| g.channels.len() as i64);
    let ch = ChannelRec {
        id,
        kind: k,
        guild_id: Some(guild),
        name: Some(name),
        topic: string_field(body, "topic", 1024)?,
        position: body
            .get("position")
            .and_then(Value::as_i64)
            .unwrap_or(position),
        parent_id: crate::gateway::commands::id_field(body, "parent_id"),
        nsfw: body.get("nsfw").and_then(Value::as_bool).unwrap_or(false),
        rate_limit_per_user: body
            .get("rate_limit_per_user")
            .and_then(Value::as_u64)
            .unwrap_or(0),
        overwrites: parse_overwrites(body.get("permission_overwrites").unwrap_or(&Value::Null))?,
        recipients: vec![],
        last_message_id: None,
        thread: None,
        pins: vec![],
        last_pin_timestamp: None,
    };
    st.world.channels.insert(id, ch);
    st.world
        .guilds
        .get_mut(&guild)
        .ok_or_else(ApiError::unknown_guild)?
        .channels
        .insert(id);
    Ok(id)
}

pub(crate) fn channel_event(
    ctx: &Ctx<'_>,
    st: &mut State,
    name: &'static str,
    channel: u64,
    json: Value,
) {
    let guild = json
        .get("guild_id")
        .and_then(Value::as_str)
        .and_then(|g| g.parse().ok());
    let ev = Dispatch::new(name, json)
        .guild(guild)
        .intents(Intents::GUILDS);
    let ev = if name == "CHANNEL_DELETE" {
        ev
    } else {
        ev.channel(channel)
    };
    ctx.emit(st, ev);
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    Some((|| match (method, segs) {
        ("GET", ["channels", c]) => {
            let c = id(c, "channel_id")?;
            Ok(Reply::json(
                visible_channel(st, ctx.bot, c)?.json(&st.world),
            ))
        }
        ("PATCH", ["channels", c]) => {
            let c = id(c, "channel_id")?;
            let ch = visible_channel(st, ctx.bot, c)?;
            let is_thread = kind::is_thread(ch.kind);
            let owner = ch.thread.as_ref().is_some_and(|t| t.owner_id == ctx.bot);
            if !owner {
                let p = if is_thread {
                    Permissions::MANAGE_THREADS
                } else {
                    Permissions::MANAGE_CHANNELS
                };
                require_channel(st, ctx.bot, c, p)?;
            }
            let body = ctx.json()?;
            let name = string_field(&body, "name", 100)?;
            let topic = body
                .get("topic")
                .map(|_| string_field(&body, "topic", 1024))
                .transpose()?;
            let overwrites = body
                .get("permission_overwrites")
                .map(parse_overwrites)
                .transpose()?;
            let ch = st
                .world
                .channels
                .get_mut(&c)
                .ok_or_else(ApiError::unknown_channel)?;
            if let Some(n) = name {
                ch.name = Some(n);
            }
            if let Some(t) = topic {
                ch.topic = t;
            }
            if let Some(o) = overwrites {
                ch.overwrites = o;
            }
            if let Some(n) = body.get("nsfw").and_then(Value::as_bool) {
                ch.nsfw = n;
            }
            if let Some(r) = body.get("rate_limit_per_user").and_then(Value::as_u64) {
                ch.rate_limit_per_user = r;
            }
            if let Some(p) = body.get("position").and_then(Value::as_i64) {
                ch.position = p;
            }
            if body.get("parent_id").is_some() {
                ch.parent_id = crate::gateway::commands::id_field(&body, "parent_id");
            }
            if let Some(t) = ch.thread.as_mut() {
                if let Some(a) = body.get("archived").and_then(Value::as_bool) {
                    t.archived = a;
                    t.archive_timestamp = kokoro_model::Timestamp::now();
                }
                if let Some(l) = body.get("locked").and_then(Value::as_bool) {
                    t.locked = l;
                }
                if let Some(d) = body.get("auto_archive_duration").and_then(Value::as_u64) {
                    t.auto_archive_duration = d;
                }
            }
            let guild = ch.guild_id;
            let v = st
                .world
                .channels
                .get(&c)
                .map(|ch| ch.json(&st.world))
                .unwrap_or_default();
            channel_event(
                ctx,
                st,
                if is_thread {
                    "THREAD_UPDATE"
                } else {
                    "CHANNEL_UPDATE"
                },
                c,
                v.clone(),
            );
            if let Some(g) = guild {
                let action = if is_thread {
                    audit::THREAD_UPDATE
                } else {
                    audit::CHANNEL_UPDATE
                };
                ctx.audit(st, g, action, Some(c), json!([]));
            }
            Ok(Reply::json(v))
        }
        ("DELETE", ["channels", c]) => {
            let c = id(c, "channel_id")?;
            let ch = visible_channel(st, ctx.bot, c)?;
            let is_thread = kind::is_thread(ch.kind);
            if ch.guild_id.is_some() {
                require_channel(
                    st,
                    ctx.bot,
                    c,
                    if is_thread {
                        Permissions::MANAGE_THREADS
                    } else {
                        Permissions::MANAGE_CHANNELS
                    },
                )?;
            }
            let v = ch.json(&st.world);
            let guild = ch.guild_id;
            st.world.channels.remove(&c);
            st.world.messages.remove(&c);
            if let Some(g) = guild.and_then(|g| st.world.guilds.get_mut(&g)) {
                g.channels.remove(&c);
            }
            channel_event(
                ctx,
                st,
                if is_thread {
                    "THREAD_DELETE"
                } else {
                    "CHANNEL_DELETE"
                },
                c,
                v.clone(),
            );
            if let Some(g) = guild {
                let action = if is_thread {
                    audit::THREAD_DELETE
                } else {
                    audit::CHANNEL_DELETE
                };
                ctx.audit(st, g, action, Some(c), json!([]));
            }
            Ok(Reply::json(v))
        }
        ("PUT", ["channels", c, "permissions", o])
        | ("DELETE", ["channels", c, "permissions", o]) => {
            let (c, o) = (id(c, "channel_id")?, id(o, "overwrite_id")?);
            require_channel(st, ctx.bot, c, Permissions::MANAGE_ROLES)?;
            let body = ctx.json()?;
            let mut with_id = body.clone();
            with_id["id"] = o.to_string().into();
            let new = if method == "PUT" {
                parse_overwrites(&json!([with_id]))?.pop()
            } else {
                None
            };
            if let Some(n) = &new {
                let g = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
                let known = if n.kind == 0 {
                    g.and_then(|g| st.world.guilds.get(&g))
                        .is_some_and(|g| g.roles.contains_key(&o))
                } else {
                    st.world.users.contains_key(&o)
                };
                if body
                    .get("type")
                    .and_then(Value::as_u64)
                    .is_none_or(|t| t > 1)
                {
                    return Err(ApiError::form(
                        "type",
                        "BASE_TYPE_CHOICES",
                        "Value must be one of {0, 1}.",
                    ));
                }
                if !known {
                    return Err(if n.kind == 0 {
                        ApiError::unknown_role()
                    } else {
                        ApiError::unknown_user()
                    });
                }
            }
            let ch = st
                .world
                .channels
                .get_mut(&c)
                .ok_or_else(ApiError::unknown_channel)?;
            let existed = ch.overwrites.iter().any(|x| x.id == o);
            if method == "DELETE" && !existed {
                return Err(ApiError::new(404, 10009, "Unknown Overwrite"));
            }
            ch.overwrites.retain(|x| x.id != o);
            ch.overwrites.extend(new);
            let guild = ch.guild_id;
            let v = st
                .world
                .channels
                .get(&c)
                .map(|ch| ch.json(&st.world))
                .unwrap_or_default();
            channel_event(ctx, st, "CHANNEL_UPDATE", c, v);
            if let Some(g) = guild {
                let action = match (method, existed) {
                    ("DELETE", _) => audit::CHANNEL_OVERWRITE_DELETE,
                    (_, true) => audit::CHANNEL_OVERWRITE_UPDATE,
                    _ => audit::CHANNEL_OVERWRITE_CREATE,
                };
                let changes = new.map_or(json!([]), |n| {
                    json!([
                        {"key": "allow", "new_value": n.allow.bits().to_string()},
                        {"key": "deny", "new_value": n.deny.bits().to_string()},
                    ])
                });
                ctx.audit(st, g, action, Some(c), changes);
            }
            Ok(Reply::no_content())
        }
        ("GET", ["guilds", g, "channels"]) => {
            let g = id(g, "guild_id")?;
            let guild = super::guild(st, ctx.bot, g)?;
            let list: Vec<Value> = guild
                .channels
                .iter()
                .filter_map(|c| st.world.channels.get(c))
                .filter(|c| !kind::is_thread(c.kind))
                .map(|c| c.json(&st.world))
                .collect();
            Ok(Reply::json(Value::Array(list)))
        }
        ("POST", ["guilds", g, "channels"]) => {
            let g = id(g, "guild_id")?;
            require_guild(st, ctx.bot, g, Permissions::MANAGE_CHANNELS)?;
            let body = ctx.json()?;
            let c = create_guild_channel(st, g, &body)?;
            let v = st
                .world
                .channels
                .get(&c)
                .map(|ch| ch.json(&st.world))
                .unwrap_or_default();
            channel_event(ctx, st, "CHANNEL_CREATE", c, v.clone());
            ctx.audit(st, g, audit::CHANNEL_CREATE, Some(c), json!([]));
            Ok(Reply::created(v))
        }
        _ => Err(ApiError::not_found()),
    })())
    .filter(|r| !matches!(r, Err(e) if e.status == 404 && e.code == 0))
}
