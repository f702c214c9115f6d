//! Threads: start from a message, without one, in a forum; join, leave and
//! members; archived and active lists.

use std::collections::BTreeMap;

use kokoro_model::{Intents, Permissions, Timestamp};
use serde_json::{Value, json};

use super::messages::{self, NewMessage};
use super::{id, require_channel, string_field, visible_channel};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{ChannelRec, ThreadMeta, audit, kind};

fn new_thread(
    ctx: &Ctx<'_>,
    st: &mut State,
    parent: u64,
    id: u64,
    k: u8,
    body: &Value,
) -> Result<Value, ApiError> {
    let name = string_field(body, "name", 100)?.ok_or_else(|| ApiError::required("name"))?;
    let p = st
        .world
        .channels
        .get(&parent)
        .ok_or_else(ApiError::unknown_channel)?;
    let guild = p
        .guild_id
        .ok_or_else(|| ApiError::new(400, 50024, "Cannot execute action on this channel type"))?;
    let now = Timestamp::now();
    let mut members = BTreeMap::new();
    members.insert(ctx.bot, now);
    let ch = ChannelRec {
        id,
        kind: k,
        guild_id: Some(guild),
        name: Some(name),
        topic: None,
        position: 0,
        parent_id: Some(parent),
        nsfw: p.nsfw,
        rate_limit_per_user: body
            .get("rate_limit_per_user")
            .and_then(Value::as_u64)
            .unwrap_or(0),
        overwrites: vec![],
        recipients: vec![],
        last_message_id: None,
        thread: Some(ThreadMeta {
            owner_id: ctx.bot,
            archived: false,
            locked: false,
            auto_archive_duration: body
                .get("auto_archive_duration")
                .and_then(Value::as_u64)
                .unwrap_or(4320),
            archive_timestamp: now,
            members,
            message_count: 0,
            invitable: body
                .get("invitable")
                .and_then(Value::as_bool)
                .unwrap_or(true),
        }),
        pins: vec![],
        last_pin_timestamp: None,
    };
    st.world.channels.insert(id, ch);
    if let Some(g) = st.world.guilds.get_mut(&guild) {
        g.channels.insert(id);
    }
    let mut v = st
        .world
        .channels
        .get(&id)
        .map(|c| c.json(&st.world))
        .unwrap_or_default();
    v["newly_created"] = true.into();
    ctx.emit(
        st,
        Dispatch::new("THREAD_CREATE", v.clone())
            .guild(Some(guild))
            .channel(id)
            .intents(Intents::GUILDS),
    );
    ctx.audit(st, guild, audit::THREAD_CREATE, Some(id), json!([]));
    if let Some(o) = v.as_object_mut() {
        o.remove("newly_created");
    }
    Ok(v)
}

fn thread_member(thread: u64, user: u64, at: Timestamp) -> Value {
    json!({"id": thread.to_string(), "user_id": user.to_string(), "join_timestamp": at.to_string(), "flags": 0})
}

fn members_update(
    ctx: &Ctx<'_>,
    st: &mut State,
    thread: u64,
    added: Option<u64>,
    removed: Option<u64>,
) {
    let Some(ch) = st.world.channels.get(&thread) else {
        return;
    };
    let (Some(g), Some(t)) = (ch.guild_id, ch.thread.as_ref()) else {
        return;
    };
    let d = json!({
        "id": thread.to_string(),
        "guild_id": g.to_string(),
        "member_count": t.members.len().min(50),
        "added_members": added.map(|u| vec![thread_member(thread, u, Timestamp::now())]).unwrap_or_default(),
        "removed_member_ids": removed.map(|u| vec![u.to_string()]).unwrap_or_default(),
    });
    ctx.emit(
        st,
        Dispatch::new("THREAD_MEMBERS_UPDATE", d)
            .guild(Some(g))
            .intents(Intents::GUILD_MEMBERS),
    );
}

/// How a page of archived threads is cut: `before` (a time, or a thread id for the
/// joined list) and `limit` (2 to 100, Discord's default 50).
fn archived_page(ctx: &Ctx<'_>, joined: bool) -> Result<(Option<i64>, usize), ApiError> {
    let limit = match ctx.query("limit") {
        None => 50,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (2..=100).contains(l))
            .ok_or_else(|| {
                ApiError::form(
                    "limit",
                    "NUMBER_TYPE_MAX",
                    "Int value should be between 2 and 100.",
                )
            })?,
    };
    let before = match ctx.query("before") {
        None => None,
        Some(b) if joined => Some(id(b, "before")? as i64),
        Some(b) => {
            let t = Timestamp::parse(&super::moderation::decode(b)).map_err(|_| {
                ApiError::form("before", "DATE_TIME_TYPE_PARSE", "Could not parse date.")
            })?;
            Some(t.as_millis())
        }
    };
    Ok((before, limit))
}

fn archived(
    st: &State,
    bot: u64,
    parent: u64,
    private: bool,
    only: Option<u64>,
    (before, limit): (Option<i64>, usize),
) -> Value {
    // Sorted by archive time (by id for the joined list), most recent first.
    let key = |c: &ChannelRec| -> i64 {
        if only.is_some() {
            c.id as i64
        } else {
            c.thread
                .as_ref()
                .map_or(0, |t| t.archive_timestamp.as_millis())
        }
    };
    let mut threads: Vec<&ChannelRec> = st
        .world
        .channels
        .values()
        .filter(|c| c.parent_id == Some(parent) && c.thread.as_ref().is_some_and(|t| t.archived))
        .filter(|c| (c.kind == kind::PRIVATE_THREAD) == private)
        .filter(|c| {
            only.is_none_or(|u| {
                c.thread
                    .as_ref()
                    .is_some_and(|t| t.members.contains_key(&u))
            })
        })
        .filter(|c| before.is_none_or(|b| key(c) < b))
        .collect();
    threads.sort_by_key(|c| std::cmp::Reverse((key(c), c.id)));
    let has_more = threads.len() > limit;
    threads.truncate(limit);
    let members: Vec<Value> = threads
        .iter()
        .filter_map(|c| {
            let at = c.thread.as_ref()?.members.get(&bot)?;
            Some(thread_member(c.id, bot, *at))
        })
        .collect();
    json!({
        "threads": threads.iter().map(|c| c.json(&st.world)).collect::<Vec<_>>(),
        "members": members,
        "has_more": has_more,
    })
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let keep = ctx.cfg.replay_buffer;
    Some((|| match (method, segs) {
        ("POST", ["channels", c, "messages", m, "threads"]) => {
            let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
            require_channel(st, ctx.bot, c, Permissions::CREATE_PUBLIC_THREADS)?;
            if !st
                .world
                .messages
                .get(&c)
                .is_some_and(|ms| ms.contains_key(&m))
            {
                return Err(ApiError::unknown_message());
            }
            if st.world.channels.contains_key(&m) {
                return Err(ApiError::new(
                    400,
                    160004,
                    "A thread has already been created for this message",
                ));
            }
            let k = if st
                .world
                .channels
                .get(&c)
                .is_some_and(|ch| ch.kind == kind::GUILD_ANNOUNCEMENT)
            {
                kind::ANNOUNCEMENT_THREAD
            } else {
                kind::PUBLIC_THREAD
            };
            let body = ctx.json()?;
            let v = new_thread(ctx, st, c, m, k, &body)?;
            Ok(Reply::created(v))
        }
        ("POST", ["channels", c, "threads"]) => {
            let c = id(c, "channel_id")?;
            let parent = visible_channel(st, ctx.bot, c)?;
            let forum = matches!(parent.kind, kind::GUILD_FORUM | kind::GUILD_MEDIA);
            let body = ctx.json()?;
            let k = if forum {
                kind::PUBLIC_THREAD
            } else {
                body.get("type")
                    .and_then(Value::as_u64)
                    .unwrap_or(u64::from(kind::PRIVATE_THREAD)) as u8
            };
            if !kind::is_thread(k) {
                return Err(ApiError::form(
                    "type",
                    "BASE_TYPE_CHOICES",
                    "Value must be one of {10, 11, 12}.",
                ));
            }
            let needed = if forum {
                Permissions::SEND_MESSAGES
            } else if k == kind::PRIVATE_THREAD {
                Permissions::CREATE_PRIVATE_THREADS
            } else {
                Permissions::CREATE_PUBLIC_THREADS
            };
            require_channel(st, ctx.bot, c, needed)?;
            let starter = if forum {
                let msg = body
                    .get("message")
                    .cloned()
                    .ok_or_else(|| ApiError::required("message"))?;
                messages::validate(&msg, ctx.body.files.len(), false).map_err(|mut e| {
                    if let Some(errs) = e.errors.take() {
                        e.errors = Some(json!({"message": errs}));
                    }
                    e
                })?;
                Some(msg)
            } else {
                None
            };
            let tid = st.world.ids.next();
            let mut v = new_thread(ctx, st, c, tid, k, &body)?;
            if let Some(msg) = starter {
                let files = std::mem::take(&mut ctx.body.files);
                let nm = NewMessage {
                    channel: tid,
                    author: ctx.bot,
                    body: msg,
                    files,
                    ..NewMessage::default()
                };
                let m = messages::create(st, keep, ctx.counters, nm)?;
                v["message"] = m;
            }
            Ok(Reply::created(v))
        }
        ("PUT" | "DELETE", ["channels", c, "thread-members", u]) => {
            let c = id(c, "channel_id")?;
            let user = if *u == "@me" {
                ctx.bot
            } else {
                id(u, "user_id")?
            };
            let ch = visible_channel(st, ctx.bot, c)?;
            let t = ch.thread.as_ref().ok_or_else(|| {
                ApiError::new(400, 50024, "Cannot execute action on this channel type")
            })?;
            if t.archived {
                return Err(ApiError::new(400, 50083, "Thread is archived"));
            }
            if user != ctx.bot {
                let owner = t.owner_id == ctx.bot;
                if method == "DELETE" && !owner {
                    require_channel(st, ctx.bot, c, Permissions::MANAGE_THREADS)?;
                }
                let guild = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
                if !guild
                    .and_then(|g| st.world.guilds.get(&g))
                    .is_some_and(|g| g.members.contains_key(&user))
                {
                    return Err(ApiError::unknown_member());
                }
            }
            let t = st
                .world
                .channels
                .get_mut(&c)
                .and_then(|ch| ch.thread.as_mut())
                .ok_or_else(ApiError::unknown_channel)?;
            if method == "PUT" {
                if t.members.insert(user, Timestamp::now()).is_none() {
                    members_update(ctx, st, c, Some(user), None);
                }
            } else if t.members.remove(&user).is_some() {
                members_update(ctx, st, c, None, Some(user));
            }
            Ok(Reply::no_content())
        }
        ("GET", ["channels", c, "thread-members", u]) => {
            let (c, u) = (id(c, "channel_id")?, id(u, "user_id")?);
            let ch = visible_channel(st, ctx.bot, c)?;
            let at = ch
                .thread
                .as_ref()
                .and_then(|t| t.members.get(&u))
                .ok_or_else(ApiError::unknown_member)?;
            let mut v = thread_member(c, u, *at);
            if ctx.query("with_member") == Some("true")
                && let Some(m) = ch
                    .guild_id
                    .and_then(|g| st.world.guilds.get(&g))
                    .and_then(|g| g.members.get(&u).map(|m| st.world.member_json(g, m)))
            {
                v["member"] = m;
            }
            Ok(Reply::json(v))
        }
        ("GET", ["channels", c, "thread-members"]) => {
            let c = id(c, "channel_id")?;
            let ch = visible_channel(st, ctx.bot, c)?;
            let t = ch.thread.as_ref().ok_or_else(|| {
                ApiError::new(400, 50024, "Cannot execute action on this channel type")
            })?;
            Ok(Reply::json(Value::Array(
                t.members
                    .iter()
                    .map(|(u, at)| thread_member(c, *u, *at))
                    .collect(),
            )))
        }
        ("GET", ["channels", c, "threads", "archived", which]) => {
            let c = id(c, "channel_id")?;
            let private = *which == "private";
            require_channel(
                st,
                ctx.bot,
                c,
                Permissions::READ_MESSAGE_HISTORY
                    | if private {
                        Permissions::MANAGE_THREADS
                    } else {
                        Permissions::empty()
                    },
            )?;
            let page = archived_page(ctx, false)?;
            Ok(Reply::json(archived(st, ctx.bot, c, private, None, page)))
        }
        (
            "GET",
            [
                "channels",
                c,
                "users",
                "@me",
                "threads",
                "archived",
                "private",
            ],
        ) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::READ_MESSAGE_HISTORY)?;
            let page = archived_page(ctx, true)?;
            Ok(Reply::json(archived(
                st,
                ctx.bot,
                c,
                true,
                Some(ctx.bot),
                page,
            )))
        }
        ("GET", ["guilds", g, "threads", "active"]) => {
            let g = id(g, "guild_id")?;
            let guild = super::guild(st, ctx.bot, g)?;
            let threads: Vec<Value> = guild
                .channels
                .iter()
                .filter_map(|c| st.world.channels.get(c))
                .filter(|c| c.thread.as_ref().is_some_and(|t| !t.archived))
                .filter(|c| st.world.can_view(c, ctx.bot))
                .map(|c| c.json(&st.world))
                .collect();
            Ok(Reply::json(json!({"threads": threads, "members": []})))
        }
        _ => Err(ApiError::not_found()),
    })())
    .filter(|r| !matches!(r, Err(e) if e.status == 404 && e.code == 0))
}
