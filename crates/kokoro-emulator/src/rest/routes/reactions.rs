//! Reactions: add own, remove own/user/all/emoji, list.

use kokoro_model::{Intents, Permissions};
use serde_json::{Value, json};

use super::{id, require_channel};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply, percent_decode};
use crate::state::State;
use crate::world::opt_id;

/// The key and emoji object of a `name:id` or unicode emoji path segment.
fn emoji(seg: &str) -> Result<(String, Value), ApiError> {
    let s = percent_decode(seg);
    if s.is_empty() {
        return Err(ApiError::unknown_emoji());
    }
    match s.split_once(':') {
        Some((name, id)) => {
            id.parse::<u64>().map_err(|_| ApiError::unknown_emoji())?;
            Ok((format!("{name}:{id}"), json!({"id": id, "name": name})))
        }
        None => Ok((s.clone(), json!({"id": null, "name": s}))),
    }
}

fn event(
    ctx: &Ctx<'_>,
    st: &mut State,
    name: &'static str,
    c: u64,
    m: u64,
    user: Option<u64>,
    emoji: Option<&Value>,
) {
    let guild = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
    let mut d = json!({"channel_id": c.to_string(), "message_id": m.to_string(), "guild_id": opt_id(guild)});
    if let Some(u) = user {
        d["user_id"] = u.to_string().into();
        d["burst"] = false.into();
        d["type"] = 0.into();
    }
    if let Some(e) = emoji {
        d["emoji"] = e.clone();
    }
    let ev = Dispatch::new(name, d).guild(guild).channel(c).guild_or_dm(
        Intents::GUILD_MESSAGE_REACTIONS,
        Intents::DIRECT_MESSAGE_REACTIONS,
    );
    ctx.emit(st, ev);
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let ["channels", c, "messages", m, "reactions", rest @ ..] = segs else {
        return None;
    };
    Some((|| {
        let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
        require_channel(
            st,
            ctx.bot,
            c,
            Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY,
        )?;
        let bot = ctx.bot;
        let msg = st
            .world
            .messages
            .get_mut(&c)
            .and_then(|ms| ms.get_mut(&m))
            .ok_or_else(ApiError::unknown_message)?;
        match (method, rest) {
            ("PUT", [e, "@me"]) => {
                let (key, obj) = emoji(e)?;
                let exists = msg.reactions.iter().any(|(k, _, _)| *k == key);
                if !exists {
                    require_channel(st, bot, c, Permissions::ADD_REACTIONS)?;
                }
                let msg = st
                    .world
                    .messages
                    .get_mut(&c)
                    .and_then(|ms| ms.get_mut(&m))
                    .ok_or_else(ApiError::unknown_message)?;
                match msg.reactions.iter_mut().find(|(k, _, _)| *k == key) {
                    Some((_, _, users)) if users.contains(&bot) => return Ok(Reply::no_content()),
                    Some((_, _, users)) => users.push(bot),
                    None => msg.reactions.push((key, obj.clone(), vec![bot])),
                }
                event(ctx, st, "MESSAGE_REACTION_ADD", c, m, Some(bot), Some(&obj));
                Ok(Reply::no_content())
            }
            ("DELETE", [e, who]) => {
                let (key, obj) = emoji(e)?;
                let user = if *who == "@me" {
                    bot
                } else {
                    id(who, "user_id")?
                };
                if user != bot {
                    require_channel(st, bot, c, Permissions::MANAGE_MESSAGES)?;
                }
                let msg = st
                    .world
                    .messages
                    .get_mut(&c)
                    .and_then(|ms| ms.get_mut(&m))
                    .ok_or_else(ApiError::unknown_message)?;
                let mut removed = false;
                for (k, _, users) in &mut msg.reactions {
                    if *k == key {
                        let before = users.len();
                        users.retain(|u| *u != user);
                        removed = users.len() != before;
                    }
                }
                msg.reactions.retain(|(_, _, u)| !u.is_empty());
                if removed {
                    event(
                        ctx,
                        st,
                        "MESSAGE_REACTION_REMOVE",
                        c,
                        m,
                        Some(user),
                        Some(&obj),
                    );
                }
                Ok(Reply::no_content())
            }
            ("DELETE", [e]) => {
                require_channel(st, bot, c, Permissions::MANAGE_MESSAGES)?;
                let (key, obj) = emoji(e)?;
                let msg = st
                    .world
                    .messages
                    .get_mut(&c)
                    .and_then(|ms| ms.get_mut(&m))
                    .ok_or_else(ApiError::unknown_message)?;
                msg.reactions.retain(|(k, _, _)| *k != key);
                event(
                    ctx,
                    st,
                    "MESSAGE_REACTION_REMOVE_EMOJI",
                    c,
                    m,
                    None,
                    Some(&obj),
                );
                Ok(Reply::no_content())
            }
            ("DELETE", []) => {
                require_channel(st, bot, c, Permissions::MANAGE_MESSAGES)?;
                let msg = st
                    .world
                    .messages
                    .get_mut(&c)
                    .and_then(|ms| ms.get_mut(&m))
                    .ok_or_else(ApiError::unknown_message)?;
                msg.reactions.clear();
                event(ctx, st, "MESSAGE_REACTION_REMOVE_ALL", c, m, None, None);
                Ok(Reply::no_content())
            }
            ("GET", [e]) => {
                let (key, _) = emoji(e)?;
                let limit = ctx
                    .query("limit")
                    .and_then(|l| l.parse::<usize>().ok())
                    .unwrap_or(25)
                    .clamp(1, 100);
                let after = ctx
                    .query("after")
                    .and_then(|a| a.parse::<u64>().ok())
                    .unwrap_or(0);
                let users: Vec<u64> = msg
                    .reactions
                    .iter()
                    .find(|(k, _, _)| *k == key)
                    .map_or(vec![], |(_, _, u)| u.clone());
                let mut users: Vec<u64> = users.into_iter().filter(|u| *u > after).collect();
                users.sort_unstable();
                let list: Vec<Value> = users
                    .iter()
                    .take(limit)
                    .filter_map(|u| st.world.users.get(u))
                    .map(|u| u.json())
                    .collect();
                Ok(Reply::json(Value::Array(list)))
            }
            _ => Err(ApiError::method_not_allowed()),
        }
    })())
}
