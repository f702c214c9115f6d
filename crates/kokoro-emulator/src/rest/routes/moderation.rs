//! Auto-moderation rules, voice states and regions, polls, and the channel routes added with them
//! (followers and crossposts, group DM recipients, voice channel status, thread search).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kokoro_model::{
    Intents, Permissions, Timestamp,
    id::{ChannelId, GuildId, MessageId, UserId},
};
use serde_json::{Map, Value, json};

use super::{id, query_id, require_channel, require_guild, string_field, visible_channel};
use crate::driver::{Emulator, EmulatorError};
use crate::gateway::commands::id_field;
use crate::gateway::session::Dispatch;
use crate::rest::routes::messages::{self, NewMessage};
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{ChannelRec, WebhookRec, audit, kind, opt_id};

/// Discord's voice regions (ids and names as `GET /voice/regions` lists them).
const REGIONS: &[(&str, &str)] = &[
    ("brazil", "Brazil"),
    ("hongkong", "Hong Kong"),
    ("india", "India"),
    ("japan", "Japan"),
    ("rotterdam", "Rotterdam"),
    ("singapore", "Singapore"),
    ("southafrica", "South Africa"),
    ("sydney", "Sydney"),
    ("us-central", "US Central"),
    ("us-east", "US East"),
    ("us-south", "US South"),
    ("us-west", "US West"),
];

/// The region the emulator calls closest to everyone.
const OPTIMAL_REGION: &str = "us-east";

/// What the emulator remembers of auto-moderation rules, voice states, polls.
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// Auto-moderation rules by id, as Discord's rule objects.
    rules: BTreeMap<u64, Value>,
    /// Poll votes: (channel, message) → answer id → voters.
    votes: HashMap<(u64, u64), BTreeMap<u64, BTreeSet<u64>>>,
    /// Status text of voice channels.
    voice_status: HashMap<u64, String>,
    /// Owners of group DMs.
    group_owners: HashMap<u64, u64>,
    /// Announcement channels followed: (source, target channel, webhook).
    followers: Vec<(u64, u64, u64)>,
}

fn cannot_on_type() -> ApiError {
    ApiError::new(400, 50024, "Cannot execute action on this channel type")
}

/// Discord documents no JSON code for an unknown rule: a plain 404.
fn unknown_rule() -> ApiError {
    ApiError::new(404, 0, "Unknown Auto Moderation Rule")
}

fn unknown_voice_state() -> ApiError {
    ApiError::new(404, 10065, "Unknown Voice State")
}

fn not_in_voice() -> ApiError {
    ApiError::new(400, 40032, "Target user is not connected to voice")
}

fn too_many(path: &str, max: usize) -> ApiError {
    ApiError::form(
        path,
        "BASE_TYPE_MAX_LENGTH",
        format!("Must be {max} or fewer in length."),
    )
}

fn bad_choice(path: &str, choices: &str) -> ApiError {
    ApiError::form(
        path,
        "BASE_TYPE_CHOICES",
        format!("Value must be one of {{{choices}}}."),
    )
}

fn out_of_range(path: &str, min: i64, max: i64) -> ApiError {
    ApiError::form(
        path,
        "NUMBER_TYPE_MAX",
        format!("Int value should be between {min} and {max}."),
    )
}

/// Decodes a percent-encoded query value (`+` is a space); invalid escapes stay as they are.
pub(crate) fn decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = raw
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every value of a repeated query parameter.
fn query_all(ctx: &Ctx<'_>, key: &str) -> Vec<String> {
    ctx.query
        .split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k) == key).then(|| decode(v))
        })
        .collect()
}

/// A numeric query parameter in `min..=max` (`default` when absent), or a form error.
fn query_number(
    ctx: &Ctx<'_>,
    key: &str,
    min: i64,
    max: i64,
    default: i64,
) -> Result<i64, ApiError> {
    match ctx.query(key) {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| out_of_range(key, min, max)),
    }
}

// ---------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    Some(match (method, segs) {
        ("POST", ["channels", c, "followers"]) => follow(ctx, st, c),
        ("POST", ["channels", c, "messages", m, "crosspost"]) => crosspost(ctx, st, c, m),
        ("PUT", ["channels", c, "recipients", u]) => add_recipient(ctx, st, c, u),
        ("DELETE", ["channels", c, "recipients", u]) => remove_recipient(ctx, st, c, u),
        ("PUT", ["channels", c, "voice-status"]) => voice_status(ctx, st, c),
        ("GET", ["channels", c, "threads", "search"]) => search_threads(ctx, st, c),
        ("GET", ["channels", c, "polls", m, "answers", a]) => answer_voters(ctx, st, c, m, a),
        ("POST", ["channels", c, "polls", m, "expire"]) => expire_poll(ctx, st, c, m),
        (_, ["guilds", g, "auto-moderation", "rules", rest @ ..]) => {
            auto_moderation(ctx, st, method, g, rest)
        }
        ("GET", ["voice", "regions"]) => Ok(Reply::json(regions())),
        ("GET", ["guilds", g, "regions"]) => id(g, "guild_id")
            .and_then(|g| super::guild(st, ctx.bot, g).map(|_| Reply::json(regions()))),
        ("GET", ["guilds", g, "voice-states", u]) => get_voice_state(ctx, st, g, u),
        ("PATCH", ["guilds", g, "voice-states", u]) => update_voice_state(ctx, st, g, u),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Followers and crossposts
// ---------------------------------------------------------------------------

fn follow(ctx: &mut Ctx<'_>, st: &mut State, c: &str) -> HandlerResult {
    let c = id(c, "channel_id")?;
    let source = visible_channel(st, ctx.bot, c)?;
    if source.kind != kind::GUILD_ANNOUNCEMENT {
        return Err(cannot_on_type());
    }
    let source_name = source.name.clone();
    let body = ctx.json()?;
    let target = match body.get("webhook_channel_id") {
        None | Some(Value::Null) => return Err(ApiError::required("webhook_channel_id")),
        Some(_) => id_field(&body, "webhook_channel_id").ok_or_else(|| {
            ApiError::form(
                "webhook_channel_id",
                "NUMBER_TYPE_COERCE",
                "Value is not snowflake.",
            )
        })?,
    };
    let t = visible_channel(st, ctx.bot, target)?;
    if !matches!(t.kind, kind::GUILD_TEXT | kind::GUILD_ANNOUNCEMENT) {
        return Err(cannot_on_type());
    }
    let guild = t.guild_id;
    require_channel(st, ctx.bot, target, Permissions::MANAGE_WEBHOOKS)?;
    let wid = st.world.ids.next();
    st.world.webhooks.insert(
        wid,
        WebhookRec {
            id: wid,
            kind: 2,
            guild_id: guild,
            channel_id: Some(target),
            name: source_name,
            token: None,
            creator: Some(ctx.bot),
            application_id: None,
        },
    );
    st.world.moderation.followers.push((c, target, wid));
    if let Some(g) = guild {
        ctx.emit(
            st,
            Dispatch::new(
                "WEBHOOKS_UPDATE",
                json!({"guild_id": g.to_string(), "channel_id": target.to_string()}),
            )
            .guild(Some(g))
            .intents(Intents::GUILD_WEBHOOKS),
        );
        ctx.audit(st, g, audit::WEBHOOK_CREATE, Some(wid), json!([]));
    }
    Ok(Reply::json(
        json!({"channel_id": c.to_string(), "webhook_id": wid.to_string()}),
    ))
}

/// MESSAGE_UPDATE with the stored message.
fn message_update(ctx: &Ctx<'_>, st: &mut State, c: u64, m: u64) {
    let guild = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
    let Some(mut v) = st
        .world
        .messages
        .get(&c)
        .and_then(|ms| ms.get(&m))
        .map(|msg| msg.json(None))
    else {
        return;
    };
    if let Some(g) = guild {
        v["guild_id"] = g.to_string().into();
    }
    ctx.emit(
        st,
        Dispatch::new("MESSAGE_UPDATE", v)
            .guild(guild)
            .channel(c)
            .guild_or_dm(Intents::GUILD_MESSAGES, Intents::DIRECT_MESSAGES),
    );
}

fn crosspost(ctx: &mut Ctx<'_>, st: &mut State, c: &str, m: &str) -> HandlerResult {
    let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
    let ch = visible_channel(st, ctx.bot, c)?;
    if ch.kind != kind::GUILD_ANNOUNCEMENT {
        return Err(cannot_on_type());
    }
    let guild = ch.guild_id;
    let msg = st
        .world
        .messages
        .get(&c)
        .and_then(|ms| ms.get(&m))
        .ok_or_else(ApiError::unknown_message)?;
    let needed = if msg.author == ctx.bot {
        Permissions::SEND_MESSAGES
    } else {
        Permissions::MANAGE_MESSAGES
    };
    let flags = msg.value["flags"].as_u64().unwrap_or(0);
    let (author, copy) = (
        msg.author,
        json!({"content": msg.value["content"], "embeds": msg.value["embeds"]}),
    );
    require_channel(st, ctx.bot, c, needed)?;
    if flags & 1 != 0 {
        return Err(ApiError::new(
            400,
            40033,
            "This message has already been crossposted",
        ));
    }
    if let Some(msg) = st.world.messages.get_mut(&c).and_then(|ms| ms.get_mut(&m)) {
        msg.value["flags"] = (flags | 1).into();
    }
    message_update(ctx, st, c, m);
    let targets: Vec<(u64, u64)> = st
        .world
        .moderation
        .followers
        .iter()
        .filter(|(s, _, _)| *s == c)
        .map(|(_, t, w)| (*t, *w))
        .collect();
    let keep = ctx.cfg.replay_buffer;
    for (target, webhook) in targets {
        if !st.world.channels.contains_key(&target) || !st.world.webhooks.contains_key(&webhook) {
            continue;
        }
        let nm = NewMessage {
            channel: target,
            author,
            body: copy.clone(),
            webhook_id: Some(webhook),
            ..NewMessage::default()
        };
        let v = messages::create(st, keep, ctx.counters, nm)?;
        if let Some(new_id) = id_field(&v, "id")
            && let Some(rec) = st
                .world
                .messages
                .get_mut(&target)
                .and_then(|ms| ms.get_mut(&new_id))
        {
            rec.value["flags"] = 2.into();
            rec.value["message_reference"] = json!({
                "type": 0, "channel_id": c.to_string(), "guild_id": opt_id(guild), "message_id": m.to_string(),
            });
        }
    }
    let v = st
        .world
        .messages
        .get(&c)
        .and_then(|ms| ms.get(&m))
        .map(|msg| msg.json(Some(ctx.bot)))
        .ok_or_else(ApiError::unknown_message)?;
    Ok(Reply::json(v))
}

// ---------------------------------------------------------------------------
// Group DMs and voice channel status
// ---------------------------------------------------------------------------

/// A group DM as Discord shows it to `me`: the other recipients and the owner.
fn group_dm_json(st: &State, c: &ChannelRec, me: u64) -> Value {
    let mut v = c.json(&st.world);
    v["recipients"] = Value::Array(
        c.recipients
            .iter()
            .filter(|u| **u != me)
            .filter_map(|u| st.world.users.get(u))
            .map(|u| u.json())
            .collect(),
    );
    v["owner_id"] = opt_id(st.world.moderation.group_owners.get(&c.id).copied());
    v["name"] = c.name.clone().map_or(Value::Null, Value::String);
    v["icon"] = Value::Null;
    v
}

fn group_dm(st: &State, bot: u64, c: u64) -> Result<&ChannelRec, ApiError> {
    let ch = visible_channel(st, bot, c)?;
    if ch.kind != kind::GROUP_DM {
        return Err(cannot_on_type());
    }
    Ok(ch)
}

fn add_recipient(ctx: &mut Ctx<'_>, st: &mut State, c: &str, u: &str) -> HandlerResult {
    let (c, u) = (id(c, "channel_id")?, id(u, "user_id")?);
    let ch = group_dm(st, ctx.bot, c)?;
    let already = ch.recipients.contains(&u);
    let count = ch.recipients.len();
    let body = ctx.json()?;
    let token = string_field(&body, "access_token", 152_133)?.unwrap_or_default();
    if token.is_empty() {
        return Err(ApiError::required("access_token"));
    }
    let nick = string_field(&body, "nick", 32)?;
    // The token must be the added user's grant to this bot's application, with `gdm.join`.
    let grant = st
        .world
        .bearer_tokens
        .get(&token)
        .filter(|b| b.user == u && b.app == ctx.app)
        .ok_or_else(|| ApiError::new(401, 50025, "Invalid OAuth2 access token provided"))?;
    if !grant.scopes.iter().any(|s| s == "gdm.join") {
        return Err(ApiError::new(403, 50026, "Missing required OAuth2 scope"));
    }
    let user = st
        .world
        .users
        .get(&u)
        .map(|r| r.json())
        .ok_or_else(ApiError::unknown_user)?;
    if already {
        return Ok(Reply::no_content());
    }
    if count >= 10 {
        return Err(ApiError::new(
            400,
            30004,
            "Maximum number of recipients reached (10)",
        ));
    }
    if let Some(ch) = st.world.channels.get_mut(&c) {
        ch.recipients.push(u);
    }
    ctx.emit(
        st,
        Dispatch::new(
            "CHANNEL_RECIPIENT_ADD",
            json!({"channel_id": c.to_string(), "user": user, "nick": nick}),
        )
        .channel(c),
    );
    let ch = st
        .world
        .channels
        .get(&c)
        .ok_or_else(ApiError::unknown_channel)?;
    Ok(Reply::created(group_dm_json(st, ch, ctx.bot)))
}

fn remove_recipient(ctx: &mut Ctx<'_>, st: &mut State, c: &str, u: &str) -> HandlerResult {
    let (c, u) = (id(c, "channel_id")?, id(u, "user_id")?);
    let ch = group_dm(st, ctx.bot, c)?;
    if !ch.recipients.contains(&u) {
        return Err(ApiError::unknown_user());
    }
    let owner = st.world.moderation.group_owners.get(&c).copied();
    if u != ctx.bot && owner != Some(ctx.bot) {
        return Err(ApiError::missing_permissions());
    }
    let user = st.world.users.get(&u).map(|r| r.json());
    // The event reaches the removed user too: send it while they are still a recipient.
    ctx.emit(
        st,
        Dispatch::new(
            "CHANNEL_RECIPIENT_REMOVE",
            json!({"channel_id": c.to_string(), "user": user}),
        )
        .channel(c),
    );
    if let Some(ch) = st.world.channels.get_mut(&c) {
        ch.recipients.retain(|x| *x != u);
    }
    Ok(Reply::no_content())
}

fn voice_status(ctx: &mut Ctx<'_>, st: &mut State, c: &str) -> HandlerResult {
    let c = id(c, "channel_id")?;
    let ch = visible_channel(st, ctx.bot, c)?;
    if ch.kind != kind::GUILD_VOICE {
        return Err(cannot_on_type());
    }
    let guild = ch.guild_id;
    require_channel(st, ctx.bot, c, Permissions::SET_VOICE_CHANNEL_STATUS)?;
    let body = ctx.json()?;
    let status = string_field(&body, "status", 500)?.filter(|s| !s.is_empty());
    match &status {
        Some(s) => st.world.moderation.voice_status.insert(c, s.clone()),
        None => st.world.moderation.voice_status.remove(&c),
    };
    ctx.emit(
        st,
        Dispatch::new(
            "VOICE_CHANNEL_STATUS_UPDATE",
            json!({"id": c.to_string(), "guild_id": opt_id(guild), "status": status}),
        )
        .guild(guild)
        .channel(c)
        .intents(Intents::GUILDS),
    );
    Ok(Reply::no_content())
}

// ---------------------------------------------------------------------------
// Thread search
// ---------------------------------------------------------------------------

fn search_threads(ctx: &mut Ctx<'_>, st: &mut State, c: &str) -> HandlerResult {
    let c = id(c, "channel_id")?;
    let ch = visible_channel(st, ctx.bot, c)?;
    if ch.guild_id.is_none() || kind::is_thread(ch.kind) {
        return Err(cannot_on_type());
    }
    require_channel(st, ctx.bot, c, Permissions::READ_MESSAGE_HISTORY)?;
    let name = ctx.query("name").map(decode);
    if name.as_ref().is_some_and(|n| n.chars().count() > 100) {
        return Err(ApiError::max_length("name", 100));
    }
    query_number(ctx, "slop", 0, 100, 2)?;
    let limit = query_number(ctx, "limit", 1, 25, 25)? as usize;
    let offset = query_number(ctx, "offset", 0, 9975, 0)? as usize;
    let (min_id, max_id) = (query_id(ctx, "min_id")?, query_id(ctx, "max_id")?);
    let tags = query_all(ctx, "tag");
    if tags.len() > 20 {
        return Err(too_many("tag", 20));
    }
    let archived = match ctx.query("archived") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => {
            return Err(ApiError::form(
                "archived",
                "BOOLEAN_TYPE_CONVERT",
                "Must be either true or false.",
            ));
        }
    };
    let sort_by = ctx.query("sort_by").unwrap_or("last_message_time");
    if !matches!(
        sort_by,
        "relevance" | "creation_time" | "last_message_time" | "archive_time"
    ) {
        return Err(bad_choice(
            "sort_by",
            "relevance, creation_time, last_message_time, archive_time",
        ));
    }
    let descending = match ctx.query("sort_order").unwrap_or("desc") {
        "desc" => true,
        "asc" => false,
        _ => return Err(bad_choice("sort_order", "asc, desc")),
    };
    match ctx.query("tag_setting") {
        None | Some("match_all" | "match_some") => {}
        Some(_) => return Err(bad_choice("tag_setting", "match_all, match_some")),
    }
    let words: Vec<String> = name
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut found: Vec<&ChannelRec> = st
        .world
        .channels
        .values()
        .filter(|t| t.parent_id == Some(c) && t.thread.is_some())
        .filter(|t| st.world.can_view(t, ctx.bot))
        .filter(|t| {
            let n = t.name.as_deref().unwrap_or("").to_lowercase();
            words.iter().all(|w| n.contains(w.as_str()))
        })
        .filter(|t| archived.is_none_or(|a| t.thread.as_ref().is_some_and(|m| m.archived == a)))
        .filter(|t| min_id.is_none_or(|x| t.id >= x) && max_id.is_none_or(|x| t.id <= x))
        // The emulator keeps no applied tags: a tag filter matches no thread.
        .filter(|_| tags.is_empty())
        .collect();
    let key = |t: &ChannelRec| -> i64 {
        match sort_by {
            "archive_time" => t
                .thread
                .as_ref()
                .map_or(0, |m| m.archive_timestamp.as_millis()),
            "last_message_time" => t.last_message_id.unwrap_or(t.id) as i64,
            _ => t.id as i64,
        }
    };
    found.sort_by_key(|t| (key(t), t.id));
    if descending {
        found.reverse();
    }
    let total = found.len();
    let page: Vec<&ChannelRec> = found.into_iter().skip(offset).take(limit).collect();
    let members: Vec<Value> = page
        .iter()
        .filter_map(|t| {
            let at = t.thread.as_ref()?.members.get(&ctx.bot)?;
            Some(json!({"id": t.id.to_string(), "user_id": ctx.bot.to_string(), "join_timestamp": at.to_string(), "flags": 0}))
        })
        .collect();
    Ok(Reply::json(json!({
        "threads": page.iter().map(|t| t.json(&st.world)).collect::<Vec<_>>(),
        "members": members,
        "has_more": offset + limit < total,
        "total_results": total,
        "first_messages": [],
    })))
}

// ---------------------------------------------------------------------------
// Polls
// ---------------------------------------------------------------------------

/// The poll of a stored message (404 for an unknown message; `None` without a poll).
fn poll_of(st: &State, c: u64, m: u64) -> Result<Option<&Value>, ApiError> {
    let msg = st
        .world
        .messages
        .get(&c)
        .and_then(|ms| ms.get(&m))
        .ok_or_else(ApiError::unknown_message)?;
    Ok(msg.value.get("poll").filter(|p| p.is_object()))
}

fn has_answer(poll: &Value, answer: u64) -> bool {
    poll["answers"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x["answer_id"].as_u64() == Some(answer)))
}

/// Writes the vote counts of a poll into its stored message.
fn refresh_results(st: &mut State, c: u64, m: u64, finalized: bool) {
    let counts: Vec<Value> = st
        .world
        .moderation
        .votes
        .get(&(c, m))
        .map(|answers| {
            answers
                .iter()
                .filter(|(_, users)| !users.is_empty())
                .map(|(a, users)| json!({"id": a, "count": users.len(), "me_voted": false}))
                .collect()
        })
        .unwrap_or_default();
    if let Some(msg) = st.world.messages.get_mut(&c).and_then(|ms| ms.get_mut(&m))
        && msg.value["poll"].is_object()
    {
        msg.value["poll"]["results"] = json!({"is_finalized": finalized, "answer_counts": counts});
    }
}

fn answer_voters(ctx: &mut Ctx<'_>, st: &mut State, c: &str, m: &str, a: &str) -> HandlerResult {
    let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
    let a: u64 = a.parse().map_err(|_| {
        ApiError::form(
            "answer_id",
            "NUMBER_TYPE_COERCE",
            format!("Value \"{a}\" is not int."),
        )
    })?;
    require_channel(
        st,
        ctx.bot,
        c,
        Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY,
    )?;
    let poll = poll_of(st, c, m)?.ok_or_else(ApiError::unknown_message)?;
    if !has_answer(poll, a) {
        return Err(ApiError::form(
            "answer_id",
            "POLL_ANSWER_UNKNOWN",
            "Unknown answer.",
        ));
    }
    let after = query_id(ctx, "after")?.unwrap_or(0);
    let limit = query_number(ctx, "limit", 1, 100, 25)? as usize;
    let users: Vec<Value> = st
        .world
        .moderation
        .votes
        .get(&(c, m))
        .and_then(|answers| answers.get(&a))
        .map(|voters| {
            voters
                .range(after.saturating_add(1)..)
                .take(limit)
                .filter_map(|u| st.world.users.get(u))
                .map(|u| u.json())
                .collect()
        })
        .unwrap_or_default();
    Ok(Reply::json(json!({"users": users})))
}

fn expire_poll(ctx: &mut Ctx<'_>, st: &mut State, c: &str, m: &str) -> HandlerResult {
    let (c, m) = (id(c, "channel_id")?, id(m, "message_id")?);
    visible_channel(st, ctx.bot, c)?;
    let poll = poll_of(st, c, m)?
        .ok_or_else(|| ApiError::new(400, 520006, "Cannot expire a non-poll message"))?;
    if poll["results"]["is_finalized"].as_bool() == Some(true) {
        return Err(ApiError::new(400, 520001, "Poll expired"));
    }
    let author = st
        .world
        .messages
        .get(&c)
        .and_then(|ms| ms.get(&m))
        .map_or(0, |msg| msg.author);
    if author != ctx.bot {
        return Err(ApiError::new(
            403,
            50005,
            "Cannot edit a message authored by another user",
        ));
    }
    if let Some(msg) = st.world.messages.get_mut(&c).and_then(|ms| ms.get_mut(&m)) {
        msg.value["poll"]["expiry"] = Timestamp::now().to_string().into();
    }
    refresh_results(st, c, m, true);
    message_update(ctx, st, c, m);
    let v = st
        .world
        .messages
        .get(&c)
        .and_then(|ms| ms.get(&m))
        .map(|msg| msg.json(Some(ctx.bot)))
        .ok_or_else(ApiError::unknown_message)?;
    Ok(Reply::json(v))
}

/// Gives a new poll Discord's shape: answer ids from 1, its expiry, empty results.
pub(crate) fn shape_poll(poll: &Value) -> Value {
    let mut v = poll.clone();
    if let Some(answers) = v.get_mut("answers").and_then(Value::as_array_mut) {
        for (i, a) in answers.iter_mut().enumerate() {
            a["answer_id"] = (i + 1).into();
        }
    }
    let hours = poll.get("duration").and_then(Value::as_i64).unwrap_or(24);
    let expiry = Timestamp::from_micros(
        Timestamp::now()
            .as_micros()
            .saturating_add(hours.saturating_mul(3_600_000_000)),
    );
    if let Some(o) = v.as_object_mut() {
        o.remove("duration");
        o.insert("expiry".into(), expiry.to_string().into());
        o.entry("allow_multiselect").or_insert(false.into());
        o.entry("layout_type").or_insert(1.into());
        o.insert(
            "results".into(),
            json!({"is_finalized": false, "answer_counts": []}),
        );
    }
    v
}

// ---------------------------------------------------------------------------
// Auto moderation
// ---------------------------------------------------------------------------

/// Checks a list of strings: at most `max` entries of `min_len..=max_len` characters.
fn string_list(
    meta: &Value,
    key: &str,
    max: usize,
    max_len: usize,
) -> Result<Option<Vec<Value>>, ApiError> {
    let path = format!("trigger_metadata.{key}");
    let Some(v) = meta.get(key).filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let list = v
        .as_array()
        .ok_or_else(|| ApiError::form(&path, "LIST_TYPE_CONVERT", "Must be an array."))?;
    if list.len() > max {
        return Err(too_many(&path, max));
    }
    for (i, s) in list.iter().enumerate() {
        let item = format!("{path}.{i}");
        let s = s.as_str().ok_or_else(|| {
            ApiError::form(
                &item,
                "STRING_TYPE_CONVERT",
                "Could not interpret value as string.",
            )
        })?;
        let n = s.chars().count();
        if n == 0 || n > max_len {
            return Err(ApiError::form(
                &item,
                "BASE_TYPE_BAD_LENGTH",
                format!("Must be between 1 and {max_len} in length."),
            ));
        }
    }
    Ok(Some(list.clone()))
}

/// A rule's trigger metadata, checked and completed as Discord returns it.
fn trigger_metadata(trigger: u64, meta: &Value) -> Result<Value, ApiError> {
    let mut out = Map::new();
    match trigger {
        1 | 6 => {
            let kw = string_list(meta, "keyword_filter", 1000, 60)?;
            let re = string_list(meta, "regex_patterns", 10, 260)?;
            let al = string_list(meta, "allow_list", 100, 60)?;
            out.insert(
                "keyword_filter".into(),
                Value::Array(kw.unwrap_or_default()),
            );
            out.insert(
                "regex_patterns".into(),
                Value::Array(re.unwrap_or_default()),
            );
            out.insert("allow_list".into(), Value::Array(al.unwrap_or_default()));
        }
        4 => {
            let presets = match meta.get("presets").filter(|v| !v.is_null()) {
                None => vec![],
                Some(p) => {
                    let list = p.as_array().ok_or_else(|| {
                        ApiError::form(
                            "trigger_metadata.presets",
                            "LIST_TYPE_CONVERT",
                            "Must be an array.",
                        )
                    })?;
                    for (i, x) in list.iter().enumerate() {
                        if !matches!(x.as_u64(), Some(1..=3)) {
                            return Err(bad_choice(
                                &format!("trigger_metadata.presets.{i}"),
                                "1, 2, 3",
                            ));
                        }
                    }
                    list.clone()
                }
            };
            let al = string_list(meta, "allow_list", 1000, 60)?;
            out.insert("presets".into(), Value::Array(presets));
            out.insert("allow_list".into(), Value::Array(al.unwrap_or_default()));
        }
        5 => {
            let limit = match meta.get("mention_total_limit").filter(|v| !v.is_null()) {
                None => 0,
                Some(v) => v
                    .as_u64()
                    .filter(|n| *n <= 50)
                    .ok_or_else(|| out_of_range("trigger_metadata.mention_total_limit", 0, 50))?,
            };
            out.insert("mention_total_limit".into(), limit.into());
            out.insert(
                "mention_raid_protection_enabled".into(),
                meta.get("mention_raid_protection_enabled")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                    .into(),
            );
        }
        _ => {}
    }
    Ok(Value::Object(out))
}

/// A rule's actions, checked.
fn actions(st: &State, guild: u64, v: &Value) -> Result<Value, ApiError> {
    let list = v
        .as_array()
        .ok_or_else(|| ApiError::form("actions", "LIST_TYPE_CONVERT", "Must be an array."))?;
    if list.is_empty() {
        return Err(ApiError::form(
            "actions",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 5 in length.",
        ));
    }
    if list.len() > 5 {
        return Err(too_many("actions", 5));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, a) in list.iter().enumerate() {
        let path = format!("actions.{i}");
        let t = a["type"].as_u64().unwrap_or(0);
        let meta = &a["metadata"];
        let metadata = match t {
            1 => {
                let msg = meta.get("custom_message").and_then(Value::as_str);
                if msg.is_some_and(|m| m.chars().count() > 150) {
                    return Err(ApiError::max_length(
                        &format!("{path}.metadata.custom_message"),
                        150,
                    ));
                }
                msg.map_or(json!({}), |m| json!({"custom_message": m}))
            }
            2 => {
                let c = id_field(meta, "channel_id")
                    .ok_or_else(|| ApiError::required(&format!("{path}.metadata.channel_id")))?;
                if st.world.channels.get(&c).and_then(|ch| ch.guild_id) != Some(guild) {
                    return Err(ApiError::unknown_channel());
                }
                json!({"channel_id": c.to_string()})
            }
            3 => {
                let d = meta
                    .get("duration_seconds")
                    .filter(|d| !d.is_null())
                    .ok_or_else(|| {
                        ApiError::required(&format!("{path}.metadata.duration_seconds"))
                    })?
                    .as_u64()
                    .filter(|d| *d <= 2_419_200)
                    .ok_or_else(|| {
                        out_of_range(&format!("{path}.metadata.duration_seconds"), 0, 2_419_200)
                    })?;
                json!({"duration_seconds": d})
            }
            4 => json!({}),
            _ => return Err(bad_choice(&format!("{path}.type"), "1, 2, 3, 4")),
        };
        out.push(json!({"type": t, "metadata": metadata}));
    }
    Ok(Value::Array(out))
}

/// A list of snowflakes of at most `max` entries.
fn id_list(v: &Value, key: &str, max: usize) -> Result<Value, ApiError> {
    let list = v
        .as_array()
        .ok_or_else(|| ApiError::form(key, "LIST_TYPE_CONVERT", "Must be an array."))?;
    if list.len() > max {
        return Err(too_many(key, max));
    }
    let mut ids = Vec::with_capacity(list.len());
    for (i, x) in list.iter().enumerate() {
        let n = crate::gateway::commands::value_id(x).ok_or_else(|| {
            ApiError::form(
                &format!("{key}.{i}"),
                "NUMBER_TYPE_COERCE",
                "Value is not snowflake.",
            )
        })?;
        if !ids.contains(&n) {
            ids.push(n);
        }
    }
    Ok(Value::Array(
        ids.iter().map(|n| Value::String(n.to_string())).collect(),
    ))
}

/// Applies a create or modify body to a rule (`rule` holds the current fields).
fn apply_rule(
    st: &State,
    guild: u64,
    rule: &mut Value,
    body: &Value,
    creating: bool,
) -> Result<(), ApiError> {
    if let Some(name) = string_field(body, "name", 100)? {
        if name.is_empty() {
            return Err(ApiError::form(
                "name",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            ));
        }
        rule["name"] = name.into();
    } else if creating {
        return Err(ApiError::required("name"));
    }
    match body.get("event_type").filter(|v| !v.is_null()) {
        Some(e) => {
            let e = e
                .as_u64()
                .filter(|e| matches!(e, 1 | 2))
                .ok_or_else(|| bad_choice("event_type", "1, 2"))?;
            rule["event_type"] = e.into();
        }
        None if creating => return Err(ApiError::required("event_type")),
        None => {}
    }
    if creating {
        let t = body
            .get("trigger_type")
            .filter(|v| !v.is_null())
            .ok_or_else(|| ApiError::required("trigger_type"))?
            .as_u64()
            .filter(|t| matches!(t, 1 | 3 | 4 | 5 | 6))
            .ok_or_else(|| bad_choice("trigger_type", "1, 3, 4, 5, 6"))?;
        rule["trigger_type"] = t.into();
    }
    let trigger = rule["trigger_type"].as_u64().unwrap_or(0);
    match body.get("trigger_metadata").filter(|v| !v.is_null()) {
        Some(m) => rule["trigger_metadata"] = trigger_metadata(trigger, m)?,
        None if creating => rule["trigger_metadata"] = trigger_metadata(trigger, &json!({}))?,
        None => {}
    }
    match body.get("actions").filter(|v| !v.is_null()) {
        Some(a) => rule["actions"] = actions(st, guild, a)?,
        None if creating => return Err(ApiError::required("actions")),
        None => {}
    }
    if let Some(e) = body.get("enabled").filter(|v| !v.is_null()) {
        rule["enabled"] = e
            .as_bool()
            .ok_or_else(|| {
                ApiError::form(
                    "enabled",
                    "BOOLEAN_TYPE_CONVERT",
                    "Must be either true or false.",
                )
            })?
            .into();
    }
    if let Some(r) = body.get("exempt_roles").filter(|v| !v.is_null()) {
        rule["exempt_roles"] = id_list(r, "exempt_roles", 20)?;
    }
    if let Some(c) = body.get("exempt_channels").filter(|v| !v.is_null()) {
        rule["exempt_channels"] = id_list(c, "exempt_channels", 50)?;
    }
    Ok(())
}

/// Dispatches a rule change and records it in the audit log.
fn announce_rule(
    ctx: &Ctx<'_>,
    st: &mut State,
    guild: u64,
    event: &'static str,
    action: u16,
    rule: &Value,
) {
    ctx.emit(
        st,
        Dispatch::new(event, rule.clone())
            .guild(Some(guild))
            .intents(Intents::AUTO_MODERATION_CONFIGURATION),
    );
    let target = id_field(rule, "id");
    let changes = json!([{"key": "name", "new_value": rule["name"]}]);
    ctx.audit(st, guild, action, target, changes);
}

/// Most rules of a trigger type per guild.
fn max_of_type(trigger: u64) -> usize {
    if trigger == 1 { 6 } else { 1 }
}

fn auto_moderation(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    g: &str,
    rest: &[&str],
) -> HandlerResult {
    let g = id(g, "guild_id")?;
    require_guild(st, ctx.bot, g, Permissions::MANAGE_GUILD)?;
    let rule_of = |st: &State, r: &str| -> Result<u64, ApiError> {
        let r = id(r, "rule_id")?;
        st.world
            .moderation
            .rules
            .get(&r)
            .filter(|v| id_field(v, "guild_id") == Some(g))
            .map(|_| r)
            .ok_or_else(unknown_rule)
    };
    match (method, rest) {
        ("GET", []) => Ok(Reply::json(Value::Array(
            st.world
                .moderation
                .rules
                .values()
                .filter(|v| id_field(v, "guild_id") == Some(g))
                .cloned()
                .collect(),
        ))),
        ("GET", [r]) => {
            let r = rule_of(st, r)?;
            Ok(Reply::json(st.world.moderation.rules[&r].clone()))
        }
        ("POST", []) => {
            let body = ctx.json()?;
            let rid = st.world.ids.next();
            let mut rule = json!({
                "id": rid.to_string(), "guild_id": g.to_string(), "creator_id": ctx.bot.to_string(),
                "enabled": false, "exempt_roles": [], "exempt_channels": [],
            });
            apply_rule(st, g, &mut rule, &body, true)?;
            let trigger = rule["trigger_type"].as_u64().unwrap_or(0);
            let same = st
                .world
                .moderation
                .rules
                .values()
                .filter(|v| {
                    id_field(v, "guild_id") == Some(g)
                        && v["trigger_type"].as_u64() == Some(trigger)
                })
                .count();
            if same >= max_of_type(trigger) {
                return Err(ApiError::form(
                    "trigger_type",
                    "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED",
                    "Maximum number of rules of this type reached.",
                ));
            }
            st.world.moderation.rules.insert(rid, rule.clone());
            announce_rule(
                ctx,
                st,
                g,
                "AUTO_MODERATION_RULE_CREATE",
                audit::AUTO_MODERATION_RULE_CREATE,
                &rule,
            );
            Ok(Reply::json(rule))
        }
        ("PATCH", [r]) => {
            let r = rule_of(st, r)?;
            let body = ctx.json()?;
            let mut rule = st.world.moderation.rules[&r].clone();
            apply_rule(st, g, &mut rule, &body, false)?;
            st.world.moderation.rules.insert(r, rule.clone());
            announce_rule(
                ctx,
                st,
                g,
                "AUTO_MODERATION_RULE_UPDATE",
                audit::AUTO_MODERATION_RULE_UPDATE,
                &rule,
            );
            Ok(Reply::json(rule))
        }
        ("DELETE", [r]) => {
            let r = rule_of(st, r)?;
            let rule = st
                .world
                .moderation
                .rules
                .remove(&r)
                .ok_or_else(unknown_rule)?;
            announce_rule(
                ctx,
                st,
                g,
                "AUTO_MODERATION_RULE_DELETE",
                audit::AUTO_MODERATION_RULE_DELETE,
                &rule,
            );
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

// ---------------------------------------------------------------------------
// Voice
// ---------------------------------------------------------------------------

fn regions() -> Value {
    Value::Array(
        REGIONS
            .iter()
            .map(|(id, name)| {
                json!({"id": id, "name": name, "optimal": *id == OPTIMAL_REGION, "deprecated": false, "custom": false})
            })
            .collect(),
    )
}

fn voice_user(ctx: &Ctx<'_>, u: &str) -> Result<u64, ApiError> {
    if u == "@me" {
        Ok(ctx.bot)
    } else {
        id(u, "user_id")
    }
}

fn get_voice_state(ctx: &mut Ctx<'_>, st: &mut State, g: &str, u: &str) -> HandlerResult {
    let g = id(g, "guild_id")?;
    let u = voice_user(ctx, u)?;
    let guild = super::guild(st, ctx.bot, g)?;
    guild
        .voice_states
        .get(&u)
        .cloned()
        .map(Reply::json)
        .ok_or_else(unknown_voice_state)
}

fn update_voice_state(ctx: &mut Ctx<'_>, st: &mut State, g: &str, u: &str) -> HandlerResult {
    let g = id(g, "guild_id")?;
    let me = u == "@me";
    let u = voice_user(ctx, u)?;
    super::guild(st, ctx.bot, g)?;
    let body = ctx.json()?;
    let c = match body.get("channel_id") {
        None | Some(Value::Null) => return Err(ApiError::required("channel_id")),
        Some(_) => id_field(&body, "channel_id").ok_or_else(|| {
            ApiError::form(
                "channel_id",
                "NUMBER_TYPE_COERCE",
                "Value is not snowflake.",
            )
        })?,
    };
    let ch = visible_channel(st, ctx.bot, c)?;
    if ch.guild_id != Some(g) {
        return Err(ApiError::unknown_channel());
    }
    if ch.kind != kind::GUILD_STAGE_VOICE {
        return Err(cannot_on_type());
    }
    let suppress = match body.get("suppress").filter(|v| !v.is_null()) {
        None => None,
        Some(s) => Some(s.as_bool().ok_or_else(|| {
            ApiError::form(
                "suppress",
                "BOOLEAN_TYPE_CONVERT",
                "Must be either true or false.",
            )
        })?),
    };
    let request = match body.get("request_to_speak_timestamp") {
        None => None,
        Some(_) if !me => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(Timestamp::parse(s).map_err(|_| {
            ApiError::form(
                "request_to_speak_timestamp",
                "DATE_TIME_TYPE_PARSE",
                "Could not parse date.",
            )
        })?)),
        Some(_) => {
            return Err(ApiError::form(
                "request_to_speak_timestamp",
                "DATE_TIME_TYPE_PARSE",
                "Could not parse date.",
            ));
        }
    };
    if !me || suppress == Some(false) {
        require_channel(st, ctx.bot, c, Permissions::MUTE_MEMBERS)?;
    }
    if request.is_some_and(|r| r.is_some()) {
        require_channel(st, ctx.bot, c, Permissions::REQUEST_TO_SPEAK)?;
    }
    let state = st
        .world
        .guilds
        .get_mut(&g)
        .and_then(|guild| guild.voice_states.get_mut(&u))
        .filter(|s| id_field(s, "channel_id") == Some(c))
        .ok_or_else(not_in_voice)?;
    if let Some(s) = suppress {
        state["suppress"] = s.into();
        if !s {
            state["request_to_speak_timestamp"] = Value::Null;
        }
    }
    if let Some(r) = request {
        state["request_to_speak_timestamp"] = r.map_or(Value::Null, |t| t.to_string().into());
    }
    let v = state.clone();
    ctx.emit(
        st,
        Dispatch::new("VOICE_STATE_UPDATE", v)
            .guild(Some(g))
            .intents(Intents::GUILD_VOICE_STATES),
    );
    Ok(Reply::no_content())
}

// ---------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------

impl Emulator {
    /// Connects a guild member to a voice or stage channel (VOICE_STATE_UPDATE);
    /// in a stage channel they start suppressed, as an audience member.
    pub fn join_voice(
        &self,
        guild: GuildId,
        user: UserId,
        channel: ChannelId,
    ) -> Result<(), EmulatorError> {
        let (g, u, c) = (guild.get(), user.get(), channel.get());
        self.with(|st| {
            let ch = st
                .world
                .channels
                .get(&c)
                .ok_or_else(ApiError::unknown_channel)?;
            if ch.guild_id != Some(g)
                || !matches!(ch.kind, kind::GUILD_VOICE | kind::GUILD_STAGE_VOICE)
            {
                return Err(cannot_on_type().into());
            }
            let stage = ch.kind == kind::GUILD_STAGE_VOICE;
            let gr = st
                .world
                .guilds
                .get(&g)
                .ok_or_else(ApiError::unknown_guild)?;
            let member = gr
                .members
                .get(&u)
                .map(|m| st.world.member_json(gr, m))
                .ok_or_else(ApiError::unknown_member)?;
            let session = crate::world::make_token(u ^ c, 7);
            let state = json!({
                "guild_id": g.to_string(), "channel_id": c.to_string(), "user_id": u.to_string(),
                "member": member, "session_id": session.get(..32).unwrap_or(&session),
                "deaf": false, "mute": false, "self_deaf": false, "self_mute": false,
                "self_video": false, "suppress": stage, "request_to_speak_timestamp": null,
            });
            if let Some(gr) = st.world.guilds.get_mut(&g) {
                gr.voice_states.insert(u, state.clone());
            }
            self.emit(
                st,
                Dispatch::new("VOICE_STATE_UPDATE", state)
                    .guild(Some(g))
                    .intents(Intents::GUILD_VOICE_STATES),
            );
            Ok(())
        })
    }

    /// A user's voice state in a guild, as Discord's voice state object.
    pub fn voice_state_of(&self, guild: GuildId, user: UserId) -> Option<Value> {
        self.with(|st| {
            st.world
                .guilds
                .get(&guild.get())
                .and_then(|g| g.voice_states.get(&user.get()).cloned())
        })
    }

    /// The status text of a voice channel (`None` when unset).
    pub fn voice_channel_status(&self, channel: ChannelId) -> Option<String> {
        self.with(|st| {
            st.world
                .moderation
                .voice_status
                .get(&channel.get())
                .cloned()
        })
    }

    /// Votes for an answer of a poll as `user` (MESSAGE_POLL_VOTE_ADD); without
    /// multiselect, the user's other votes are withdrawn.
    pub fn vote_poll(
        &self,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
        answer_id: u32,
    ) -> Result<(), EmulatorError> {
        let (u, c, m, a) = (
            user.get(),
            channel.get(),
            message.get(),
            u64::from(answer_id),
        );
        self.with(|st| {
            let ch = st.world.channels.get(&c).ok_or_else(ApiError::unknown_channel)?;
            if !st.world.can_view(ch, u) {
                return Err(ApiError::missing_access().into());
            }
            let guild = ch.guild_id;
            let poll = poll_of(st, c, m)?.ok_or_else(ApiError::unknown_message)?;
            if poll["results"]["is_finalized"].as_bool() == Some(true) {
                return Err(ApiError::new(400, 520001, "Poll expired").into());
            }
            if !has_answer(poll, a) {
                return Err(ApiError::form("answer_id", "POLL_ANSWER_UNKNOWN", "Unknown answer.").into());
            }
            let multi = poll["allow_multiselect"].as_bool().unwrap_or(false);
            let answers = st.world.moderation.votes.entry((c, m)).or_default();
            if !multi {
                for voters in answers.values_mut() {
                    voters.remove(&u);
                }
            }
            answers.entry(a).or_default().insert(u);
            refresh_results(st, c, m, false);
            self.emit(
                st,
                Dispatch::new(
                    "MESSAGE_POLL_VOTE_ADD",
                    json!({
                        "user_id": u.to_string(), "channel_id": c.to_string(), "message_id": m.to_string(),
                        "guild_id": opt_id(guild), "answer_id": a,
                    }),
                )
                .guild(guild)
                .channel(c)
                .guild_or_dm(Intents::GUILD_MESSAGE_POLLS, Intents::DIRECT_MESSAGE_POLLS),
            );
            Ok(())
        })
    }

    /// Creates a group DM owned by `owner` with these recipients (the owner included).
    pub fn create_group_dm(&self, owner: UserId, recipients: &[UserId], name: &str) -> ChannelId {
        self.with(|st| {
            let id = st.world.ids.next();
            let mut members = vec![owner.get()];
            members.extend(
                recipients
                    .iter()
                    .map(|u| u.get())
                    .filter(|u| *u != owner.get()),
            );
            st.world.channels.insert(
                id,
                ChannelRec {
                    id,
                    kind: kind::GROUP_DM,
                    guild_id: None,
                    name: Some(name.to_owned()),
                    topic: None,
                    position: 0,
                    parent_id: None,
                    nsfw: false,
                    rate_limit_per_user: 0,
                    overwrites: vec![],
                    recipients: members,
                    last_message_id: None,
                    thread: None,
                    pins: vec![],
                    last_pin_timestamp: None,
                },
            );
            st.world.moderation.group_owners.insert(id, owner.get());
            ChannelId::new(id)
        })
    }

    /// The recipients of a group DM (or DM), in the order they joined.
    pub fn recipients_of(&self, channel: ChannelId) -> Vec<UserId> {
        self.with(|st| {
            st.world.channels.get(&channel.get()).map_or(vec![], |c| {
                c.recipients.iter().map(|u| UserId::new(*u)).collect()
            })
        })
    }

    /// The auto-moderation rules of a guild, as Discord's rule objects.
    pub fn auto_moderation_rules_of(&self, guild: GuildId) -> Vec<Value> {
        self.with(|st| {
            st.world
                .moderation
                .rules
                .values()
                .filter(|v| id_field(v, "guild_id") == Some(guild.get()))
                .cloned()
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_decode_without_panicking() {
        assert_eq!(decode("alpha+release"), "alpha release");
        assert_eq!(
            decode("2026-01-02T03%3A04%3A05%2B00%3A00"),
            "2026-01-02T03:04:05+00:00"
        );
        // Truncated or invalid escapes, and escapes that split a character, stay intact.
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%é"), "%é");
        assert_eq!(decode("%C3%A9"), "é");
    }

    #[test]
    fn polls_get_discord_shape() {
        let p = shape_poll(&json!({
            "question": {"text": "q"},
            "answers": [{"poll_media": {"text": "a"}}, {"poll_media": {"text": "b"}}],
            "duration": 2,
        }));
        assert_eq!(p["answers"][0]["answer_id"], 1);
        assert_eq!(p["answers"][1]["answer_id"], 2);
        assert!(p.get("duration").is_none());
        assert_eq!(p["results"]["is_finalized"], false);
        let expiry = Timestamp::parse(p["expiry"].as_str().unwrap()).unwrap();
        let hours = (expiry.as_secs() - Timestamp::now().as_secs()) / 3600;
        assert!((1..=2).contains(&hours), "{hours}");
        // Hostile durations saturate instead of overflowing.
        let far = shape_poll(&json!({"answers": [], "duration": i64::MAX}));
        assert!(far["expiry"].is_string());
    }

    #[test]
    fn trigger_metadata_is_checked_per_type() {
        assert!(trigger_metadata(1, &json!({"keyword_filter": ["x".repeat(61)]})).is_err());
        assert!(trigger_metadata(1, &json!({"keyword_filter": "not a list"})).is_err());
        assert!(trigger_metadata(4, &json!({"presets": [4]})).is_err());
        assert!(trigger_metadata(5, &json!({"mention_total_limit": 51})).is_err());
        let ok = trigger_metadata(5, &json!({"mention_total_limit": 5})).unwrap();
        assert_eq!(ok["mention_total_limit"], 5);
        assert_eq!(ok["mention_raid_protection_enabled"], false);
    }
}
